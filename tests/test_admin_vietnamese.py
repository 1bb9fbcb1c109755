"""The admin an editor, a reviewer and an administrator use is in Vietnamese.

Each role (Biên tập viên, Người duyệt, Quản trị, and a superuser), with Vietnamese as
preferred language, walks the admin as a user would: from the dashboard it follows every
admin link on every screen (one screen per kind of address), plus the page editor and
"add page" form of every page type, history and compare, the workflow dialogs, the
choosers, forms sent back with errors, login, password reset, two-step login and
wagtail-localize's screens. Every string shown (text, title/aria-label/placeholder/alt,
tooltips, the JSON Wagtail's JavaScript displays) is checked by ``tests/admin_text.py``;
the test prints what it found and fails unless the list of English strings is empty.
"""

import io
import json
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site, Workflow, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from portal.editorial import roles

from .admin_template_fixes import FIXES, PROJECT_TEMPLATES, fixed
from .admin_text import english_in, english_words, shown_strings

PASSWORD = "mật-khẩu-thử-nghiệm-dài"

NOT_SCREENS = re.compile(
    r"/logout/|/jsi18n/|/sprite/|/failwhale/|/test404/|/preview/|/documents/\d+/.+|/pofile/download/"
    r"|/api/|/dismissibles/|/block-preview/|/multiple/\d+/|/export/|/2fa/verify/|/thong-ke/.*\.(csv|xlsx)"
    # Previews of the public page (view_draft, a revision's view) show the site, not the admin.
    r"|/view_draft/|/revisions/\d+/view/"
)


def _pattern(path):
    return re.sub(r"/\d+(?=/)", "/N", path)


def _tiny_png():
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 16, 46)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def demo_admin(django_db_setup, django_db_blocker):
    """The demo site, the four kinds of users, a document, an image, a page awaiting
    approval (submitted by the editor) and a page with two revisions. Built once for the
    module (the demo takes a while) inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site(demo_admin, db):
    return demo_admin


def _build_site():
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    User = __import__("django.contrib.auth", fromlist=["get_user_model"]).get_user_model()
    users = {}
    for username, group, first, last in [
        ("bientapvien", roles.EDITOR, "Lan", "Trần Thị"),
        ("nguoiduyet", roles.MODERATOR, "Hùng", "Nguyễn Văn"),
        ("quantri", roles.ADMINISTRATOR, "Minh", "Lê Quang"),
    ]:
        user = User.objects.create_user(username, f"{username}@sonoivu.invalid", PASSWORD)
        user.first_name, user.last_name = first, last
        user.save()
        user.groups.add(Group.objects.get(name=group))
        users[group] = user
    superuser = User.objects.create_superuser("sieuquantri", "sieuquantri@sonoivu.invalid", PASSWORD)
    users["superuser"] = superuser
    for user in users.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "vi"
        profile.save()

    root_collection = Collection.get_first_root_node()
    Document = get_document_model()
    document = Document(title="Quyết định khen thưởng", collection=root_collection, uploaded_by_user=superuser)
    document.file.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    Image = get_image_model()
    image = Image(title="Hội nghị thi đua", collection=root_collection, uploaded_by_user=superuser)
    image.file.save("hoi-nghi.png", ImageFile(io.BytesIO(_tiny_png()), name="hoi-nghi.png"), save=True)

    home = Site.objects.get(is_default_site=True).root_page.specific
    standard = next(p for p in home.get_children().specific() if p.specific_class.__name__ == "StandardPage")
    revision = standard.save_revision(user=superuser)
    standard.title = standard.title + " (sửa)"
    standard.save_revision(user=users[roles.EDITOR])
    standard.title = standard.title.removesuffix(" (sửa)")
    workflow = Workflow.objects.get(name=roles.WORKFLOW)
    workflow.start(standard, users[roles.EDITOR])
    state = WorkflowState.objects.get(object_id=str(standard.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    return {
        "users": users,
        "home": home,
        "pending": standard,
        "revision": revision,
        "task_state": state.current_task_state,
        "document": document,
        "image": image,
    }


def _content_strings():
    """What editors typed: it is shown as typed, in whichever language they wrote it."""
    from django.contrib.auth import get_user_model

    strings = set()
    for page in Page.objects.all():
        strings.update([page.title, page.draft_title, page.seo_title, page.search_description, page.slug])
    for model in [get_document_model(), get_image_model()]:
        for item in model.objects.all():
            strings.update([item.title, item.file.name.rsplit("/", 1)[-1]])
    for model in get_snippet_models():
        strings.update(str(item) for item in model.objects.all())
    for user in get_user_model().objects.all():
        strings.update([user.get_username(), user.get_full_name(), user.first_name, user.last_name, user.email])
    strings.update(Collection.objects.values_list("name", flat=True))
    strings.update(Group.objects.values_list("name", flat=True))
    strings.update(Site.objects.values_list("site_name", flat=True))
    return sorted((s for s in strings if s and len(s) > 1), key=len, reverse=True)


def _seeds(site):
    """Screens the link walk would reach only once per kind: one of each page type's
    editor and "add" form, history, compare, workflow dialogs, choosers, searches."""
    home, pending = site["home"], site["pending"]
    seeds = [reverse("wagtailadmin_home")]
    seen_types = set()
    for page in Page.objects.filter(depth__gte=2).specific().order_by("path"):
        seeds.append(reverse("wagtailadmin_explore", args=(page.pk,)))
        if page.specific_class in seen_types:
            continue
        seen_types.add(page.specific_class)
        seeds.append(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        parent = page.get_parent()
        if parent.depth > 1:
            meta = page._meta
            seeds.append(reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk)))
    seeds.append(reverse("wagtailadmin_pages:add_subpage", args=(home.pk,)))
    revisions = list(Revision.page_revisions.filter(object_id=str(pending.pk)).order_by("pk"))
    seeds += [
        reverse("wagtailadmin_pages:history", args=(pending.pk,)),
        reverse("wagtailadmin_pages:revisions_compare", args=(pending.pk, revisions[0].pk, revisions[-1].pk)),
        reverse("wagtailadmin_pages:revisions_compare", args=(pending.pk, "live", revisions[-1].pk)),
        reverse("wagtailadmin_pages:revisions_revert", args=(pending.pk, revisions[0].pk)),
        reverse("wagtailadmin_pages:workflow_history", args=(pending.pk,)),
        reverse("wagtailadmin_pages:copy", args=(pending.pk,)),
        reverse("wagtailadmin_pages:move", args=(pending.pk,)),
        reverse("wagtailadmin_pages:delete", args=(pending.pk,)),
        reverse("wagtailadmin_pages:unpublish", args=(pending.pk,)),
        reverse("wagtailadmin_pages:set_privacy", args=(pending.pk,)),
        reverse("wagtailadmin_pages:search") + "?q=k%E1%BA%BF+ho%E1%BA%A1ch",
        reverse("wagtailadmin_pages:search") + "?q=kh%C3%B4ng-c%C3%B3-g%C3%AC",
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailadmin_choose_page_email_link"),
        reverse("wagtailadmin_choose_page_phone_link"),
        reverse("wagtailadmin_choose_page_anchor_link"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:select_format", args=(site["image"].pk,)),
        reverse("wagtaildocs:edit", args=(site["document"].pk,)),
        reverse("wagtailimages:edit", args=(site["image"].pk,)),
        reverse("wagtailadmin_account"),
        reverse("portal_2fa_manage"),
        reverse("wagtail_localize:submit_page_translation", args=(pending.pk,)),
    ]
    task_state = site["task_state"]
    for action in ("approve", "reject"):
        seeds.append(
            reverse("wagtailadmin_pages:workflow_action", args=(pending.pk, action, task_state.pk)),
        )
    translated = Page.objects.filter(locale__language_code="en", depth__gte=3).first()
    if translated is not None:
        seeds.append(reverse("wagtailadmin_pages:edit", args=(translated.pk,)))
    return seeds


def _screens(response):
    """The HTML of a response: a page, or the HTML of a modal's JSON."""
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(response.content)
        return [data["html"]] if isinstance(data, dict) and data.get("html") else []
    if response["Content-Type"].startswith("text/html"):
        return [response.content.decode()]
    return []


def _links(html):
    for href in re.findall(r"""(?:href|action|data-url|data-[\w-]*-url-value)=["'](/admin/[^"'#?]*)""", html):
        if not NOT_SCREENS.search(href):
            yield href


def _english_checker(content):
    """``english_in(text, content)``, worked out once per distinct text: the menus, headers
    and dialogs repeat on every screen of every role, and the same text (with the same
    content taken out) always gives the same answer."""
    verdicts = {}

    def check(text):
        if text not in verdicts:
            verdicts[text] = english_in(text, content)
        return verdicts[text]

    return check


def _walk(client, seeds, english_of, checked_by_others=frozenset(), limit=400):
    """Visit the seeds, then every admin link once per kind of address; return the
    screens visited and {english string: [where]}. Screens outside the page tree that
    another role has already shown (settings, reports, media listings) are not shown
    again; the dashboard, the page screens and the seeds are, for every role."""
    english = defaultdict(list)
    queue = list(dict.fromkeys(seeds))
    seen_paths = set(queue)
    seen_patterns = {_pattern(urlsplit(url).path) for url in queue} | {
        pattern for pattern in checked_by_others if not pattern.startswith("/admin/pages/")
    }
    visited = []
    while queue and len(visited) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200:
            continue
        visited.append(_pattern(urlsplit(url).path))
        for html in _screens(response):
            for text in shown_strings(html):
                if english_of(text):
                    english[text].append(url)
            for link in _links(html):
                pattern = _pattern(link)
                if link not in seen_paths and pattern not in seen_patterns:
                    seen_paths.add(link)
                    seen_patterns.add(pattern)
                    queue.append(link)
    return visited, english


def _check_forms_with_errors(client, site, english_of):
    """Screens after a form is sent back with errors: an empty new page, an empty user."""
    english = defaultdict(list)
    home = site["home"]
    add_page = reverse("wagtailadmin_pages:add", args=("portal", "standardpage", home.pk))
    for url, data in [
        (
            add_page,
            nested_form_data({"title": "", "slug": "", "body": streamfield([]), "comments": inline_formset([])}),
        ),
        (reverse("wagtaildocs:add"), {"title": ""}),
        (reverse("wagtailusers_users:add"), {"username": ""}),
    ]:
        response = client.post(url, data)
        for html in _screens(response):
            for text in shown_strings(html):
                if english_of(text):
                    english[text].append(f"POST {url}")
    return english


ROLE_NAMES = [roles.EDITOR, roles.MODERATOR, roles.ADMINISTRATOR, "superuser"]


def test_every_admin_screen_of_every_role_is_in_vietnamese(site, client):
    english_of = _english_checker(_content_strings())
    seeds = _seeds(site)
    report = {}
    all_english = defaultdict(set)
    checked = set()
    for role in ROLE_NAMES:
        user = site["users"][role]
        client.force_login(user)
        visited, english = _walk(client, seeds, english_of, frozenset(checked))
        checked.update(visited)
        if role in (roles.ADMINISTRATOR, "superuser"):
            for text, where in _check_forms_with_errors(client, site, english_of).items():
                english[text] += where
        report[role] = len(visited)
        for text, where in english.items():
            all_english[text].update(f"{role}: {url}" for url in where[:3])
            print(f"ENGLISH {role} {text!r} on {where[:2]}", flush=True)
        print(f"{role}: {len(visited)} screens", flush=True)
        client.logout()
    print("screens checked per role:", report)
    print("kinds of screens checked in all:", len(checked))
    assert report[roles.EDITOR] >= 100 and len(checked) >= 90, report
    assert sorted(all_english) == []


def test_login_password_reset_and_two_step_screens_are_in_vietnamese(site, client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    content = _content_strings()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    english = defaultdict(list)
    screens = [
        client.get(reverse("wagtailadmin_login")),
        client.post(reverse("wagtailadmin_login"), {"username": "bientapvien", "password": "sai"}),
        client.post(reverse("wagtailadmin_login"), {"username": "", "password": ""}),
        client.get(reverse("wagtailadmin_password_reset")),
        client.post(reverse("wagtailadmin_password_reset"), {"email": "khong-hop-le"}),
        client.get(reverse("wagtailadmin_password_reset_done")),
        client.get(reverse("wagtailadmin_password_reset_confirm", args=("x", "y"))),
        client.get(reverse("wagtailadmin_password_reset_complete")),
    ]
    editor = site["users"][roles.EDITOR]
    TOTPDevice.objects.create(user=editor, name="điện thoại", confirmed=True)
    client.post(reverse("wagtailadmin_login"), {"username": "bientapvien", "password": PASSWORD})
    screens.append(client.get(reverse("portal_2fa_verify")))
    screens.append(client.post(reverse("portal_2fa_verify"), {"otp_token": "000000"}))
    for response in screens:
        assert response.status_code == 200, response.request["PATH_INFO"]
        for html in _screens(response):
            for text in shown_strings(html):
                if english_in(text, content):
                    english[text].append(response.request["PATH_INFO"])
    assert dict(english) == {}


def _served_catalogue(client, url):
    source = client.get(url).content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", source, re.S)
    return json.loads(match.group(1)) if match else {}


@pytest.mark.parametrize(
    ("url_name", "package", "msgid", "ours"),
    [
        # Wagtail's own catalogues say "Trang tổng quan" and "Thu hồi xuất bản".
        ("wagtailadmin_javascript_catalog", "wagtail/admin", "Dashboard", "Bảng điều khiển"),
        ("wagtail_localize:javascript_catalog", "wagtail_localize", "Unpublish", "Gỡ xuất bản"),
    ],
)
def test_the_javascript_catalogues_give_vietnamese_for_every_string(admin_client, url_name, package, msgid, ours):
    """Wagtail's and wagtail-localize's JavaScript read their strings from these
    catalogues; the project's djangojs.po must win over the apps' own."""
    import polib
    import wagtail

    root = __import__("pathlib").Path(wagtail.__file__).parent.parent
    source = polib.pofile(str(root / package / "locale/en/LC_MESSAGES/djangojs.po"))
    UserProfile.objects.update_or_create(user=admin_client.user, defaults={"preferred_language": "vi"})
    catalogue = _served_catalogue(admin_client, reverse(url_name))
    untranslated = []
    for entry in source:
        value = catalogue.get(entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}")
        if isinstance(value, list):
            value = value[0]
        if not value or english_in(value):
            untranslated.append(entry.msgid)
    assert untranslated == []
    assert catalogue[msgid] == ours


def test_the_detector_finds_english_and_passes_vietnamese():
    assert english_in("Save draft") == ["Save", "draft"]
    assert english_in("Set schedule")
    assert english_in("Go")
    assert english_in("Xem bản Live")
    assert english_in("Lưu nháp") == []
    assert english_in("Trang web") == []
    assert english_in("Tải về tệp PO") == []
    assert english_in("Wagtail 8.0.1") == []
    assert english_in("quyet-dinh.pdf") == []
    assert english_in("Sign in to Wagtail")
    assert "publish" in english_words()


def test_the_department_name_and_emblem_are_on_the_login_page_the_sidebar_and_the_title(site, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "<title>Đăng nhập - Sở Nội vụ tỉnh Kon Tum</title>" in login
    assert 'src="/static/img/emblem.svg"' in login
    assert "Sở Nội vụ tỉnh Kon Tum" in login.split("<main", 1)[1]
    assert 'rel="icon" href="/static/img/emblem.svg"' in login
    client.force_login(site["users"][roles.EDITOR])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<title>Bảng điều khiển - Sở Nội vụ tỉnh Kon Tum</title>" in dashboard
    sidebar_logo = dashboard.split("<template data-wagtail-sidebar-branding-logo>", 1)[1].split("</template>", 1)[0]
    assert "emblem.svg" in sidebar_logo and "Sở Nội vụ tỉnh Kon Tum" in sidebar_logo
    with translation.override("en"):
        profile = UserProfile.get_for_user(site["users"][roles.EDITOR])
        profile.preferred_language = "en"
        profile.save()
        english = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<title>Dashboard - Kon Tum Department of Home Affairs</title>" in english


@pytest.mark.parametrize("name", sorted(FIXES))
def test_copied_wagtail_templates_differ_from_wagtails_only_by_the_fixes(name):
    """After a Wagtail upgrade, re-create the copies: python -m tests.admin_template_fixes"""
    assert (PROJECT_TEMPLATES / name).read_text(encoding="utf-8") == fixed(name)


def test_fields_wagtail_names_from_python_get_vietnamese_labels():
    from wagtail.admin.forms.choosers import EmailLinkChooserForm, PhoneLinkChooserForm
    from wagtail.sites.views import IndexView

    with translation.override("vi"):
        labels = {name: str(field.label) for name, field in EmailLinkChooserForm().fields.items()}
        assert labels == {
            "email_address": "Địa chỉ thư điện tử",
            "link_text": "Chữ hiển thị của liên kết",
            "subject": "Tiêu đề thư",
            "body": "Nội dung thư",
        }
        assert str(PhoneLinkChooserForm().fields["phone_number"].label) == "Số điện thoại"
        assert [str(c.label) for c in IndexView.columns if c.name in ("port", "site_name", "root_page")] == [
            "Cổng",
            "Tên trang web",
            "Trang gốc",
        ]
