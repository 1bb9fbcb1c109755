# ruff: noqa: F811 - pytest fixtures imported from tests.stats_helpers
"""Visitor statistics: counting rules, both stores, flush, import, page rendering."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hitcount.models import BlockedIP, BlockedUserAgent, HitCount

from portal.stats import api
from portal.stats.models import DailyPageViews, DailyTotal, FlushBatch, RecentVisitor, SiteTotal
from tests.stats_helpers import UA, UA2, _clear_stats_memo, article, beacon, clock, store  # noqa: F401

pytestmark = pytest.mark.django_db


def hits_in_db(page):
    row = HitCount.objects.filter(content_type_id=page.content_type_id, object_pk=page.pk).first()
    return row.hits if row else 0


def settle(store):
    """What a cron run of flush_stats does (a no-op for the database store)."""
    store.flush()


# --- counting rules, on both stores ---------------------------------------------


def test_first_view_counts_and_answers_live_numbers(client, store, clock, article):
    api.set_initial_total(46_012_327)
    response = beacon(client, article)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    data = response.json()
    assert data == {"views": 1, "online": 1, "total": 46_012_328, "counted": True}
    settle(store)
    assert hits_in_db(article) == 1
    assert SiteTotal.objects.get().total == 46_012_328


def test_views_add_to_seeded_hitcount_and_never_overwrite_it(client, store, clock, article):
    HitCount.objects.create(content_type_id=article.content_type_id, object_pk=article.pk, hits=3134)
    assert beacon(client, article).json()["views"] == 3135
    assert beacon(client, article, ua=UA2).json()["views"] == 3136
    settle(store)
    assert hits_in_db(article) == 3136
    assert api.page_views(article) == 3136


def test_counts_the_specific_page_row(client, store, clock, article):
    from wagtail.models import Page

    beacon(client, article)
    settle(store)
    plain = Page.objects.get(pk=article.pk)
    assert HitCount.objects.filter(object_pk=article.pk).count() == 1
    assert (
        HitCount.objects.get(object_pk=article.pk).content_type_id == plain.content_type_id == article.content_type_id
    )


def test_reload_within_the_window_counts_once(client, store, clock, article):
    assert beacon(client, article).json()["counted"] is True
    clock.travel(minutes=10)
    second = beacon(client, article).json()
    assert second["counted"] is False and second["views"] == 1
    clock.travel(minutes=19)
    assert beacon(client, article).json()["views"] == 1
    clock.travel(minutes=31)  # 30 minutes after the counted view
    assert beacon(client, article).json() | {"online": 0} == {"views": 2, "online": 0, "total": 2, "counted": True}
    settle(store)
    assert hits_in_db(article) == 2


def test_a_visit_is_the_first_page_after_thirty_minutes_of_inactivity(client, store, clock, article, home):
    api.set_initial_total(100)
    assert beacon(client, article).json()["total"] == 101
    for _ in range(3):  # keeps browsing: same visit, even across more than 30 minutes in all
        clock.travel(minutes=20)
        assert beacon(client, home).json()["total"] == 101
    clock.travel(minutes=31)
    assert beacon(client, home).json()["total"] == 102
    assert beacon(client, article, ua=UA2).json()["total"] == 103  # another person
    settle(store)
    assert SiteTotal.objects.get().total == 103
    day = DailyTotal.objects.get()
    assert (day.visits, day.visitors) == (3, 2)


def test_online_counts_distinct_visitors_in_the_window(client, store, clock, article, settings):
    assert settings.PORTAL_ONLINE_WINDOW_MINUTES == 5
    beacon(client, article, ip="198.51.100.1")
    beacon(client, article, ip="198.51.100.1")  # same person again
    clock.travel(minutes=3)
    assert beacon(client, article, ip="198.51.100.2").json()["online"] == 2
    clock.travel(minutes=3)  # the first left 6 minutes ago
    assert api.numbers().online == 1
    assert beacon(client, article, ip="198.51.100.3").json()["online"] == 2


def test_daily_tables_keep_views_per_page_and_day(client, store, clock, article, home):
    beacon(client, article)
    beacon(client, home)
    beacon(client, article, ua=UA2)
    clock.travel(minutes=24 * 60)
    beacon(client, article)
    settle(store)
    rows = sorted(DailyPageViews.objects.values_list("day", "object_pk", "views"))
    first, second = rows[0][0], rows[-1][0]
    assert (second - first).days == 1
    assert sorted(rows) == sorted([(first, article.pk, 2), (first, home.pk, 1), (second, article.pk, 1)])
    assert list(DailyTotal.objects.order_by("day").values_list("views", flat=True)) == [3, 1]


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "",
    ],
)
def test_bots_are_not_counted(client, store, clock, article, ua):
    response = beacon(client, article, ua=ua)
    assert response.status_code == 204
    settle(store)
    assert hits_in_db(article) == 0 and api.numbers(article).online == 0


@pytest.mark.parametrize(
    "header",
    [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_PURPOSE": "prefetch"}, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}],
)
def test_prefetch_is_not_counted(client, store, clock, article, header):
    assert beacon(client, article, **header).status_code == 204
    assert api.numbers(article).views == 0


@pytest.mark.parametrize("method", ["get", "head", "put", "delete", "options"])
def test_other_methods_get_405_and_count_nothing(client, store, clock, article, method):
    response = getattr(client, method)("/_stats/hit", HTTP_USER_AGENT=UA)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert api.numbers(article).views == 0 and api.numbers().total == 0


def test_block_lists_are_honoured(client, store, clock, article):
    BlockedIP.objects.create(ip="192.0.2.66")
    BlockedUserAgent.objects.create(user_agent=UA2)
    assert beacon(client, article, ip="192.0.2.66").status_code == 204
    assert beacon(client, article, ua=UA2).status_code == 204
    assert api.numbers(article).views == 0
    assert beacon(client, article).json()["views"] == 1  # everyone else still counts
    BlockedIP.objects.all().delete()
    assert beacon(client, article, ip="192.0.2.66").json()["views"] == 2


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{", "application/json", 400),
        ("[]", "application/json", 400),
        ('{"page": "abc"}', "application/json", 400),
        ('{"page": -3}', "application/json", 400),
        ('{"page": 1.5}', "application/json", 400),
        ('{"page": true}', "application/json", 400),
        ('{"page": 99999999999}', "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
        ('{"page": 1}', "application/xml", 415),
        ("page=1", "application/x-www-form-urlencoded", 415),
        ('{"page": 1, "pad": "' + "x" * 400 + '"}', "application/json", 413),
        ('{"page": 987654}', "application/json", 404),
    ],
)
def test_malformed_beacons_get_a_clear_4xx_and_count_nothing(client, store, clock, article, body, content_type, status):
    response = beacon(client, body=body, content_type=content_type)
    assert response.status_code == status
    assert "error" in response.json()
    assert api.numbers(article).views == 0 and api.numbers().online == 0


def test_unpublished_page_is_not_counted(client, store, clock, article):
    article.unpublish()
    assert beacon(client, article).status_code == 404
    assert hits_in_db(article) == 0


def test_a_draft_never_published_is_not_counted(client, store, clock, home):
    from portal.models import StandardPage

    draft = StandardPage(title="Bản nháp", slug="ban-nhap", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    assert beacon(client, draft).status_code == 404
    assert hits_in_db(draft) == 0


def test_cross_site_beacons_are_refused(client, store, clock, article):
    assert beacon(client, article, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert beacon(client, article, HTTP_SEC_FETCH_SITE="same-origin").status_code == 200


def test_a_flood_from_one_source_gets_429_and_is_not_counted(client, store, clock, article, settings):
    settings.PORTAL_STATS_RATE_LIMIT = 12  # a third at once, the rest spread over the minute
    uas = [f"{UA} flood/{i}" for i in range(8)]  # varying the UA does not escape the limit
    statuses = [beacon(client, article, ua=ua, ip="192.0.2.9").status_code for ua in uas]
    assert statuses == [200] * 4 + [429] * 4
    assert api.numbers(article).views == 4
    assert beacon(client, article, ip="192.0.2.10").status_code == 200  # another source is served
    clock.travel(seconds=61)
    assert beacon(client, article, ua=UA + " later", ip="192.0.2.9").status_code == 200
    settle(store)
    assert hits_in_db(article) == 6


def test_forwarded_for_is_trusted_only_from_a_trusted_proxy(client, store, clock, article, settings):
    # Not trusted: both come from REMOTE_ADDR with the same UA, so they are one visitor.
    settings.PORTAL_TRUSTED_PROXIES = []
    beacon(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert beacon(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2").json()["views"] == 1
    # The same setting as the admin login limits (nginx on this host by default).
    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1"]
    assert beacon(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.3").json()["views"] == 2
    # X-Real-IP is not a second way in: only X-Forwarded-For, read from the right.
    assert beacon(client, article, ip="127.0.0.1", HTTP_X_REAL_IP="198.51.100.4").json()["views"] == 2
    assert beacon(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4").json()["views"] == 3
    # A spoofed left-most entry does not help: the proxy's own appended address counts.
    assert beacon(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4").json()["views"] == 3
    # A visitor who is not the proxy cannot claim another address at all.
    assert beacon(client, article, ip="203.0.113.8", HTTP_X_FORWARDED_FOR="198.51.100.9").json()["views"] == 4
    assert beacon(client, article, ip="203.0.113.8", HTTP_X_FORWARDED_FOR="198.51.100.10").json()["views"] == 4
    BlockedIP.objects.create(ip="198.51.100.5")
    assert beacon(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.5").status_code == 204


def test_no_raw_ip_is_stored(client, store, clock, article):
    beacon(client, article, ip="203.0.113.77")
    settle(store)
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            if table.startswith("stats_"):
                cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                assert "203.0.113.77" not in repr(cur.fetchall())
    assert RecentVisitor.objects.exists() or store.name == "redis"
    if store.name == "redis":
        for key in store.client.scan_iter(match=store.prefix + "*"):
            assert b"203.0.113.77" not in key
            if store.client.type(key) == b"string":
                assert b"203.0.113.77" not in store.client.get(key)


def test_visitor_hash_changes_with_the_day(client, store, clock, article):
    beacon(client, article)
    first = store.salt(clock())
    clock.travel(minutes=24 * 60)
    assert store.salt(clock()) != first


def test_a_beacon_without_a_page_counts_nothing(client, store, clock, article):
    # "{}" used to count the sender as online and as a visit: online was forged that way.
    for i in range(20):
        assert beacon(client, body="{}", ua=f"{UA} n{i}").status_code == 400
    assert beacon(client, body='{"id": "' + "a" * 32 + '"}').status_code == 400
    assert api.numbers().online == 0 and api.numbers().total == 0


@pytest.mark.parametrize("page", ["²", "١٢", "１", "1 ", "+1", "0x1", "", "1e3"])
def test_a_page_id_must_be_ascii_digits(client, store, clock, article, page):
    response = beacon(client, body=json.dumps({"page": page}))
    assert response.status_code == 400
    assert response.json()["error"] == "Yêu cầu không hợp lệ."
    assert beacon(client, body=json.dumps({"page": str(article.pk)})).json()["counted"] is True


# --- a visitor is a browser -----------------------------------------------------


def browser_id(n):
    return f"{n:032x}"


def test_two_browsers_behind_one_address_are_two_visitors(client, store, clock, article):
    """An office or a carrier-grade NAT: same address, same browser version."""
    first = beacon(client, article, browser=browser_id(1)).json()
    assert (first["views"], first["online"], first["counted"]) == (1, 1, True)
    second = beacon(client, article, browser=browser_id(2)).json()
    assert (second["views"], second["online"], second["counted"]) == (2, 2, True)
    # A reload in either browser is not a new view.
    assert beacon(client, article, browser=browser_id(1)).json() | {"online": 2} == {
        "views": 2,
        "online": 2,
        "total": 2,
        "counted": False,
    }
    settle(store)
    assert hits_in_db(article) == 2 and DailyTotal.objects.get().visitors == 2


def test_a_browser_keeps_being_one_visitor_when_its_address_changes(client, store, clock, article):
    """Wi-Fi to mobile data: the id stays, so it is still one view and one person."""
    beacon(client, article, browser=browser_id(7), ip="203.0.113.7")
    clock.travel(minutes=2)
    data = beacon(client, article, browser=browser_id(7), ip="198.51.100.40").json()
    assert (data["views"], data["online"], data["counted"]) == (1, 1, False)


def test_a_browser_without_storage_is_still_counted_and_deduplicated(client, store, clock, article):
    assert beacon(client, article).json()["counted"] is True  # no id: address + user agent
    assert beacon(client, article).json()["counted"] is False
    assert beacon(client, article, ua=UA2).json()["counted"] is True


@pytest.mark.parametrize("value", ["x" * 32, "A" * 32, "a" * 31, "a" * 33, 12, True, ["a" * 32]])
def test_a_malformed_browser_id_is_refused(client, store, clock, article, value):
    response = beacon(client, body=json.dumps({"page": article.pk, "id": value}))
    assert response.status_code == 400
    assert api.numbers(article).views == 0


# --- Redis flush ------------------------------------------------------------------


@pytest.fixture
def redis_store(store):
    if store.name != "redis":
        pytest.skip("Redis store only")
    return store


def test_redis_hot_path_writes_nothing_to_the_database(client, redis_store, clock, article):
    beacon(client, article)  # warms the page and base caches
    with CaptureQueriesContext(connection) as queries:
        response = beacon(client, article, ua=UA2)
    assert response.json()["counted"] is True
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert hits_in_db(article) == 0  # still pending
    assert api.page_views(article) == 2


def test_flush_moves_pending_counts_exactly_once(client, redis_store, clock, article):
    HitCount.objects.create(content_type_id=article.content_type_id, object_pk=article.pk, hits=3134)
    for i in range(5):
        beacon(client, article, ua=f"{UA} v{i}")
    summary = redis_store.flush()
    assert summary["views"] == 5 and summary["visits"] == 5
    assert hits_in_db(article) == 3139
    assert redis_store.flush()["views"] == 0
    assert hits_in_db(article) == 3139
    assert api.page_views(article) == 3139  # database + nothing pending
    call_command("flush_stats", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert hits_in_db(article) == 3139


def test_a_flush_that_crashed_is_finished_by_the_next_one(client, redis_store, clock, article):
    for i in range(3):
        beacon(client, article, ua=f"{UA} v{i}")
    # Crash 1: the batch was renamed but never applied.
    redis_store._start(args=[redis_store.prefix, "crashed-before-apply"])
    assert api.page_views(article) == 3  # still shown while waiting
    beacon(client, article, ua=f"{UA} v9")
    redis_store.flush()
    assert hits_in_db(article) == 4
    # Crash 2: applied and committed, but the batch was not removed from Redis.
    beacon(client, article, ua=f"{UA} v10")
    redis_store._start(args=[redis_store.prefix, "crashed-after-apply"])
    data = {
        k.decode(): int(v)
        for k, v in redis_store.client.hgetall(redis_store.prefix + "batch:crashed-after-apply").items()
    }
    FlushBatch.objects.create(token="crashed-after-apply")
    redis_store._apply(data)
    assert hits_in_db(article) == 5
    redis_store.flush()
    assert hits_in_db(article) == 5  # not applied twice
    assert api.page_views(article) == 5


def test_admin_edit_of_a_total_shows_at_once(client, redis_store, clock, article):
    beacon(client, article)
    redis_store.flush()
    assert api.page_views(article) == 1
    row = HitCount.objects.get(object_pk=article.pk)
    row.hits = 500
    row.save()
    assert api.page_views(article) == 500
    assert beacon(client, article, ua=UA2).json()["views"] == 501
