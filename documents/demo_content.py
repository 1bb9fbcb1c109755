"""A realistic register for the demo: documents of several types, fields and validity
states from 2019 to 2026, relations (a decision replacing an older one, a plan amended),
and a generated PDF for each holding its full text — more than its page shows, so that a
search finds words that are only in the file. Running it again creates nothing."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from documents import pdf
from documents.models import DocumentPage, DocumentPageAttachment, DocumentPageRelation, RelationKind, Topic
from portal.core.page_tree import ensure_page
from portal.demo import aware

SNV = "Sở Nội vụ tỉnh Kon Tum"
UBND = "Ủy ban nhân dân tỉnh Kon Tum"
DIRECTOR = ("Nguyễn Văn Hùng", "Giám đốc")
DEPUTY = ("Trần Thị Mai", "KT. Giám đốc – Phó Giám đốc")
CHAIR = ("Lê Ngọc Tuấn", "Chủ tịch")

#: (slug, number, type, issued, summary, fields, signer, effective, expiry, override)
DOCUMENTS = [
    (
        "qd-quy-che-lam-viec-2019",
        "15/QĐ-SNV",
        "QĐ",
        (2019, 3, 4),
        "Về việc ban hành Quy chế làm việc của Sở Nội vụ tỉnh Kon Tum",
        ["to-chuc-bo-may"],
        DIRECTOR,
        None,
        (2023, 6, 1),
        "",
    ),
    (
        "qd-quy-che-lam-viec-2023",
        "48/QĐ-SNV",
        "QĐ",
        (2023, 5, 22),
        "Về việc ban hành Quy chế làm việc của Sở Nội vụ tỉnh Kon Tum (thay thế Quyết định số 15/QĐ-SNV)",
        ["to-chuc-bo-may"],
        DIRECTOR,
        (2023, 6, 1),
        None,
        "",
    ),
    (
        "qd-van-thu-luu-tru-2019",
        "102/QĐ-SNV",
        "QĐ",
        (2019, 9, 12),
        "Về việc ban hành Danh mục hồ sơ của Sở Nội vụ năm 2020",
        ["van-thu-luu-tru"],
        DEPUTY,
        (2020, 1, 1),
        (2020, 12, 31),
        "",
    ),
    (
        "kh-cai-cach-hanh-chinh-2020",
        "12/KH-SNV",
        "KH",
        (2020, 1, 15),
        "Kế hoạch cải cách hành chính năm 2020 của Sở Nội vụ",
        ["cai-cach-hanh-chinh"],
        DIRECTOR,
        None,
        (2020, 12, 31),
        "",
    ),
    (
        "ct-ky-luat-hanh-chinh-2020",
        "05/CT-UBND",
        "CT",
        (2020, 4, 8),
        "Về việc tăng cường kỷ luật, kỷ cương hành chính trong cơ quan hành chính nhà nước trên địa bàn tỉnh",
        ["cai-cach-hanh-chinh", "cong-chuc-vien-chuc"],
        CHAIR,
        None,
        None,
        "",
    ),
    (
        "tb-tuyen-dung-2020",
        "87/TB-SNV",
        "TB",
        (2020, 8, 3),
        "Thông báo kết quả tuyển dụng công chức tỉnh Kon Tum năm 2020",
        ["cong-chuc-vien-chuc"],
        DEPUTY,
        None,
        None,
        "",
    ),
    (
        "hd-thi-dua-2021",
        "21/HD-SNV",
        "HD",
        (2021, 2, 24),
        "Hướng dẫn công tác thi đua, khen thưởng năm 2021",
        ["thi-dua-khen-thuong"],
        DIRECTOR,
        None,
        (2021, 12, 31),
        "",
    ),
    (
        "qd-ban-thi-dua-2021",
        "63/QĐ-UBND",
        "QĐ",
        (2021, 3, 17),
        "Về việc kiện toàn Hội đồng Thi đua – Khen thưởng tỉnh Kon Tum",
        ["thi-dua-khen-thuong", "to-chuc-bo-may"],
        CHAIR,
        None,
        None,
        "",
    ),
    (
        "cv-sap-xep-thon-2021",
        "1204/SNV-XDCQ",
        "CV",
        (2021, 6, 9),
        "Về việc rà soát, sắp xếp thôn, tổ dân phố trên địa bàn tỉnh",
        ["chinh-quyen-dia-phuong"],
        DEPUTY,
        None,
        None,
        "",
    ),
    (
        "bc-ton-giao-2021",
        "140/BC-SNV",
        "BC",
        (2021, 11, 30),
        "Báo cáo tình hình hoạt động tín ngưỡng, tôn giáo năm 2021",
        ["tin-nguong-ton-giao"],
        DIRECTOR,
        None,
        None,
        "",
    ),
    (
        "nq-bien-che-2022",
        "18/NQ-HĐND",
        "NQ",
        (2022, 7, 14),
        "Về việc giao biên chế công chức trong cơ quan, tổ chức hành chính của tỉnh năm 2022",
        ["cong-chuc-vien-chuc", "to-chuc-bo-may"],
        ("Dương Văn Trang", "Chủ tịch Hội đồng nhân dân"),
        (2022, 8, 1),
        (2022, 12, 31),
        "",
    ),
    (
        "qd-so-hoa-2022",
        "215/QĐ-SNV",
        "QĐ",
        (2022, 9, 5),
        "Về việc ban hành Kế hoạch số hóa tài liệu lưu trữ giai đoạn 2022 – 2025",
        ["van-thu-luu-tru", "cai-cach-hanh-chinh"],
        DIRECTOR,
        None,
        (2025, 12, 31),
        "",
    ),
    (
        "kh-thanh-nien-2022",
        "77/KH-SNV",
        "KH",
        (2022, 3, 10),
        "Kế hoạch thực hiện Chiến lược phát triển thanh niên tỉnh Kon Tum năm 2022",
        ["thanh-nien"],
        DEPUTY,
        None,
        None,
        "",
    ),
    (
        "qd-quy-dinh-khen-thuong-2022",
        "30/2022/QĐ-UBND",
        "QĐ",
        (2022, 10, 20),
        "Ban hành Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Kon Tum",
        ["thi-dua-khen-thuong"],
        CHAIR,
        (2022, 11, 1),
        None,
        "mot-phan",
    ),
    (
        "qd-sua-doi-khen-thuong-2024",
        "12/2024/QĐ-UBND",
        "QĐ",
        (2024, 4, 2),
        "Sửa đổi, bổ sung một số điều của Quy định về công tác thi đua, khen thưởng ban hành kèm theo Quyết định số 30/2022/QĐ-UBND",
        ["thi-dua-khen-thuong"],
        CHAIR,
        (2024, 4, 15),
        None,
        "",
    ),
    (
        "tb-hop-giao-ban-2023",
        "35/TB-SNV",
        "TB",
        (2023, 2, 6),
        "Thông báo kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 01 năm 2023",
        ["to-chuc-bo-may"],
        DIRECTOR,
        None,
        None,
        "",
    ),
    (
        "hd-luu-tru-dien-tu-2023",
        "09/HD-SNV",
        "HD",
        (2023, 8, 18),
        "Hướng dẫn lập hồ sơ và nộp lưu hồ sơ, tài liệu điện tử vào Lưu trữ cơ quan",
        ["van-thu-luu-tru"],
        DEPUTY,
        None,
        None,
        "",
    ),
    (
        "kh-tuyen-dung-2023",
        "101/KH-SNV",
        "KH",
        (2023, 9, 28),
        "Kế hoạch tuyển dụng công chức tỉnh Kon Tum năm 2023",
        ["cong-chuc-vien-chuc"],
        DIRECTOR,
        None,
        (2023, 12, 31),
        "",
    ),
    (
        "cv-chuyen-doi-so-2024",
        "356/SNV-VP",
        "CV",
        (2024, 3, 11),
        "Về việc triển khai chữ ký số trong gửi, nhận văn bản điện tử",
        ["cai-cach-hanh-chinh", "van-thu-luu-tru"],
        DEPUTY,
        None,
        None,
        "",
    ),
    (
        "bc-cai-cach-2024",
        "210/BC-SNV",
        "BC",
        (2024, 6, 20),
        "Báo cáo kết quả công tác cải cách hành chính 6 tháng đầu năm 2024",
        ["cai-cach-hanh-chinh"],
        DIRECTOR,
        None,
        None,
        "",
    ),
    (
        "qd-sap-xep-don-vi-2024",
        "412/QĐ-UBND",
        "QĐ",
        (2024, 8, 29),
        "Về việc phê duyệt Phương án sắp xếp đơn vị hành chính cấp xã giai đoạn 2023 – 2025",
        ["chinh-quyen-dia-phuong"],
        CHAIR,
        None,
        None,
        "",
    ),
    (
        "ttr-bien-che-2024",
        "88/TTr-SNV",
        "TTr",
        (2024, 10, 2),
        "Tờ trình về việc giao biên chế công chức năm 2025",
        ["cong-chuc-vien-chuc"],
        DIRECTOR,
        None,
        None,
        "",
    ),
    (
        "ct-thi-dua-2025",
        "03/CT-UBND",
        "CT",
        (2025, 1, 20),
        "Về việc đẩy mạnh phong trào thi đua yêu nước năm 2025",
        ["thi-dua-khen-thuong"],
        CHAIR,
        None,
        None,
        "",
    ),
    (
        "qd-to-chuc-bo-may-2025",
        "25/2025/QĐ-UBND",
        "QĐ",
        (2025, 3, 1),
        "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ tỉnh Kon Tum",
        ["to-chuc-bo-may"],
        CHAIR,
        (2025, 3, 1),
        None,
        "",
    ),
    (
        "kh-cai-cach-2025",
        "15/KH-SNV",
        "KH",
        (2025, 1, 8),
        "Kế hoạch cải cách hành chính năm 2025 của Sở Nội vụ",
        ["cai-cach-hanh-chinh"],
        DIRECTOR,
        None,
        (2025, 12, 31),
        "",
    ),
    (
        "hd-ton-giao-2025",
        "14/HD-SNV",
        "HD",
        (2025, 5, 15),
        "Hướng dẫn đăng ký sinh hoạt tôn giáo tập trung",
        ["tin-nguong-ton-giao"],
        DEPUTY,
        None,
        None,
        "",
    ),
    (
        "tb-thi-tuyen-2026",
        "05/TB-SNV",
        "TB",
        (2026, 1, 12),
        "Thông báo tổ chức thi tuyển công chức năm 2026",
        ["cong-chuc-vien-chuc"],
        DEPUTY,
        None,
        None,
        "",
    ),
    (
        "qd-luu-tru-2026",
        "06/2026/QĐ-UBND",
        "QĐ",
        (2026, 2, 3),
        "Ban hành Quy chế công tác văn thư, lưu trữ trên địa bàn tỉnh Kon Tum",
        ["van-thu-luu-tru"],
        CHAIR,
        (2027, 1, 1),
        None,
        "",
    ),
    (
        "kh-thanh-nien-2026",
        "20/KH-SNV",
        "KH",
        (2026, 3, 2),
        "Kế hoạch thực hiện công tác thanh niên năm 2026",
        ["thanh-nien"],
        DIRECTOR,
        None,
        None,
        "",
    ),
]

#: (document slug, kind, target slug)
RELATIONS = [
    ("qd-quy-che-lam-viec-2023", RelationKind.REPLACES, "qd-quy-che-lam-viec-2019"),
    ("qd-sua-doi-khen-thuong-2024", RelationKind.AMENDS, "qd-quy-dinh-khen-thuong-2022"),
    ("hd-thi-dua-2021", RelationKind.BASIS, "qd-ban-thi-dua-2021"),
    ("kh-cai-cach-2025", RelationKind.RELATED, "bc-cai-cach-2024"),
    ("qd-luu-tru-2026", RelationKind.BASIS, "hd-luu-tru-dien-tu-2023"),
]

KIND_HEADINGS = {
    "QĐ": "QUYẾT ĐỊNH",
    "KH": "KẾ HOẠCH",
    "CT": "CHỈ THỊ",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "BC": "BÁO CÁO",
    "NQ": "NGHỊ QUYẾT",
    "TTr": "TỜ TRÌNH",
    "CV": "CÔNG VĂN",
}

#: English versions of a few documents (the English register lists them).
ENGLISH = {
    "qd-quy-che-lam-viec-2023": "Decision on the Working Regulations of the Department of Home Affairs",
    "qd-so-hoa-2022": "Decision on the plan to digitise archival records, 2022–2025",
    "kh-cai-cach-2025": "Administrative reform plan of the Department of Home Affairs for 2025",
}


def _date(parts):
    return datetime.date(*parts) if parts else None


def full_text(number, summary, issued, issuer):
    """The document's text: more than the page shows, as a real decision's is."""
    return [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; căn cứ Nghị định số 30/2020/NĐ-CP "
        "ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; theo đề nghị của Chánh Văn phòng.",
        f"Điều 1. {summary}. Văn bản số {number} do {issuer} ban hành ngày {issued:%d/%m/%Y}.",
        "Điều 2. Các cơ quan, đơn vị, địa phương có trách nhiệm tổ chức quán triệt, triển khai thực hiện nghiêm túc; "
        "định kỳ hằng quý báo cáo kết quả thực hiện về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
        "Điều 3. Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của cơ quan, đơn vị theo phân cấp "
        "quản lý ngân sách hiện hành; khuyến khích huy động các nguồn lực hợp pháp khác.",
        "Điều 4. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh kịp thời về Sở "
        "Nội vụ (qua Phòng Tổ chức, biên chế và tổ chức phi chính phủ, điện thoại 0260 3862 517) để được hướng dẫn.",
        "Nơi nhận: Như Điều 2; Thường trực Tỉnh ủy; Thường trực Hội đồng nhân dân tỉnh; Lưu: VT.",
    ]


def _pdf_for(number, kind, summary, issued, issuer, signer):
    header = ["ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ NỘI VỤ"] if issuer == SNV else ["ỦY BAN NHÂN DÂN", "TỈNH KON TUM"]
    return pdf.render(
        agency_lines=header,
        number=f"Số: {number}",
        place_date=f"Kon Tum, ngày {issued.day} tháng {issued.month} năm {issued.year}",
        heading=KIND_HEADINGS.get(kind, "VĂN BẢN"),
        subject=summary,
        paragraphs=full_text(number, summary, issued, issuer),
        signer_lines=[signer[1].upper(), "", signer[0]],
    )


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Văn bản").first()
    return existing or root.add_child(name="Văn bản")


def load(index, stdout=None):
    created_pages = {}
    topics = {t.slug: t for t in Topic.objects.all()}
    collection = None
    for slug, number, kind, issued, summary, topic_slugs, signer, effective, expiry, override in DOCUMENTS:
        issued = _date(issued)
        issuer = SNV if "SNV" in number else UBND
        if "HĐND" in number:
            issuer = "Hội đồng nhân dân tỉnh Kon Tum"
        page, created = ensure_page(
            index,
            DocumentPage,
            slug,
            published_at=aware(issued.year, issued.month, issued.day, 9, 0),
            title=summary,
            document_number=number,
            document_type=kind,
            issue_date=issued,
            effective_date=_date(effective),
            expiry_date=_date(expiry),
            validity_override=override,
            issuing_body=issuer,
            signer_name=signer[0],
            signer_title=signer[1],
            summary=summary,
        )
        created_pages[slug] = page
        if not created:
            continue
        page.topics.set([topics[s] for s in topic_slugs if s in topics])
        collection = collection or _collection()
        document = get_document_model()(title=f"{number} – {summary}"[:255], collection=collection)
        data = _pdf_for(number, kind, summary, issued, issuer, signer)
        document.file.save(f"{slug}.pdf", ContentFile(data), save=False)
        document._set_document_file_metadata()
        document.save()
        DocumentPageAttachment.objects.create(page=page, document=document, title=f"Văn bản số {number}", sort_order=0)
        page.save_revision().publish()
        DocumentPage.objects.filter(pk=page.pk).update(
            first_published_at=aware(issued.year, issued.month, issued.day, 9, 0)
        )
        if stdout is not None:
            stdout.write(f"  + {number}")
    for slug, kind, target in RELATIONS:
        page, other = created_pages.get(slug), created_pages.get(target)
        if page and other and not DocumentPageRelation.objects.filter(page=page, target=other).exists():
            DocumentPageRelation.objects.create(page=page, target=other, kind=kind)
    # The English home page is made after every app's demo (portal.core.site_structure), in the same transaction.
    transaction.on_commit(lambda: _english(index, created_pages))


def _english(index, pages):
    from portal.core.translation import translate

    english = Locale.objects.filter(language_code="en").first()
    if english is None or index.get_parent().specific.get_translation_or_none(english) is None:
        return
    english_index = index.get_translation_or_none(english)
    if english_index is None:
        english_index = translate(index, "en", {"Văn bản": "Documents", "van-ban": "documents"})
    for slug, title in ENGLISH.items():
        page = pages.get(slug)
        if page is None or page.get_translation_or_none(english) is not None:
            continue
        translate(page, "en", {page.title: title, page.summary: title, slug: slug})
