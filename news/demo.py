"""Demo content for the news: the Tin tức - Sự kiện section, four categories and a
dozen news items with pictures drawn by Pillow (nothing is downloaded)."""

import io
import random

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Locale

from portal.core.page_tree import ensure_page
from portal.demo import aware
from portal.editorial.roles import ensure_section_group

CATEGORIES = [
    ("hoat-dong-cua-so", "Hoạt động của Sở", "Tin về các hoạt động của Sở Nội vụ tỉnh Kon Tum."),
    ("cai-cach-hanh-chinh", "Cải cách hành chính", "Tin về công tác cải cách hành chính của tỉnh."),
    ("thi-dua-khen-thuong", "Thi đua - Khen thưởng", "Tin về phong trào thi đua và công tác khen thưởng."),
    ("van-thu-luu-tru", "Văn thư - Lưu trữ", "Tin về công tác văn thư, lưu trữ nhà nước."),
]

# (slug, title, sapo, paragraphs, category slugs, tags, published (y, m, d, h, min), author, source, colour)
NEWS = [
    (
        "hoi-nghi-tong-ket-cong-tac-noi-vu-nam-2022",
        "Hội nghị tổng kết công tác nội vụ năm 2022, triển khai nhiệm vụ năm 2023",
        "Sáng 10/01/2023, Sở Nội vụ tổ chức Hội nghị tổng kết công tác nội vụ năm 2022 và triển khai nhiệm vụ "
        "năm 2023 với sự tham dự của lãnh đạo Ủy ban nhân dân tỉnh.",
        [
            "Năm 2022, ngành Nội vụ tỉnh Kon Tum đã hoàn thành tốt các nhiệm vụ được giao, đặc biệt trong công tác "
            "sắp xếp tổ chức bộ máy, tinh giản biên chế và cải cách hành chính.",
            "Phát biểu chỉ đạo, đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh đề nghị ngành Nội vụ tiếp tục tham mưu "
            "nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức, gắn với đẩy mạnh chuyển đổi số.",
        ],
        ["hoat-dong-cua-so"],
        ["tổng kết", "công tác nội vụ"],
        (2023, 1, 10, 9, 30),
        "Minh Anh",
        "Văn phòng Sở",
        (165, 14, 31),
    ),
    (
        "cong-bo-chi-so-cai-cach-hanh-chinh-nam-2022",
        "Công bố Chỉ số cải cách hành chính năm 2022 của các sở, ban, ngành và địa phương",
        "Ủy ban nhân dân tỉnh công bố kết quả Chỉ số cải cách hành chính năm 2022; nhiều đơn vị có bước tiến rõ "
        "rệt so với năm trước.",
        [
            "Chỉ số cải cách hành chính được đánh giá trên các lĩnh vực: công tác chỉ đạo, điều hành; cải cách thể "
            "chế; cải cách thủ tục hành chính; cải cách tổ chức bộ máy; cải cách chế độ công vụ; cải cách tài chính "
            "công và xây dựng, phát triển chính quyền điện tử, chính quyền số.",
            "Sở Nội vụ đề nghị các đơn vị phân tích kỹ các tiêu chí bị trừ điểm để có giải pháp khắc phục ngay trong "
            "năm 2023.",
        ],
        ["cai-cach-hanh-chinh"],
        ["chỉ số PAR", "cải cách hành chính"],
        (2023, 3, 22, 14, 15),
        "Thu Hà",
        "Phòng Cải cách hành chính",
        (11, 79, 138),
    ),
    (
        "tap-huan-nghiep-vu-van-thu-luu-tru-2022",
        "Tập huấn nghiệp vụ văn thư, lưu trữ cho công chức cấp xã",
        "Chi cục Văn thư - Lưu trữ tổ chức lớp tập huấn nghiệp vụ cho hơn 200 công chức văn phòng - thống kê "
        "các xã, phường, thị trấn trên địa bàn tỉnh.",
        [
            "Các học viên được hướng dẫn về thể thức, kỹ thuật trình bày văn bản hành chính theo Nghị định số "
            "30/2020/NĐ-CP, lập hồ sơ và nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan.",
            "Lớp tập huấn dành nhiều thời gian cho phần thực hành lập hồ sơ điện tử trên hệ thống quản lý văn bản "
            "và điều hành.",
        ],
        ["van-thu-luu-tru"],
        ["tập huấn", "văn thư", "lưu trữ"],
        (2022, 8, 17, 8, 0),
        "Quốc Bảo",
        "Chi cục Văn thư - Lưu trữ",
        (46, 125, 50),
    ),
    (
        "khen-thuong-tap-the-ca-nhan-phong-chong-covid-19",
        "Khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phòng, chống dịch Covid-19",
        "Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho 45 tập thể và 120 cá nhân có thành tích xuất sắc "
        "trong Phong trào thi đua đặc biệt phòng, chống dịch Covid-19.",
        [
            "Phong trào thi đua đặc biệt được phát động từ tháng 11 năm 2021 đã lan tỏa mạnh mẽ trong các cơ quan, "
            "đơn vị và Nhân dân các dân tộc tỉnh Kon Tum.",
            "Ban Thi đua - Khen thưởng đã thẩm định hồ sơ theo trình tự, thủ tục rút gọn, bảo đảm khen thưởng kịp "
            "thời, chính xác, công khai, minh bạch.",
        ],
        ["thi-dua-khen-thuong"],
        ["khen thưởng", "Covid-19"],
        (2022, 5, 12, 15, 45),
        "Hồng Nhung",
        "Ban Thi đua - Khen thưởng",
        (191, 144, 0),
    ),
    (
        "trien-khai-luat-thi-dua-khen-thuong-2022",
        "Triển khai Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn",
        "Sở Nội vụ tổ chức hội nghị quán triệt Luật Thi đua, khen thưởng số 06/2022/QH15 cho cán bộ làm công "
        "tác thi đua, khen thưởng của các sở, ngành, địa phương.",
        [
            "Luật có hiệu lực từ ngày 01/01/2024 với nhiều điểm mới về phong trào thi đua thường xuyên và thi đua "
            "theo chuyên đề, về đối tượng và tiêu chuẩn khen thưởng.",
            "Hội nghị cũng giới thiệu Nghị định số 98/2023/NĐ-CP quy định chi tiết thi hành một số điều của Luật.",
        ],
        ["thi-dua-khen-thuong", "hoat-dong-cua-so"],
        ["Luật Thi đua, khen thưởng", "khen thưởng"],
        (2023, 11, 28, 8, 30),
        "Minh Anh",
        "Ban Thi đua - Khen thưởng",
        (128, 64, 0),
    ),
    (
        "so-hoa-tai-lieu-luu-tru-lich-su-tinh",
        "Đẩy nhanh số hóa tài liệu tại Lưu trữ lịch sử tỉnh",
        "Hơn 1,2 triệu trang tài liệu lưu trữ đã được số hóa, phục vụ khai thác, sử dụng trực tuyến cho tổ chức "
        "và cá nhân.",
        [
            "Việc số hóa được thực hiện theo lộ trình của Đề án chuyển đổi số trong công tác văn thư, lưu trữ giai "
            "đoạn 2023 - 2025.",
            "Người dân có thể đăng ký khai thác tài liệu trực tuyến mà không cần đến trực tiếp phòng đọc.",
        ],
        ["van-thu-luu-tru", "cai-cach-hanh-chinh"],
        ["chuyển đổi số", "lưu trữ"],
        (2024, 4, 9, 10, 0),
        "Quốc Bảo",
        "Chi cục Văn thư - Lưu trữ",
        (0, 105, 92),
    ),
    (
        "ra-soat-sap-xep-don-vi-hanh-chinh-cap-xa",
        "Rà soát, sắp xếp đơn vị hành chính cấp xã giai đoạn 2023 - 2025",
        "Sở Nội vụ chủ trì, phối hợp với các huyện, thành phố rà soát các đơn vị hành chính cấp xã chưa đạt "
        "tiêu chuẩn về diện tích tự nhiên và quy mô dân số.",
        [
            "Việc sắp xếp được thực hiện theo Nghị quyết số 35/2023/UBTVQH15, bảo đảm ổn định đời sống Nhân dân và "
            "hoạt động của chính quyền cơ sở.",
            "Các địa phương được yêu cầu lấy ý kiến cử tri và chuẩn bị phương án bố trí cán bộ, công chức dôi dư.",
        ],
        ["hoat-dong-cua-so"],
        ["đơn vị hành chính", "chính quyền địa phương"],
        (2024, 7, 2, 16, 20),
        "Thu Hà",
        "Phòng Xây dựng chính quyền",
        (94, 53, 177),
    ),
    (
        "mot-cua-lien-thong-thu-tuc-hanh-chinh",
        "Nâng cao chất lượng giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông",
        "Tỷ lệ hồ sơ thủ tục hành chính thuộc thẩm quyền của Sở Nội vụ được giải quyết đúng hạn đạt 100% trong "
        "năm 2024.",
        [
            "Toàn bộ thủ tục hành chính của Sở được tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh và trên "
            "Cổng dịch vụ công.",
            "Sở tiếp tục rà soát, đơn giản hóa thành phần hồ sơ, rút ngắn thời gian giải quyết so với quy định.",
        ],
        ["cai-cach-hanh-chinh"],
        ["thủ tục hành chính", "một cửa"],
        (2024, 12, 18, 9, 10),
        "Hồng Nhung",
        "Phòng Cải cách hành chính",
        (21, 101, 192),
    ),
    (
        "thi-tuyen-cong-chuc-tinh-kon-tum-2024",
        "Tổ chức thi tuyển công chức hành chính tỉnh Kon Tum năm 2024",
        "Kỳ thi tuyển công chức năm 2024 được tổ chức trên máy vi tính tại Trường Cao đẳng Kon Tum với 412 thí "
        "sinh dự thi.",
        [
            "Vòng 1 thi trắc nghiệm kiến thức chung và ngoại ngữ trên máy vi tính; kết quả được công bố ngay sau "
            "mỗi ca thi.",
            "Hội đồng tuyển dụng bảo đảm kỳ thi diễn ra nghiêm túc, khách quan, đúng quy chế.",
        ],
        ["hoat-dong-cua-so"],
        ["tuyển dụng", "công chức"],
        (2024, 10, 5, 7, 30),
        "Minh Anh",
        "Hội đồng tuyển dụng công chức tỉnh",
        (165, 14, 31),
    ),
    (
        "phat-dong-thi-dua-nam-2025",
        "Phát động phong trào thi đua năm 2025 lập thành tích chào mừng Đại hội Đảng các cấp",
        "Hội đồng Thi đua - Khen thưởng tỉnh phát động phong trào thi đua năm 2025 hướng tới Đại hội Đảng bộ "
        "tỉnh lần thứ XVII.",
        [
            "Phong trào tập trung vào các nội dung: hoàn thành toàn diện các chỉ tiêu phát triển kinh tế - xã hội, "
            "đẩy mạnh cải cách hành chính, chuyển đổi số và xây dựng nông thôn mới.",
            "Các cụm, khối thi đua đăng ký giao ước thi đua trước ngày 31/3/2025.",
        ],
        ["thi-dua-khen-thuong"],
        ["phong trào thi đua"],
        (2025, 2, 20, 14, 0),
        "Hồng Nhung",
        "Ban Thi đua - Khen thưởng",
        (191, 144, 0),
    ),
    (
        "ung-dung-ho-so-dien-tu-cong-chuc",
        "Vận hành cơ sở dữ liệu hồ sơ điện tử cán bộ, công chức, viên chức",
        "Cơ sở dữ liệu hồ sơ điện tử đã cập nhật đầy đủ thông tin của hơn 18.000 cán bộ, công chức, viên chức "
        "và kết nối với Cơ sở dữ liệu quốc gia.",
        [
            "Việc cập nhật, chuẩn hóa dữ liệu giúp các cơ quan quản lý nhân sự nhanh chóng, chính xác, giảm giấy tờ.",
            "Sở Nội vụ đề nghị các đơn vị thường xuyên cập nhật biến động nhân sự trên hệ thống.",
        ],
        ["cai-cach-hanh-chinh", "hoat-dong-cua-so"],
        ["chuyển đổi số", "cơ sở dữ liệu"],
        (2025, 6, 11, 10, 45),
        "Thu Hà",
        "Phòng Công chức, viên chức",
        (0, 105, 92),
    ),
    (
        "kiem-tra-cong-tac-van-thu-luu-tru-2025",
        "Kiểm tra công tác văn thư, lưu trữ tại các cơ quan, tổ chức năm 2025",
        "Đoàn kiểm tra của Sở Nội vụ đã làm việc tại 15 cơ quan, tổ chức thuộc nguồn nộp lưu tài liệu vào Lưu "
        "trữ lịch sử tỉnh.",
        [
            "Qua kiểm tra, phần lớn các cơ quan đã ban hành đầy đủ quy chế, danh mục hồ sơ và bố trí kho lưu trữ "
            "theo quy định.",
            "Đoàn kiểm tra đề nghị các đơn vị khắc phục tình trạng tài liệu tích đống và đẩy mạnh lập hồ sơ điện tử.",
        ],
        ["van-thu-luu-tru"],
        ["kiểm tra", "lưu trữ"],
        (2025, 9, 24, 15, 0),
        "Quốc Bảo",
        "Chi cục Văn thư - Lưu trữ",
        (46, 125, 50),
    ),
]


def draw_picture(title, colour, seed, size=(960, 600)):
    """A simple illustration: a coloured sky, hills and a building. PNG bytes. The title is
    not drawn in: the page shows it as text beside the picture."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    width, height = size
    picture = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    r, g, b = colour
    for y in range(height // 2):  # sky gradient towards white
        t = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=(int(r + (255 - r) * t), int(g + (255 - g) * t), int(b + (255 - b) * t)))
    for i in range(3):  # hills
        base = height // 2 + i * 60
        points = (
            [(0, height)] + [(x, base - rnd.randint(0, 80)) for x in range(0, width + 120, 120)] + [(width, height)]
        )
        shade = 90 - i * 20
        draw.polygon(points, fill=(40 + shade // 2, 100 + shade, 50 + shade // 3))
    left, top = width // 2 - 170, height // 2 - 40  # the building
    draw.rectangle([left, top, left + 340, top + 190], fill=(245, 240, 230), outline=(120, 100, 80), width=4)
    draw.polygon([(left - 20, top), (left + 170, top - 90), (left + 360, top)], fill=(170, 40, 40))
    for column in range(6):
        x = left + 25 + column * 55
        draw.rectangle([x, top + 30, x + 22, top + 170], fill=(215, 205, 190))
    draw.ellipse([left + 150, top - 70, left + 190, top - 30], fill=(255, 205, 0))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def demo_image(title, colour, slug):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = draw_picture(title, colour, seed=slug)
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(data), name=f"{slug}.png")
    image.save()
    return image


def ensure_categories(locale):
    from news.models import NewsCategory

    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES):
        category, _ = NewsCategory.objects.get_or_create(
            locale=locale, slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        categories[slug] = category
    return categories


def ensure_section(home, stdout):
    """The Tin tức - Sự kiện listing and its categories, without any news (also used by
    ``manage.py setup_site``). Returns ``(index, categories)``."""
    from news.models import NewsIndexPage

    locale = home.locale if home.locale_id else Locale.get_default()
    categories = ensure_categories(locale)
    index, created = ensure_page(
        home,
        NewsIndexPage,
        "tin-tuc",
        title="Tin tức - Sự kiện",
        intro="Tin tức, sự kiện về hoạt động của Sở Nội vụ và ngành Nội vụ tỉnh Kon Tum.",
        show_in_menus=True,
    )
    if created:
        stdout.write("  + Tin tức - Sự kiện")
    return index, categories


def load(home, stdout):
    from news.models import NewsPage

    index, categories = ensure_section(home, stdout)
    news_pages = []
    for slug, title, sapo, paragraphs, category_slugs, tags, when, author, source, colour in NEWS:
        existing = index.get_children().filter(slug=slug).first()
        if existing is not None:
            news_pages.append(existing.specific)
            continue
        body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
        body.insert(1, ("quote", {"text": sapo, "attribution": source}))
        published = aware(*when)
        page = NewsPage(
            slug=slug,
            title=title,
            sapo=sapo,
            image=demo_image(title, colour, slug),
            image_caption=f"Ảnh minh họa: {title}",
            body=body,
            author=author,
            source=source,
            published_at=published,
            categories=[categories[c] for c in category_slugs],
        )
        page.tags.add(*tags)
        index.add_child(instance=page)
        page.save_revision().publish()
        NewsPage.objects.filter(pk=page.pk).update(first_published_at=published, last_published_at=published)
        stdout.write(f"  + {title}")
        news_pages.append(page)
    ensure_featured(home, sorted(news_pages, key=lambda p: p.published_at, reverse=True)[:3])
    # The news section has its own editors (docs: "Biên tập viên chuyên mục").
    ensure_section_group(SECTION_EDITORS, index)


SECTION_EDITORS = "Biên tập viên Tin tức"


def ensure_featured(home, pages):
    """Feature a few news items on the home page, unless editors already chose some."""
    from portal.models import HomeFeaturedItem

    home = type(home).objects.get(pk=home.pk)  # the caller's copy may predate its own publish()
    if home.featured_items.exists() or not pages or home.has_unpublished_changes:
        return
    home.featured_items = [HomeFeaturedItem(page=p) for p in pages]
    home.save_revision().publish()
