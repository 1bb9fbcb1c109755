"""At least 1,000 malformed requests against every public URL pattern: no 5xx.

URL patterns are discovered from the resolver and from the links of the demo site, so
the suite grows with every content app (their patterns and their demo pages) without
being edited. Each URL gets bad paths, query strings, page numbers, encodings (``%ff``,
overlong UTF-8, NUL), huge and odd headers, odd methods, a bad Host and beacon bodies.
"""

import itertools
import logging
import math
import re
import time
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

pytestmark = pytest.mark.django_db

MIN_REQUESTS = 1000
SKIP_PREFIXES = ("/admin", "/django-admin", "/static", "/media")
JUNK_SEGMENTS = ["0", "-1", "99999999999999999999999", "abc", "%ff", "%c0%ae%c0%ae", "%00", "x" * 300, "đ"]

QUERIES = [
    "page=abc",
    "page=-1",
    "page=0",
    "page=99999999999999999999999999",
    "page=1e9",
    "page=%00",
    "page=1.5",
    "page=",
    "page[]=1",
    "page=1&page=2",
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "q=%ff%fe",
    "q=%c0%af",
    "q=' OR 1=1--",
    "q=" + "a" * 5000,
    "year=abc",
    "year=-1",
    "year=99999999999",
    "campaign=x&issuer=%00",
    "category=%ff",
    "tag=<b>",
    "lang=xx",
    "format=rss",
    "order=-title;DROP",
    "=&&&==",
    "%zz=1",
    "utm_source=%E0%A4%A",
    "date=2021-02-30",
    "from=9999-99-99&to=0000-00-00",
    "id=1%00",
    "callback=alert",
]
PATH_SUFFIXES = [
    "%ff",
    "%c0%ae%c0%ae/",
    "%00",
    "../../etc/passwd",
    "x" * 2500,
    ";jsessionid=1",
    "//",
    "%2e%2e%2f",
    "tìm-kiếm/",
    "%E0%A4%A/",
    "index.php",
    ".env",
    "?",
    "#frag",
    "%",
    "%%32%65",
]
METHODS = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "HEAD", "FOO"]
HEADERS = [
    {"HTTP_USER_AGENT": "A" * 16000},
    {"HTTP_ACCEPT_LANGUAGE": "xx;q=abc, ,;;, en;q=2"},
    {"HTTP_ACCEPT_LANGUAGE": "vi" + ",vi" * 2000},
    {"HTTP_COOKIE": "sessionid=%ff; csrftoken=<script>; =; ;;"},
    {"HTTP_COOKIE": "sessionid=" + "a" * 4000},
    {"HTTP_IF_MODIFIED_SINCE": "not a date"},
    {"HTTP_IF_NONE_MATCH": '"' * 100},
    {"HTTP_RANGE": "bytes=999999-1"},
    {"HTTP_X_FORWARDED_FOR": "<script>, 999.1.1.1, ::::"},
    {"HTTP_X_FORWARDED_PROTO": "gopher"},
    {"HTTP_REFERER": "javascript:alert(1)"},
    {"HTTP_ACCEPT": "text/html;q=x, */*;q="},
    {"HTTP_HOST": "evil.example"},
    {"HTTP_HOST": "localhost:99999999"},
    {"HTTP_HOST": "[::1"},
    {"HTTP_ACCEPT_ENCODING": "gzip;q=abc, br;"},
]
BODIES = [
    ("application/json", b""),
    ("application/json", b"{"),
    ("application/json", b"null"),
    ("application/json", b'{"page": "abc", "page_id": -1, "id": 1e309}'),
    ("application/json", b"[" * 5000),
    ("application/x-www-form-urlencoded", b"page=%ff&id=%00&" + b"a=1&" * 2000),
    ("text/plain", b"\xff\xfe\x00garbage"),
    ("multipart/form-data; boundary=xx", b"--xx\r\nbroken"),
    ("application/octet-stream", b"\x00" * 70000),
]


def pattern_paths():
    """One example path per URL pattern, with junk in every parameter."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            regex = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + regex)
            elif isinstance(entry, URLPattern):
                found.append(prefix + regex)

    walk(get_resolver().url_patterns, "")
    paths = set()
    for raw in found:
        raw = raw.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
        for junk in ("1", "abc", "%ff"):
            path = re.sub(r"<(?:\w+:)?\w+>", junk, raw)
            path = re.sub(r"\(\?P<\w+>[^)]*\)", junk, path)
            path = re.sub(r"\([^)]*\)[?*+]?", junk, path)
            path = re.sub(r"[\[\]?*+]", "", path)
            path = "/" + path.lstrip("/")
            if not path.startswith(SKIP_PREFIXES):
                paths.add(path)
                paths.add("/en" + path)
    return sorted(paths)


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src", "action"} and value:
                parts = urlsplit(value)
                if not parts.netloc and parts.path.startswith("/") and not parts.path.startswith(SKIP_PREFIXES):
                    self.links.add(parts.path)


def live_paths(client, pages):
    paths = {page.url for page in pages if page.url}
    parser = LinkParser()
    for path in list(paths)[:40]:
        response = client.get(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser.feed(response.content.decode("utf-8", "replace"))
    return sorted(paths | parser.links)


def requests_for(paths, budget=1050):
    """Every mutation for every URL would be ~75 requests per URL; to stay fast each URL
    gets every n-th mutation, starting at a different offset, so that across the URLs
    every mutation is still sent."""
    beacon_like = [p for p in paths if re.search(r"beacon|hit|count|stats|thong-ke|luot", p)]
    per_url = {path: mutations(path) for path in paths}
    total = sum(len(items) for items in per_url.values())
    step = max(1, math.ceil(total / budget))
    cases = []
    for index, items in enumerate(per_url.values()):
        cases += items[index % step :: step]
    for path, (content_type, body) in itertools.product(beacon_like or [], BODIES):
        cases.append(("POST", path, {}, (content_type, body)))
    return cases


def mutations(path):
    cases = []
    base = path.split("?")[0]
    for query in QUERIES:
        cases.append(("GET", f"{base}?{query}", {}, None))
    for suffix in PATH_SUFFIXES:
        cases.append(("GET", base.rstrip("/") + "/" + suffix, {}, None))
    for method in METHODS:
        cases.append((method, base, {}, None))
    for headers in HEADERS:
        cases.append(("GET", base, headers, None))
    for content_type, body in BODIES[:3]:
        cases.append(("POST", base, {}, (content_type, body)))
    return cases


# --- Arbitrary Unicode in every parameter (Hypothesis) -------------------------------------

# Values that look like numbers to ``str.isdigit()`` or ``int()`` but are not ASCII digits,
# plus bounds: each is tried on every parameter before Hypothesis' random text.
NUMBER_LOOKALIKES = ["²", "①", "٣", "𝟙", "1²", " 3", "3_000", "9" * 30]


class ParamParser(HTMLParser):
    """The parameters a page offers: names of GET-form fields and of ``?…`` in its links."""

    def __init__(self):
        super().__init__()
        self.forms = {}  # GET form action path → field names
        self.link_params = {}  # link path → parameter names
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._form = urlsplit(attrs.get("action") or "").path or None
            self.forms.setdefault(self._form, set())
        elif tag in {"input", "select", "textarea"} and self._form is not None and attrs.get("name"):
            self.forms[self._form].add(attrs["name"])
        elif tag in {"a", "link"} and attrs.get("href"):
            parts = urlsplit(attrs["href"])
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
                return
            if parts.query or parts.path.endswith("/feed/"):
                names = {pair.split("=")[0] for pair in parts.query.split("&") if pair}
                self.link_params.setdefault(parts.path, set()).update(names)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def public_targets(client, pages):
    """(path, parameter names) for the public pages, their forms and their links; ``page``
    is always tried (every listing, feed and search result is paginated). Pages that offer
    nothing but ``page`` are represented by one page of each type, to stay fast."""
    targets = {}
    seen_types = set()
    for page in pages.specific():
        if not page.url:
            continue
        response = client.get(page.url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = ParamParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        offered = {
            path or page.url: names
            for path, names in list(parser.forms.items()) + list(parser.link_params.items())
            if names or (path or "").endswith("/feed/")
        }
        own = offered.pop(page.url, set())
        if own or (type(page), page.locale_id) not in seen_types:
            seen_types.add((type(page), page.locale_id))
            targets.setdefault(page.url, set()).update(own | {"page"})
        for path, names in offered.items():
            targets.setdefault(path, set()).update(names | {"page"})
    for path in ("/tim-kiem/", "/en/search/"):
        targets.setdefault(path, set()).update({"q", "type", "year", "order", "page"})
    return {path: sorted(names) for path, names in targets.items()}


@pytest.fixture(scope="class")
def _demo_loaded(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the class's two tests (the load is most of their
    time) inside a transaction rolled back at the end of the class, before the module's
    other tests; each test runs in a savepoint of its own within it (the ``db`` fixture),
    as with a load per test."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


class TestOnTheDemoSite:
    """The fuzz tests that need every app's demo content share one load of it."""

    @pytest.fixture
    def demo_site(self, _demo_loaded, db):
        return Page.objects.live().exclude(depth=1)

    def test_fuzz_public_urls_never_answer_5xx(self, demo_site):
        client = Client(raise_request_exception=True)
        paths = sorted(set(pattern_paths()) | set(live_paths(client, demo_site)))
        assert "/" in paths and "/sitemap.xml" in paths and "/robots.txt" in paths
        cases = requests_for(paths)
        # A small site: top up with junk path segments in front of every URL.
        padding = [("GET", f"/{junk}/{path.lstrip('/')}", {}, None) for path in paths for junk in JUNK_SEGMENTS]
        while len(cases) < MIN_REQUESTS:
            cases += padding[: MIN_REQUESTS - len(cases)]
        failures = []
        started = time.monotonic()
        logging.disable(logging.CRITICAL)  # thousands of expected 404/405/400 log lines
        for method, path, headers, body in cases:
            kwargs = dict(headers)
            data = b""
            if body is not None:
                kwargs["content_type"], data = body
            try:
                response = client.generic(method, path, data, **kwargs)
                status = response.status_code
            except Exception as exc:  # noqa: BLE001 - every crash is a finding
                status = f"{type(exc).__name__}: {str(exc)[:120]}"
            if not isinstance(status, int) or status >= 500:
                failures.append((method, path[:120], {k: v[:40] for k, v in headers.items()}, status))
        logging.disable(logging.NOTSET)
        elapsed = time.monotonic() - started
        print(f"fuzz: {len(cases)} requests against {len(paths)} URLs in {elapsed:.1f} s, {len(failures)} failures")
        assert len(cases) >= MIN_REQUESTS
        assert not failures, "\n".join(map(str, failures[:40]))

    def test_arbitrary_unicode_in_any_parameter_never_gives_5xx(self, demo_site):
        """Every query parameter and GET form of every public view, fed number look-alikes
        and then arbitrary Unicode by Hypothesis: never a 5xx."""
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        client = Client(raise_request_exception=False)
        targets = public_targets(client, demo_site)
        paths = sorted(targets)
        # The demo has listings with filters and feeds: make sure they were found.
        assert any(path.endswith("/feed/") for path in paths), paths
        assert any({"year", "campaign"} <= set(names) for names in targets.values()), targets
        assert "q" in targets["/tim-kiem/"]
        print(f"unicode fuzz: {len(paths)} URLs, {sum(map(len, targets.values()))} parameters")
        # The visitor-statistics beacon is a JSON POST: test_arbitrary_json_in_the_beacon_… below.

        failures = []

        def check(path, params):
            response = client.get(path, params)
            if response.status_code >= 500:
                failures.append((path, params, response.status_code))

        for path, names in targets.items():
            for name in names:
                for value in NUMBER_LOOKALIKES[:5]:
                    check(path, {name: value})
        assert not failures, failures[:20]

        text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)

        @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(path=st.sampled_from(paths), data=st.data())
        def fuzz(path, data):
            names = targets[path]
            chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
            params = {name: data.draw(st.one_of(text, st.sampled_from(NUMBER_LOOKALIKES))) for name in chosen}
            response = client.get(path, params)
            assert response.status_code < 500, (path, params)

        logging.disable(logging.CRITICAL)
        try:
            fuzz()
        finally:
            logging.disable(logging.NOTSET)


def test_arbitrary_unicode_in_public_post_forms_never_gives_5xx(home):
    """The forms a stranger can post: a protected page's password form (both languages)
    and the login forms. Refusals (form errors, 429 after many tries) are fine; 5xx not."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from wagtail.models import PageViewRestriction

    from portal.models import StandardPage

    page = StandardPage(title="Nội bộ", slug="noi-bo")
    home.add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-2024"
    )
    forms = {
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/": ("password", "return_url"),
        f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/": ("password", "return_url"),
        "/admin/login/": ("username", "password", "next"),
        "/django-admin/login/": ("username", "password", "next"),
    }
    client = Client(raise_request_exception=False)
    text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(path=st.sampled_from(sorted(forms)), data=st.data())
    def fuzz(path, data):
        values = {name: data.draw(st.one_of(text, st.sampled_from(NUMBER_LOOKALIKES))) for name in forms[path]}
        response = client.post(path, values, REMOTE_ADDR="2001:db8::1")
        assert response.status_code < 500, (path, values, response.status_code)

    logging.disable(logging.CRITICAL)
    try:
        fuzz()
    finally:
        logging.disable(logging.NOTSET)


def test_arbitrary_json_in_the_beacon_never_gives_5xx(home):
    """The statistics beacon (``POST /_stats/hit``), fed number look-alikes as the page id
    (``{"page": "²"}`` answered 500 once) and then arbitrary JSON by Hypothesis: never a 5xx."""
    import json

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    client = Client(raise_request_exception=False)

    def post(body):
        return client.post(
            "/_stats/hit",
            data=body,
            content_type="application/json",
            HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
        )

    for value in [*NUMBER_LOOKALIKES, str(home.pk), home.pk, -1, 10**30, 1.5, None, [], {}]:
        response = post(json.dumps({"page": value, "id": "a" * 32}))
        assert response.status_code < 500, (value, response.status_code)

    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(st.characters(exclude_categories=("Cs",)))
    )
    values = st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
    )

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(page=values, browser=values, raw=st.binary(max_size=64))
    def fuzz(page, browser, raw):
        assert post(json.dumps({"page": page, "id": browser})).status_code < 500, (page, browser)
        assert post(raw).status_code < 500, raw

    logging.disable(logging.CRITICAL)
    try:
        fuzz()
    finally:
        logging.disable(logging.NOTSET)
