"""Create thousands of live pages cheaply (the search benchmark, and the search budget tests).

Wagtail's ``add_child`` + ``publish`` costs a dozen queries and a revision per page; for
2,200 pages that is minutes. Here the ``wagtailcore_page`` rows are bulk-inserted with
tree paths computed up front, the specific rows are inserted with a raw save, and the
search index is then filled in batches, as ``manage.py rebuild_search_index`` does.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from portal.search import indexing


def bulk_pages(parent, model, rows, *, index=True):
    """Add one live ``model`` page under ``parent`` per dict in ``rows`` (``title``, optional
    ``slug`` and ``date``, plus the model's own field values). Returns the new page ids."""
    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    step = int(last.path[-Page.steplen :], 36) if last else 0
    now = timezone.now()
    base_rows, specific_rows = [], []
    own_fields = {f.name for f in model._meta.local_concrete_fields}
    for i, row in enumerate(rows, 1):
        row = dict(row)
        title = row.pop("title")
        slug = row.pop("slug", f"{content_type.model}-{uuid.uuid4().hex[:10]}")
        date = row.pop("date", now)
        base_rows.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, step + i),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=date,
                last_published_at=date,
            )
        )
        specific_rows.append({k: v for k, v in row.items() if k in own_fields or k.endswith("_id")})
    with transaction.atomic():
        created = Page.objects.bulk_create(base_rows)
        for page, values in zip(created, specific_rows, strict=True):
            specific = model(page_ptr_id=page.pk, **values)
            specific.save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(created))
    ids = [page.pk for page in created]
    if index:
        indexing.index_pages(Page.objects.filter(pk__in=ids))
    return ids
