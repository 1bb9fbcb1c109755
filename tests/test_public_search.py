"""Search results read well: a snippet quotes the page's own text with the matched words
marked, never the tokens the index keeps to find a number, and among results that score
the same (plans carrying the number searched for) the newest comes first."""

import html
import re

from tests.campaigns_factories import make_plan, make_plan_index
from tests.search_helpers import result_titles, search


def _snippets(response):
    found = re.findall(r'<p class="search-result__snippet">(.*?)</p>', response.content.decode(), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", s)).strip() for s in found]


def _publish(page):
    page.save_revision().publish()
    return page


def test_number_search_quotes_the_text_and_puts_the_newest_plan_first(client, home):
    index = make_plan_index(home)
    # The 2021 plan says the number more often: the text rank alone would put it first.
    _publish(
        make_plan(
            index,
            57,
            year=2021,
            title="Kế hoạch phòng, chống dịch năm 2021",
            summary="Kế hoạch số 57/KH-SNV; thực hiện Kế hoạch số 57/KH-SNV của Sở Nội vụ về phòng, chống dịch.",
        )
    )
    _publish(
        make_plan(
            index,
            57,
            year=2025,
            title="Kế hoạch công tác thi đua năm 2025",
            summary="Sở Nội vụ ban hành Kế hoạch số 57/KH-SNV về công tác thi đua, khen thưởng năm 2025.",
        )
    )
    response = search(client, "57/KH-SNV")
    assert result_titles(response)[:2] == ["Kế hoạch công tác thi đua năm 2025", "Kế hoạch phòng, chống dịch năm 2021"]
    snippets = _snippets(response)
    assert snippets[0].startswith("Sở Nội vụ ban hành Kế hoạch số 57/KH-SNV về công tác thi đua"), snippets[0]
    for text in snippets:
        assert "57/KH-SNV 57/KH-SNV" not in text and "57 KH SNV" not in text, text
    assert "<mark>57</mark>/<mark>KH</mark>-<mark>SNV</mark>" in response.content.decode()


def test_a_plan_is_still_found_by_its_number_variants(client, home):
    index = make_plan_index(home)
    _publish(make_plan(index, 57, year=2021, title="Kế hoạch phòng, chống dịch", summary="Trích yếu."))
    for q in ("57/KH-SNV", "57 KH SNV", "57/kh-snv", "KH-SNV 57"):
        assert result_titles(search(client, q))[:1] == ["Kế hoạch phòng, chống dịch"], q
