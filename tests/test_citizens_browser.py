"""Hỏi đáp in Chromium: a citizen asks, the officer answers in the admin, the reviewer
approves, the answer is public without contact details, and both e-mails reach a real
SMTP server. The new public pages have no axe violations at 360 px and on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from tests.citizens_helpers import smtp_server, text_of
from tests.reading_support import demo_server, load_demo

pytestmark = [pytest.mark.browser]

PASSWORD = "mật-khẩu-thử-nghiệm-1"
AXE_OPTIONS = {"resultTypes": ["violations"]}


def _prepare():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from citizens.models import ContactFormPage, DraftConsultationPage, QuestionIndexPage, Topic
    from citizens.roles import grant
    from portal.editorial import roles
    from portal.models import StandardPage

    load_demo()
    roles.ensure_roles()
    grant()
    User = get_user_model()
    for username, group in (("canbo", roles.EDITOR), ("duyet", roles.MODERATOR)):
        user = User.objects.create_user(username, f"{username}@example.invalid", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
    questions = QuestionIndexPage.objects.live().get(locale__language_code="vi")
    drafts = DraftConsultationPage.objects.live().order_by("-deadline")
    return {
        "ask": questions.ask_url(),
        "paths": [
            questions.url,
            questions.url + "?page=2",
            questions.topic_url(Topic.objects.get(slug="tien-luong")),
            questions.url + "?q=luong",
            questions.ask_url(),
            drafts[0].get_parent().url,
            drafts[0].url,
            drafts[1].url,
            ContactFormPage.objects.live().get().url,
            StandardPage.objects.live().get(slug="bao-ve-du-lieu-ca-nhan").url,
        ],
        "questions": questions.url,
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with demo_server(django_db_blocker, _prepare) as (base, data):
        data["base"] = base
        yield data


def test_the_database_exists(db):
    """Makes pytest-django create the test database when this module runs alone."""


def login(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_ask_answer_approve_publish_and_mail(site, browser, settings):
    from citizens.models import Submission

    settings.PORTAL_CITIZENS_MIN_FILL_SECONDS = 1
    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        citizen = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
        citizen.goto(site["base"] + site["ask"])
        citizen.fill("#id_name", "Trần Thị Bích")
        citizen.fill("#id_email", "bich@example.invalid")
        citizen.fill("#id_phone", "0987 654 321")
        citizen.select_option("#id_topic", label="Tiền lương")
        citizen.fill("#id_title", "Phụ cấp công vụ của viên chức hợp đồng")
        citizen.fill("#id_content", "Viên chức ký hợp đồng lao động có được hưởng phụ cấp công vụ không?")
        citizen.check("#id_consent")
        citizen.wait_for_timeout(1200)
        citizen.click("button.citizens-form__submit")
        reference = citizen.locator(".citizens-done__reference strong").inner_text()
        assert re.fullmatch(r"HD-\d{4}-\d{6}", reference)
        assert inbox.wait_for(1)
        confirmation = inbox.to("bich@example.invalid")[0]
        assert reference in confirmation["Subject"] and reference in text_of(confirmation)
        submission_pk = Submission.objects.get(reference=reference).pk

        officer = browser.new_context(locale="vi-VN").new_page()
        login(officer, site["base"], "canbo")
        officer.goto(site["base"] + "/admin/hop-thu/")
        officer.get_by_role("link", name=reference).first.click()
        officer.fill("#id_answer", "Viên chức hợp đồng không thuộc đối tượng hưởng phụ cấp công vụ.")
        officer.fill("#id_answer_unit", "Phòng Công chức, viên chức")
        officer.select_option("#id_workflow_action", "submit")
        officer.locator("button.action-save, button[type=submit]").filter(has_text="Lưu").first.click()
        expect(officer.locator(".messages")).to_contain_text(reference)

        reviewer = browser.new_context(locale="vi-VN").new_page()
        login(reviewer, site["base"], "duyet")
        reviewer.goto(f"{site['base']}/admin/hop-thu/edit/{submission_pk}/")
        expect(reviewer.locator("#id_workflow_action option[value=approve]")).to_have_count(1)
        reviewer.select_option("#id_workflow_action", "approve")
        reviewer.locator("button.action-save, button[type=submit]").filter(has_text="Lưu").first.click()
        expect(reviewer.locator(".messages")).to_contain_text(reference)

        visitor = browser.new_context(locale="vi-VN").new_page()
        visitor.goto(site["base"] + site["questions"])
        item = visitor.locator(f"[id='{reference}']")
        expect(item).to_contain_text("không thuộc đối tượng hưởng phụ cấp công vụ")
        expect(item).to_contain_text("Phòng Công chức, viên chức")
        html = visitor.content()
        for private in ("Trần Thị Bích", "bich@example.invalid", "0987 654 321"):
            assert private not in html
        assert inbox.wait_for(2)
        answers = [m for m in inbox.to("bich@example.invalid") if "Trả lời" in m["Subject"]]
        assert len(answers) == 1 and "phụ cấp công vụ" in text_of(answers[0])
        for context in (citizen.context, officer.context, reviewer.context, visitor.context):
            context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_new_public_pages(site, browser, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(site["base"]) else route.abort()
    )
    page = context.new_page()
    axe = Axe()
    found = []
    for path in site["paths"]:
        page.goto(site["base"] + path)
        results = axe.run(page, options=AXE_OPTIONS)
        found += [
            f"{path}: {v['id']} {v['help']} — " + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
            for v in results.response["violations"]
        ]
    # A refused form (errors shown next to the fields) too.
    page.goto(site["base"] + site["ask"])
    with page.expect_navigation():  # check the answer page, not the form being left
        page.click("button.citizens-form__submit")
    results = axe.run(page, options=AXE_OPTIONS)
    found += [f"refused form: {v['id']} {v['help']}" for v in results.response["violations"]]
    context.close()
    assert found == [], "\n".join(found)
