"""The editable texts the app's pages start with, and their English versions (one entry
per paragraph or list item, as wagtail-localize splits rich text)."""

ACCESS_INTRO = (
    "Công dân có quyền yêu cầu Sở Nội vụ cung cấp thông tin theo Luật Tiếp cận thông tin năm 2016 và Nghị định "
    "số 13/2018/NĐ-CP. Thông tin được công khai rộng rãi trên Cổng thông tin điện tử của Sở theo danh mục dưới "
    "đây; thông tin khác được cung cấp theo yêu cầu."
)
ACCESS_HOW = "Cách yêu cầu cung cấp thông tin"
ACCESS_ITEMS = [
    "Nộp Phiếu yêu cầu cung cấp thông tin trực tiếp tại Văn phòng Sở, qua bưu điện, fax hoặc thư điện tử.",
    "Thời hạn giải quyết: không quá 10 ngày làm việc kể từ ngày nhận yêu cầu hợp lệ; có thể gia hạn thêm không "
    "quá 10 ngày làm việc.",
    "Công dân không phải trả phí; chi phí in, sao, chụp, gửi thông tin theo quy định.",
]
ACCESS_BODY = (
    f"<p>{ACCESS_INTRO}</p><h2>{ACCESS_HOW}</h2><ul>" + "".join(f"<li>{item}</li>" for item in ACCESS_ITEMS) + "</ul>"
)
ACCESS_PARAGRAPHS = {
    ACCESS_INTRO: (
        "Citizens may ask the Department of Home Affairs for information under the Law on Access to Information "
        "(2016) and Decree No. 13/2018/ND-CP. The information listed below is published on the Department's portal; "
        "other information is provided on request."
    ),
    ACCESS_HOW: "How to request information",
    ACCESS_ITEMS[0]: "Hand in a request form at the Department's Office, or send it by post, fax or e-mail.",
    ACCESS_ITEMS[1]: (
        "The Department answers within 10 working days of a valid request, extendable by up to 10 working days."
    ),
    ACCESS_ITEMS[2]: "There is no fee; printing, copying and postage are charged as regulated.",
}

SPOKESPERSON_TEXT = (
    "Thực hiện Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ quy định chi tiết việc phát ngôn và cung "
    "cấp thông tin cho báo chí của các cơ quan hành chính nhà nước, Sở Nội vụ tỉnh Kon Tum công bố người phát ngôn "
    "và người được ủy quyền phát ngôn dưới đây."
)
SPOKESPERSON_BODY = f"<p>{SPOKESPERSON_TEXT}</p>"
SPOKESPERSON_PARAGRAPH = {
    SPOKESPERSON_TEXT: (
        "Under Decree No. 09/2017/ND-CP of 9 February 2017 on statements and information to the press by state "
        "administrative agencies, the Department of Home Affairs of Kon Tum Province names below its spokesperson "
        "and the person authorised to speak in their absence."
    ),
}
