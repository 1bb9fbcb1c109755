"""One slug function for every page, in every language: ASCII, diacritics removed, đ → d.

``vn_slug("Kế hoạch đặc biệt về Đào tạo")`` → ``"ke-hoach-dac-biet-ve-dao-tao"``. The
legacy importer, the admin's slug field (in the browser, while the editor types the title)
and every page saved in any other way (code, copies, wagtail-localize translations) use it:

- ``SlugInput`` gives Wagtail's slug widget a transliteration table of the Vietnamese
  letters built from ``vn_slug`` itself, so the browser writes the slug the server would;
- ``ascii_slug_on_save`` (a ``pre_save`` handler) turns a non-ASCII slug into ``vn_slug``
  when a page is created or its slug is changed, and repairs the slug wagtail-localize
  derives for a translation (Django's ``slugify`` drops "đ": ``hoi-nghi-ien-hinh``).

Existing pages keep the slug they have until someone changes it (their URLs keep
working; a changed slug gets Wagtail's automatic redirect).
"""

import unicodedata

from django.utils.text import slugify
from wagtail.admin.widgets import SlugInput as WagtailSlugInput

MAX_LENGTH = 80
FALLBACK = "trang"


def vn_slug(text, max_length=MAX_LENGTH, fallback=FALLBACK):
    from anyascii import anyascii

    slug = slugify(anyascii(unicodedata.normalize("NFC", str(text or ""))))[:max_length].strip("-")
    return slug or fallback


def _vietnamese_letters():
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền, sắc, hỏi, ngã, nặng
    letters = {"đ", "Đ"}
    for base in "aăâeêioôơuưy":
        for tone in tones:
            for case in (base, base.upper()):
                letters.add(unicodedata.normalize("NFC", case + tone))
    return sorted(letter for letter in letters if not letter.isascii())


def js_formatters():
    """``[(regex, replacement)]`` for Wagtail's slug widget: each Vietnamese letter to what
    ``vn_slug`` makes of it, and combining marks (text typed decomposed) removed."""
    from anyascii import anyascii

    by_target = {}
    for letter in _vietnamese_letters():
        by_target.setdefault(anyascii(letter), []).append(letter)
    formatters = [(f"[{''.join(letters)}]", target) for target, letters in sorted(by_target.items())]
    formatters.append(("[\u0300-\u036f]", ""))
    return formatters


class SlugInput(WagtailSlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or js_formatters(), locale=locale)


def register_widget():
    """Wagtail's admin forms use ``SlugInput`` for every slug field (pages, snippets)."""
    from django.db import models

    # Importing it registers Wagtail's own overrides first; ours then replace them.
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.SlugField, override={"widget": SlugInput})


def _translation_source_slug(page):
    """The non-ASCII slug of the page this one translates, if it has one."""
    if not page.translation_key:
        return None
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .exclude(slug__regex=r"^[-_a-zA-Z0-9]*$")
        .values_list("slug", flat=True)
        .first()
    )


def ascii_slug_on_save(sender, instance, raw=False, **kwargs):
    from wagtail.coreutils import find_available_slug
    from wagtail.models import Page

    if raw or not isinstance(instance, Page) or not instance.slug or not instance.path:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "slug" not in update_fields:
        return  # e.g. Wagtail recording the latest revision: the slug is not being written
    slug = instance.slug
    is_new = instance.pk is None
    stored = None if is_new else Page.objects.filter(pk=instance.pk).values_list("slug", "numchild").first()
    if not slug.isascii():
        if stored is not None and stored[0] == slug:
            return  # an existing address stays as it is
        fixed = vn_slug(slug)
    else:
        # wagtail-localize makes a translation's slug with Django's slugify, which drops
        # "đ" ("hội-nghị-điển-hình" → "hoi-nghi-ien-hinh"): give it vn_slug's form.
        if stored is not None and (stored[0] == slug or stored[1]):
            return  # unchanged, or a page with children (their paths were computed already)
        source = _translation_source_slug(instance)
        if not source:
            return
        django_form = slugify(source)
        if not django_form or not (slug == django_form or slug.startswith(django_form + "-")):
            return
        fixed = vn_slug(source) + slug[len(django_form) :]
        if fixed == slug:
            return
    parent = instance.get_parent()
    if parent is not None:
        fixed = find_available_slug(parent, fixed, ignore_page_id=instance.pk)
        instance.slug = fixed
        instance.set_url_path(parent)
    else:
        instance.slug = fixed
