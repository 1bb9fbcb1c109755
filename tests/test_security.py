"""Security headers, Host checking, admin login throttling, sessions, password rules and
the optional two-factor authentication."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security.client_ip import get_client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "Một-mật-khẩu-dài-2024!"


def csp_directives(header):
    return {part.strip().split(" ", 1)[0]: part.strip() for part in header.split(";") if part.strip()}


# --- Headers -------------------------------------------------------------------------


def test_public_page_has_strict_security_headers(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["script-src"] == "script-src 'self'"  # no unsafe-inline, no unsafe-eval
    assert "'unsafe-inline'" not in csp["default-src"]
    assert csp["object-src"] == "object-src 'none'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert not response.cookies, "an anonymous page view must not set a cookie"


def test_public_templates_have_no_inline_script(client, home):
    html = client.get("/").content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts, "the page loads its scripts"
    for attrs, body in scripts:
        if "application/json" in attrs or "application/ld+json" in attrs:
            continue
        assert "src=" in attrs and not body.strip(), f"inline script found: {attrs} {body[:80]}"


def test_admin_gets_its_own_compatible_policy(admin_client, home):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert "frame-ancestors 'self'" in csp["frame-ancestors"]
    assert csp["object-src"] == "object-src 'none'"


def test_unknown_host_is_rejected_with_400(client, home):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_production_settings_harden_cookies_and_transport():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import json; from portal.settings import production as p; print(json.dumps({k: getattr(p, k) for k in "
        "['SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'SESSION_COOKIE_AGE', "
        "'PORTAL_CSP_PUBLIC', 'X_FRAME_OPTIONS', 'SECURE_PROXY_SSL_HEADER']}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        SECRET_KEY="k" * 60, ALLOWED_HOSTS="sonoivu.kontum.gov.vn", PORTAL_BASE_URL="https://sonoivu.kontum.gov.vn"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    prod = json.loads(result.stdout.strip().splitlines()[-1])
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000 and prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert prod["SESSION_COOKIE_SECURE"] and prod["CSRF_COOKIE_SECURE"] and prod["SESSION_COOKIE_HTTPONLY"]
    assert prod["SECURE_SSL_REDIRECT"] and prod["X_FRAME_OPTIONS"] == "DENY"
    assert prod["SESSION_EXPIRE_AT_BROWSER_CLOSE"] and prod["SESSION_COOKIE_AGE"] <= 8 * 3600
    assert "upgrade-insecure-requests" in prod["PORTAL_CSP_PUBLIC"]
    assert prod["PORTAL_CSP_PUBLIC"]["script-src"] == ["'self'"]


# --- Client address ------------------------------------------------------------------


@override_settings(PORTAL_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_client_ip_trusts_forwarded_for_only_from_trusted_proxies():
    rf = RequestFactory()
    # Directly connected visitor: their own header is ignored.
    assert get_client_ip(rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "203.0.113.9"
    # Behind nginx on 127.0.0.1: the address nginx saw is the client.
    assert get_client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")) == "198.51.100.7"
    # A visitor who forges the header gets their forged part skipped: nginx appends the real one.
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert get_client_ip(request) == "198.51.100.7"
    # Two trusted hops (load balancer 10.x then nginx).
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.1.2.3")
    assert get_client_ip(request) == "198.51.100.7"
    # Garbage in the header never crashes and never wins.
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="<script>, 198.51.100.7")
    assert get_client_ip(request) == "198.51.100.7"
    assert get_client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="nonsense")) == "127.0.0.1"


# --- Login throttling ----------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("bientapvien", "btv@example.invalid", PASSWORD)


def login(client, username, password, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USER=3, PORTAL_LOGIN_MAX_FAILURES_PER_IP=100)
def test_login_is_throttled_per_user_name_with_a_vietnamese_message(client, editor):
    for _ in range(3):
        response = login(client, "bientapvien", "sai-mật-khẩu", REMOTE_ADDR="203.0.113.1")
        assert response.status_code == 200  # the normal form error
    # The right password from another address is now refused too: the account is protected.
    response = login(client, "bientapvien", PASSWORD, REMOTE_ADDR="203.0.113.2")
    assert response.status_code == 429
    body = response.content.decode()
    assert "đăng nhập sai quá nhiều lần" in body and "15 phút" in body
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # Another user name is unaffected.
    other = get_user_model().objects.create_user("nguoikhac", "k@example.invalid", PASSWORD, is_superuser=True)
    assert login(client, other.username, PASSWORD, REMOTE_ADDR="203.0.113.2").status_code == 302


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USER=100, PORTAL_LOGIN_MAX_FAILURES_PER_IP=4)
def test_login_is_throttled_per_client_address_behind_the_proxy(client, editor):
    # Spraying different user names from one (forwarded) address.
    for n in range(4):
        login(client, f"user{n}", "x", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.50")
    blocked = login(client, "bientapvien", PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.50")
    assert blocked.status_code == 429
    # Forging X-Forwarded-For does not help the attacker.
    forged = login(
        client, "bientapvien", PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.50"
    )
    assert forged.status_code == 429
    # A different real visitor behind the same proxy still logs in.
    ok = login(client, "bientapvien", PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.51")
    assert ok.status_code == 302


@override_settings(PORTAL_LOGIN_MAX_FAILURES_PER_USER=3)
def test_successful_login_clears_the_user_counter(client, editor):
    for _ in range(2):
        login(client, "bientapvien", "sai", REMOTE_ADDR="203.0.113.3")
    assert login(client, "bientapvien", PASSWORD, REMOTE_ADDR="203.0.113.3").status_code == 302
    client.logout()
    for _ in range(2):
        login(client, "bientapvien", "sai", REMOTE_ADDR="203.0.113.3")
    assert login(client, "bientapvien", PASSWORD, REMOTE_ADDR="203.0.113.3").status_code == 302


# --- Sessions and passwords ----------------------------------------------------------


def test_session_key_is_rotated_at_login_and_session_ends_with_browser(client, editor):
    client.get("/admin/login/")
    client.session.save()
    session_cookie = client.cookies.get("sessionid")
    before = client.session.session_key
    assert login(client, "bientapvien", PASSWORD).status_code == 302
    after = client.session.session_key
    assert after and after != before
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"], "admin session cookie must end with the browser"
    assert cookie["httponly"]
    assert session_cookie is None or session_cookie.value != after


@pytest.mark.parametrize(
    "password",
    ["ngắn-quá", "123456789012345", "password1234", "bientapvien2024"],
)
def test_weak_passwords_are_refused(password, editor):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_strong_password_is_accepted(editor):
    validate_password("Cây-đa-đầu-làng-2024", user=editor)


# --- Two-factor authentication (opt-in) --------------------------------------------


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def test_users_without_2fa_log_in_with_the_password_only(client, editor):
    assert login(client, "bientapvien", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_user_enables_2fa_then_must_give_a_code_after_the_password(client, editor):
    assert login(client, "bientapvien", PASSWORD).status_code == 302
    page = client.get("/admin/2fa/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Bật xác thực hai bước" in html
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    bad = client.post("/admin/2fa/", {"otp_token": "000000" if current_code(device) != "000000" else "111111"})
    assert "Mã xác thực không đúng" in bad.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert client.post("/admin/2fa/", {"otp_token": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    client.logout()
    assert login(client, "bientapvien", PASSWORD).status_code == 302
    blocked = client.get("/admin/pages/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/admin/2fa/verify/")
    form = client.get(blocked["Location"])
    assert "Nhập mã xác thực hai bước" in form.content.decode()
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in this fast test
    device.save()
    done = client.post("/admin/2fa/verify/", {"otp_token": current_code(device), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_2fa_verify_rejects_wrong_codes_and_offsite_next(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    login(client, "bientapvien", PASSWORD)
    wrong = client.post("/admin/2fa/verify/", {"otp_token": "12345x", "next": "https://evil.example/"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302
    device.last_t = -1
    device.throttling_failure_count = 0
    device.save()
    ok = client.post("/admin/2fa/verify/", {"otp_token": current_code(device), "next": "https://evil.example/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
