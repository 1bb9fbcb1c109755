"""Relations between documents, each shown on both (A "thay thế" B; B "bị thay thế bởi" A),
and the other documents a document's page lists."""

from django.apps import apps
from wagtail.models import Page

from portal.cache.fragments import cached, public

RELATED_LIMIT = 5


def relation_models():
    from documents.models import RelationBase

    return [m for m in apps.get_models() if issubclass(m, RelationBase)]


def relations_of(document):
    """``[(label, [pages])]``: what ``document`` declares, then what others declare to it.

    The relations come with the document's other facts (``DocumentMetadata.facts``, one
    query); one query for the pages; kept until the next publication (``portal.cache``), as a page's relations change only then."""
    return cached(("documents:relations", document.pk), lambda: _relations_of(document))


def _relations_of(document):
    """Each relation once, with the other document in ``document``'s language where it is
    translated (else its original): the Vietnamese page and its English translation show
    the same relations, each linking pages of its own language."""
    import uuid

    from documents.models import REVERSE_LABELS, RelationKind

    rows = document.facts["relations"]
    if not rows:
        return []
    keys = {uuid.UUID(str(other_key)) for _kind, other_key, _declares, _page_id in rows}
    found = public(Page.objects.live().filter(translation_key__in=keys)).only(
        "id", "title", "url_path", "locale_id", "depth", "path", "translation_key"
    )
    by_id, here = {}, {}
    for page in found:
        by_id[page.pk] = page
        if page.locale_id == document.locale_id:
            here[page.translation_key] = page
    groups, seen = {}, set()
    # What this document declares first, then what others declare to it.
    for kind, other_key, declares, page_id in sorted(rows, key=lambda row: not row[2]):
        other = here.get(uuid.UUID(str(other_key))) or by_id.get(page_id)
        if other is None or other.translation_key == document.translation_key:
            continue
        label = RelationKind(kind).label if declares else REVERSE_LABELS[RelationKind(kind)]
        if (label, other.translation_key) in seen:
            continue
        seen.add((label, other.translation_key))
        groups.setdefault(label, []).append(other)
    return list(groups.items())


def similar(document, limit=RELATED_LIMIT):
    """(same field, same issuing body): other live documents, newest first."""
    from documents.register import Register

    topic_ids = [t.pk for t in document.topic_list]
    register = Register(locale_id=document.locale_id)
    same_topic = register.newest(limit, exclude=document.pk, topic_ids=topic_ids) if topic_ids else []
    same_body = register.newest(limit, exclude=document.pk, issuing_body=document.issuing_body)
    return same_topic, same_body


def page_context(document):
    same_topic, same_body = similar(document)
    return {
        "relations": relations_of(document),
        "same_topic": same_topic,
        "same_body": same_body,
        "attachments": document.attachment_list,
    }
