"""Translate pages and snippets through wagtail-localize's own machinery.

Used by the demo loader (and usable from a shell or an import script): the result is a
normal wagtail-localize translation that editors keep working on in its translation
editor, with the source kept in sync.
"""

from django.db import transaction
from django.db.models import Q
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def translate(instance, language_code, strings, *, publish=True, user=None):
    """Translate ``instance`` into ``language_code``.

    ``strings`` maps each source segment's text (as wagtail-localize extracts it: titles,
    slugs, one entry per rich-text paragraph or list item) to its translation. Segments
    without an entry keep the source text (wagtail-localize's fallback). Parents must be
    translated first (translating a subtree in one go leaves the parent with numchild=0:
    wagtail/wagtail-localize#773).
    Returns the translated instance.
    """
    locale = Locale.objects.get(language_code=language_code)
    with transaction.atomic():
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
            text = strings.get(segment.string.data)
            if text is not None:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": text},
                )
        translation.save_target(user=user, publish=publish)
    if isinstance(instance, Page):
        return instance.get_translation(locale).specific
    return type(instance).objects.get(translation_key=instance.translation_key, locale=locale)


def missing_segments(instance, language_code, strings):
    """Source texts of ``instance`` that ``strings`` does not translate (for tests)."""
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    texts = StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    return [text for text in texts if text not in strings]


def repair_numchild(sender=None, instance=None, **kwargs):
    """``page_published`` receiver: recount the published page's children.

    wagtail-localize publishes a translation on commit from a revision saved earlier; when
    its children were translated in the same transaction, publishing writes back the stale
    ``numchild`` = 0 and the translated parent then 404s every child
    (wagtail/wagtail-localize#773, also through "translate with subpages" in the admin).
    """
    if instance is None:
        return
    count = Page.objects.filter(path__startswith=instance.path, depth=instance.depth + 1).count()
    if instance.numchild != count:
        Page.objects.filter(pk=instance.pk).update(numchild=count)
        instance.numchild = count


def localized(queryset, locale_id):
    """The objects of ``queryset`` in the language ``locale_id``, each falling back to
    its original when it has no translation yet: one query, in the queryset's order."""
    here = queryset.model.objects.filter(locale_id=locale_id).values("translation_key")
    rows = list(queryset.filter(Q(locale_id=locale_id) | ~Q(translation_key__in=here)))
    chosen = {}
    for row in rows:
        current = chosen.get(row.translation_key)
        if (
            current is None
            or (row.locale_id == locale_id)
            or (current.locale_id != locale_id and row.locale_id < current.locale_id)
        ):
            chosen[row.translation_key] = row
    keep = {id(row) for row in chosen.values()}
    return [row for row in rows if id(row) in keep]
