"""Demo content for Thủ tục hành chính: the section and a dozen procedures in three fields.

Idempotent: a procedure is created only when its code is not there yet, so an editor's
change is never overwritten."""

from portal.core.page_tree import ensure_page

NATIONAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
PROVINCIAL = "https://dichvucong.kontum.gov.vn/thu-tuc-hanh-chinh?ma={code}"

FIELDS = [
    ("Công chức, viên chức", "cong-chuc-vien-chuc"),
    ("Thi đua, khen thưởng", "thi-dua-khen-thuong"),
    ("Tôn giáo", "ton-giao"),
]
# (field slug, code, name, level)
PROCEDURES = [
    ("cong-chuc-vien-chuc", "1.005384", "Thủ tục thi tuyển công chức", "mot-phan"),
    ("cong-chuc-vien-chuc", "1.005385", "Thủ tục xét tuyển công chức", "mot-phan"),
    ("cong-chuc-vien-chuc", "1.005388", "Thủ tục thi tuyển viên chức", "mot-phan"),
    ("cong-chuc-vien-chuc", "1.005392", "Thủ tục xét tuyển viên chức", "mot-phan"),
    ("cong-chuc-vien-chuc", "1.005393", "Thủ tục thi nâng ngạch công chức", "thong-tin"),
    ("thi-dua-khen-thuong", "1.000775", "Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", "toan-trinh"),
    ("thi-dua-khen-thuong", "1.000804", "Thủ tục tặng Cờ thi đua của Ủy ban nhân dân cấp tỉnh", "mot-phan"),
    ("thi-dua-khen-thuong", "1.000843", "Thủ tục tặng danh hiệu Chiến sĩ thi đua cấp tỉnh", "mot-phan"),
    (
        "thi-dua-khen-thuong",
        "2.000346",
        "Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh theo chuyên đề",
        "toan-trinh",
    ),
    ("ton-giao", "1.001055", "Thủ tục đăng ký hoạt động tín ngưỡng", "toan-trinh"),
    (
        "ton-giao",
        "1.001078",
        "Thủ tục đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo có quy mô tổ chức ở nhiều huyện",
        "mot-phan",
    ),
    ("ton-giao", "1.001090", "Thủ tục đề nghị giảng đạo ngoài địa bàn phụ trách, cơ sở tôn giáo", "mot-phan"),
]


def ensure_section(home, stdout):
    from procedures.models import ProcedureIndexPage

    index, created = ensure_page(
        home,
        ProcedureIndexPage,
        "thu-tuc-hanh-chinh",
        title="Thủ tục hành chính",
        intro="Các thủ tục hành chính thuộc thẩm quyền giải quyết của Sở Nội vụ tỉnh Kon Tum. "
        "Nội dung đầy đủ và nộp hồ sơ trực tuyến tại Cổng Dịch vụ công.",
        show_in_menus=True,
    )
    if created:
        stdout.write("  + Thủ tục hành chính")
    return index


def load(home, stdout):
    from procedures.models import Procedure, ProcedureField

    ensure_section(home, stdout)
    fields = {}
    for order, (name, slug) in enumerate(FIELDS, start=1):
        fields[slug], _created = ProcedureField.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
    made = 0
    for slug, code, name, level in PROCEDURES:
        if Procedure.objects.filter(code=code).exists():
            continue
        Procedure.objects.create(
            code=code,
            name=name,
            field=fields[slug],
            level=level,
            provincial_url=PROVINCIAL.format(code=code),
            national_url=NATIONAL.format(code=code),
        )
        made += 1
    if made:
        stdout.write(f"  + Thủ tục hành chính: {made} thủ tục")


ENGLISH = {
    "Thủ tục hành chính": "Administrative procedures",
    "thu-tuc-hanh-chinh": "administrative-procedures",
    "Các thủ tục hành chính thuộc thẩm quyền giải quyết của Sở Nội vụ tỉnh Kon Tum. "
    "Nội dung đầy đủ và nộp hồ sơ trực tuyến tại Cổng Dịch vụ công.": (
        "The administrative procedures handled by the Department of Home Affairs of Kon Tum Province. "
        "Full details and online applications are on the public-service portals."
    ),
}


def ensure_english(home, stdout):
    """The English list (same procedures, English labels), once the English home exists.
    Not part of ``load`` (the site structure makes the English home after the apps' demo
    content, and a second ``load_demo`` must change nothing); editors translate the page
    with wagtail-localize, tests call this."""
    from wagtail.models import Locale

    from portal.core.translation import translate
    from procedures.models import ProcedureIndexPage

    english = Locale.objects.filter(language_code="en").first()
    index = ProcedureIndexPage.objects.child_of(home).filter(slug="thu-tuc-hanh-chinh").first()
    if english is None or index is None or home.get_translation_or_none(english) is None:
        return
    if index.get_translation_or_none(english) is None:
        translate(index, "en", ENGLISH)
        stdout.write("  + Administrative procedures (English)")
