# ruff: noqa: F811 - pytest fixtures imported from tests.stats_helpers
"""Every way found to inflate the numbers, replayed through the real beacon view, on
both stores: the bound stated in docs/stats.md holds and nothing else gets through."""

import ipaddress
import json
import random

import pytest
from wagtail.models import Page, PageViewRestriction

from portal.stats import api, limits
from portal.stats.models import DailyTotal
from tests.stats_helpers import UA, _clear_stats_memo, article, beacon, clock, store  # noqa: F401

pytestmark = pytest.mark.django_db

HOUR = 3600


def views(page):
    return api.numbers(page).views


def browser_id():
    return f"{random.getrandbits(128):032x}"


def test_the_documented_bound_one_source_adds_at_most_n_views_per_page_per_hour(settings):
    """The sentence in docs/stats.md, checked against the settings and the bucket it builds."""
    n = settings.PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR
    assert n == 60
    assert limits.most_in(limits.page(), HOUR) <= n
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "docs" / "stats.md").read_text(encoding="utf-8")
    assert f"one source can add at most **{n} views per page per hour**" in readme


def flood(client, clock, page, seconds, every, make):
    """Beacons every ``every`` seconds for ``seconds``; ``make(i)`` gives beacon kwargs.
    Returns the statuses and, per beacon, whether it was counted."""
    statuses, counted = [], []
    for i in range(seconds // every):
        response = beacon(client, page, **make(i))
        statuses.append(response.status_code)
        counted.append(response.status_code == 200 and response.json()["counted"] is True)
        clock.travel(seconds=every)
    return statuses, counted


def test_user_agent_rotation_from_one_address_is_bounded(client, store, clock, article, settings):
    n = settings.PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR
    # A new user agent (and so a new "visitor" without a browser id) every 6 seconds.
    _, counted = flood(client, clock, article, HOUR, 6, lambda i: {"ua": f"{UA} rot/{i}", "ip": "192.0.2.50"})
    assert n * 0.8 <= sum(counted) <= n
    assert views(article) == sum(counted)
    # The bound is per page and per source: another address is served as usual.
    assert beacon(client, article, ip="192.0.2.51").json()["counted"] is True


def test_browser_id_rotation_from_one_address_is_bounded(client, store, clock, article, settings):
    n = settings.PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR
    _, counted = flood(client, clock, article, HOUR, 5, lambda i: {"browser": browser_id(), "ip": "192.0.2.60"})
    assert sum(counted) <= n
    assert views(article) <= n
    # Online now: new browsers from one source are limited too, so "online" cannot be
    # filled with made-up ids either.
    assert api.numbers().online <= limits.most_in(limits.visitors(), HOUR)


def test_ipv6_rotation_inside_one_64_is_one_source(client, store, clock, article, settings):
    n = settings.PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR
    net = ipaddress.ip_network("2001:db8:42:7::/64")

    def make(i):
        return {"ip": str(net[random.getrandbits(64)]), "browser": browser_id()}

    _, counted = flood(client, clock, article, HOUR, 4, make)
    assert sum(counted) <= n
    # The neighbouring /64 (another subscriber) is another source.
    assert beacon(client, article, ip="2001:db8:42:8::1", browser=browser_id()).json()["counted"] is True


def test_no_doubling_at_a_window_edge(client, store, clock, article, settings):
    """Fixed windows let a flood send the limit just before and again just after a
    window's edge. The buckets have no edge: count accepted beacons in every 60 s span."""
    settings.PORTAL_STATS_RATE_LIMIT = 30
    clock.t -= clock.t % 60 - 30  # start in the middle of a minute
    times = []
    for second in range(150):
        for k in range(2):
            response = beacon(client, article, ip="192.0.2.70", ua=f"{UA} e{second}.{k}")
            assert response.status_code in (200, 429)
            if response.status_code == 200:
                times.append(clock.t)
        clock.travel(seconds=1)
    worst = max(sum(1 for t in times if start <= t < start + 60) for start in range(times[0] - 60, times[-1] + 1))
    assert worst <= 30
    assert len(times) >= 30  # and the limit is not stricter than stated


def test_midnight_is_no_edge_either(client, store, clock, article, settings):
    """Identifiers are salted per day; the per-source buckets carry over at midnight."""
    n = settings.PORTAL_STATS_SOURCE_PAGE_VIEWS_PER_HOUR
    from portal.stats import clock as stats_clock

    midnight = stats_clock.start_of_day(clock.t) + 86400
    clock.t = midnight - HOUR // 2
    _, counted = flood(client, clock, article, HOUR, 10, lambda i: {"ua": f"{UA} mn/{i}", "ip": "192.0.2.80"})
    assert sum(counted) <= n


def test_a_beacon_without_a_page_cannot_forge_online(client, store, clock, article):
    for i in range(50):
        assert beacon(client, body="{}", ua=f"{UA} o{i}", ip=f"198.51.100.{i}").status_code == 400
    assert api.numbers().online == 0


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 selenium/4.21",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Puppeteer",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Playwright/1.48",
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Go-http-client/2.0",
        "axios/1.7.2",
    ],
)
def test_automation_and_crawlers_count_nothing(client, store, clock, article, ua):
    assert beacon(client, article, ua=ua, browser=browser_id()).status_code == 204
    assert views(article) == 0 and api.numbers().online == 0


def test_a_script_that_reports_webdriver_counts_nothing(client, store, clock, article):
    body = json.dumps({"page": article.pk, "id": browser_id(), "wd": True})
    assert beacon(client, body=body).status_code == 204
    assert views(article) == 0 and api.numbers().online == 0
    body = json.dumps({"page": article.pk, "id": browser_id(), "wd": False})
    assert beacon(client, body=body).json()["counted"] is True


@pytest.mark.parametrize("ua", [UA, "Mozilla/5.0 (Linux; Android 13; CUBOT P60) AppleWebKit/537.36 Chrome/120 Mobile"])
def test_real_browsers_are_not_taken_for_robots(client, store, clock, article, ua):
    assert beacon(client, article, ua=ua).json()["counted"] is True


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "http://localhost.evil.example", "null", "http://[::1", "http://testserver.evil"]
)
def test_a_foreign_origin_counts_nothing(client, store, clock, article, origin):
    response = beacon(client, article, HTTP_ORIGIN=origin)
    assert response.status_code == 403
    assert response.json()["error"] == "Không chấp nhận yêu cầu từ trang khác."
    assert views(article) == 0 and api.numbers().online == 0


def test_the_sites_own_origin_counts(client, store, clock, article, settings):
    assert beacon(client, article, HTTP_ORIGIN="http://testserver").json()["counted"] is True
    settings.PORTAL_BASE_URL = "https://sonoivu.kontum.gov.vn"
    response = beacon(client, article, HTTP_ORIGIN="https://sonoivu.kontum.gov.vn", ua=UA + " 2")
    assert response.json()["counted"] is True


@pytest.mark.parametrize("kind", ["login", "password", "groups"])
@pytest.mark.parametrize("on", ["page", "parent"])
def test_a_restricted_page_counts_nothing(client, store, clock, article, home, kind, on):
    from portal.models import StandardPage

    target = article
    if on == "parent":
        section = StandardPage(title="Nội bộ", slug="noi-bo")
        home.add_child(instance=section)
        section.save_revision().publish()
        target = StandardPage(title="Tài liệu nội bộ", slug="tai-lieu")
        section.add_child(instance=target)
        target.save_revision().publish()
        restricted = section
    else:
        restricted = article
    assert beacon(client, target, ua=UA + " before").status_code == 200  # counts while public
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=kind, password="mat-khau" if kind == "password" else ""
    )
    response = beacon(client, target, ua=UA + " after")
    assert response.status_code == 404
    assert views(target) == 1
    restriction.delete()  # public again: counts again at once
    assert beacon(client, target, ua=UA + " again").json()["counted"] is True


def test_the_tree_root_and_pages_outside_any_site_count_nothing(client, store, clock, article, home):
    from portal.models import StandardPage

    root = Page.get_first_root_node()
    assert beacon(client, body=json.dumps({"page": root.pk})).status_code == 404
    orphan = StandardPage(title="Ngoài site", slug="ngoai-site")
    root.add_child(instance=orphan)
    orphan.save_revision().publish()
    assert beacon(client, orphan).status_code == 404
    assert api.numbers().online == 0 and api.numbers().total == 0
    assert DailyTotal.objects.count() == 0
