"""Relations between documents, each shown on both (A "thay thế" B; B "bị thay thế bởi" A),
and the other documents a document's page lists."""

from django.apps import apps
from wagtail.models import Page

from portal.caching import public

RELATED_LIMIT = 5


def relation_models():
    from documents.models import RelationBase

    return [m for m in apps.get_models() if issubclass(m, RelationBase)]


def relations_of(document):
    """``[(label, [pages])]``: what ``document`` declares, then what others declare to it.

    One query per relation model for each direction, one for the pages (live, public)."""
    from documents.models import REVERSE_LABELS, RelationKind

    outgoing, incoming = [], []
    for model in relation_models():
        if hasattr(document, "document_relations") and model is document.document_relations.model:
            outgoing += [(r.kind, r.target_id) for r in document.document_relations.all()]
        incoming += list(model.objects.filter(target_id=document.pk).values_list("kind", "page_id"))
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
