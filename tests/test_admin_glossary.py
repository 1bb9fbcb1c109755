"""The admin's Vietnamese catalogue follows docs/glossary.md, and is complete."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
CATALOGUES = [ROOT / "portal/admin_locale/vi/LC_MESSAGES" / f"{domain}.po" for domain in ("django", "djangojs")]


def _tables():
    """{English: Vietnamese} of the terms table, and the rejected translations."""
    terms, rejected, section = {}, [], None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or set(cells[0]) <= {"-"} or cells[0] in {"English", "Wrong"}:
            continue
        if section == "Terms":
            for english, vietnamese in zip(cells[0].split(" / "), cells[1].split(" / "), strict=False):
                terms[english] = vietnamese
        elif section == "Rejected translations":
            rejected += [w.strip() for w in re.sub(r"\(.*?\)", "", cells[0]).split(",")]
    return terms, rejected


def _entries():
    for path in CATALOGUES:
        yield from polib.pofile(str(path))


def _translation(entry):
    return entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr


def test_the_glossary_has_the_terms_the_issue_names():
    terms, rejected = _tables()
    for english, vietnamese in {
        "Page": "Trang",
        "Draft": "Bản nháp",
        "Save draft": "Lưu nháp",
        "Publish": "Xuất bản",
        "Unpublish": "Gỡ xuất bản",
        "Submit for moderation": "Gửi duyệt",
        "Approve": "Phê duyệt",
        "Request changes": "Yêu cầu chỉnh sửa",
        "History": "Lịch sử",
        "Compare": "So sánh phiên bản",
        "Documents": "Tài liệu",
        "Images": "Hình ảnh",
        "Reports": "Báo cáo",
        "Settings": "Cài đặt",
        "Sites": "Trang web",
        "Snippets": "Đoạn nội dung",
    }.items():
        assert terms[english] == vietnamese
    assert "Bản ghi nhớ" in rejected and "Phê chuẩn" in rejected


def test_messages_that_are_a_glossary_term_use_its_translation():
    terms, _ = _tables()
    wrong = []
    for entry in _entries():
        if entry.msgctxt or entry.msgid_plural:
            continue
        expected = terms.get(entry.msgid.strip())
        if expected and _translation(entry).strip().lower() != expected.lower():
            wrong.append((entry.msgid, _translation(entry), expected))
    assert wrong == []


def test_no_rejected_translation_and_no_word_glued_to_a_placeholder():
    _, rejected = _tables()
    glued = re.compile(r"(%\(\w+\)[sd]|\{\w*\})[^\W\d_]|[^\W\d_](%\(\w+\)[sd])")
    problems = []
    for entry in _entries():
        text = _translation(entry)
        shown = re.sub(r"%\(\w+\)[sd]|\{\w*\}", "", text)  # placeholders are not words a reader sees
        problems += [(entry.msgid, text, word) for word in rejected if re.search(rf"(?<!\w){word}(?!\w)", shown, re.I)]
        if glued.search(text) and not glued.search(entry.msgid_plural or entry.msgid):
            problems.append((entry.msgid, text, "glued"))
    assert problems == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_message_of_wagtail_and_wagtail_localize_is_translated(domain):
    """Nothing the installed Wagtail or wagtail-localize can show is left out: after an
    upgrade this lists the new messages (``manage.py admin_catalogue`` prints them)."""
    from portal.editorial.admin_catalogue import missing_messages

    assert missing_messages(domain) == []
    catalogue = polib.pofile(str(CATALOGUES[0 if domain == "django" else 1]))
    assert catalogue.percent_translated() == 100


def test_the_admin_catalogue_is_on_the_locale_path_after_the_projects_own():
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert paths[0] == ROOT / "portal/locale"
    assert ROOT / "portal/admin_locale" in paths
