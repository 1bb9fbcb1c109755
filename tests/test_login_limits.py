"""Every way in is limited the same way (portal/security/login_throttle.py): the admin
logins, the two-step code and the password of a protected page; look-alike user names,
IPv6 rotation inside a /64, several app servers, and a store that is down."""

import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from portal.models import StandardPage
from portal.security.login_throttle import normalise_username
from portal.security.models import ThrottleFailure

pytestmark = pytest.mark.django_db

PASSWORD = "Một-mật-khẩu-dài-2024!"
LIMITS = {"PORTAL_LOGIN_MAX_FAILURES_PER_USER": 3, "PORTAL_LOGIN_MAX_FAILURES_PER_IP": 100}


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.invalid", PASSWORD)


def post_login(client, url, username, password, ip="203.0.113.10"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def assert_refused_in_vietnamese(response, status=429):
    assert response.status_code == status, response.status_code
    body = response.content.decode()
    assert "quá nhiều lần" in body or "không kiểm tra được" in body, body[:500]
    assert 'lang="vi"' in body
    assert "no-store" in response["Cache-Control"]


# --- Brute force on each form ------------------------------------------------------------


@override_settings(**LIMITS)
@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_password_guessing_is_stopped_on_each_login_form(client, admin, url):
    for _ in range(3):
        assert post_login(client, url, "admin", "đoán-sai").status_code == 200
    # The right password, even from another address, is refused now: the account is protected.
    response = post_login(client, url, "admin", PASSWORD, ip="198.51.100.77")
    assert_refused_in_vietnamese(response)
    assert "đăng nhập sai quá nhiều lần" in response.content.decode()
    assert 880 <= int(response["Retry-After"]) <= 900
    assert not is_logged_in(client)


@override_settings(**LIMITS)
def test_the_two_admin_logins_share_one_budget(client, admin):
    post_login(client, "/admin/login/", "admin", "sai-1")
    post_login(client, "/django-admin/login/", "admin", "sai-2")
    post_login(client, "/admin/login/", "admin", "sai-3")
    assert post_login(client, "/django-admin/login/", "admin", PASSWORD).status_code == 429


def test_wagtail_front_end_login_is_not_offered(client, admin):
    """``/_util/login/`` (Wagtail's second login form) only redirects to the admin login:
    a password posted there is never checked."""
    for prefix in ("", "/en"):
        response = client.post(f"{prefix}/_util/login/", {"username": "admin", "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/admin/login/"
        assert not is_logged_in(client)
    response = client.get("/_util/login/?next=/trang-rieng/")
    assert response["Location"] == "/admin/login/?next=%2Ftrang-rieng%2F"


@override_settings(**LIMITS)
def test_two_step_code_guessing_is_stopped(client, admin):
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    client.force_login(admin)
    for guess in ("000001", "000002", "000003"):
        response = client.post("/admin/2fa/verify/", {"otp_token": guess}, REMOTE_ADDR="203.0.113.11")
        assert response.status_code == 200
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's own delay is not what is tested here
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"
    response = client.post("/admin/2fa/verify/", {"otp_token": code}, REMOTE_ADDR="203.0.113.12")
    assert_refused_in_vietnamese(response)
    assert "nhập sai mã xác thực quá nhiều lần" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not verified


@pytest.fixture
def protected_page(home):
    page = StandardPage(title="Tài liệu nội bộ", slug="tai-lieu-noi-bo")
    home.add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-trang-2024"
    )
    return page, f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


@override_settings(PORTAL_PAGE_PASSWORD_MAX_FAILURES=1000, PORTAL_LOGIN_MAX_FAILURES_PER_IP=5)
def test_page_password_guessing_is_stopped(client, protected_page):
    page, url = protected_page
    assert "mat-khau" not in client.get(page.url).content.decode()
    for n in range(5):
        response = client.post(url, {"password": f"doan-{n}", "return_url": page.url}, REMOTE_ADDR="203.0.113.13")
        assert response.status_code == 200
    response = client.post(url, {"password": "mat-khau-trang-2024", "return_url": page.url}, REMOTE_ADDR="203.0.113.13")
    assert_refused_in_vietnamese(response)
    assert "sai mật khẩu của trang quá nhiều lần" in response.content.decode()
    assert client.get(page.url).content.decode().count('name="password"') == 1
    # Another visitor who knows the password still gets in.
    response = client.post(url, {"password": "mat-khau-trang-2024", "return_url": page.url}, REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 302


@override_settings(PORTAL_PAGE_PASSWORD_MAX_FAILURES=4, PORTAL_LOGIN_MAX_FAILURES_PER_IP=1000)
def test_page_password_has_a_budget_of_its_own_across_addresses(client, protected_page):
    page, url = protected_page
    for n in range(4):
        client.post(url, {"password": f"doan-{n}", "return_url": page.url}, REMOTE_ADDR=f"203.0.113.{20 + n}")
    response = client.post(url, {"password": "doan-x", "return_url": page.url}, REMOTE_ADDR="203.0.113.99")
    assert response.status_code == 429


# --- Look-alike names and addresses ---------------------------------------------------------


LOOKALIKES = ["ａｄｍｉｎ", "ADMIN", "Admin", "a\u0301dmin", "ad\u0308min", "ａＤＭＩＮ", " admin "]


def test_lookalike_names_normalise_to_one_key():
    assert {normalise_username(name) for name in LOOKALIKES} == {"admin"}
    assert normalise_username("Nguyễn") == normalise_username("nguyen")
    assert normalise_username("bientapvien") != normalise_username("admin")


def test_fullwidth_name_is_the_same_account_for_django(client, admin):
    """Why it matters: Django's login form applies NFKC, so at /django-admin/login/
    "ａｄｍｉｎ" *is* admin: a separate budget for it would double the guesses."""
    assert post_login(client, "/django-admin/login/", "ａｄｍｉｎ", PASSWORD).status_code == 302
    assert is_logged_in(client)


@override_settings(**LIMITS)
@pytest.mark.parametrize("variants", [LOOKALIKES[:3], LOOKALIKES[3:6], ["admin", "ａｄｍｉｎ", " admin "]])
def test_lookalike_names_share_the_budget(client, admin, variants):
    for name in variants:
        assert post_login(client, "/admin/login/", name, "đoán-sai", ip="203.0.113.30").status_code == 200
    for name in ("admin", "ａｄｍｉｎ", "ADMIN"):
        assert post_login(client, "/admin/login/", name, PASSWORD, ip="198.51.100.30").status_code == 429
    assert not is_logged_in(client)


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USER=100, PORTAL_LOGIN_MAX_FAILURES_PER_IP=4)
def test_ipv6_rotation_inside_one_64_is_blocked(client, admin):
    for n in range(4):
        post_login(client, "/admin/login/", f"user{n}", "x", ip=f"2001:db8:aa:bb::{n + 1:x}")
    # Any other address of the same /64 is blocked, even with the right password.
    response = post_login(client, "/admin/login/", "admin", PASSWORD, ip="2001:db8:aa:bb:ffff:1:2:3")
    assert response.status_code == 429
    # The neighbouring /64 is another subscriber.
    assert post_login(client, "/admin/login/", "admin", PASSWORD, ip="2001:db8:aa:bc::1").status_code == 302


# --- Window, store -----------------------------------------------------------------------


@override_settings(**LIMITS, PORTAL_LOGIN_WINDOW_SECONDS=900)
def test_the_window_slides(client, admin):
    """Failures count for exactly the last 15 minutes, whenever they happened: 3 failures
    899 s ago still block (a fixed window would have reset at its edge), 901 s ago not."""
    for _ in range(3):
        post_login(client, "/admin/login/", "admin", "sai")
    ThrottleFailure.objects.update(at=timezone.now() - timedelta(seconds=899))
    response = post_login(client, "/admin/login/", "admin", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 2
    ThrottleFailure.objects.update(at=timezone.now() - timedelta(seconds=901))
    assert post_login(client, "/admin/login/", "admin", PASSWORD).status_code == 302


@override_settings(**LIMITS)
def test_success_clears_the_account_but_not_the_address(client, admin):
    for _ in range(2):
        post_login(client, "/admin/login/", "admin", "sai")
    assert post_login(client, "/admin/login/", "admin", PASSWORD).status_code == 302
    client.logout()
    assert not ThrottleFailure.objects.filter(kind="account").exists()
    assert ThrottleFailure.objects.filter(kind="source").count() == 2


def test_counts_live_in_the_database_for_every_worker(client, admin):
    post_login(client, "/admin/login/", "ADMIN", "sai", ip="203.0.113.40")
    assert ThrottleFailure.objects.filter(scope="login", kind="account").count() == 1
    assert ThrottleFailure.objects.filter(scope="login", kind="source").count() == 1
    # No raw user name or address is stored, only keyed hashes.
    stored = " ".join(ThrottleFailure.objects.values_list("key", flat=True))
    assert "admin" not in stored.lower() and "203.0.113.40" not in stored


def test_a_store_that_is_down_refuses_instead_of_allowing(client, admin):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {ThrottleFailure._meta.db_table}")
    response = post_login(client, "/admin/login/", "admin", PASSWORD)
    assert_refused_in_vietnamese(response, status=503)
    assert not is_logged_in(client)
    # Pages that are not a way in are unaffected.
    assert client.get("/admin/login/").status_code == 200


# --- Several processes ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_share_the_counts(tmp_path, django_user_model):
    """Two gunicorn servers (2 workers each) on one database: 3 failures spread over both
    lock the account on both; with per-process counters each worker would give 3 more."""
    import sqlite3

    from bench.servers import Server, server_env

    django_user_model.objects.create_superuser("admin", "admin@example.invalid", PASSWORD)
    limits = {"LOGIN_MAX_FAILURES_PER_USER": "3", "LOGIN_MAX_FAILURES_PER_IP": "100", "REDIS_URL": ""}
    if connection.vendor == "sqlite":  # the in-memory test database, copied to a file the servers share
        path = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        env = server_env(SQLITE_PATH=path, DATABASE_URL="", **limits)
    else:  # the test database itself (this test commits)
        db = connection.settings_dict
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        env = server_env(DATABASE_URL=url, **limits)
    servers = [Server(env, log=tmp_path / f"server{n}.log") for n in range(2)]
    try:
        for server in servers:
            server.wait("/admin/login/")

        def attempt(server, password):
            jar = CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
            page = opener.open(server.url + "/admin/login/", timeout=30).read().decode()
            token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
            body = urllib.parse.urlencode({"username": "admin", "password": password, "csrfmiddlewaretoken": token})
            try:
                return opener.open(server.url + "/admin/login/", body.encode(), timeout=30).status
            except urllib.error.HTTPError as error:
                return error.code

        statuses = [attempt(servers[n % 2], "sai") for n in range(3)]
        assert statuses == [200, 200, 200]
        for server in servers:
            for _ in range(3):  # whichever worker answers
                assert attempt(server, PASSWORD) == 429
    finally:
        for server in servers:
            server.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@override_settings(**LIMITS)
def test_an_administrator_can_unlock_a_user_and_an_address(client, admin):
    from io import StringIO

    from django.core.management import call_command

    for _ in range(3):
        post_login(client, "/admin/login/", "admin", "sai", ip="2001:db8:1:2::5")
    assert post_login(client, "/admin/login/", "admin", PASSWORD, ip="2001:db8:1:2::5").status_code == 429
    out = StringIO()
    call_command("unlock_login", "--user", "ＡＤＭＩＮ", "--address", "2001:db8:1:2::99", stdout=out)
    assert "6 failures forgotten" in out.getvalue()
    assert post_login(client, "/admin/login/", "admin", PASSWORD, ip="2001:db8:1:2::5").status_code == 302


def test_login_restricted_pages_send_visitors_to_the_limited_admin_login(client, home):
    page = StandardPage(title="Trang cho cán bộ", slug="trang-can-bo")
    home.add_child(instance=page)
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
