"""Demo directory (``load_demo``): the Giám đốc and three Phó Giám đốc, the heads of eight
units, the units, the spokesperson and the contact officer, in Vietnamese and English
(translated with wagtail-localize, people first: the units point at them). Portraits are
placeholders drawn at load time. Running it again changes nothing."""

from wagtail.models import Locale, Site

from links.logos import badge_image
from organisation.models import OrganisationSettings, Person, Unit
from organisation.structure import ensure_sections
from portal.core.translation import translate

D, PD, OTHER = Person.DIRECTOR, Person.DEPUTY, Person.OTHER

# key, name, initials, role, title, title (en), responsibilities, responsibilities (en), phone, e-mail
PEOPLE = [
    (
        "gd",
        "Nguyễn Văn Hùng",
        "NVH",
        D,
        "Giám đốc Sở",
        "Director",
        "Lãnh đạo, quản lý, điều hành toàn diện các hoạt động của Sở\nCông tác tổ chức cán bộ, tài chính, kế hoạch\n"
        "Công tác cải cách hành chính của tỉnh\nTrực tiếp chỉ đạo Văn phòng Sở, Ban Thi đua - Khen thưởng",
        "Leads and manages all the Department's work\nStaffing, finance and planning\n"
        "Administrative reform in the province\nDirectly oversees the Department's Office and the Emulation and "
        "Commendation Board",
        "0260 3862 517",
        "hungnv.snv@kontum.gov.vn",
    ),
    (
        "pgd1",
        "Trần Thị Thu Hà",
        "TTH",
        PD,
        "Phó Giám đốc Sở",
        "Deputy Director",
        "Công tác công chức, viên chức; đào tạo, bồi dưỡng\nCông tác văn thư, lưu trữ\n"
        "Phụ trách Phòng Công chức – Viên chức, Chi cục Văn thư – Lưu trữ",
        "Civil servants and public employees; training\nRecords and archives\n"
        "Oversees the Civil Servants Division and the Records and Archives Sub-department",
        "0260 3862 519",
        "hattt.snv@kontum.gov.vn",
    ),
    (
        "pgd2",
        "A Thuận",
        "AT",
        PD,
        "Phó Giám đốc Sở",
        "Deputy Director",
        "Công tác xây dựng chính quyền, địa giới hành chính\nCông tác thanh niên; tín ngưỡng, tôn giáo\n"
        "Phụ trách Phòng Xây dựng chính quyền và Công tác thanh niên, Ban Tôn giáo",
        "Local government and administrative boundaries\nYouth affairs; beliefs and religions\n"
        "Oversees the Local Government and Youth Division and the Religious Affairs Board",
        "0260 3862 520",
        "thuana.snv@kontum.gov.vn",
    ),
    (
        "pgd3",
        "Lê Hoàng Nam",
        "LHN",
        PD,
        "Phó Giám đốc Sở",
        "Deputy Director",
        "Công tác tổ chức bộ máy, biên chế; tổ chức hội, tổ chức phi chính phủ\nCông tác thanh tra, tiếp công dân, "
        "giải quyết khiếu nại, tố cáo\nPhụ trách Thanh tra Sở, Phòng Tổ chức – Biên chế và Tổ chức phi chính phủ",
        "Organisation, staffing quotas, associations and non-governmental organisations\nInspection, citizens' "
        "reception, complaints and denunciations\nOversees the Inspectorate and the Organisation and Staffing Division",
        "0260 3862 521",
        "namlh.snv@kontum.gov.vn",
    ),
    (
        "cvp",
        "Phạm Thị Lan",
        "PTL",
        OTHER,
        "Chánh Văn phòng Sở",
        "Chief of Office",
        "",
        "",
        "0260 3862 522",
        "lanpt.snv@kontum.gov.vn",
    ),
    (
        "pcvp",
        "Đinh Thị Mai",
        "ĐTM",
        OTHER,
        "Phó Chánh Văn phòng Sở",
        "Deputy Chief of Office",
        "",
        "",
        "0260 3862 523",
        "maidt.snv@kontum.gov.vn",
    ),
    (
        "ctt",
        "Hoàng Văn Sơn",
        "HVS",
        OTHER,
        "Chánh Thanh tra Sở",
        "Chief Inspector",
        "",
        "",
        "0260 3862 524",
        "sonhv.snv@kontum.gov.vn",
    ),
    (
        "tcbc",
        "Nguyễn Thị Hồng Nhung",
        "NHN",
        OTHER,
        "Trưởng phòng Tổ chức – Biên chế và Tổ chức phi chính phủ",
        "Head of the Organisation, Staffing and NGO Division",
        "",
        "",
        "0260 3862 525",
        "nhungnth.snv@kontum.gov.vn",
    ),
    (
        "xdcq",
        "Y Bình",
        "YB",
        OTHER,
        "Trưởng phòng Xây dựng chính quyền và Công tác thanh niên",
        "Head of the Local Government and Youth Division",
        "",
        "",
        "0260 3862 526",
        "binhy.snv@kontum.gov.vn",
    ),
    (
        "ccvc",
        "Đỗ Văn Thắng",
        "ĐVT",
        OTHER,
        "Trưởng phòng Công chức – Viên chức",
        "Head of the Civil Servants Division",
        "",
        "",
        "0260 3862 527",
        "thangdv.snv@kontum.gov.vn",
    ),
    (
        "tdkt",
        "Lương Văn Khánh",
        "LVK",
        OTHER,
        "Trưởng ban Thi đua – Khen thưởng",
        "Head of the Emulation and Commendation Board",
        "",
        "",
        "0260 3862 528",
        "khanhlv.snv@kontum.gov.vn",
    ),
    (
        "btg",
        "Bùi Đức Thịnh",
        "BĐT",
        OTHER,
        "Trưởng ban Tôn giáo",
        "Head of the Religious Affairs Board",
        "",
        "",
        "0260 3862 529",
        "thinhbd.snv@kontum.gov.vn",
    ),
    (
        "vtlt",
        "Vũ Thị Bích",
        "VTB",
        OTHER,
        "Chi cục trưởng Chi cục Văn thư – Lưu trữ",
        "Director of the Records and Archives Sub-department",
        "",
        "",
        "0260 3862 530",
        "bichvt.snv@kontum.gov.vn",
    ),
]

# name, name (en), kind, head key, functions, functions (en), phone, e-mail
UNITS = [
    (
        "Văn phòng Sở",
        "Department Office",
        Unit.OFFICE,
        "cvp",
        "Tham mưu tổng hợp, điều phối hoạt động của Sở\nCông tác hành chính, văn thư, tài chính, quản trị\n"
        "Đầu mối tiếp nhận và trả kết quả thủ tục hành chính",
        "Coordinates the Department's work\nAdministration, records, finance and facilities\n"
        "Receives applications and returns results of administrative procedures",
        "0260 3862 522",
        "vanphong.snv@kontum.gov.vn",
    ),
    (
        "Thanh tra Sở",
        "Inspectorate",
        Unit.OFFICE,
        "ctt",
        "Thanh tra hành chính, thanh tra chuyên ngành nội vụ\nTiếp công dân, giải quyết khiếu nại, tố cáo\n"
        "Phòng, chống tham nhũng",
        "Administrative and specialised inspection in home affairs\nCitizens' reception, complaints and denunciations\n"
        "Anti-corruption",
        "0260 3862 524",
        "thanhtra.snv@kontum.gov.vn",
    ),
    (
        "Phòng Tổ chức – Biên chế và Tổ chức phi chính phủ",
        "Organisation, Staffing and NGO Division",
        Unit.OFFICE,
        "tcbc",
        "Tổ chức bộ máy các cơ quan, đơn vị thuộc tỉnh\nQuản lý biên chế công chức, số lượng người làm việc\n"
        "Quản lý nhà nước về hội, quỹ xã hội, quỹ từ thiện",
        "Organisation of the province's agencies and units\nStaffing quotas of civil servants and public employees\n"
        "Associations, social and charity funds",
        "0260 3862 525",
        "tcbc.snv@kontum.gov.vn",
    ),
    (
        "Phòng Xây dựng chính quyền và Công tác thanh niên",
        "Local Government and Youth Division",
        Unit.OFFICE,
        "xdcq",
        "Tổ chức chính quyền địa phương, địa giới đơn vị hành chính\nCán bộ, công chức cấp xã\n"
        "Quản lý nhà nước về công tác thanh niên",
        "Local government and administrative boundaries\nCommune officials and civil servants\nYouth affairs",
        "0260 3862 526",
        "xdcq.snv@kontum.gov.vn",
    ),
    (
        "Phòng Công chức – Viên chức",
        "Civil Servants Division",
        Unit.OFFICE,
        "ccvc",
        "Tuyển dụng, sử dụng, quản lý công chức, viên chức\nĐào tạo, bồi dưỡng cán bộ, công chức, viên chức\n"
        "Chế độ tiền lương và chính sách",
        "Recruitment and management of civil servants and public employees\nTraining\nSalaries and benefits",
        "0260 3862 527",
        "ccvc.snv@kontum.gov.vn",
    ),
    (
        "Ban Thi đua – Khen thưởng",
        "Emulation and Commendation Board",
        Unit.BOARD,
        "tdkt",
        "Tham mưu tổ chức các phong trào thi đua của tỉnh\nThẩm định hồ sơ đề nghị khen thưởng",
        "Organises the province's emulation campaigns\nReviews proposals for awards",
        "0260 3862 528",
        "tdkt.snv@kontum.gov.vn",
    ),
    (
        "Ban Tôn giáo",
        "Religious Affairs Board",
        Unit.BOARD,
        "btg",
        "Quản lý nhà nước về tín ngưỡng, tôn giáo\nHướng dẫn hoạt động tôn giáo theo pháp luật",
        "Beliefs and religions\nGuidance on religious activities under the law",
        "0260 3862 529",
        "tongiao.snv@kontum.gov.vn",
    ),
    (
        "Chi cục Văn thư – Lưu trữ",
        "Records and Archives Sub-department",
        Unit.ATTACHED,
        "vtlt",
        "Quản lý nhà nước về văn thư, lưu trữ trên địa bàn tỉnh\nQuản lý Lưu trữ lịch sử tỉnh",
        "Records and archives management in the province\nThe Provincial Historical Archives",
        "0260 3862 530",
        "vtlt.snv@kontum.gov.vn",
    ),
]

PORTRAIT_COLOURS = [(125, 10, 23), (11, 79, 138), (30, 110, 60), (90, 60, 140)]


def ensure_people(locale):
    people = {}
    for order, (key, name, initials, role, title, _t_en, duties, _d_en, phone, email) in enumerate(PEOPLE):
        person = Person.objects.filter(locale=locale, email=email).first()
        if person is None:
            photo = None
            if role != OTHER:
                photo = badge_image(f"Ảnh {name}", initials, PORTRAIT_COLOURS[order % 4], f"anh-{key}")
            person = Person.objects.create(
                locale=locale,
                name=name,
                title=title,
                role=role,
                responsibilities=duties,
                phone=phone,
                email=email,
                photo=photo,
                sort_order=order,
            )
        people[key] = person
    return people


def ensure_units(locale, people):
    units = []
    for order, (name, _n_en, kind, head, functions, _f_en, phone, email) in enumerate(UNITS):
        unit = Unit.objects.filter(locale=locale, name=name).first()
        if unit is None:
            unit = Unit.objects.create(
                locale=locale,
                name=name,
                kind=kind,
                head=people[head],
                functions=functions,
                phone=phone,
                email=email,
                sort_order=order,
            )
        units.append(unit)
    return units


def ensure_officers(home, people):
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    settings = OrganisationSettings.for_site(site)
    if settings.spokesperson_id is None and settings.contact_officer_id is None:
        settings.spokesperson = people["gd"]
        settings.spokesperson_deputy = people["cvp"]
        settings.contact_officer = people["pcvp"]
        settings.save()


def _text(source, translation):
    """The entry for a plain-text field as wagtail-localize keeps it (lines joined by
    ``<br>``, HTML escaped)."""
    from wagtail_localize.strings import StringValue

    return {StringValue.from_plaintext(source).data: StringValue.from_plaintext(translation).data}


def ensure_english(people, units):
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return
    for key, _name, _i, _r, title, title_en, duties, duties_en, *_rest in PEOPLE:
        person = people[key]
        if person.get_translation_or_none(english) is None:
            translate(person, "en", {**_text(title, title_en), **_text(duties, duties_en)})
    for unit, (name, name_en, _k, _h, functions, functions_en, *_rest) in zip(units, UNITS, strict=True):
        if unit.get_translation_or_none(english) is None:
            translate(unit, "en", {**_text(name, name_en), **_text(functions, functions_en)})


def load(home, stdout):
    ensure_sections(home, stdout)
    people = ensure_people(home.locale)
    units = ensure_units(home.locale, people)
    ensure_officers(home, people)
    ensure_english(people, units)
    stdout.write(f"  + Cơ cấu tổ chức: {len(people)} cán bộ, {len(units)} đơn vị")
