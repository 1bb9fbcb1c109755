"""Finding English in a rendered admin screen.

What a user reads on a screen: its text, the attributes a browser shows or reads aloud
(title, aria-label, placeholder, alt, tooltips, progress labels, button values) and the
interface strings Wagtail's JavaScript gets from JSON in the page (the sidebar's menu,
``wagtailConfig.STRINGS``, StreamField block labels and help texts).

A word is English when it is a word of Wagtail's, wagtail-localize's or Django's English
messages and cannot be a Vietnamese syllable written without marks ("Live", "Save",
"Help" cannot; "can", "to", "on" can, so those count only when the whole text has no
Vietnamese letter in it). Content an editor typed (page titles, document titles, user
names...) is taken out first; acronyms (PDF, URL, API...) and the proper names in
``PROPER_NAMES`` are not translated.
"""

import json
import re
from functools import cache
from pathlib import Path

import django
import wagtail
import wagtail_localize
from bs4 import BeautifulSoup, Comment, Doctype

# Proper names only: products, services and languages named in their own language.
PROPER_NAMES = {
    "wagtail",
    "django",
    "javascript",
    "embedly",
    "youtube",
    "vimeo",
    "facebook",
    "zalo",
    "google",
    "microsoft",
    "authenticator",
    "freeotp",
    "english",  # the English locale, named in English as language pickers do
    "kon",
    "tum",
}

# Loanwords of Vietnamese that look English ("trang web" is the glossary's word for Sites).
VIETNAMESE_LOANWORDS = {"web", "byte"}

# File formats are names ("Chấp nhận: pdf, docx, xlsx").
FILE_FORMATS = {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "txt", "zip"}
FILE_FORMATS |= {"gif", "jpg", "jpeg", "png", "webp", "svg", "heic", "avif", "csv", "po"}

SHOWN_ATTRIBUTES = (
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
    "data-w-progress-active-value",
    "data-w-clipboard-message-value",
    "data-w-swap-loading-text-value",
)
JSON_UI_KEYS = {"label", "help_text", "helpText", "title", "description", "placeholder", "text", "display_name"}
JSON_UI_CONTAINERS = {"STRINGS", "strings", "messages"}

VI_LETTERS = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
VI_LETTERS |= {c.upper() for c in VI_LETTERS}

_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(oai|oay|oeo|uya|uyu|ai|ao|au|ay|eo|ia|iu|oa|oe|oi|oo|ua|ui|uy|a|e|i|o|u|y)"
    r"(ch|ng|nh|[cmnpt])?$",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]|\{\w*\}")
_WORD = re.compile(r"[^\W\d_]+")
# Key names of keyboard shortcuts ("Ctrl + Alt + m"), text quoted from elsewhere (“Link xem:”).
_SHORTCUT = re.compile(r"\b(?:Ctrl|Alt|Shift|Cmd|Esc|Option|Enter)(?:\s*\+\s*\S+)+")
_QUOTED = re.compile(r"“[^”]*”")
# E-mail addresses, URLs, paths, file names, identifiers (app_label.model, snake_case).
_SKIP_TOKEN = re.compile(r"\S+@\S+|https?://\S+|/\S*|\w+\.\w+|\S*_\S*")


def could_be_vietnamese(word):
    return bool(_SYLLABLE.match(word))


@cache
def english_words():
    """Every word of the English messages of Django, Wagtail and wagtail-localize."""
    import polib

    roots = [Path(django.__file__).parent, Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
    words = set()
    for root in roots:
        for po in root.glob("**/locale/en/LC_MESSAGES/*.po"):
            for entry in polib.pofile(str(po)):
                text = re.sub(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>", " ", f"{entry.msgid} {entry.msgid_plural}")
                words.update(w.lower() for w in _WORD.findall(text) if len(w) > 1 and w.isascii())
    return frozenset(words)


def english_in(text, content=()):
    """The English words of ``text`` (an empty list when it reads as Vietnamese)."""
    for item in content:
        if item and item in text:  # whole words only: "portal" is not taken out of "portal.homepage"
            text = re.sub(rf"(?<![\w.]){re.escape(item)}(?![\w.])", " ", text)
    for pattern in (_SHORTCUT, _QUOTED, _PLACEHOLDER, _SKIP_TOKEN):
        text = pattern.sub(" ", text)
    tokens = [
        t
        for t in _WORD.findall(text)
        if t.lower() not in PROPER_NAMES | VIETNAMESE_LOANWORDS | FILE_FORMATS and not (t.isupper() and len(t) <= 6)
    ]
    english = english_words()
    found = [t for t in tokens if t.isascii() and t.lower() in english and not could_be_vietnamese(t)]
    if found:
        return found
    has_vietnamese = any(c in VI_LETTERS for c in text)
    if tokens and not has_vietnamese and all(t.isascii() and t.lower() in english for t in tokens):
        return tokens
    return []


def _json_strings(value, ui=False):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in JSON_UI_CONTAINERS:
                yield from _json_strings(item, ui=True)
            elif isinstance(item, str):
                if ui or key in JSON_UI_KEYS:
                    yield item
            else:
                yield from _json_strings(item, ui=ui)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                if ui:
                    yield item
            else:
                yield from _json_strings(item, ui=ui)


def _maybe_json(text):
    text = text.strip()
    if not text or text[0] not in "{[":
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def shown_strings(html):
    """The strings a user sees or hears on the screen ``html`` renders."""
    soup = BeautifulSoup(html, "html.parser")
    strings = []
    for node in soup.find_all(["script", "style", "svg", "textarea"]):
        if node.name == "script" and (node.get("type") or "").endswith("json"):
            data = _maybe_json(node.get_text())
            if data is not None:
                strings.extend(_json_strings(data))
        node.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment | Doctype)):
        comment.extract()
    # <template> content is shown later (dialogs, messages): parse it as markup too.
    for template in soup.find_all("template"):
        strings.extend(shown_strings(template.decode_contents()))
        template.decompose()
    for text in soup.find_all(string=True):
        if text.strip():
            strings.append(" ".join(text.split()))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if isinstance(value, list):
                value = " ".join(value)
            if name in SHOWN_ATTRIBUTES and value.strip():
                strings.append(value.strip())
            elif name.startswith("data-") and (data := _maybe_json(value)) is not None:
                strings.extend(_json_strings(data))
        if tag.name == "input" and tag.get("type") in {"submit", "button", "reset"} and tag.get("value"):
            strings.append(tag["value"])
    return strings
