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
    from documents.models import REVERSE_LABELS, RelationKind

    rows = document.facts["relations"]
    outgoing = [(kind, target) for kind, page_id, target in rows if page_id == document.pk]
    incoming = [(kind, page_id) for kind, page_id, target in rows if target == document.pk]
    ids = {page_id for _kind, page_id in outgoing + incoming}
    if not ids:
        return []
    pages = {
        p.pk: p
        for p in public(Page.objects.live().filter(pk__in=ids)).only(
            "id", "title", "url_path", "locale_id", "depth", "path"
        )
    }
    groups = {}
    for kind, page_id in outgoing:
        if page_id in pages:
            groups.setdefault(RelationKind(kind).label, []).append(pages[page_id])
    for kind, page_id in incoming:
        # A translation copies its relations; only the same language's declare to this page.
        if page_id in pages and pages[page_id].locale_id == document.locale_id:
            label = REVERSE_LABELS[RelationKind(kind)]
            if pages[page_id] not in groups.setdefault(label, []):
                groups[label].append(pages[page_id])
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
