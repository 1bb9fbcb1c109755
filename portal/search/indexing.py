"""Keep the search index (``SearchEntry``) in step with the page tree.

Text is taken generically from each specific page: its ``search_description``, every
``index.SearchField`` / ``index.RelatedFields`` in its ``search_fields`` (the same fields
Wagtail's own search would index), and whatever an optional ``get_search_extra()`` returns
(a string or a list of strings). A field whose whole value is a document number
(``57/KH-SNV``), or a ``document_number`` attribute, becomes the page's own number, which
ranks that page first when someone searches for it. The date shown and filtered on is
``get_search_date()`` when the model defines it, else the first date ``FilterField`` the
model declares itself (a plan's ``issue_date``, a news item's ``published_at``), else the
first publication time.

Text inside a page's files: an optional ``get_search_files()`` returns ``[(file title,
text)]``; the text is searched like the rest and kept after the page's own text in
``body``, each file introduced by ``FILE_MARK`` + title + ``TITLE_END`` (``passages()``
splits it again), so a result found only in a file says which file and quotes it.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.db.models import Manager
from django.utils import timezone
from django.utils.encoding import force_str
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from portal.search.models import SearchEntry
from portal.search.text import as_document_number, folded_words

MAX_BODY_CHARS = 100_000
#: Separators of the files' text in ``SearchEntry.body`` (control characters no text has).
FILE_MARK, TITLE_END = "\x1e", "\x1f"
_SPACE = re.compile(r"\s+")


def _strings(value):
    """Flatten a search field's value into strings, as Wagtail's own indexer does."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (datetime.date, bool, int, float)):
        return
    else:
        yield force_str(value)


def _field_strings(obj, field):
    if isinstance(field, index.RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        if isinstance(related, Manager):
            related = related.all()
        elif callable(related):
            related = related()
        else:
            related = [related]
        for item in related:
            for sub_field in field.fields:
                yield from _field_strings(item, sub_field)
    elif isinstance(field, index.SearchField):
        yield from _strings(field.get_value(obj))


def _clean(text):
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _to_datetime(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time(0, 0)))
    return None


_PAGE_FIELDS = {f.name for f in Page._meta.get_fields()}


def _own_date_field(model):
    """The first date filter field a page type declares itself (``issue_date`` of a plan,
    ``published_at`` of a news item), or None."""
    for field in model.get_search_fields():
        if isinstance(field, index.FilterField) and field.field_name not in _PAGE_FIELDS:
            try:
                model_field = model._meta.get_field(field.field_name)
            except FieldDoesNotExist:
                continue
            if isinstance(model_field, (models.DateField, models.DateTimeField)):
                return field.field_name
    return None


def page_date(page):
    """``get_search_date()`` when the model defines it, else the first date filter field
    of its ``search_fields``, else when the page was first published."""
    getter = getattr(page, "get_search_date", None)
    if callable(getter):
        value = _to_datetime(getter())
        if value is not None:
            return value
    name = _own_date_field(type(page))
    value = _to_datetime(getattr(page, name, None)) if name else None
    return value or page.first_published_at or page.last_published_at or page.latest_revision_created_at


def _index_only(page, field):
    """Fields that exist to be found, not read (a number's spelling variants, its bare
    code…): ``search_index_only_fields`` of the page type, and any ``…_terms`` field."""
    name = field.field_name
    return name.endswith("_terms") or name in getattr(page, "search_index_only_fields", ())


def extract(page):
    """The index row's values for a specific page (not saved). ``body`` is the page's
    readable text (search result snippets quote it); ``body_folded`` also holds what
    is only indexed (number variants, extra terms)."""
    parts = []
    tokens = []
    own_numbers = []
    if page.search_description:
        parts.append(page.search_description)
    for field in type(page).get_search_fields():
        if field.field_name == "title":
            continue
        for text in _field_strings(page, field):
            (tokens if _index_only(page, field) else parts).append(text)
            number = as_document_number(text)
            if number:
                own_numbers.append(number)
    extra = getattr(page, "get_search_extra", None)
    if callable(extra):
        tokens.extend(_strings(extra()))
    number = as_document_number(getattr(page, "document_number", None))
    if number:
        own_numbers.append(number)
    body = _clean(" ".join(p for p in dict.fromkeys(parts) if p))[:MAX_BODY_CHARS]
    files = getattr(page, "get_search_files", None)
    if callable(files):
        for title, text in files():
            title = _clean(title).replace(FILE_MARK, "").replace(TITLE_END, "")
            text = _clean(text).replace(FILE_MARK, " ").replace(TITLE_END, " ")
            body = (body + FILE_MARK + title + TITLE_END + text)[:MAX_BODY_CHARS]
    searched = _clean(" ".join(p for p in [*tokens, body] if p))[:MAX_BODY_CHARS]
    title = _clean(page.title)
    date = page_date(page)
    numbers = list(dict.fromkeys(own_numbers))
    return {
        "locale_id": page.locale_id,
        "content_type_id": page.content_type_id,
        "title": title[:255],
        "body": body,
        "title_folded": folded_words(title),
        "body_folded": folded_words(searched),
        "document_numbers": ("|" + "|".join(numbers) + "|")[:500] if numbers else "",
        "date": date,
        "year": timezone.localtime(date).year if date else None,
        "live": page.live,
    }


def passages(body):
    """``(page text, [(file title, file text)])`` of an entry's ``body``."""
    page_text, *files = (body or "").split(FILE_MARK)
    return page_text, [tuple(f.split(TITLE_END, 1)) if TITLE_END in f else ("", f) for f in files]


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_public(page, restricted_paths):
    paths = [page.path]
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).values_list("path", flat=True).first()
        if source:
            paths.append(source)
    return not any(p.startswith(r) for p in paths for r in restricted_paths)


def index_page(page):
    """Add, refresh or drop one page's entry. Only live pages stay in the index."""
    page = page.specific_deferred if type(page) is Page else page
    if not page.live or page.pk is None:
        remove_page(page)
        return None
    values = extract(page)
    values["public"] = _is_public(page, _restricted_paths())
    entry, _created = SearchEntry.objects.update_or_create(page_id=page.pk, defaults=values)
    return entry


def remove_page(page_or_id):
    page_id = getattr(page_or_id, "pk", page_or_id)
    SearchEntry.objects.filter(page_id=page_id).delete()


def index_pages(pages, batch_size=500):
    """Index many pages at once (rebuild, imports, bulk-created test data).

    ``pages`` is a Page queryset; specific instances are loaded a batch at a time.
    """
    restricted = _restricted_paths()
    count = 0
    ids = list(pages.live().values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch_ids = ids[start : start + batch_size]
        batch = Page.objects.filter(pk__in=batch_ids).specific()
        entries = []
        for page in batch:
            values = extract(page)
            values["public"] = _is_public(page, restricted)
            entries.append(SearchEntry(page_id=page.pk, **values))
        with transaction.atomic():
            SearchEntry.objects.filter(page_id__in=batch_ids).delete()
            SearchEntry.objects.bulk_create(entries)
        count += len(entries)
    return count


def rebuild():
    """Re-create the whole index from the live pages. Returns the number of entries."""
    from portal.search import query

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        count = index_pages(Page.objects.filter(depth__gt=1))
        if query.backend() == "sqlite-fts5":
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {query.FTS_TABLE}({query.FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608 - constant
    return count


def refresh_subtree(page):
    """Recompute the public flag of ``page`` and its descendants (after a move or a change
    of view restrictions)."""
    restricted = _restricted_paths()
    pages = Page.objects.filter(path__startswith=page.path).only("pk", "path", "alias_of_id")
    public_ids, private_ids = [], []
    for item in pages:
        (public_ids if _is_public(item, restricted) else private_ids).append(item.pk)
    SearchEntry.objects.filter(page_id__in=public_ids).update(public=True)
    SearchEntry.objects.filter(page_id__in=private_ids).update(public=False)
