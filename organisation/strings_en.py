"""English versions of the app's pages and demo directory (source text -> translation),
used with ``portal.core.translation.translate``."""

from organisation.structure_text import ACCESS_PARAGRAPHS, SPOKESPERSON_PARAGRAPH

PAGES = {
    "Cơ cấu tổ chức": "Organisational structure",
    "co-cau-to-chuc": "organisational-structure",
    "Sơ đồ tổ chức và các đơn vị thuộc Sở Nội vụ tỉnh Kon Tum.": (
        "Organisation chart and units of the Department of Home Affairs of Kon Tum Province."
    ),
    "Lãnh đạo Sở": "Leadership",
    "lanh-dao-so": "leadership",
    "Giám đốc, các Phó Giám đốc Sở và lĩnh vực phụ trách.": (
        "The Director and Deputy Directors of the Department and the fields each is in charge of."
    ),
    "Người phát ngôn": "Spokesperson",
    "nguoi-phat-ngon": "spokesperson",
    "Người phát ngôn và cung cấp thông tin cho báo chí của Sở Nội vụ tỉnh Kon Tum.": (
        "Who speaks for the Department of Home Affairs of Kon Tum Province and informs the press."
    ),
    "Tiếp cận thông tin": "Access to information",
    "tiep-can-thong-tin": "access-to-information",
    "Danh mục thông tin Sở Nội vụ công khai và cách yêu cầu cung cấp thông tin.": (
        "The information the Department of Home Affairs publishes, and how to request information."
    ),
    "Sơ đồ cổng": "Site map",
    "so-do-cong": "site-map",
    "Tất cả các mục của Cổng thông tin điện tử Sở Nội vụ.": "Every section of the Department of Home Affairs portal.",
    **ACCESS_PARAGRAPHS,
    **SPOKESPERSON_PARAGRAPH,
}
