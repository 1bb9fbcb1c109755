"""The sections (Hỏi đáp, Góp ý dự thảo, Phản ánh – Kiến nghị, the privacy page, the
lĩnh vực list) and the demo content: answered questions in several fields, one draft
open for comments and one closed with its summary report. Idempotent."""

import io
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from citizens.intake import format_reference, next_number
from citizens.models import (
    AnswerState,
    CitizensSettings,
    ConsultationIndexPage,
    ContactFormPage,
    DraftAttachment,
    DraftConsultationPage,
    Kind,
    QuestionIndexPage,
    Status,
    Submission,
    Topic,
)
from citizens.roles import grant as grant_roles
from portal.core.page_tree import ensure_page
from portal.models import StandardPage

TOPICS = [
    ("Tuyển dụng công chức, viên chức", "tuyen-dung-cong-chuc-vien-chuc"),
    ("Tiền lương", "tien-luong"),
    ("Thi đua, khen thưởng", "thi-dua-khen-thuong"),
    ("Tín ngưỡng, tôn giáo", "tin-nguong-ton-giao"),
    ("Văn thư, lưu trữ", "van-thu-luu-tru"),
    ("Tổ chức bộ máy, biên chế", "to-chuc-bo-may-bien-che"),
    ("Cải cách hành chính", "cai-cach-hanh-chinh"),
]

PRIVACY = [
    (
        "paragraph",
        "<p>Khi bạn gửi câu hỏi, góp ý dự thảo hoặc phản ánh, kiến nghị trên Cổng thông tin, Sở Nội vụ tỉnh Kon Tum "
        "xử lý dữ liệu cá nhân của bạn theo Luật Bảo vệ dữ liệu cá nhân và Nghị định số 13/2023/NĐ-CP ngày "
        "17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân.</p>"
        "<h2>Dữ liệu được lưu</h2><ul><li>Họ và tên, thư điện tử, số điện thoại, địa chỉ (nếu bạn nhập);</li>"
        "<li>nội dung, tiêu đề, lĩnh vực và tệp đính kèm bạn gửi;</li><li>thời điểm gửi và một mã rút gọn "
        "không thể đảo ngược của địa chỉ mạng (để chống gửi tự động hàng loạt) — Sở không lưu địa chỉ IP.</li></ul>"
        "<h2>Mục đích</h2><p>Chỉ để tiếp nhận, xử lý, trả lời thư của bạn và lưu hồ sơ công việc. Câu hỏi và câu "
        "trả lời hữu ích có thể được đăng công khai trên trang Hỏi đáp <b>không kèm</b> họ tên, thư điện tử, số "
        "điện thoại hay địa chỉ của bạn.</p>"
        "<h2>Thời gian lưu</h2><p>Họ tên, thư điện tử, số điện thoại, địa chỉ và tệp đính kèm được xoá (ẩn danh "
        "hoá) tự động sau thời hạn do Sở quy định (mặc định 24 tháng kể từ ngày gửi).</p>"
        "<h2>Ai được đọc</h2><p>Cán bộ của Sở Nội vụ được giao tiếp nhận, xử lý và duyệt câu trả lời. Sở không "
        "chuyển dữ liệu của bạn cho bên thứ ba, trừ khi pháp luật yêu cầu. Biểu mẫu không dùng dịch vụ bên ngoài "
        "(không có mã xác thực của bên thứ ba).</p>"
        "<h2>Quyền của bạn</h2><p>Bạn có quyền được biết, yêu cầu xem, chỉnh sửa hoặc xoá dữ liệu của mình, và rút "
        "lại sự đồng ý, bằng cách liên hệ Văn phòng Sở (ghi rõ mã số thư).</p>",
    )
]

QUESTIONS = [
    (
        "tuyen-dung-cong-chuc-vien-chuc",
        "Điều kiện đăng ký dự tuyển công chức năm 2026",
        "Tôi tốt nghiệp đại học ngành Luật năm 2024, chưa có kinh nghiệm công tác. Tôi có đủ điều kiện đăng ký dự "
        "tuyển công chức cấp tỉnh không?",
        "Theo Điều 36 Luật Cán bộ, công chức, người có đủ điều kiện về quốc tịch, tuổi, văn bằng, chứng chỉ phù hợp "
        "với vị trí việc làm, phẩm chất chính trị, đạo đức và sức khoẻ thì được đăng ký dự tuyển. Kinh nghiệm công "
        "tác chỉ là điều kiện khi vị trí việc làm yêu cầu. Bạn theo dõi thông báo tuyển dụng của Sở để biết chỉ tiêu "
        "và điều kiện cụ thể của từng vị trí.",
        "Phòng Công chức, viên chức",
    ),
    (
        "tuyen-dung-cong-chuc-vien-chuc",
        "Ưu tiên trong thi tuyển viên chức",
        "Con của thương binh có được cộng điểm ưu tiên khi thi tuyển viên chức không, cộng bao nhiêu điểm?",
        "Theo Nghị định số 115/2020/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 85/2023/NĐ-CP), con của thương "
        "binh được cộng 5 điểm vào kết quả điểm vòng 2. Trường hợp có nhiều diện ưu tiên thì chỉ được cộng điểm ưu "
        "tiên cao nhất.",
        "Phòng Công chức, viên chức",
    ),
    (
        "tuyen-dung-cong-chuc-vien-chuc",
        "Hồ sơ xét tuyển viên chức giáo dục",
        "Hồ sơ đăng ký xét tuyển viên chức ngành giáo dục gồm những giấy tờ gì?",
        "Người đăng ký dự tuyển chỉ nộp Phiếu đăng ký dự tuyển theo mẫu. Khi trúng tuyển, người trúng tuyển mới phải "
        "xuất trình bản chính văn bằng, chứng chỉ và kết quả học tập để hoàn thiện hồ sơ.",
        "Phòng Công chức, viên chức",
    ),
    (
        "tien-luong",
        "Nâng bậc lương trước thời hạn",
        "Tôi được tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025, có được nâng bậc lương trước thời hạn không?",
        "Theo Thông tư số 08/2013/TT-BNV (được sửa đổi, bổ sung), công chức lập thành tích xuất sắc được xem xét "
        "nâng bậc lương trước thời hạn tối đa 12 tháng, trong tỷ lệ không quá 10% tổng số công chức của cơ quan, "
        "theo quy chế của cơ quan, đơn vị.",
        "Phòng Công chức, viên chức",
    ),
    (
        "tien-luong",
        "Phụ cấp thâm niên vượt khung",
        "Khi nào thì công chức được hưởng phụ cấp thâm niên vượt khung?",
        "Công chức đã xếp bậc lương cuối cùng trong ngạch, có đủ 3 năm (36 tháng) với ngạch từ chuyên viên trở "
        "lên, hoàn thành nhiệm vụ và không bị kỷ luật thì được hưởng 5% mức lương của bậc cuối cùng; từ năm thứ tư "
        "trở đi mỗi năm được tính thêm 1%.",
        "Phòng Công chức, viên chức",
    ),
    (
        "thi-dua-khen-thuong",
        "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở",
        "Danh hiệu Chiến sĩ thi đua cơ sở cần những tiêu chuẩn nào theo Luật Thi đua, khen thưởng năm 2022?",
        "Theo Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15, danh hiệu được xét tặng cho cá nhân đạt danh hiệu "
        "Lao động tiên tiến và có sáng kiến được công nhận, hoặc đề tài khoa học, đề án được nghiệm thu, áp dụng "
        "hiệu quả.",
        "Ban Thi đua - Khen thưởng",
    ),
    (
        "thi-dua-khen-thuong",
        "Thời hạn gửi hồ sơ đề nghị Bằng khen của Chủ tịch UBND tỉnh",
        "Đơn vị tôi muốn đề nghị Bằng khen của Chủ tịch UBND tỉnh cho tập thể có thành tích đột xuất, hồ sơ gửi "
        "về đâu và trong thời hạn nào?",
        "Hồ sơ khen thưởng đột xuất gửi về Sở Nội vụ (qua Ban Thi đua - Khen thưởng) ngay sau khi có thành tích, "
        "thực hiện theo thủ tục rút gọn; hồ sơ gồm tờ trình và báo cáo tóm tắt thành tích.",
        "Ban Thi đua - Khen thưởng",
    ),
    (
        "thi-dua-khen-thuong",
        "Khen thưởng theo công trạng cho người đã nghỉ hưu",
        "Công chức đã nghỉ hưu có còn được xét khen thưởng cho thành tích trước khi nghỉ không?",
        "Có. Cơ quan, đơn vị quản lý trước khi nghỉ hưu có trách nhiệm xem xét, đề nghị khen thưởng cho người có "
        "thành tích trong thời gian công tác.",
        "Ban Thi đua - Khen thưởng",
    ),
    (
        "tin-nguong-ton-giao",
        "Đăng ký sinh hoạt tôn giáo tập trung",
        "Nhóm tín đồ ở thôn tôi muốn đăng ký sinh hoạt tôn giáo tập trung thì nộp hồ sơ ở đâu?",
        "Theo Luật Tín ngưỡng, tôn giáo năm 2016, người đại diện nhóm nộp văn bản đề nghị đến Ủy ban nhân dân cấp xã "
        "nơi có địa điểm sinh hoạt tôn giáo tập trung. Trong 20 ngày, Ủy ban nhân dân cấp xã chấp thuận hoặc trả lời "
        "bằng văn bản nêu rõ lý do.",
        "Ban Tôn giáo",
    ),
    (
        "tin-nguong-ton-giao",
        "Tổ chức lễ hội tín ngưỡng hằng năm",
        "Lễ hội tín ngưỡng tổ chức định kỳ hằng năm có cần xin phép không?",
        "Lễ hội tín ngưỡng tổ chức lần đầu, lễ hội được khôi phục hoặc lễ hội định kỳ có thay đổi phải đăng ký; lễ "
        "hội định kỳ không thay đổi thì chỉ cần thông báo với Ủy ban nhân dân cấp xã chậm nhất 15 ngày trước ngày "
        "tổ chức.",
        "Ban Tôn giáo",
    ),
    (
        "van-thu-luu-tru",
        "Thời hạn nộp hồ sơ vào Lưu trữ cơ quan",
        "Hồ sơ công việc đã giải quyết xong thì trong thời hạn bao lâu phải nộp vào Lưu trữ cơ quan?",
        "Theo Luật Lưu trữ, hồ sơ, tài liệu phải nộp vào Lưu trữ cơ quan trong thời hạn 01 năm kể từ ngày công việc "
        "kết thúc; hồ sơ xây dựng cơ bản trong thời hạn 03 tháng kể từ ngày công trình được quyết toán.",
        "Chi cục Văn thư - Lưu trữ",
    ),
    (
        "van-thu-luu-tru",
        "Sao y bản chính văn bản điện tử",
        "Cơ quan tôi có được sao y văn bản điện tử từ văn bản giấy không, thể thức thế nào?",
        "Được. Theo Nghị định số 30/2020/NĐ-CP về công tác văn thư, sao từ văn bản giấy sang văn bản điện tử được "
        "thực hiện bằng việc số hoá văn bản giấy và ký số của cơ quan, tổ chức; thể thức bản sao theo Phụ lục I "
        "của Nghị định.",
        "Chi cục Văn thư - Lưu trữ",
    ),
]

NAMES = [
    "Nguyễn Thị Hoa",
    "Trần Văn Nam",
    "Lê Thị Thu",
    "Phạm Minh Đức",
    "Y Blong",
    "A Thuấn",
    "Đinh Văn Hùng",
    "Hồ Thị Lan",
    "Vũ Quốc Bảo",
    "Nguyễn Văn Tâm",
    "Rơ Châm Ly",
    "Bùi Thị Mai",
]


def _say(stdout, page, created):
    if created:
        stdout.write(f"  + {page.title}")


def ensure_topics():
    for order, (name, slug) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def ensure_sections(home, stdout):
    ensure_topics()
    grant_roles()
    questions, created = ensure_page(
        home,
        QuestionIndexPage,
        "hoi-dap",
        title="Hỏi đáp",
        intro="Người dân, cán bộ, công chức gửi câu hỏi về các lĩnh vực Sở Nội vụ quản lý; câu trả lời đã được "
        "duyệt được đăng dưới đây.",
        form_intro="<p>Vui lòng nêu rõ câu hỏi. Sở trả lời qua thư điện tử (nếu bạn nhập) và có thể đăng câu hỏi, "
        "câu trả lời trên trang Hỏi đáp, không kèm thông tin liên hệ của bạn.</p>",
        show_in_menus=True,
    )
    _say(stdout, questions, created)
    drafts, created = ensure_page(
        home,
        ConsultationIndexPage,
        "gop-y-du-thao",
        title="Góp ý dự thảo",
        intro="Lấy ý kiến góp ý của Nhân dân, cơ quan, tổ chức đối với dự thảo văn bản do Sở Nội vụ chủ trì soạn thảo.",
        show_in_menus=False,
    )
    _say(stdout, drafts, created)
    contact, created = ensure_page(
        home,
        ContactFormPage,
        "phan-anh-kien-nghi",
        title="Phản ánh – Kiến nghị",
        intro="<p>Gửi phản ánh, kiến nghị hoặc thư liên hệ đến Sở Nội vụ tỉnh Kon Tum. Thông tin liên hệ khác xem "
        "tại trang Liên hệ.</p>",
        show_in_menus=False,
    )
    _say(stdout, contact, created)
    privacy, created = ensure_page(
        home,
        StandardPage,
        "bao-ve-du-lieu-ca-nhan",
        title="Chính sách bảo vệ dữ liệu cá nhân",
        intro="Dữ liệu cá nhân nào được lưu khi bạn gửi thư cho Sở, để làm gì, trong bao lâu và ai được đọc.",
        body=PRIVACY,
        show_in_menus=False,
    )
    _say(stdout, privacy, created)
    settings = CitizensSettings.load()
    if settings.privacy_page_id is None:
        settings.privacy_page = privacy
        settings.save()


def _summary_pdf(lines):
    """A small real PDF (Pillow, DejaVu when installed) with the report's text."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next(
        (
            p
            for p in (
                Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
            )
            if p.exists()
        ),
        None,
    )
    font = ImageFont.truetype(str(font_path), 16) if font_path else ImageFont.load_default()
    image = Image.new("RGB", (900, 1270), "white")
    draw = ImageDraw.Draw(image)
    y = 80
    for line in lines:
        draw.text((70, y), line, fill="black", font=font)
        y += 30
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=110)
    return buffer.getvalue()


def _document(title, filename, lines):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(_summary_pdf(lines)), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def ensure_drafts(index, stdout):
    today = timezone.localdate()
    open_draft, created = ensure_page(
        index,
        DraftConsultationPage,
        "du-thao-quy-che-thi-dua-khen-thuong",
        title="Dự thảo Quyết định ban hành Quy chế công tác thi đua, khen thưởng tỉnh Kon Tum",
        summary="Lấy ý kiến góp ý dự thảo Quyết định của Ủy ban nhân dân tỉnh ban hành Quy chế công tác thi đua, "
        "khen thưởng trên địa bàn tỉnh Kon Tum, thay thế Quy chế hiện hành.",
        drafting_unit="Ban Thi đua - Khen thưởng",
        deadline=today + timedelta(days=30),
        body="<p>Thực hiện Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định số 98/2023/NĐ-CP, Sở Nội vụ "
        "xây dựng dự thảo Quy chế. Đề nghị cơ quan, tổ chức, cá nhân nghiên cứu, góp ý bằng biểu mẫu dưới đây.</p>",
    )
    if created:
        document = _document(
            "Dự thảo Quy chế công tác thi đua, khen thưởng",
            "du-thao-quy-che-thi-dua-khen-thuong.pdf",
            [
                "ỦY BAN NHÂN DÂN TỈNH KON TUM",
                "",
                "DỰ THẢO",
                "QUY CHẾ CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
                "",
                "Chương I. Quy định chung",
                "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
            ],
        )
        DraftAttachment.objects.create(page=open_draft, document=document, sort_order=0)
        open_draft.save_revision().publish()
    _say(stdout, open_draft, created)
    closed_deadline = today - timedelta(days=20)
    closed, created = ensure_page(
        index,
        DraftConsultationPage,
        "du-thao-quy-dinh-phan-cap-quan-ly-cong-chuc",
        title="Dự thảo Quy định phân cấp quản lý công chức, viên chức tỉnh Kon Tum",
        summary="Lấy ý kiến góp ý dự thảo Quy định phân cấp quản lý tổ chức bộ máy, công chức, viên chức.",
        drafting_unit="Phòng Công chức, viên chức",
        deadline=closed_deadline,
        body="<p>Dự thảo đã hết thời hạn góp ý. Sở Nội vụ đã tổng hợp, tiếp thu, giải trình các ý kiến.</p>",
    )
    if created:
        draft_file = _document(
            "Dự thảo Quy định phân cấp quản lý công chức, viên chức",
            "du-thao-quy-dinh-phan-cap.pdf",
            ["ỦY BAN NHÂN DÂN TỈNH KON TUM", "", "DỰ THẢO", "QUY ĐỊNH PHÂN CẤP QUẢN LÝ CÔNG CHỨC, VIÊN CHỨC"],
        )
        DraftAttachment.objects.create(page=closed, document=draft_file, sort_order=0)
        closed.summary_report = _document(
            "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo Quy định phân cấp",
            "bao-cao-tong-hop-tiep-thu-giai-trinh.pdf",
            [
                "SỞ NỘI VỤ TỈNH KON TUM",
                "",
                "BÁO CÁO",
                "Tổng hợp, tiếp thu, giải trình ý kiến góp ý",
                "dự thảo Quy định phân cấp quản lý công chức, viên chức",
                "",
                "1. Tổng số ý kiến nhận được: 3",
                "2. Số ý kiến tiếp thu: 2",
                "3. Số ý kiến giải trình: 1",
            ],
        )
        closed.save_revision().publish()
        for i, text in enumerate(
            [
                "Đề nghị làm rõ thẩm quyền tiếp nhận viên chức tại Điều 5.",
                "Đề nghị bổ sung quy định chuyển tiếp đối với hồ sơ đang giải quyết.",
                "Thống nhất với dự thảo.",
            ]
        ):
            _comment(closed, NAMES[i], text, closed_deadline - timedelta(days=5 - i))
    _say(stdout, closed, created)


def _comment(page, name, text, day):
    when = timezone.make_aware(datetime.combine(day, time(9, 30)))
    year = when.year
    Submission.objects.create(
        kind=Kind.COMMENT,
        reference=format_reference(Kind.COMMENT, year, next_number(Kind.COMMENT, year)),
        created_at=when,
        name=name,
        address="Thành phố Kon Tum",
        title=page.title[:200],
        content=text,
        consultation=page,
        consent_at=when,
        status=Status.IN_PROGRESS,
    )


def ensure_questions(stdout):
    if Submission.objects.filter(kind=Kind.QUESTION, status=Status.ANSWERED).exists():
        return
    topics = {t.slug: t for t in Topic.objects.all()}
    now = timezone.now()
    for i, (slug, title, content, answer, unit) in enumerate(QUESTIONS):
        asked = now - timedelta(days=60 - i * 4, hours=i)
        year = timezone.localtime(asked).year
        submission = Submission(
            kind=Kind.QUESTION,
            reference=format_reference(Kind.QUESTION, year, next_number(Kind.QUESTION, year)),
            created_at=asked,
            name=NAMES[i % len(NAMES)],
            email=f"nguoidan{i + 1}@example.invalid",
            topic=topics.get(slug),
            title=title,
            content=content,
            consent_at=asked,
            status=Status.ANSWERED,
            answer=answer,
            answer_unit=unit,
            answer_state=AnswerState.APPROVED,
            answered_at=asked + timedelta(days=5),
        )
        submission.refresh_search_text()
        submission.save()
    stdout.write(f"  + {len(QUESTIONS)} câu hỏi đã trả lời")


def load(home, stdout):
    ensure_sections(home, stdout)
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is not None:
        ensure_drafts(index, stdout)
    ensure_questions(stdout)
