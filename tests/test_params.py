"""portal.core.params.parse_int: ASCII digits only, within bounds, never an exception."""

import pytest

from portal.core.params import parse_int


@pytest.mark.parametrize(
    "value",
    ["²", "①", "٣", "３", "𝟙", "1²", " 3", "3 ", "3_000", "+3", "-3", "1e3", "1.0", "", None, True, [], "9" * 19],
)
def test_anything_but_ascii_digits_gives_the_default(value):
    assert parse_int(value) is None
    assert parse_int(value, default=1) == 1


def test_ascii_digits_within_bounds():
    assert parse_int("0") == 0
    assert parse_int("007") == 7
    assert parse_int("42", minimum=1, maximum=42) == 42
    assert parse_int("43", minimum=1, maximum=42) is None
    assert parse_int("0", minimum=1, default=1) == 1
    assert parse_int("2024", max_digits=4) == 2024
    assert parse_int("20240", max_digits=4) is None
    assert parse_int(5, minimum=1) == 5


def test_listing_and_search_answer_lookalike_page_numbers_with_a_page(client, home):
    for value in ("²", "①", "٣", "1²"):
        assert client.get("/", {"page": value}).status_code == 200
        assert client.get("/tim-kiem/", {"q": "kế hoạch", "page": value, "year": value}).status_code == 200
