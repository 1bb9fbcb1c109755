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

PLAN_INDEX = {
    "Kế hoạch": "Plans",
    "ke-hoach": "plans",
    "Kế hoạch do Sở Nội vụ tỉnh Kon Tum ban hành và các kế hoạch của tỉnh mà Sở triển khai.": (
        "Plans issued by the Department of Home Affairs of Kon Tum Province, and the provincial plans it implements."
    ),
}

PLAN_57 = {
    # The attachment's title (plan attachments are translatable).
    "Kế hoạch số 57/KH-SNV về triển khai Phong trào thi đua đặc biệt “Sở Nội vụ tỉnh Kon Tum đoàn kết, chung sức, "
    "đồng lòng cùng Nhân dân cả nước thi đua phòng, chống và chiến thắng đại dịch Covid-19”.": (
        "Plan No. 57/KH-SNV launching the special emulation campaign “The Department of Home Affairs of Kon Tum "
        "Province unites and joins the whole nation in preventing, fighting and defeating the Covid-19 pandemic”."
    ),
    "Kế hoạch triển khai Phong trào thi đua đặc biệt “Nhân dân tỉnh Kon Tum đoàn kết, chung sức, đồng lòng cùng Nhân "
    "dân cả nước thi đua phòng, chống và chiến thắng đại dịch Covid-19”": (
        "Plan for the special emulation campaign “The people of Kon Tum Province unite and join the whole nation in "
        "preventing, fighting and defeating the Covid-19 pandemic”"
    ),
    "ke-hoach-57-kh-snv-phong-trao-thi-dua-dac-biet-phong-chong-covid-19": "plan-57-kh-snv-covid-19-emulation-campaign",
    "Sở Nội vụ tỉnh Kon Tum": "Department of Home Affairs of Kon Tum Province",
    "Giám đốc": "Director",
    "Triển khai Phong trào thi đua đặc biệt “Sở Nội vụ tỉnh Kon Tum đoàn kết, chung sức, đồng lòng cùng Nhân dân cả "
    "nước thi đua phòng, chống và chiến thắng đại dịch Covid-19”.": (
        "Launching the special emulation campaign “The Department of Home Affairs of Kon Tum Province unites and "
        "joins the whole nation in preventing, fighting and defeating the Covid-19 pandemic”."
    ),
    "Kế hoạch số 3510/KH-UBND ngày 30/9/2021 của Ủy ban nhân dân tỉnh": (
        "Plan No. 3510/KH-UBND of 30/9/2021 of the Provincial People's Committee"
    ),
    "Thực hiện Kế hoạch số 3510/KH-UBND ngày 30 tháng 9 năm 2021 của Ủy ban nhân dân tỉnh về triển khai Phong trào "
    "thi đua đặc biệt “Nhân dân tỉnh Kon Tum đoàn kết, chung sức, đồng lòng cùng Nhân dân cả nước thi đua phòng, "
    "chống và chiến thắng đại dịch Covid-19”. Để góp phần cùng cả nước quyết tâm đẩy lùi dịch bệnh COVID-19, ngày "
    "11/11/2021, Sở Nội vụ ban hành Kế hoạch số 57/KH-SNV về triển khai Phong trào thi đua đặc biệt “Sở Nội vụ tỉnh "
    "Kon Tum đoàn kết, chung sức, đồng lòng cùng Nhân dân cả nước thi đua phòng, chống và chiến thắng đại dịch "
    "Covid-19”.": (
        "Implementing Plan No. 3510/KH-UBND of 30 September 2021 of the Provincial People's Committee on the special "
        "emulation campaign “The people of Kon Tum Province unite and join the whole nation in preventing, fighting "
        "and defeating the Covid-19 pandemic”, and to contribute to the nation's determination to push back "
        "COVID-19, on 11/11/2021 the Department of Home Affairs issued Plan No. 57/KH-SNV launching the special "
        "emulation campaign “The Department of Home Affairs of Kon Tum Province unites and joins the whole nation "
        "in preventing, fighting and defeating the Covid-19 pandemic”."
    ),
    "Với mục đích: Phát huy tính chủ động, sáng tạo, đoàn kết của đội ngũ công chức, người lao động thuộc Sở, tập "
    "trung cao nhất mọi nguồn lực cho công tác phòng, chống đại dịch COVID-19 với phương châm “phòng là cơ bản, "
    "chiến lược lâu dài; chống là quan trọng, thường xuyên”; thực hiện thắng lợi “mục tiêu kép”: vừa phòng, chống "
    "đại dịch COVID-19, vừa phục hồi và phát triển kinh tế - xã hội, bảo đảm an sinh xã hội và đời sống, sức khỏe "
    "công chức, người lao động thuộc Sở. Tổ chức phong trào thi đua với nội dung, hình thức phong phú, phù hợp, "
    "thiết thực nhằm khơi dậy mạnh mẽ tinh thần yêu nước, ý chí tự lực, tự cường dân tộc, tinh thần đoàn kết, "
    "tương thân tương ái; huy động công chức, người lao động tích cực tham gia, đề xuất các giải pháp và biện pháp "
    "trên mọi lĩnh vực để đẩy lùi dịch bệnh, hạn chế thiệt hại về người, tài sản. Biểu dương, khen thưởng kịp thời "
    "các tập thể, cá nhân có thành tích xuất sắc trong công tác phòng, chống đại dịch COVID-19 đảm bảo chính xác, "
    "công khai, minh bạch.": (
        "Purpose: to bring out the initiative, creativity and solidarity of the Department's civil servants and "
        "employees and to focus every resource on preventing and fighting the COVID-19 pandemic, on the principle "
        "that “prevention is fundamental and long-term; fighting is important and constant”; to achieve the "
        "“dual goal” of fighting the pandemic while restoring and developing the economy and society, ensuring "
        "social security and the lives and health of the Department's civil servants and employees. The campaign "
        "is organised with rich, suitable and practical content and forms to kindle patriotism, self-reliance and "
        "solidarity; to mobilise civil servants and employees to take part and propose solutions in every field to "
        "push back the epidemic and limit the loss of life and property; and to commend and reward, promptly, "
        "accurately, publicly and transparently, the groups and individuals with outstanding achievements in "
        "preventing and fighting the COVID-19 pandemic."
    ),
    "Về nội dung thi đua": "Campaign content",
    "Thi đua thực hiện tốt các chủ trương, Nghị quyết, Chỉ thị, Kết luận của Trung ương, Tỉnh ủy, Ủy ban nhân dân "
    "tỉnh, Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh và Trung tâm Chỉ huy phòng, chống dịch COVID-19 tỉnh về công "
    "tác phòng chống đại dịch COVID-19. Đề cao vai trò, trách nhiệm của người đứng đầu trong công tác lãnh đạo, chỉ "
    "đạo, điều hành, xây dựng kế hoạch, tổ chức triển khai và phân công nhiệm vụ cho từng đơn vị, công chức thực hiện "
    "các nhiệm vụ để đáp ứng yêu cầu cấp bách của công tác phòng, chống đại dịch.": (
        "Carrying out well the policies, resolutions, directives and conclusions of the Central Government, the "
        "Provincial Party Committee, the Provincial People's Committee, the provincial COVID-19 Steering Committee "
        "and Command Centre on preventing and fighting the pandemic; heads of units taking full responsibility for "
        "leading, directing, planning, organising and assigning tasks to every unit and civil servant to meet the "
        "urgent needs of the fight against the pandemic."
    ),
    "Thi đua phát huy sáng kiến, giải pháp trong thực hiện nhiệm vụ chuyên môn kết hợp với công tác phòng chống dịch "
    "Covid-19.": "Promoting initiatives and solutions in professional work combined with fighting Covid-19.",
    "Thi đua giữ vững ổn định chính trị, bảo đảm quốc phòng, an ninh, trật tự, an toàn xã hội, không để bị động, bất "
    "ngờ trong mọi tình huống; chủ động đấu tranh với các thế lực phản động, thù địch trong và ngoài nước lợi dụng "
    "tình hình đại dịch để gây rối, chống phá.": (
        "Maintaining political stability, national defence, security, order and social safety, never being caught "
        "unprepared; actively countering hostile forces at home and abroad that exploit the pandemic to cause "
        "disorder."
    ),
    "Thi đua đẩy mạnh ứng dụng công nghệ thông tin trong công tác phòng, chống đại dịch COVID-19; tuyên truyền sâu "
    "rộng để người dân hiểu, tin tưởng, thực hiện các biện pháp phòng, chống đại dịch do Chính phủ, Thủ tướng Chính "
    "phủ và chính quyền các cấp triển khai.": (
        "Making more use of information technology against COVID-19, and informing the public widely so that people "
        "understand, trust and follow the measures taken by the Government, the Prime Minister and authorities at "
        "every level."
    ),
    "Thời gian phát động thi đua": "Campaign period",
    "Từ tháng 11 năm 2021 đến khi tình hình dịch bệnh Covid-19 cơ bản được kiểm soát trên phạm vi toàn quốc.": (
        "From November 2021 until the Covid-19 epidemic is basically under control nationwide."
    ),
    "Hình thức khen thưởng": "Forms of reward",
    "Huân chương Lao động": "Labour Order",
    "Bằng khen của Thủ tướng Chính phủ": "Certificate of Merit of the Prime Minister",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh": "Certificate of Merit of the Chairman of the Provincial People's Committee",
    "Giấy khen của Giám đốc Sở Nội vụ": "Certificate of Merit of the Director of the Department of Home Affairs",
}

# One plan in English too (the demo's Kế hoạch số 57/KH-SNV), after its listing.
PAGES += [
    ("ke-hoach", PLAN_INDEX),
    ("ke-hoach-57-kh-snv-phong-trao-thi-dua-dac-biet-phong-chong-covid-19", PLAN_57),
]
