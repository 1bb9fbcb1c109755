"""A stranger sending distinct searches one after another (each runs in full) is stopped
after his share with a Vietnamese 429; what is kept already, and other visitors, are not."""

import pytest

from portal.cache.generation import clear_local_caches
from tests.documents_factories import make_doc, make_register
from tests.search_helpers import publish

WORDS = ["tuyen dung", "cong chuc", "thi dua", "khen thuong", "ton giao", "van thu", "luu tru", "cai cach"]


@pytest.fixture
def limited(settings):
    settings.PORTAL_SEARCH_LIMIT_PER_SOURCE = 3
    settings.PORTAL_SEARCH_LIMIT_WINDOW_SECONDS = 60
    settings.PORTAL_FRAGMENT_CACHE = True  # as in production: a kept answer runs no search
    clear_local_caches()
    yield
    clear_local_caches()


def _get(client, url, query, address="203.0.113.7", **extra):
    return client.get(url, {"q": query, **extra}, REMOTE_ADDR=address)


@pytest.mark.parametrize("where", ["site search", "register"])
def test_a_flood_of_new_searches_gets_429_and_the_site_keeps_answering(client, home, limited, where):
    if where == "register":
        register = make_register(home)
        make_doc(register, 1, summary="Về việc tuyển dụng công chức, thi đua khen thưởng, văn thư lưu trữ.")
        url = register.url
    else:
        url = "/tim-kiem/"
        publish(home, "Kế hoạch tuyển dụng công chức", intro="Thi đua khen thưởng, tôn giáo, văn thư lưu trữ.")
    first = _get(client, url, WORDS[0])
    assert first.status_code == 200
    for words in WORDS[1:3]:
        assert _get(client, url, words).status_code == 200
    refused = _get(client, url, WORDS[3])
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Bạn đã tìm kiếm quá nhiều lần trong thời gian ngắn" in html and 'lang="vi"' in html
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "public" not in refused.get("Cache-Control", "")  # never kept by a cache
    # What was asked already is kept: its first page and its second, no new search.
    assert _get(client, url, WORDS[0]).content.decode() == first.content.decode()
    assert _get(client, url, WORDS[0], page="2").status_code != 429
    # Another visitor searches as usual; the site itself answers everyone.
    assert _get(client, url, WORDS[3], address="198.51.100.20").status_code == 200
    assert client.get("/", REMOTE_ADDR="203.0.113.7").status_code == 200
