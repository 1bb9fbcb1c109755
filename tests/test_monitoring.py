"""The monitoring slot (TT 22/2023 Phụ lục III): a script address in the agency settings
is loaded on public pages and allowed, origin only, by the CSP; none means no outside call."""

import re

import pytest
from wagtail.models import Site

from portal.models import AgencySettings

SCRIPT = "https://emc.example.gov.vn/static/emc.js?site=sonoivu-kontum"


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )


def outside_urls(html):
    """Every script, stylesheet, frame or image address that leaves the site."""
    return re.findall(r'<(?:script|link|iframe|img)[^>]+(?:src|href)="(https?://[^"]+)"', html)


def test_empty_slot_loads_nothing_and_allows_no_outside_script(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert '<script src="http' not in html and not [u for u in outside_urls(html) if "testserver" not in u]
    policy = csp(response)
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"


def test_a_script_address_is_loaded_and_exactly_its_origin_allowed(client, home):
    settings = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    settings.monitoring_script_url = SCRIPT
    settings.save()
    response = client.get("/")
    html = response.content.decode()
    assert '<script src="https://emc.example.gov.vn/static/emc.js?site=sonoivu-kontum" async></script>' in html
    policy = csp(response)
    assert policy["script-src"] == "'self' https://emc.example.gov.vn"
    assert policy["connect-src"] == "'self' https://emc.example.gov.vn"
    assert "emc.example.gov.vn" not in policy["frame-src"] + policy["default-src"]
    # Other responses keep the strict policy; the admin keeps its own.
    assert "emc.example.gov.vn" not in client.get("/robots.txt").get("Content-Security-Policy", "")
    # Emptied again: gone.
    settings.monitoring_script_url = ""
    settings.save()
    response = client.get("/")
    assert "emc.example.gov.vn" not in response.content.decode() + response["Content-Security-Policy"]


def test_the_origin_follows_a_change_with_the_caches_on(client, home, settings):
    from portal.cache.generation import clear_local_caches

    settings.PORTAL_PAGE_CACHE = True
    settings.PORTAL_FRAGMENT_CACHE = True
    clear_local_caches()
    assert "emc" not in client.get("/")["Content-Security-Policy"]
    agency = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    agency.monitoring_script_url = SCRIPT
    agency.save()
    from wagtail.log_actions import log

    log(instance=agency, action="wagtail.edit")  # what the settings editor records
    response = client.get("/")
    assert "https://emc.example.gov.vn" in response["Content-Security-Policy"]
    assert SCRIPT.split("?")[0] in response.content.decode()
    clear_local_caches()


@pytest.mark.parametrize(
    "value", ["http://emc.example.gov.vn/a.js", "javascript:alert(1)", "https://user:pw@emc.example.gov.vn/a.js"]
)
def test_only_https_addresses_are_accepted_in_the_admin(admin_client, home, value):
    from django.urls import reverse

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["portal", "agencysettings", site.pk])
    form = admin_client.get(url).content.decode()
    assert "Địa chỉ mã giám sát" in form or "địa chỉ mã giám sát" in form.lower()
    agency = AgencySettings.for_site(site)
    response = admin_client.post(
        url,
        {
            "profile": agency.profile_id or "",
            "phone": agency.phone,
            "fax": "",
            "email": agency.email,
            "logo": "",
            "monitoring_script_url": value,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "https://" in body and (
        "phải bắt đầu bằng https://" in body or "Nhập một URL hợp lệ" in body or "hợp lệ" in body
    )
    assert AgencySettings.for_site(site).monitoring_script_url == ""
