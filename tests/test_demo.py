import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from portal.models import AgencySettings, HomePage


def _snapshot():
    return sorted(Page.objects.values_list("url_path", "title", "live", "latest_revision_id"))


def load_demo(capture):
    # wagtail-localize publishes translations on commit.
    with capture(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def test_load_demo_builds_the_site_and_a_second_run_changes_nothing(db, client, django_capture_on_commit_callbacks):
    load_demo(django_capture_on_commit_callbacks)
    first = _snapshot()
    load_demo(django_capture_on_commit_callbacks)
    assert _snapshot() == first
    assert HomePage.objects.filter(locale__language_code="vi").count() == 1
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert AgencySettings.for_site(site).email == "sonoivu@kontum.gov.vn"
    urls = {path for path, *_ in first}
    for slug in [
        "gioi-thieu/",
        "gioi-thieu/chuc-nang-nhiem-vu/",
        "gioi-thieu/co-cau-to-chuc/",
        "gioi-thieu/lanh-dao-so/",
        "lien-he/",
    ]:
        assert any(path.endswith("/" + slug) for path in urls), slug
    response = client.get("/")
    assert response.status_code == 200
    assert "Sở Nội vụ tỉnh Kon Tum" in response.content.decode()
    # The pages the law asks for exist in English and are served.
    for url in [
        "/en/",
        "/en/about/",
        "/en/about/functions-and-duties/",
        "/en/about/organisational-structure/",
        "/en/about/leadership/",
        "/en/contact/",
        "/en/plans/",
        "/en/plans/plan-57-kh-snv-covid-19-emulation-campaign/",
    ]:
        assert client.get(url).status_code == 200, url


def test_load_demo_keeps_what_editors_changed(db, django_capture_on_commit_callbacks):
    load_demo(django_capture_on_commit_callbacks)
    page = Page.objects.get(slug="lien-he").specific
    page.title = "Liên hệ với Sở"
    page.save_revision().publish()
    load_demo(django_capture_on_commit_callbacks)
    assert Page.objects.get(slug="lien-he").title == "Liên hệ với Sở"


def test_ensure_admin_honours_django_environment(db, monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "quantri")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Kon-Tum-2022-an-toan")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "quantri@kontum.gov.vn")
    call_command("ensure_admin")
    user = get_user_model().objects.get(username="quantri")
    assert user.is_superuser and user.check_password("Kon-Tum-2022-an-toan")
    assert user.email == "quantri@kontum.gov.vn"


def test_ensure_admin_generates_a_password_and_prints_it_once(db, monkeypatch, capsys):
    for name in ["DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD", "DJANGO_SUPERUSER_EMAIL"]:
        monkeypatch.delenv(name, raising=False)
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.split("password:")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    call_command("ensure_admin")
    assert password not in capsys.readouterr().out
