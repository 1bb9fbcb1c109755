import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.core import formatting

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2022, 11, 28), "Thứ 2"),
        (datetime.date(2022, 11, 29), "Thứ 3"),
        (datetime.date(2022, 11, 30), "Thứ 4"),
        (datetime.date(2022, 12, 1), "Thứ 5"),
        (datetime.date(2022, 12, 2), "Thứ 6"),
        (datetime.date(2022, 12, 3), "Thứ 7"),
        (datetime.date(2022, 12, 4), "Chủ nhật"),
    ],
)
def test_every_weekday_in_vietnamese(day, expected):
    with translation.override("vi"):
        assert formatting.weekday(day) == expected


def test_date_line_matches_the_source_site():
    with translation.override("vi"):
        assert formatting.date_line(datetime.date(2022, 12, 3)) == "Thứ 7, Ngày 03/12/2022"
        assert formatting.date_line(datetime.date(2022, 12, 4)) == "Chủ nhật, Ngày 04/12/2022"


def test_date_line_in_english():
    with translation.override("en"):
        assert formatting.date_line(datetime.date(2022, 12, 3)) == "Saturday, 03/12/2022"


def test_single_digit_days_and_months_are_zero_padded():
    assert formatting.date(datetime.date(2021, 1, 5)) == "05/01/2021"
    assert formatting.datetime_(datetime.datetime(2021, 3, 7, 7, 5, tzinfo=HCM)) == "07/03/2021  07:05"


def test_datetime_has_two_spaces_like_the_source_site():
    value = datetime.datetime(2021, 11, 11, 7, 53, tzinfo=HCM)
    assert formatting.datetime_(value) == "11/11/2021  07:53"


def test_aware_datetimes_are_shown_in_asia_ho_chi_minh():
    # 23:30 UTC on 10 Nov is 06:30 on 11 Nov in Kon Tum.
    value = datetime.datetime(2021, 11, 10, 23, 30, tzinfo=datetime.UTC)
    assert formatting.datetime_(value) == "11/11/2021  06:30"
    with translation.override("vi"):
        assert formatting.weekday(value) == "Thứ 5"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (3134, "3.134"),
        (46012327, "46.012.327"),
        (1_000_000, "1.000.000"),
        (-1234, "-1.234"),
        ("46012327", "46.012.327"),
        (None, ""),
    ],
)
def test_numbers_use_dot_as_thousands_separator(value, expected):
    with translation.override("vi"):
        assert formatting.number(value) == expected


def test_numbers_in_english_use_commas():
    with translation.override("en"):
        assert formatting.number(46012327) == "46,012,327"


def test_long_official_date():
    with translation.override("vi"):
        assert formatting.long_date(datetime.date(2021, 11, 11), "Kon Tum") == "Kon Tum, ngày 11 tháng 11 năm 2021"


def test_filters_in_templates():
    template = Template(
        "{% load vn_format %}{{ d|vn_date }}|{{ d|vn_weekday }}|{{ n|vn_number }}|{{ t|vn_datetime }}|{{ d|vn_date_line }}"
    )
    with translation.override("vi"):
        out = template.render(
            Context(
                {
                    "d": datetime.date(2022, 12, 3),
                    "n": 46012327,
                    "t": datetime.datetime(2021, 11, 11, 7, 53, tzinfo=HCM),
                }
            )
        )
    assert out == "03/12/2022|Thứ 7|46.012.327|11/11/2021  07:53|Thứ 7, Ngày 03/12/2022"


def test_empty_values_render_as_nothing():
    assert formatting.date(None) == ""
    assert formatting.datetime_("") == ""
