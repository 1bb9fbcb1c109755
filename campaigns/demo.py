"""Demo content for campaigns and plans (called from the ``portal_load_demo`` hook).

Reproduces the plan of ``source-page.txt`` (Kế hoạch số 57/KH-SNV, published 11/11/2021
07:53, 3134 views) with its campaign and attachment, plus a few other plans across
2021–2025 and a second campaign. Running it again creates nothing.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from hitcount.models import HitCount
from wagtail.documents import get_document_model

from campaigns import demo_pdf
from campaigns.models import (
    CampaignContentItem,
    CampaignIndexPage,
    CampaignPage,
    PlanAttachment,
    PlanIndexPage,
    PlanPage,
    RewardForm,
)
from portal.core.page_tree import ensure_page
from portal.demo import aware

P = "paragraph"
SNV = "Sở Nội vụ tỉnh Kon Tum"
UBND = "Ủy ban nhân dân tỉnh Kon Tum"
SNV_HEADER = ["ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ NỘI VỤ"]
UBND_HEADER = ["ỦY BAN NHÂN DÂN", "TỈNH KON TUM"]

REWARDS = [
    ("Huân chương Lao động", 10),
    ("Bằng khen của Thủ tướng Chính phủ", 20),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 30),
    ("Giấy khen của Giám đốc Sở Nội vụ", 40),
]

COVID_SLOGAN = (
    "đoàn kết, chung sức, đồng lòng cùng Nhân dân cả nước thi đua phòng, chống và chiến thắng đại dịch Covid-19"
)
COVID_CAMPAIGN_TITLE = f"Phong trào thi đua đặc biệt “Nhân dân tỉnh Kon Tum {COVID_SLOGAN}”"
SOURCE_TITLE = f"Kế hoạch triển khai Phong trào thi đua đặc biệt “Nhân dân tỉnh Kon Tum {COVID_SLOGAN}”"
SOURCE_ATTACHMENT_TITLE = (
    f"Kế hoạch số 57/KH-SNV về triển khai Phong trào thi đua đặc biệt “Sở Nội vụ tỉnh Kon Tum {COVID_SLOGAN}”."
)
SOURCE_VIEWS = 3134

SOURCE_INTRO = (
    "Thực hiện Kế hoạch số 3510/KH-UBND ngày 30 tháng 9 năm 2021 của Ủy ban nhân dân tỉnh về triển khai Phong "
    f"trào thi đua đặc biệt “Nhân dân tỉnh Kon Tum {COVID_SLOGAN}”. Để góp phần cùng cả nước quyết tâm đẩy lùi "
    "dịch bệnh COVID-19, ngày 11/11/2021, Sở Nội vụ ban hành Kế hoạch số 57/KH-SNV về triển khai Phong trào thi "
    f"đua đặc biệt “Sở Nội vụ tỉnh Kon Tum {COVID_SLOGAN}”."
)
SOURCE_PURPOSE = (
    "Phát huy tính chủ động, sáng tạo, đoàn kết của đội ngũ công chức, người lao động thuộc Sở, tập trung cao nhất "
    "mọi nguồn lực cho công tác phòng, chống đại dịch COVID-19 với phương châm “phòng là cơ bản, chiến lược lâu dài; "
    "chống là quan trọng, thường xuyên”; thực hiện thắng lợi “mục tiêu kép”: vừa phòng, chống đại dịch COVID-19, "
    "vừa phục hồi và phát triển kinh tế - xã hội, bảo đảm an sinh xã hội và đời sống, sức khỏe công chức, người lao "
    "động thuộc Sở. Tổ chức phong trào thi đua với nội dung, hình thức phong phú, phù hợp, thiết thực nhằm khơi dậy "
    "mạnh mẽ tinh thần yêu nước, ý chí tự lực, tự cường dân tộc, tinh thần đoàn kết, tương thân tương ái; huy động "
    "công chức, người lao động tích cực tham gia, đề xuất các giải pháp và biện pháp trên mọi lĩnh vực để đẩy lùi "
    "dịch bệnh, hạn chế thiệt hại về người, tài sản. Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành "
    "tích xuất sắc trong công tác phòng, chống đại dịch COVID-19 đảm bảo chính xác, công khai, minh bạch."
)
SOURCE_ITEMS = [
    "Thi đua thực hiện tốt các chủ trương, Nghị quyết, Chỉ thị, Kết luận của Trung ương, Tỉnh ủy, Ủy ban nhân dân "
    "tỉnh, Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh và Trung tâm Chỉ huy phòng, chống dịch COVID-19 tỉnh về công "
    "tác phòng chống đại dịch COVID-19. Đề cao vai trò, trách nhiệm của người đứng đầu trong công tác lãnh đạo, chỉ "
    "đạo, điều hành, xây dựng kế hoạch, tổ chức triển khai và phân công nhiệm vụ cho từng đơn vị, công chức thực hiện "
    "các nhiệm vụ để đáp ứng yêu cầu cấp bách của công tác phòng, chống đại dịch.",
    "Thi đua phát huy sáng kiến, giải pháp trong thực hiện nhiệm vụ chuyên môn kết hợp với công tác phòng chống dịch "
    "Covid-19.",
    "Thi đua giữ vững ổn định chính trị, bảo đảm quốc phòng, an ninh, trật tự, an toàn xã hội, không để bị động, bất "
    "ngờ trong mọi tình huống; chủ động đấu tranh với các thế lực phản động, thù địch trong và ngoài nước lợi dụng "
    "tình hình đại dịch để gây rối, chống phá.",
    "Thi đua đẩy mạnh ứng dụng công nghệ thông tin trong công tác phòng, chống đại dịch COVID-19; tuyên truyền sâu "
    "rộng để người dân hiểu, tin tưởng, thực hiện các biện pháp phòng, chống đại dịch do Chính phủ, Thủ tướng Chính "
    "phủ và chính quyền các cấp triển khai.",
]
SOURCE_PERIOD = (
    "Từ tháng 11 năm 2021 đến khi tình hình dịch bệnh Covid-19 cơ bản được kiểm soát trên phạm vi toàn quốc."
)
SOURCE_REWARDS_LINE = (
    "Huân chương Lao động; Bằng khen của Thủ tướng Chính phủ; Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh; "
    "Giấy khen của Giám đốc Sở Nội vụ."
)


SOURCE_REWARDS = [reward.strip().rstrip(".") for reward in SOURCE_REWARDS_LINE.split(";")]


def _source_body():
    """The source page's text, with its "- Về …:" lines as real headings and lists."""
    html = [f"<p>{SOURCE_INTRO}</p>", f"<p>Với mục đích: {SOURCE_PURPOSE}</p>", "<h2>Về nội dung thi đua</h2>"]
    html += ["<ul>", *(f"<li>{item}</li>" for item in SOURCE_ITEMS), "</ul>"]
    html += ["<h2>Thời gian phát động thi đua</h2>", f"<p>{SOURCE_PERIOD}</p>"]
    html += ["<h2>Hình thức khen thưởng</h2>", "<ul>", *(f"<li>{reward}</li>" for reward in SOURCE_REWARDS), "</ul>"]
    return [(P, "".join(html))]


CULTURE_TITLE = (
    "Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025"
)

# Other plans: (slug, number, issue date, issuing body, campaign key, title, summary, paragraphs, published)
OTHER_PLANS = [
    (
        "ke-hoach-3510-kh-ubnd-phong-trao-thi-dua-dac-biet-covid-19",
        "3510/KH-UBND",
        datetime.date(2021, 9, 30),
        UBND,
        "covid",
        f"Kế hoạch của Ủy ban nhân dân tỉnh về triển khai Phong trào thi đua đặc biệt “Nhân dân tỉnh Kon Tum {COVID_SLOGAN}”",
        f"Triển khai Phong trào thi đua đặc biệt “Nhân dân tỉnh Kon Tum {COVID_SLOGAN}”.",
        [
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai Phong trào thi đua đặc biệt trên địa bàn tỉnh, yêu cầu "
            "các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch triển khai tại cơ quan, đơn vị.",
            "Các cơ quan, đơn vị báo cáo kết quả thực hiện phong trào về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) để tổng "
            "hợp, đề nghị khen thưởng theo quy định.",
        ],
        aware(2021, 10, 4, 9, 15),
    ),
    (
        "ke-hoach-cong-tac-thi-dua-khen-thuong-nam-2022",
        "08/KH-SNV",
        datetime.date(2022, 1, 20),
        SNV,
        None,
        "Kế hoạch công tác thi đua, khen thưởng năm 2022 của Sở Nội vụ",
        "Tổ chức thực hiện công tác thi đua, khen thưởng năm 2022 tại Sở Nội vụ.",
        [
            "Nhằm động viên công chức, người lao động thuộc Sở thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm "
            "2022, Sở Nội vụ ban hành Kế hoạch công tác thi đua, khen thưởng năm 2022.",
            "Các phòng, đơn vị thuộc Sở tổ chức đăng ký thi đua trước ngày 28/02/2022; gửi báo cáo tổng kết và hồ sơ "
            "đề nghị khen thưởng về Văn phòng Sở trước ngày 15/12/2022.",
        ],
        aware(2022, 1, 21, 8, 30),
    ),
    (
        "ke-hoach-thuc-hien-van-hoa-cong-so-nam-2022",
        "41/KH-SNV",
        datetime.date(2022, 6, 15),
        SNV,
        "culture",
        "Kế hoạch triển khai Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm 2022",
        "Triển khai Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm 2022.",
        [
            "Xây dựng phong cách ứng xử chuẩn mực, chuyên nghiệp của công chức, người lao động trong thực thi công vụ; "
            "nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
            "Mỗi phòng, đơn vị thuộc Sở đăng ký ít nhất một nội dung cải tiến về văn hóa công sở và báo cáo kết quả "
            "thực hiện sáu tháng, cả năm.",
        ],
        aware(2022, 6, 16, 14, 5),
    ),
    (
        "ke-hoach-cai-cach-hanh-chinh-nam-2023",
        "27/KH-SNV",
        datetime.date(2023, 3, 10),
        SNV,
        None,
        "Kế hoạch cải cách hành chính năm 2023 của Sở Nội vụ",
        "Thực hiện công tác cải cách hành chính năm 2023 tại Sở Nội vụ.",
        [
            "Tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao tỷ lệ hồ sơ giải quyết trực tuyến; cải thiện "
            "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước.",
            "Thi đua thực hiện tốt nhiệm vụ cải cách hành chính là một tiêu chí bình xét thi đua, khen thưởng cuối năm.",
        ],
        aware(2023, 3, 13, 10, 20),
    ),
    (
        "ke-hoach-thuc-hien-van-hoa-cong-so-nam-2024",
        "19/KH-SNV",
        datetime.date(2024, 3, 5),
        SNV,
        "culture",
        "Kế hoạch thực hiện Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm 2024",
        "Thực hiện Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm 2024.",
        [
            "Tiếp tục thực hiện nghiêm quy định về trang phục, giao tiếp, ứng xử và bài trí công sở; lấy ý kiến người "
            "dân đến làm việc về thái độ phục vụ của công chức.",
            "Sơ kết việc thực hiện phong trào, biểu dương tập thể, cá nhân tiêu biểu nhân dịp tổng kết năm.",
        ],
        aware(2024, 3, 6, 7, 45),
    ),
    (
        "ke-hoach-cong-tac-thi-dua-khen-thuong-nam-2025",
        "12/KH-SNV",
        datetime.date(2025, 2, 14),
        SNV,
        None,
        "Kế hoạch công tác thi đua, khen thưởng năm 2025 của Sở Nội vụ",
        "Tổ chức thực hiện công tác thi đua, khen thưởng năm 2025 tại Sở Nội vụ.",
        [
            "Triển khai thực hiện Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn; tổ chức các phong trào "
            "thi đua thiết thực, chào mừng các ngày lễ lớn của đất nước và của tỉnh trong năm 2025.",
            "Khen thưởng kịp thời, chính xác, công khai, minh bạch; chú trọng khen thưởng công chức, người lao động "
            "trực tiếp thực hiện nhiệm vụ.",
        ],
        aware(2025, 2, 17, 8, 0),
    ),
]


def _say(stdout, page, created):
    if created:
        stdout.write(f"  + {page.title}")


def _pdf_document(title, filename, **fields):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(filename, ContentFile(demo_pdf.render(**fields)), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _long_date(day):
    return f"Kon Tum, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def ensure_rewards():
    rewards = []
    for name, rank in REWARDS:
        reward, _ = RewardForm.objects.get_or_create(name=name, defaults={"rank": rank})
        rewards.append(reward)
    return rewards


def ensure_sections(home, stdout):
    """The Thi đua - Khen thưởng and Kế hoạch listings and the reward forms, without any
    campaign or plan (also used by ``manage.py setup_site``). Returns both indexes."""
    campaign_index, created = ensure_page(
        home,
        CampaignIndexPage,
        "thi-dua-khen-thuong",
        title="Thi đua - Khen thưởng",
        intro="<p>Các phong trào thi đua do Sở Nội vụ tỉnh Kon Tum phát động và triển khai.</p>",
        show_in_menus=True,
    )
    _say(stdout, campaign_index, created)
    plan_index, created = ensure_page(
        home,
        PlanIndexPage,
        "ke-hoach",
        title="Kế hoạch",
        intro="<p>Kế hoạch do Sở Nội vụ tỉnh Kon Tum ban hành và các kế hoạch của tỉnh mà Sở triển khai.</p>",
        show_in_menus=True,
    )
    _say(stdout, plan_index, created)
    ensure_rewards()
    return campaign_index, plan_index


def ensure_campaigns(index, stdout):
    campaigns = {}
    if not index.get_children().filter(slug="phong-trao-thi-dua-dac-biet-phong-chong-covid-19").exists():
        rewards = ensure_rewards()
        page, created = ensure_page(
            index,
            CampaignPage,
            "phong-trao-thi-dua-dac-biet-phong-chong-covid-19",
            title=COVID_CAMPAIGN_TITLE,
            summary=(
                "Phong trào thi đua đặc biệt phát động trên địa bàn tỉnh nhằm chung sức phòng, chống và chiến thắng "
                "đại dịch Covid-19."
            ),
            kind=CampaignPage.Kind.TOPICAL,
            purpose=f"<p>{SOURCE_PURPOSE}</p>",
            launch_start=datetime.date(2021, 11, 1),
            launch_period_text=SOURCE_PERIOD,
            status=CampaignPage.Status.ENDED,
            content_items=[CampaignContentItem(text=text, sort_order=i) for i, text in enumerate(SOURCE_ITEMS)],
            reward_forms=rewards,
            published_at=aware(2021, 11, 11, 7, 40),
        )
        _say(stdout, page, created)
    campaigns["covid"] = index.get_children().get(slug="phong-trao-thi-dua-dac-biet-phong-chong-covid-19").specific
    if not index.get_children().filter(slug="van-hoa-cong-so-2019-2025").exists():
        rewards = ensure_rewards()
        page, created = ensure_page(
            index,
            CampaignPage,
            "van-hoa-cong-so-2019-2025",
            title=CULTURE_TITLE,
            summary="Xây dựng văn hóa công sở chuẩn mực, chuyên nghiệp, phục vụ Nhân dân.",
            kind=CampaignPage.Kind.TOPICAL,
            purpose=(
                "<p>Nâng cao ý thức, trách nhiệm của cán bộ, công chức, viên chức trong thực thi công vụ; xây dựng môi "
                "trường làm việc văn minh, hiện đại, góp phần nâng cao chất lượng phục vụ người dân và doanh nghiệp.</p>"
            ),
            launch_start=datetime.date(2019, 9, 1),
            launch_end=datetime.date(2025, 12, 31),
            status=CampaignPage.Status.ACTIVE,
            content_items=[
                CampaignContentItem(text=text, sort_order=i)
                for i, text in enumerate(
                    [
                        "Thi đua thực hiện nghiêm túc quy định về trang phục, giao tiếp và ứng xử của cán bộ, công "
                        "chức, viên chức.",
                        "Thi đua xây dựng công sở xanh, sạch, đẹp, an toàn; bài trí công sở khoa học, thống nhất.",
                        "Thi đua nâng cao chất lượng phục vụ, tăng sự hài lòng của người dân, doanh nghiệp.",
                    ]
                )
            ],
            reward_forms=rewards[2:],
            published_at=aware(2019, 9, 10, 9, 0),
        )
        _say(stdout, page, created)
    campaigns["culture"] = index.get_children().get(slug="van-hoa-cong-so-2019-2025").specific
    return campaigns


def ensure_source_plan(index, campaign, stdout):
    slug = "ke-hoach-57-kh-snv-phong-trao-thi-dua-dac-biet-phong-chong-covid-19"
    existing = index.get_children().filter(slug=slug).first()
    if existing is None:
        document = _pdf_document(
            SOURCE_ATTACHMENT_TITLE,
            "ke-hoach-57-kh-snv.pdf",
            agency_lines=SNV_HEADER,
            number="Số: 57/KH-SNV",
            place_date=_long_date(datetime.date(2021, 11, 11)),
            heading="KẾ HOẠCH",
            subject=f"Triển khai Phong trào thi đua đặc biệt “Sở Nội vụ tỉnh Kon Tum {COVID_SLOGAN}”",
            paragraphs=[
                SOURCE_INTRO,
                "I. MỤC ĐÍCH, YÊU CẦU",
                SOURCE_PURPOSE,
                "II. NỘI DUNG THI ĐUA",
                *[f"{i}. {item}" for i, item in enumerate(SOURCE_ITEMS, start=1)],
                f"III. THỜI GIAN PHÁT ĐỘNG THI ĐUA: {SOURCE_PERIOD}",
                f"IV. HÌNH THỨC KHEN THƯỞNG: {SOURCE_REWARDS_LINE}",
            ],
            signer_lines=["GIÁM ĐỐC"],
        )
        page, created = ensure_page(
            index,
            PlanPage,
            slug,
            title=SOURCE_TITLE,
            document_number="57/KH-SNV",
            issue_date=datetime.date(2021, 11, 11),
            issuing_body=SNV,
            signer_title="Giám đốc",
            summary=f"Triển khai Phong trào thi đua đặc biệt “Sở Nội vụ tỉnh Kon Tum {COVID_SLOGAN}”.",
            implements="Kế hoạch số 3510/KH-UBND ngày 30/9/2021 của Ủy ban nhân dân tỉnh",
            campaign=campaign,
            body=_source_body(),
            attachments=[PlanAttachment(document=document, title=SOURCE_ATTACHMENT_TITLE, sort_order=0)],
            published_at=aware(2021, 11, 11, 7, 53),
        )
        _say(stdout, page, created)
    else:
        page = existing.specific
    # The old site's view count, as the starting value (never lowers a count already kept).
    content_type = ContentType.objects.get_for_model(PlanPage)
    if not HitCount.objects.filter(content_type=content_type, object_pk=page.pk).exists():
        HitCount.objects.create(content_type=content_type, object_pk=page.pk, hits=SOURCE_VIEWS)
    return page


def ensure_other_plans(index, campaigns, stdout):
    for slug, number, issued, body, campaign_key, title, summary, paragraphs, published in OTHER_PLANS:
        if index.get_children().filter(slug=slug).exists():
            continue
        document = _pdf_document(
            f"Kế hoạch số {number}",
            f"ke-hoach-{number.replace('/', '-').lower()}.pdf",
            agency_lines=UBND_HEADER if body == UBND else SNV_HEADER,
            number=f"Số: {number}",
            place_date=_long_date(issued),
            heading="KẾ HOẠCH",
            subject=summary.rstrip("."),
            paragraphs=paragraphs,
            signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if body == UBND else ["GIÁM ĐỐC"],
        )
        page, created = ensure_page(
            index,
            PlanPage,
            slug,
            title=title,
            document_number=number,
            issue_date=issued,
            issuing_body=body,
            signer_title="Chủ tịch" if body == UBND else "Giám đốc",
            summary=summary,
            campaign=campaigns.get(campaign_key),
            body=[(P, "".join(f"<p>{text}</p>" for text in paragraphs))],
            attachments=[PlanAttachment(document=document, title=f"Kế hoạch số {number}", sort_order=0)],
            published_at=published,
        )
        _say(stdout, page, created)


def load(home, stdout):
    campaign_index, index = ensure_sections(home, stdout)
    campaigns = ensure_campaigns(campaign_index, stdout)
    ensure_source_plan(index, campaigns["covid"], stdout)
    ensure_other_plans(index, campaigns, stdout)
