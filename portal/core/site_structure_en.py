"""English versions of the pages Nghị định 42/2022 (Art. 7(2)) asks for: the agency's
organisation, functions and contact information. Keyed by the Vietnamese segment text
that wagtail-localize extracts from the demo pages."""

HOME = {"Trang chủ": "Home", "trang-chu": "home"}

ABOUT = {
    "Giới thiệu": "About us",
    "gioi-thieu": "about",
    "Giới thiệu về Sở Nội vụ tỉnh Kon Tum: chức năng, nhiệm vụ, cơ cấu tổ chức và lãnh đạo Sở.": (
        "About the Department of Home Affairs of Kon Tum Province: its functions, duties, "
        "organisational structure and leadership."
    ),
}

FUNCTIONS = {
    "Chức năng nhiệm vụ": "Functions and duties",
    "chuc-nang-nhiem-vu": "functions-and-duties",
    "Chức năng, nhiệm vụ và quyền hạn của Sở Nội vụ.": "Functions, duties and powers of the Department of Home Affairs.",
    "Sở Nội vụ tỉnh Kon Tum là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, có chức năng tham mưu, giúp Ủy ban "
    "nhân dân tỉnh quản lý nhà nước về: tổ chức bộ máy; vị trí việc làm, biên chế công chức; vị trí việc làm, cơ cấu "
    "viên chức theo chức danh nghề nghiệp và số lượng người làm việc trong đơn vị sự nghiệp công lập; tiền lương; cải "
    "cách hành chính; chính quyền địa phương; địa giới đơn vị hành chính; cán bộ, công chức, viên chức; tổ chức hội, "
    "tổ chức phi chính phủ; văn thư, lưu trữ nhà nước; tín ngưỡng, tôn giáo; thi đua, khen thưởng; công tác thanh "
    "niên.": (
        "The Department of Home Affairs of Kon Tum Province is a specialised agency of the Provincial People's "
        "Committee. It advises and assists the Provincial People's Committee in the state management of: "
        "organisational structure; job positions and civil-servant staffing; job positions, the structure of "
        "public employees by professional title and the number of employees in public service units; salaries; "
        "administrative reform; local government; administrative boundaries; officials, civil servants and public "
        "employees; associations and non-governmental organisations; state records and archives; beliefs and "
        "religions; emulation and commendation; and youth affairs."
    ),
    "Nhiệm vụ và quyền hạn": "Duties and powers",
    "Trình Ủy ban nhân dân tỉnh dự thảo quyết định, chỉ thị; quy hoạch, kế hoạch dài hạn, 05 năm và hằng năm; "
    "chương trình, biện pháp tổ chức thực hiện các nhiệm vụ cải cách hành chính nhà nước thuộc lĩnh vực quản lý nhà "
    "nước được giao.": (
        "Submitting to the Provincial People's Committee draft decisions and directives; long-term, five-year and "
        "annual plans; and programmes and measures for state administrative reform in the fields under its "
        "management."
    ),
    "Hướng dẫn, kiểm tra và tổ chức thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau khi được phê "
    "duyệt; thông tin, tuyên truyền, phổ biến, giáo dục pháp luật về các lĩnh vực thuộc phạm vi quản lý được giao.": (
        "Guiding, inspecting and implementing legal documents, master plans and plans once approved; informing the "
        "public about and disseminating the law in the fields under its management."
    ),
    "Tham mưu, giúp Ủy ban nhân dân tỉnh tổ chức thực hiện công tác thi đua, khen thưởng; thẩm định hồ sơ đề nghị "
    "khen thưởng theo quy định của Luật Thi đua, khen thưởng.": (
        "Advising and assisting the Provincial People's Committee on emulation and commendation work, and "
        "appraising commendation proposals under the Law on Emulation and Commendation."
    ),
    "Hướng dẫn, kiểm tra các cơ quan, tổ chức thực hiện các quy định của pháp luật về văn thư, lưu trữ; quản lý Lưu "
    "trữ lịch sử tỉnh.": (
        "Guiding and inspecting agencies and organisations in applying the law on records and archives, and "
        "managing the Provincial Historical Archives."
    ),
}


CONTACT = {
    "Liên hệ": "Contact",
    "lien-he": "contact",
    "Thông tin liên hệ của Sở Nội vụ tỉnh Kon Tum.": "How to contact the Department of Home Affairs of Kon Tum Province.",
    "Sở Nội vụ tỉnh Kon Tum": "Department of Home Affairs of Kon Tum Province",
    "Địa chỉ: 90 Trần Phú, phường Quyết Thắng, thành phố Kon Tum, tỉnh Kon Tum": (
        "Address: 90 Tran Phu Street, Quyet Thang Ward, Kon Tum City, Kon Tum Province, Viet Nam"
    ),
    "Điện thoại: 0260 3862 517 – Fax: 0260 3862 518": "Telephone: +84 260 3862 517 – Fax: +84 260 3862 518",
    "Thư điện tử: sonoivu@kontum.gov.vn": "Email: sonoivu@kontum.gov.vn",
    "Giờ làm việc: sáng 07:00–11:00, chiều 13:00–17:00, từ Thứ 2 đến Thứ 6.": (
        "Office hours: 07:00–11:00 and 13:00–17:00, Monday to Friday."
    ),
}

AGENCY_PROFILE = {
    "Sở Nội vụ tỉnh Kon Tum": "Department of Home Affairs of Kon Tum Province",
    "Ủy ban nhân dân tỉnh Kon Tum": "Kon Tum Provincial People's Committee",
    "90 Trần Phú, phường Quyết Thắng, thành phố Kon Tum, tỉnh Kon Tum": (
        "90 Tran Phu Street, Quyet Thang Ward, Kon Tum City, Kon Tum Province, Viet Nam"
    ),
    "Giám đốc Sở Nội vụ tỉnh Kon Tum": "Director of the Department of Home Affairs of Kon Tum Province",
    "Ghi rõ nguồn “Cổng thông tin điện tử Sở Nội vụ tỉnh Kon Tum” khi phát hành lại thông tin từ website này.": (
        "Please cite “Kon Tum Department of Home Affairs portal” when republishing information from this website."
    ),
}

# slug of the Vietnamese page -> strings, in the order they must be translated (parents first).
PAGES = [
    ("gioi-thieu", ABOUT),
    ("chuc-nang-nhiem-vu", FUNCTIONS),
    ("lien-he", CONTACT),
]
