"""The register's queries: every document page type in one list (``document_models()``).

Each page type keeps its own table (a plan stays a ``campaigns.PlanPage``); the register
asks all of them in one statement (``UNION ALL`` of the same columns), so counting,
ordering and paging are done by the database whatever the number of documents. A quick
search is answered by the site's search index (``portal.search``: folded words of the
trích yếu, the title, the number in any spelling, and the text inside the files).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale

from documents.models import FileText, document_models, validity_q
from portal.caching import cached_fragment, public
from portal.search import query as search_query

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

    def rows(self, criteria, exclude=None):
        """``(id, content type id, issue date, first published)`` of every match, ordered by
        date (a queryset: the paginator counts and slices it in the database)."""
        parts = []
        for model in self.models:
            part = self._part(model, criteria)
            if exclude:
                part = part.exclude(pk=exclude)
            parts.append(part.values_list("id", "content_type_id", "issue_date", "first_published_at"))
        combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        if criteria.sort == SORT_OLDEST:
            return combined.order_by("issue_date", "first_published_at", "id")
        return combined.order_by("-issue_date", "-first_published_at", "-id")

    def search_ids(self, criteria):
        """Page ids matching the quick search (best first, or by date), then the filters."""
        type_ids = {ContentType.objects.get_for_model(model).pk for model in self.models}
        order = search_query.ORDER_RELEVANCE if criteria.sort == SORT_RELEVANCE else search_query.ORDER_NEWEST
        locale = Locale(pk=self.locale_id)
        ids = search_query.search(criteria.query, locale, content_type_id=type_ids, order=order).ids
        if criteria.sort == SORT_OLDEST:
            ids.reverse()
        if criteria.has_filters:
            allowed = {row[0] for row in self.rows(criteria)}
            ids = [i for i in ids if i in allowed]
        return ids

    def load(self, rows):
        """The pages of ``rows`` (``(id, type id, …)``), in that order, with their files:
        one query per page type present and one for the files' facts."""
        by_type = {}
        for row in rows:
            by_type.setdefault(row[1], []).append(row[0])
        found = {}
        for type_id, ids in by_type.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            pages = model.objects.filter(pk__in=ids).only(*model.LIST_FIELDS).prefetch_related("attachments__document")
            found.update({p.pk: p for p in pages})
        documents = [found[row[0]] for row in rows if row[0] in found]
        attachments = [a for d in documents for a in d.attachments.all()]
        states = (
            dict(
                FileText.objects.filter(document_id__in=[a.document_id for a in attachments]).values_list(
                    "document_id", "download_count"
                )
            )
            if attachments
            else {}
        )
        for attachment in attachments:
            attachment.download_count = states.get(attachment.document_id, 0)
        return documents

    def load_ids(self, ids):
        """Like ``load`` from bare page ids (a quick search's page of results)."""
        from wagtail.models import Page

        types = dict(Page.objects.filter(pk__in=ids).values_list("id", "content_type_id"))
        return self.load([(i, types[i]) for i in ids if i in types])

    def newest(self, limit, exclude=None, **filters):
        criteria = Criteria(**filters)
        return self.load(list(self.rows(criteria, exclude=exclude)[:limit]))

    def choices(self):
        """What the advanced search offers (kept until the next publication)."""
        from documents.models import DocumentKind, Topic

        def compute():
            bodies, signers, years = set(), set(), set()
            for model in self.models:
                pages = public(model.objects.live().filter(locale_id=self.locale_id)).order_by()
                bodies.update(pages.values_list("issuing_body", flat=True).distinct())
                signers.update(s for s in pages.values_list("signer_name", flat=True).distinct() if s)
                years.update(d.year for d in pages.dates("issue_date", "year"))
            return {
                "kinds": list(DocumentKind.objects.values_list("code", "name")),
                "topics": list(Topic.objects.values_list("pk", "name")),
                "bodies": sorted(bodies),
                "signers": sorted(signers),
                "years": sorted(years, reverse=True),
            }

        return cached_fragment(("documents:register-choices", self.locale_id), compute)
