"""Answer a search from the index table: PostgreSQL, SQLite with FTS5, or plain LIKE.

Every path finds the same pages: each word of the query must appear as a whole folded
word in the title, the text or the page's own document numbers (or, on the LIKE and
PostgreSQL paths, the query is a prefix of the page's own number).

- PostgreSQL: full-text search over the generated ``search_vector`` column (folded title
  and own numbers weighted A, folded text B, 'simple' configuration, GIN index; migration
  0002); ``SearchRank`` orders pages within a tier.
- SQLite (the embedded default) with FTS5: the ``portal_search_fts`` virtual table, kept in
  step with the index table by triggers (migration 0003); ``bm25`` orders within a tier.
- Any other database, or SQLite built without FTS5: ``LIKE`` on the folded,
  space-delimited words; one point per query word found in the text.

The tiers are the same everywhere: the page's own document number adds 1000, the whole
query as a phrase in the title 100, each query word in the title 10, the phrase in the
text 5, and the text relevance at most 5. So a plan searched by its number comes first,
then pages carrying the exact words in their title, then pages with more of the words in
their title, then the rest.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from portal.search.models import SearchEntry

DOCUMENT_NUMBER_BOOST = 1000
TITLE_PHRASE_BOOST = 100
TITLE_WORD_SCORE = 10
BODY_PHRASE_BOOST = 5
BODY_WORD_SCORE = 1
TEXT_RANK_SCALE = 5

ORDER_RELEVANCE = "relevance"
ORDER_NEWEST = "newest"

TABLE = SearchEntry._meta.db_table
FTS_TABLE = "portal_search_fts"

#: Set to False (tests) to use the portable LIKE path on SQLite too.
USE_SQLITE_FTS = True
_fts_present = {}


def backend():
    """``"postgresql"``, ``"sqlite-fts5"`` or ``"like"``: which path answers searches."""
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite" and USE_SQLITE_FTS:
        name = str(connection.settings_dict["NAME"])
        if name not in _fts_present:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
                _fts_present[name] = cursor.fetchone() is not None
        if _fts_present[name]:
            return "sqlite-fts5"
    return "like"


def _contains(field_name, words):
    return Q(**{f"{field_name}__contains": f" {words} "})


def _boost(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def _document_number_q(number):
    return Q(document_numbers__contains=f"|{number}|") | Q(document_numbers__contains=f"|{number} ")


def _owns_number(document_numbers, number):
    return bool(number) and (f"|{number}|" in document_numbers or f"|{number} " in document_numbers)


def _title_points(query, title_folded):
    points = TITLE_PHRASE_BOOST if len(query.words) > 1 and f" {query.phrase} " in title_folded else 0
    return points + sum(TITLE_WORD_SCORE for word in query.words if f" {word} " in title_folded)


def _scaled(rank):
    rank = max(rank or 0.0, 0.0)
    return TEXT_RANK_SCALE * rank / (rank + 1.0)


def _orm_rows(query, locale):
    """(page id, type id, year, date, score) of every match, on PostgreSQL or with LIKE."""
    entries = SearchEntry.objects.filter(locale=locale, live=True, public=True)
    score = Value(0, output_field=IntegerField())
    if query.document_number:
        score = score + _boost(_document_number_q(query.document_number), DOCUMENT_NUMBER_BOOST)
    if len(query.words) > 1:
        score = score + _boost(_contains("title_folded", query.phrase), TITLE_PHRASE_BOOST)
        score = score + _boost(_contains("body_folded", query.phrase), BODY_PHRASE_BOOST)
    for word in query.words:
        score = score + _boost(_contains("title_folded", word), TITLE_WORD_SCORE)

    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

        search_query = SearchQuery(" ".join(query.words), config="simple", search_type="plain")
        entries = entries.alias(
            # The generated column is unknown to the ORM (migration 0002); no user input here.
            vector=RawSQL(f"{TABLE}.search_vector", [], output_field=SearchVectorField()),  # noqa: S611
        )
        match = Q(vector=search_query)
        # normalization 32 maps the rank into 0..1, so it orders pages within a tier.
        score = score + SearchRank(F("vector"), search_query, normalization=Value(32)) * Value(float(TEXT_RANK_SCALE))
    else:
        match = Q()
        for word in query.words:
            in_body = _contains("body_folded", word)
            match &= _contains("title_folded", word) | in_body
            score = score + _boost(in_body, BODY_WORD_SCORE)
    if query.document_number:
        match |= _document_number_q(query.document_number)
    entries = entries.filter(match).annotate(score=ExpressionWrapper(score, output_field=FloatField()))
    rows = entries.values_list("pk", "content_type_id", "year", "date", "score", "document_numbers")
    return [
        (pk, type_id, year, date, _number_tier(query, numbers, score))
        for pk, type_id, year, date, score, numbers in rows
    ]


def _number_tier(query, document_numbers, score):
    """Every page that carries the number searched for scores the same, so the newest
    comes first (numbers restart every year: 57/KH-SNV of 2025 before that of 2021)."""
    if query.document_number and _owns_number(document_numbers or "", query.document_number):
        return float(DOCUMENT_NUMBER_BOOST)
    return score


def _fts_rows(query, locale):
    """The same rows from SQLite's FTS5 index, in one statement; the tiers are added here
    from the short columns (title, own numbers) the statement returns. CROSS JOIN keeps
    the full-text match as the outer loop: left to itself SQLite walks the locale index
    and runs the MATCH once per row (40 times slower with 2,200 pages)."""
    words = " ".join(f'"{w}"' for w in query.words)  # words are letters and digits only
    phrase = f'"{query.phrase}"'
    sql = f"""
        SELECT e.page_id, e.content_type_id, e.year, e.date, e.title_folded, e.document_numbers,
               -bm25({FTS_TABLE}, 10.0, 1.0, 10.0),
               e.page_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)
        FROM {FTS_TABLE} CROSS JOIN {TABLE} e ON e.page_id = {FTS_TABLE}.rowid
        WHERE {FTS_TABLE} MATCH %s AND e.locale_id = %s AND e.live AND e.public
    """  # noqa: S608 - table names are constants; every value is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"body_folded : {phrase}", words, locale.pk])
        found = cursor.fetchall()
    rows = []
    for page_id, type_id, year, date, title_folded, numbers, rank, body_phrase in found:
        score = _title_points(query, title_folded) + _scaled(rank)
        if _owns_number(numbers, query.document_number):
            score += DOCUMENT_NUMBER_BOOST
        if body_phrase and len(query.words) > 1:
            score += BODY_PHRASE_BOOST
        rows.append((page_id, type_id, year, date, _number_tier(query, numbers, score)))
    return rows


@dataclass
class SearchResults:
    ids: list  # page ids of every result, best first (after the type and year filters)
    types: list = field(default_factory=list)  # [(content type id, count)], most first
    years: list = field(default_factory=list)  # [(year, count)], newest first


def _sort(rows, order):
    rows.sort(key=lambda r: r[0], reverse=True)  # last tie-break: newest page
    by_score = lambda r: r[4]  # noqa: E731
    by_date = lambda r: (r[3] is not None, r[3] or "")  # noqa: E731 - undated pages last
    if order == ORDER_NEWEST:
        rows.sort(key=by_score, reverse=True)
        rows.sort(key=by_date, reverse=True)
    else:
        rows.sort(key=by_date, reverse=True)
        rows.sort(key=by_score, reverse=True)
    return rows


def search(query, locale, *, content_type_id=None, year=None, order=ORDER_RELEVANCE):
    """Run ``query`` in ONE database query: every match with its type, year, date and
    score, from which the order, the filters, the counts per type and per year (each
    counted with the other filter applied) and the total are computed in Python.
    ``entries_for`` then loads only the page of results shown. ``content_type_id`` may be
    a set of ids (a section that lists several page types, such as a register)."""
    rows = _fts_rows(query, locale) if backend() == "sqlite-fts5" else _orm_rows(query, locale)
    type_ids = content_type_id if isinstance(content_type_id, (set, frozenset, list, tuple)) else {content_type_id}
    per_type, per_year, ids = {}, {}, []
    for page_id, type_id, entry_year, _date, _score in _sort(rows, order):
        type_ok = content_type_id is None or type_id in type_ids
        year_ok = year is None or entry_year == year
        if year_ok:
            per_type[type_id] = per_type.get(type_id, 0) + 1
        if type_ok and entry_year is not None:
            per_year[entry_year] = per_year.get(entry_year, 0) + 1
        if type_ok and year_ok:
            ids.append(page_id)
    return SearchResults(
        ids=ids,
        types=sorted(per_type.items(), key=lambda item: -item[1]),
        years=sorted(per_year.items(), reverse=True),
    )


# What a result shows: the entry's own columns and what its page's link needs.
_ENTRY_FIELDS = ("page_id", "content_type_id", "date", "title", "body")
_PAGE_URL_FIELDS = (
    "page__id",
    "page__path",
    "page__depth",
    "page__url_path",
    "page__locale_id",
    "page__content_type_id",
)


def entries_for(ids):
    """The index entries (with their pages, for the links) for ``ids``, in that order."""
    found = SearchEntry.objects.filter(pk__in=ids).select_related("page").only(*_ENTRY_FIELDS, *_PAGE_URL_FIELDS)
    by_id = {entry.pk: entry for entry in found}
    return [by_id[i] for i in ids if i in by_id]
