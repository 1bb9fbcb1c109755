"""Demo agency links (``load_demo``): two groups, a dozen links, logos drawn at load
time, and the English version of each group. Running it again changes nothing."""

from wagtail.models import Locale

from links.logos import badge_image
from links.models import AgencyLink, LinkGroup
from portal.core.translation import translate

RED, BLUE, GREEN = (165, 14, 31), (11, 79, 138), (30, 110, 60)

GROUPS = [
    (
        "Cơ quan Trung ương",
        "Central government",
        [
            ("Cổng Thông tin điện tử Chính phủ", "Government portal of Viet Nam", "https://chinhphu.vn", "CP", RED),
            ("Bộ Nội vụ", "Ministry of Home Affairs", "https://moha.gov.vn", "BNV", RED),
            ("Cổng Dịch vụ công quốc gia", "National public service portal", "https://dichvucong.gov.vn", "DVC", BLUE),
            (
                "Ban Thi đua - Khen thưởng Trung ương",
                "Central Emulation and Commendation Board",
                "https://btdkt.moha.gov.vn",
                "TĐKT",
                RED,
            ),
            (
                "Cục Văn thư và Lưu trữ nhà nước",
                "State Records and Archives Department",
                "https://luutru.gov.vn",
                "VTLT",
                GREEN,
            ),
            (
                "Ban Tôn giáo Chính phủ",
                "Government Committee for Religious Affairs",
                "https://btgcp.gov.vn",
                "BTG",
                GREEN,
            ),
        ],
    ),
    (
        "Tỉnh Kon Tum",
        "Kon Tum Province",
        [
            (
                "Cổng thông tin điện tử tỉnh Kon Tum (Ủy ban nhân dân tỉnh)",
                "Kon Tum Province portal (Provincial People's Committee)",
                "https://kontum.gov.vn",
                "UBND",
                RED,
            ),
            (
                "Cổng Dịch vụ công tỉnh Kon Tum",
                "Kon Tum public service portal",
                "https://dichvucong.kontum.gov.vn",
                "DVC",
                BLUE,
            ),
            ("Sở Tư pháp tỉnh Kon Tum", "Kon Tum Department of Justice", "https://sotp.kontum.gov.vn", "STP", BLUE),
            ("Sở Tài chính tỉnh Kon Tum", "Kon Tum Department of Finance", "https://stc.kontum.gov.vn", "STC", BLUE),
            (
                "Sở Thông tin và Truyền thông tỉnh Kon Tum",
                "Kon Tum Department of Information and Communications",
                "https://stttt.kontum.gov.vn",
                "TTTT",
                BLUE,
            ),
            (
                "Sở Kế hoạch và Đầu tư tỉnh Kon Tum",
                "Kon Tum Department of Planning and Investment",
                "https://skhdt.kontum.gov.vn",
                "KHĐT",
                BLUE,
            ),
        ],
    ),
]


def load(home, stdout):
    locale = home.locale
    english = Locale.objects.filter(language_code="en").first()
    for order, (name, name_en, links) in enumerate(GROUPS):
        group = LinkGroup.objects.filter(locale=locale, name=name).first()
        if group is None:
            group = LinkGroup(locale=locale, name=name, sort_order=order)
            for i, (title, _title_en, url, initials, colour) in enumerate(links):
                slug = url.split("//")[1].replace(".", "-")
                logo = badge_image(f"Biểu trưng {title}", initials, colour, f"logo-{slug}")
                group.links.add(AgencyLink(locale=locale, name=title, url=url, logo=logo, sort_order=i))
            group.save()
            stdout.write(f"  + Liên kết website: {name}")
        if english is not None and group.get_translation_or_none(english) is None:
            strings = {name: name_en, **{title: title_en for title, title_en, *_rest in links}}
            translate(group, "en", strings)
