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

from array import array
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import and_

from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from portal.cache.fragments import cached
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
RANKING_INDEX = "portal_search_ranking"

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


def _orm_rows(query, locale, order):
    """(page id, type id, year) of every match, in order, on PostgreSQL or with LIKE."""
    entries = SearchEntry.objects.filter(locale=locale, live=True, public=True)
    score = Value(0, output_field=IntegerField())
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
    score = ExpressionWrapper(score, output_field=FloatField())
    if query.document_number:
        # Every page that carries the number searched for scores the same, so the newest
        # comes first (numbers restart every year: 57/KH-SNV of 2025 before that of 2021).
        owns = _document_number_q(query.document_number)
        match |= owns
        score = Case(When(owns, then=Value(float(DOCUMENT_NUMBER_BOOST))), default=score, output_field=FloatField())
    entries = entries.filter(match).annotate(score=score)
    newest = F("date").desc(nulls_last=True)
    ordering = ("-score", newest, "-pk") if order != ORDER_NEWEST else (newest, "-score", "-pk")
    return list(entries.order_by(*ordering).values_list("pk", "content_type_id", "year"))


def _fts_rows(query, locale, order):
    """The same rows from SQLite's FTS5 index, scored and ordered in one statement.
    CROSS JOIN keeps the full-text match as the outer loop: left to itself SQLite walks
    the locale index and runs the MATCH once per row (40 times slower with 2,200 pages);
    each match then reads the narrow ranking index (migration 0004), not the wide row.
    The words are letters and digits only (``portal.search.text``); every value is still
    a parameter."""
    title_points, params = [], []
    if len(query.words) > 1:
        title_points.append(f"(instr(e.title_folded, %s) > 0) * {TITLE_PHRASE_BOOST}")
        params.append(f" {query.phrase} ")
    for word in query.words:
        title_points.append(f"(instr(e.title_folded, %s) > 0) * {TITLE_WORD_SCORE}")
        params.append(f" {word} ")
    score = " + ".join(title_points) or "0"
    # bm25 is negative, better when lower; mapped into 0..TEXT_RANK_SCALE.
    score += f" + {TEXT_RANK_SCALE}.0 * rank / (rank + 1.0)"
    if len(query.words) > 1:
        in_body = f"e.page_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608
        score += f" + {BODY_PHRASE_BOOST} * ({in_body})"
        params.append(f'body_folded : "{query.phrase}"')
    if query.document_number:
        score = (
            f"CASE WHEN instr(e.document_numbers, %s) > 0 OR instr(e.document_numbers, %s) > 0"
            f" THEN {float(DOCUMENT_NUMBER_BOOST)} ELSE {score} END"
        )
        params = [f"|{query.document_number}|", f"|{query.document_number} ", *params]
    newest = "e.date IS NULL, e.date DESC"
    ordering = f"score DESC, {newest}" if order != ORDER_NEWEST else f"{newest}, score DESC"
    sql = f"""
        SELECT e.page_id, e.content_type_id, e.year, {score} AS score
        FROM (
            SELECT rowid, max(-bm25({FTS_TABLE}, 10.0, 1.0, 10.0), 0.0) AS rank
            FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
        ) AS found CROSS JOIN {TABLE} e INDEXED BY {RANKING_INDEX} ON e.page_id = found.rowid
        WHERE e.locale_id = %s AND e.live AND e.public
        ORDER BY {ordering}, e.page_id DESC
    """  # noqa: S608 - table names and points are constants; every value is a parameter
    words = " ".join(f'"{w}"' for w in query.words)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, words, locale.pk])
        return [row[:3] for row in cursor.fetchall()]


@dataclass
class SearchResults:
    ids: list  # page ids of every result, best first (after the type and year filters)
    types: list = field(default_factory=list)  # [(content type id, count)], most first
    years: list = field(default_factory=list)  # [(year, count)], newest first


def _matches(query, locale, order, before_search=None):
    """Every match of ``query`` as three arrays (page ids, type ids, years; 0 for none), in
    order: kept until the next publication (``matches_store``), so the next page of the
    results, or a filter added, reads them from memory. ``before_search()`` is called when
    the database must be asked (``portal.search.limits.charge``): it may raise."""

    def find():
        if before_search is not None:
            before_search()
        path = backend()
        rows = _fts_rows(query, locale, order) if path == "sqlite-fts5" else _orm_rows(query, locale, order)
        return (
            array("q", [row[0] for row in rows]),
            array("q", [row[1] for row in rows]),
            array("H", [row[2] or 0 for row in rows]),
        )

    key = ("search-matches", backend(), locale.pk, query.phrase, tuple(query.words), query.document_number, order)
    return cached(key, find, matches=True)


def search(query, locale, *, content_type_id=None, year=None, order=ORDER_RELEVANCE, before_search=None, counts=True):
    """Run ``query`` in ONE database query: every match with its type and year, scored and
    ordered by the database; the filters, the counts per type and per year (each counted
    with the other filter applied) and the total are computed from those rows.
    ``entries_for`` then loads only the page of results shown. ``content_type_id`` may be
    a set of ids (a section that lists several page types, such as a register);
    ``before_search`` see ``_matches``; ``counts=False``: no counts per type and year (a
    register shows none)."""
    page_ids, entry_types, entry_years = _matches(query, locale, order, before_search)
    # The filters and counts run over arrays of up to 50,000 matches in C (map, compress,
    # Counter), not in a Python loop: the next page of a kept query costs little.
    if content_type_id is None:
        type_ok = None
    else:
        type_ids = (
            set(content_type_id) if isinstance(content_type_id, (set, frozenset, list, tuple)) else {content_type_id}
        )
        type_ok = list(map(type_ids.__contains__, entry_types))
    year_ok = None if year is None else list(map(int(year).__eq__, entry_years))
    per_type, per_year = Counter(), Counter()
    if counts:
        per_type.update(entry_types if year_ok is None else compress(entry_types, year_ok))
        per_year.update(entry_years if type_ok is None else compress(entry_years, type_ok))
        per_year.pop(0, None)  # undated pages
    if type_ok is None and year_ok is None:
        ids = list(page_ids)
    else:
        both = type_ok if year_ok is None else year_ok if type_ok is None else list(map(and_, type_ok, year_ok))
        ids = list(compress(page_ids, both))
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
