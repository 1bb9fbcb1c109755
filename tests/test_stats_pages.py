# ruff: noqa: F811 - pytest fixtures imported from tests.stats_helpers
"""What visitors and editors see: cacheable pages, the statistics block, the meta line,
the import command, the admin report and the demo starting value."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hitcount.models import HitCount
from wagtail.contrib.redirects.models import Redirect

from portal.stats import api
from portal.stats.models import SiteTotal
from tests.stats_helpers import UA, UA2, _clear_stats_memo, article, beacon, clock, store  # noqa: F401

pytestmark = pytest.mark.django_db


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_article_renders_numbers_without_writing_or_setting_a_cookie(
    client, store, clock, article, django_assert_max_num_queries, registry_blocks_kept
):
    HitCount.objects.create(content_type_id=article.content_type_id, object_pk=article.pk, hits=3134)
    api.set_initial_total(46_012_327)
    client.get(article.url)  # warm caches (site, sidebar numbers)
    # The apps' declared blocks are kept (registry_blocks_kept); the schedule's "hôm nay" block
    # follows the day and, with the fragment cache off in tests, is computed on every view.
    client.get(article.url)  # a first view may create a site setting's row (a new generation)
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(24):
        response = client.get(article.url, HTTP_USER_AGENT=UA)
    html = response.content.decode()
    assert response.status_code == 200
    assert writes(queries) == []
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in html
    assert "Lượt xem: <span data-views>3.134</span>" in html
    assert "Hiện đang có <strong data-stats-online>0</strong> người đang online" in html
    assert "Tổng <strong data-stats-total>46.012.327</strong> lượt truy cập" in html
    assert 'src="/static/js/stats.js" data-endpoint="/_stats/hit" defer' in html
    assert f'data-page-id="{article.pk}"' in html


def test_rendered_numbers_follow_the_beacons(client, store, clock, article):
    api.set_initial_total(46_012_327)
    beacon(client, article)
    beacon(client, article, ua=UA2)
    from django.core.cache import cache

    cache.delete(api.SIDEBAR_KEY)  # the block's numbers are cached for a few seconds
    html = client.get(article.url).content.decode()
    assert "Lượt xem: <span data-views>2</span>" in html
    assert "Hiện đang có <strong data-stats-online>2</strong> người đang online" in html
    assert "Tổng <strong data-stats-total>46.012.329</strong> lượt truy cập" in html


def test_admin_preview_sends_no_beacon(article, rf):
    response = article.make_preview_request()
    html = response.content.decode() if hasattr(response, "content") else response.render().content.decode()
    assert article.title in html
    assert "js/stats.js" not in html


def test_sidebar_numbers_cost_at_most_one_query(store, clock, django_assert_max_num_queries):
    api.set_initial_total(5)
    with django_assert_max_num_queries(1):
        assert api.sidebar_numbers() == (0, 5)
    with django_assert_max_num_queries(0):
        assert api.sidebar_numbers() == (0, 5)


def test_statistics_can_be_switched_off(client, article, settings):
    settings.PORTAL_STATS_ENABLED = False
    html = client.get(article.url).content.decode()
    assert "Thống kê truy cập" not in html and "data-views" not in html
    assert beacon(client, article).status_code == 204
    assert not HitCount.objects.exists()


# --- import ---------------------------------------------------------------------


def test_import_total_and_views_from_the_old_site(tmp_path, home, article, store, clock, client):
    Redirect.objects.create(old_path=Redirect.normalise_path("/pages/detail/77/gioi-thieu.html"), redirect_page=home)
    csv_file = tmp_path / "views.csv"
    csv_file.write_text(
        "url,luot_xem\n"
        "https://sonoivu.kontum.gov.vn/pages/detail/1234/ke-hoach-57.html,3.134\n"
        "/pages/detail/77/gioi-thieu.html,250\n"
        "/pages/detail/9/khong-co.html,10\n"
        "/khong-ton-tai/,5\n"
        f"{article.url},abc\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_stats", total=46_012_327, views=str(csv_file), stdout=out, stderr=err)
    assert SiteTotal.objects.get().total == 46_012_327
    assert HitCount.objects.get(object_pk=article.pk).hits == 3134
    assert HitCount.objects.get(object_pk=home.pk).hits == 250
    assert "Đã nhập lượt xem của 2 trang." in out.getvalue()
    report = err.getvalue()
    assert "Dòng 4: /pages/detail/9/khong-co.html — không tìm thấy trang" in report
    assert "Dòng 5: /khong-ton-tai/" in report and "Dòng 6:" in report and "3 dòng không nhập được." in report
    # Counted views stay on top of the starting value, and importing again changes nothing.
    assert beacon(client, article).json()["views"] == 3135
    store.flush()
    call_command("import_stats", views=str(csv_file), stdout=io.StringIO(), stderr=io.StringIO())
    assert HitCount.objects.get(object_pk=article.pk).hits == 3135
    assert api.numbers(article).views == 3135
    assert beacon(client, article, ua=UA2).json()["total"] == 46_012_329


def test_import_by_path_and_id(tmp_path, home, article):
    csv_file = tmp_path / "v.csv"
    csv_file.write_text(f"{article.url},12\n{home.pk},7\n", encoding="utf-8")
    call_command("import_stats", views=str(csv_file), stdout=io.StringIO(), stderr=io.StringIO())
    assert api.page_views(article) == 12 and api.page_views(home) == 7


def test_import_needs_an_option(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_stats")


# --- demo -----------------------------------------------------------------------


def test_demo_sets_the_starting_total_once(home):
    from portal.stats.wagtail_hooks import load_demo_total

    load_demo_total(home, io.StringIO())
    assert SiteTotal.objects.get().total == 46_012_327
    api.set_initial_total(50_000_000)
    load_demo_total(home, io.StringIO())
    assert SiteTotal.objects.get().total == 50_000_000


# --- admin ----------------------------------------------------------------------


def test_admin_report_shows_chart_table_top_pages_and_online(admin_client, client, store, clock, article, home):
    beacon(client, article)
    beacon(client, article, ua=UA2)
    beacon(client, home)
    store.flush()
    response = admin_client.get("/admin/thong-ke/?days=7")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thống kê truy cập" in html
    assert '<svg class="stats-chart"' in html and '<title id="stats-chart-title">' in html and "<desc" in html
    assert "<table" in html and "<caption>" in html
    assert article.title in html and "2 lượt xem" in html
    assert "Hiện đang có <strong>2</strong> người đang online" in html
    assert 'href="/admin/luot-xem/"' in html
    for days in ("30", "365", "bad"):
        assert admin_client.get(f"/admin/thong-ke/?days={days}").status_code == 200


def test_admin_csv_export(admin_client, client, store, clock, article):
    beacon(client, article)
    response = admin_client.get("/admin/thong-ke/export.csv?days=7")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Ngày;Lượt truy cập;Lượt xem trang;Người truy cập"  # ";": Excel with Vietnamese settings
    assert len(lines) == 8
    assert lines[-1].endswith(";1;1;1")  # today: pending counts included
    assert re.match(r"\d\d/\d\d/\d{4};", lines[-1])


def test_report_is_for_permitted_users_only(client, django_user_model, home):
    user = django_user_model.objects.create_user("editor", password="x" * 12)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/thong-ke/").status_code in (302, 403)
    assert client.get("/admin/thong-ke/export.csv").status_code in (302, 403)


def test_admin_menu_and_hitcount_editing(admin_client, article):
    row = HitCount.objects.create(content_type_id=article.content_type_id, object_pk=article.pk, hits=3134)
    assert "/admin/thong-ke/" in admin_client.get("/admin/").content.decode()
    listing = admin_client.get("/admin/luot-xem/")
    assert listing.status_code == 200 and "3134" in listing.content.decode()
    response = admin_client.post(f"/admin/luot-xem/edit/{row.pk}/", {"hits": "4000"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.hits == 4000
    assert api.page_views(article) == 4000
    assert admin_client.get("/admin/luot-xem/new/").status_code in (302, 403)  # rows come from counting
