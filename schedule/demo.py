"""Demo content for Lịch công tác: the section and the weeks around today."""

import datetime

from portal.core.page_tree import ensure_page
from schedule import weeks

DIRECTOR = "Đ/c Nguyễn Văn Hùng, Giám đốc Sở"
DEPUTY_1 = "Đ/c Trần Thị Mai, Phó Giám đốc Sở"
DEPUTY_2 = "Đ/c A Lâm, Phó Giám đốc Sở"
OFFICE = "Văn phòng Sở"
HALL = "Phòng họp tầng 2, Sở Nội vụ"

# (day, start, end, content, chair, participants, location, preparation, recurring)
RECURRING = [
    (
        0,
        "07:30",
        "08:30",
        "Chào cờ đầu tuần; giao ban Lãnh đạo Sở với Trưởng các phòng, đơn vị",
        DIRECTOR,
        "Lãnh đạo Sở; Trưởng, Phó các phòng, đơn vị thuộc Sở",
        HALL,
        OFFICE,
        True,
    ),
    (
        4,
        "07:30",
        "11:00",
        "Tiếp công dân định kỳ",
        DIRECTOR,
        "Chánh Thanh tra Sở; chuyên viên Văn phòng Sở",
        "Phòng tiếp công dân, Sở Nội vụ",
        "Thanh tra Sở",
        True,
    ),
]
# Items that change from week to week (a few sets, picked by the week number).
VARYING = [
    [
        (
            1,
            "08:00",
            None,
            "Dự phiên họp thường kỳ của UBND tỉnh",
            DIRECTOR,
            "",
            "Hội trường UBND tỉnh",
            "Theo giấy mời",
            False,
        ),
        (
            2,
            "08:00",
            "11:30",
            "Kiểm tra công tác cải cách hành chính tại UBND huyện Đắk Hà",
            DEPUTY_1,
            "Phòng Cải cách hành chính; Văn phòng Sở",
            "UBND huyện Đắk Hà",
            "Phòng Cải cách hành chính",
            False,
        ),
        (
            3,
            "14:00",
            "16:30",
            "Họp Hội đồng Thi đua – Khen thưởng tỉnh xét khen thưởng cuối năm",
            DIRECTOR,
            "Trưởng ban Ban Thi đua – Khen thưởng",
            "Phòng họp số 1, UBND tỉnh",
            "Ban Thi đua – Khen thưởng",
            False,
        ),
        (5, None, None, "Trực lãnh đạo Sở", DEPUTY_2, "", "Sở Nội vụ", "", False),
    ],
    [
        (
            1,
            "14:00",
            "17:00",
            "Làm việc với Sở Tài chính về giao biên chế công chức năm sau",
            DEPUTY_1,
            "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
            HALL,
            "Phòng Tổ chức, biên chế",
            False,
        ),
        (
            2,
            "07:30",
            None,
            "Dự Hội nghị tập huấn công tác văn thư, lưu trữ năm nay",
            DEPUTY_2,
            "Chi cục Văn thư – Lưu trữ",
            "Hội trường Trung tâm Hội nghị tỉnh",
            "Chi cục Văn thư – Lưu trữ",
            False,
        ),
        (
            3,
            "08:00",
            "11:00",
            "Họp xét tuyển viên chức đợt 2",
            DIRECTOR,
            "Hội đồng xét tuyển; Phòng Công chức, viên chức",
            HALL,
            "Phòng Công chức, viên chức",
            False,
        ),
        (
            4,
            "14:00",
            "16:00",
            "Làm việc với Ban Tôn giáo về công tác quản lý nhà nước về tín ngưỡng, tôn giáo",
            DEPUTY_2,
            "Ban Tôn giáo",
            "Trụ sở Ban Tôn giáo",
            "Ban Tôn giáo",
            False,
        ),
    ],
]


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def ensure_section(home, stdout):
    from schedule.models import ScheduleIndexPage

    index, created = ensure_page(
        home,
        ScheduleIndexPage,
        "lich-cong-tac",
        title="Lịch công tác",
        intro="Lịch làm việc hằng tuần của Lãnh đạo Sở Nội vụ tỉnh Kon Tum.",
        show_in_menus=True,
    )
    if created:
        stdout.write("  + Lịch công tác")
    return index


def ensure_week(index, monday):
    """The week's schedule, published, unless one exists (an editor's is never touched)."""
    from schedule.models import ScheduleItem, WeekSchedulePage

    if WeekSchedulePage.objects.child_of(index).filter(week_start=monday).exists():
        return None
    rows = RECURRING + VARYING[weeks.week_number(monday) % len(VARYING)]
    page = WeekSchedulePage(
        title=WeekSchedulePage.default_title(monday),
        slug=WeekSchedulePage.default_slug(monday),
        week_start=monday,
    )
    for order, (day, start, end, content, chair, participants, location, preparation, recurring) in enumerate(rows):
        page.items.add(
            ScheduleItem(
                sort_order=order,
                day=day,
                start_time=_time(start),
                end_time=_time(end),
                content=content,
                chair=chair,
                participants=participants,
                location=location,
                preparation=preparation,
                recurring=recurring,
            )
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def load(home, stdout):
    index = ensure_section(home, stdout)
    monday = weeks.current_monday()
    made = 0
    for offset in (-1, 0, 1):
        if ensure_week(index, monday + datetime.timedelta(weeks=offset)) is not None:
            made += 1
    if made:
        stdout.write(f"  + Lịch công tác: {made} tuần")
