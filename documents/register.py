"""The register's queries: every document page type in one list (``document_models()``).

Each page type keeps its own table (a plan stays a ``campaigns.PlanPage``); the register
asks all of them in one statement (``UNION ALL`` of the same columns), so counting,
ordering and paging are done by the database whatever the number of documents. A quick
search is answered by the site's search index (``portal.search``: folded words of the
trích yếu, the title, the number in any spelling, and the text inside the files).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import ExtractYear
from wagtail.models import Locale

from documents.models import document_models, validity_q
from portal.cache.fragments import cached, public
from portal.search import query as search_query

#: What a row of the register needs (a page's link, number, dates, trích yếu, validity).
ROW_FIELDS = (
    "id",
    "content_type_id",
    "issue_date",
    "first_published_at",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "document_number",
    "document_type",
    "summary",
    "effective_date",
    "expiry_date",
    "validity_override",
)

SORT_NEWEST = "moi-nhat"
SORT_OLDEST = "cu-nhat"
SORT_RELEVANCE = "phu-hop"


@dataclass
class Criteria:
    """What a visitor asked for (already validated by ``documents.filters``)."""

    query: object = None  # portal.search.text.Query
    kind: str = ""
    issuing_body: str = ""
    topic_id: int | None = None
    signer: str = ""
    validity: str = ""
    year: int | None = None
    date_from: object = None
    date_to: object = None
    sort: str = SORT_NEWEST
    topic_ids: list = field(default_factory=list)

    @property
    def has_filters(self):
        return bool(
            self.kind
            or self.issuing_body
            or self.topic_id
            or self.topic_ids
            or self.signer
            or self.validity
            or self.year
            or self.date_from
            or self.date_to
        )


class Register:
    def __init__(self, locale_id):
        self.locale_id = locale_id
        self.models = document_models()

    def _part(self, model, criteria):
        pages = public(model.objects.live().filter(locale_id=self.locale_id)).order_by()
        if criteria.kind:
            pages = pages.filter(document_type=criteria.kind)
        if criteria.issuing_body:
            pages = pages.filter(issuing_body=criteria.issuing_body)
        if criteria.topic_id:
            pages = pages.filter(topics=criteria.topic_id)
        if criteria.topic_ids:
            through = model.topics.through
            owner = model.topics.field.m2m_field_name()
            pages = pages.filter(pk__in=through.objects.filter(topic_id__in=criteria.topic_ids).values(owner))
        if criteria.signer:
            pages = pages.filter(signer_name=criteria.signer)
        if criteria.validity:
            pages = pages.filter(validity_q(criteria.validity))
        if criteria.year:
            pages = pages.filter(issue_date__year=criteria.year)
        if criteria.date_from:
            pages = pages.filter(issue_date__gte=criteria.date_from)
        if criteria.date_to:
            pages = pages.filter(issue_date__lte=criteria.date_to)
        return pages

    def rows(self, criteria, exclude=None, ids=None):
        """Every match as a tuple of ``ROW_FIELDS``, ordered by date: a queryset, so the
        paginator counts and slices it in the database, and a page of results needs no
        other query for its rows."""
        parts = []
        for model in self.models:
            part = self._part(model, criteria)
            if exclude:
                part = part.exclude(pk=exclude)
            if ids is not None:
                part = part.filter(pk__in=ids)
            parts.append(part.values_list(*ROW_FIELDS))
        combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        if criteria.sort == SORT_OLDEST:
            return combined.order_by("issue_date", "first_published_at", "id")
        return combined.order_by("-issue_date", "-first_published_at", "-id")

    def search_ids(self, criteria, before_search=None):
        """Page ids matching the quick search (best first, or by date), then the filters.
        ``before_search``: called when the search is not kept already (a limit)."""
        type_ids = {ContentType.objects.get_for_model(model).pk for model in self.models}
        order = search_query.ORDER_RELEVANCE if criteria.sort == SORT_RELEVANCE else search_query.ORDER_NEWEST
        locale = Locale(pk=self.locale_id)
        found = search_query.search(
            criteria.query, locale, content_type_id=type_ids, order=order, before_search=before_search, counts=False
        )
        ids = found.ids
        if criteria.sort == SORT_OLDEST:
            ids.reverse()
        if criteria.has_filters:
            allowed = set(self.ids(criteria))
            ids = [i for i in ids if i in allowed]
        return ids

    def ids(self, criteria):
        parts = [self._part(model, criteria).values_list("id", flat=True) for model in self.models]
        return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

    def load(self, rows, files=True):
        """Pages built from ``rows`` (no query), in that order; with ``files``, their
        attachments (one query per page type present) and download counts (one query)."""
        documents = []
        for row in rows:
            values = dict(zip(ROW_FIELDS, row, strict=True))
            model = ContentType.objects.get_for_id(values["content_type_id"]).model_class()
            documents.append(model(page_ptr_id=values["id"], **values))
        if files:
            _attach_files(documents)
        return documents

    def load_ids(self, ids):
        """Like ``load`` for bare page ids (a quick search's page of results): one query."""
        found = {row[0]: row for row in self.rows(Criteria(), ids=list(ids))}
        return self.load([found[i] for i in ids if i in found])

    def newest(self, limit, exclude=None, files=False, **filters):
        criteria = Criteria(**filters)
        return self.load(list(self.rows(criteria, exclude=exclude)[:limit]), files=files)

    def choices(self):
        """What the advanced search offers (kept until the next publication)."""
        from documents.models import DocumentKind, Topic

        def compute():
            bodies, signers, years = set(), set(), set()
            parts = [
                public(model.objects.live().filter(locale_id=self.locale_id))
                .order_by()
                .annotate(year=ExtractYear("issue_date"))
                .values_list("issuing_body", "signer_name", "year")
                .distinct()
                for model in self.models
            ]
            for body, signer, year in parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]:
                bodies.add(body)
                years.add(year)
                if signer:
                    signers.add(signer)
            return {
                "kinds": list(DocumentKind.objects.values_list("code", "name")),
                "topics": list(Topic.objects.values_list("pk", "name")),
                "bodies": sorted(bodies),
                "signers": sorted(signers),
                "years": sorted(years, reverse=True),
            }

        return cached(("documents:register-choices", self.locale_id), compute)


def _attach_files(documents):
    """Each document's ``attachment_rows`` (with the file and its download count)."""

    if not documents:
        return
    # Every document type's files are asked for, whichever types the page of results holds,
    # so the number of queries does not depend on the results.
    from documents.models import AttachmentBase

    by_model = {m: {} for m in apps.get_models() if issubclass(m, AttachmentBase)}
    for document in documents:
        document.attachment_rows = []
        by_model[document.attachments.model][document.pk] = document
    from documents.files import with_download_counts

    for model, pages in by_model.items():
        rows = with_download_counts(model.objects.filter(page_id__in=list(pages)).select_related("document"))
        for attachment in rows:
            pages[attachment.page_id].attachment_rows.append(attachment)
