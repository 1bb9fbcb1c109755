"""The editor's guide: its screenshot script runs through the demo site in Chromium, and
the guide shows exactly the pictures the script makes."""

import importlib.util
import re
from pathlib import Path

import pytest

from tests.reading_support import demo_server, load_demo

pytestmark = [pytest.mark.browser]

DOCS = Path(__file__).resolve().parent.parent / "docs"
PASSWORD = "mật-khẩu-hướng-dẫn-1"


def screenshots_module():
    spec = importlib.util.spec_from_file_location("guide_screenshots", DOCS / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _prepare():
    from django.contrib.auth import get_user_model

    load_demo()
    get_user_model().objects.create_superuser("huongdan", "huongdan@example.invalid", PASSWORD)
    return {}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with demo_server(django_db_blocker, _prepare) as (base, data):
        data["base"] = base
        yield data


def test_the_database_exists(db):
    """Makes pytest-django create the test database when this module runs alone."""


def test_the_guide_shows_every_screenshot_and_only_those():
    guide = (DOCS / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(img/huong-dan/([\w-]+\.png)\)", guide))
    shipped = {p.name for p in (DOCS / "img" / "huong-dan").glob("*.png")}
    assert shown == shipped
    for heading in (
        "Đăng nhập",
        "xác thực hai bước",
        "Kế hoạch",
        "Tin tức",
        "Tin video",
        "Gửi duyệt",
        "Lịch đăng",
        "tiếng Anh",
        "Thống kê",
    ):
        assert heading.lower() in guide.lower(), heading


def test_the_screenshot_script_runs_through_the_demo_site(site, browser, tmp_path):
    files = screenshots_module().take(site["base"], "huongdan", PASSWORD, tmp_path, browser=browser)
    names = {f.name for f in files}
    assert names == {p.name for p in (DOCS / "img" / "huong-dan").glob("*.png")}
    for path in files:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000, path.name
