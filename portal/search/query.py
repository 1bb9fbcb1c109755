"""Answer a search from the index table, on SQLite or PostgreSQL.

Both backends find the same pages: every word of the query must appear as a whole folded
word in the title or the text, or the query must be the page's own document number.
They differ in how the rest of the ranking is computed:

- PostgreSQL: full-text search over the generated ``search_vector`` column (the folded
  title weighted A, the folded text B, 'simple' configuration, GIN index); within a tier
  pages are ordered by ``SearchRank`` (scaled to 0..5).
- Anything else (the embedded SQLite default): ``LIKE`` on the folded, space-delimited
  words; within a tier, 1 point per query word found in the text.

The tiers are the same on both: the page's own document number adds 1000, the whole query
as a phrase in the title 100, each query word in the title 10, the phrase in the text 5.
So a plan searched by its number comes first, then pages carrying the exact words in their
title, then pages with more of the words in their title, then the rest.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from portal.search.models import SearchEntry

DOCUMENT_NUMBER_BOOST = 1000
TITLE_PHRASE_BOOST = 100
BODY_PHRASE_BOOST = 5
TITLE_WORD_SCORE = 10
BODY_WORD_SCORE = 1
TEXT_RANK_SCALE = 5

ORDER_RELEVANCE = "relevance"
ORDER_NEWEST = "newest"


def uses_postgres():
    return connection.vendor == "postgresql"


def _contains(field_name, words):
    return Q(**{f"{field_name}__contains": f" {words} "})


def _boost(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def _document_number_q(number):
    return Q(document_numbers__contains=f"|{number}|") | Q(document_numbers__contains=f"|{number} ")


def visible_entries(locale):
    return SearchEntry.objects.filter(locale=locale, live=True, public=True)


def matching(query, locale):
    """``(queryset, score expression)`` for the entries that match ``query``."""
    entries = visible_entries(locale)
    boosts = Value(0, output_field=IntegerField())
    if query.document_number:
        boosts = boosts + _boost(_document_number_q(query.document_number), DOCUMENT_NUMBER_BOOST)
    if len(query.phrase.split()) > 1:
        boosts = boosts + _boost(_contains("title_folded", query.phrase), TITLE_PHRASE_BOOST)
        boosts = boosts + _boost(_contains("body_folded", query.phrase), BODY_PHRASE_BOOST)

    # A word in the title counts on both backends (the titles are short).
    for word in query.words:
        boosts = boosts + _boost(_contains("title_folded", word), TITLE_WORD_SCORE)

    if uses_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

        search_query = SearchQuery(" ".join(query.words), config="simple", search_type="plain")
        entries = entries.alias(
            # The generated column is unknown to the ORM (migration 0002); no user input here.
            vector=RawSQL(f"{SearchEntry._meta.db_table}.search_vector", [], output_field=SearchVectorField()),  # noqa: S611
        )
        match = Q(vector=search_query)
        # normalization 32 scales the rank into 0..1, so it orders pages within a tier
        # without outweighing one more word in the title.
        rank = SearchRank(F("vector"), search_query, normalization=Value(32))
        score = boosts + rank * Value(float(TEXT_RANK_SCALE))
    else:
        match = Q()
        score = boosts
        for word in query.words:
            in_body = _contains("body_folded", word)
            match &= _contains("title_folded", word) | in_body
            score = score + _boost(in_body, BODY_WORD_SCORE)
    if query.document_number:
        match |= _document_number_q(query.document_number)
    return entries.filter(match), score


@dataclass
class SearchResults:
    ids: list  # page ids of every result, best first (after the type and year filters)
    types: list = field(default_factory=list)  # [(content type id, count)], most first
    years: list = field(default_factory=list)  # [(year, count)], newest first


def search(query, locale, *, content_type_id=None, year=None, order=ORDER_RELEVANCE):
    """Run ``query`` in ONE database query: the ranked ids of every match with their type
    and year, from which the filters, the counts per type and per year (each counted with
    the other filter applied) and the total are computed. ``entries_for`` then loads only
    the page of results shown."""
    entries, score = matching(query, locale)
    newest = F("date").desc(nulls_last=True)
    ordering = [newest, "-score", "-pk"] if order == ORDER_NEWEST else ["-score", newest, "-pk"]
    rows = entries.annotate(score=ExpressionWrapper(score, output_field=FloatField())).order_by(*ordering)
    per_type, per_year, ids = {}, {}, []
    for page_id, type_id, entry_year in rows.values_list("pk", "content_type_id", "year"):
        type_ok = content_type_id is None or type_id == content_type_id
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


def entries_for(ids):
    """The index entries (with their pages, for the links) for ``ids``, in that order."""
    found = SearchEntry.objects.filter(pk__in=ids).select_related("page").defer("title_folded", "body_folded")
    by_id = {entry.pk: entry for entry in found}
    return [by_id[i] for i in ids if i in by_id]
