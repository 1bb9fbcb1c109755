"""The register page (``DocumentIndexPage``): search, results table, feed and exports."""

import csv
import io

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from documents.files import texts_for
from documents.filters import RegisterFilters
from documents.models import Validity, local_today
from documents.register import Register
from portal.cache.fragments import cached
from portal.core import formatting
from portal.core.public_url import absolute_url
from portal.core.views import paginate
from portal.search import limits
from portal.search.highlight import covers, snippet

FEED_ITEMS = 30
EXPORT_LIMIT = 10_000


def _search(index, request):
    """``(register, filters, find)``: ``find`` is None for bad filters, else a function
    that returns the page ids of a quick search or the rows' queryset (called only when
    the results are not kept already)."""
    register = Register(index.locale_id)
    filters = RegisterFilters(request.GET, register.choices())
    criteria = filters.criteria
    if filters.errors:
        return register, filters, None

    def find():
        if criteria.query.is_empty:
            return register.rows(criteria)
        return register.search_ids(criteria, before_search=lambda: limits.charge(request))

    return register, filters, find


def _file_passages(documents, words):
    """For results whose words are not in their number, title or trích yếu: the file
    they were found in and the passage (one query for the page of results)."""
    if not words:
        return
    pending = [d for d in documents if not covers(f"{d.title} {d.summary} {d.document_number}", words)]
    attachments = [a for d in pending for a in d.attachment_rows]
    texts = texts_for([a.document_id for a in attachments])
    for document in pending:
        for attachment in document.attachment_rows:
            text = texts.get(attachment.document_id, "")
            if text and covers(text, words):
                document.found_in_file = attachment.display_title
                document.file_passage = snippet(text, words)
                break


def register_page(index, request):
    register, filters, find = _search(index, request)
    context = index.get_context(request)
    context.update(
        {
            "filters": filters,
            "choices": register.choices(),
            "validity_choices": Validity.choices,
            "query_string": filters.query_string(),
            "feed_url": index.feed_url(request),
        }
    )
    status = 400 if filters.errors else 200
    retry_after = None
    if find is not None:
        # The results of one query and page, kept until the next publication (and the next
        # day: the validity column follows the date), so a search many citizens make, or a
        # page of the register, is read from memory; a new query is answered afresh.
        key = (
            "documents:results",
            index.pk,
            get_language(),
            context["query_string"],
            request.GET.get("page", "")[:12],
            local_today().isoformat(),
        )
        try:
            context["results_html"] = cached(
                key, lambda: _render_results(index, request, register, filters, find(), context), search=True
            )
        except limits.TooManySearches as refused:
            context["limited"] = refused.message
            status, retry_after = 429, refused.retry_after
    response = TemplateResponse(request, "documents/document_index_page.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    if filters.active:
        response["X-Robots-Tag"] = "noindex"
    return response


def _render_results(index, request, register, filters, found, context):
    page_obj = paginate(request, found, index.PER_PAGE)
    rows = list(page_obj.object_list)
    documents = register.load_ids(rows) if rows and isinstance(rows[0], int) else register.load(rows)
    _file_passages(documents, filters.criteria.query.words)
    results = {
        "page": index,
        "filters": filters,
        "query_string": context["query_string"],
        "feed_url": context["feed_url"],
        "results": page_obj,
        "documents": documents,
        "sort_newest_query": filters.query_string(sap_xep="moi-nhat", page=""),
        "sort_oldest_query": filters.query_string(sap_xep="cu-nhat", page=""),
        "xlsx_url": index.export_url("xlsx", request),
        "csv_url": index.export_url("csv", request),
    }
    return mark_safe(render_to_string("documents/includes/results.html", results, request=request))  # noqa: S308


# --- Feed ------------------------------------------------------------------------------


class RegisterFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return absolute_url(obj.get_url(self.request))

    def description(self, obj):
        return escape(_("Văn bản mới nhất của %(title)s") % {"title": obj.title})

    def feed_url(self, obj):
        return absolute_url(obj.feed_url(self.request))

    def items(self, obj):
        return Register(obj.locale_id).newest(FEED_ITEMS)

    def item_title(self, item):
        return f"{item.document_number}: {item.title}"

    def item_description(self, item):
        return escape(item.summary)

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at


def register_feed(index, request):
    return RegisterFeed(index)(request)


# --- Exports ---------------------------------------------------------------------------

# Lazy: translated in each export's language, not in the one active when this module loaded.
EXPORT_COLUMNS = (
    gettext_lazy("Số ký hiệu"),
    gettext_lazy("Loại văn bản"),
    gettext_lazy("Ngày ban hành"),
    gettext_lazy("Ngày có hiệu lực"),
    gettext_lazy("Ngày hết hiệu lực"),
    gettext_lazy("Trích yếu"),
    gettext_lazy("Cơ quan ban hành"),
    gettext_lazy("Tình trạng hiệu lực"),
    gettext_lazy("Đường dẫn"),
)


def _export_rows(index, request, register, found):
    from documents.models import DocumentKind

    labels = DocumentKind.labels()
    if not isinstance(found, list):
        found = list(found[:EXPORT_LIMIT])
    ids = found[:EXPORT_LIMIT]
    documents = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        documents += (
            register.load_ids(chunk) if chunk and isinstance(chunk[0], int) else register.load(chunk, files=False)
        )
    for document in documents:
        yield [
            document.document_number,
            labels.get(document.document_type, document.document_type),
            document.issue_date,
            document.effective_date or document.issue_date,
            document.expiry_date,
            document.summary,
            document.issuing_body,
            str(document.validity_label),
            absolute_url(document.get_url(request)),
        ]


def _safe_cell(value):
    """A spreadsheet must not run what a cell holds: text starting with = + - @ is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def register_export(index, request, fmt):
    if fmt not in ("xlsx", "csv"):
        return HttpResponse(_("Chỉ xuất được tệp XLSX hoặc CSV."), status=404, content_type="text/plain; charset=utf-8")
    register, filters, find = _search(index, request)
    if filters.errors:
        return HttpResponse("\n".join(filters.errors), status=400, content_type="text/plain; charset=utf-8")
    header = [str(c) for c in EXPORT_COLUMNS]
    rows = list(_export_rows(index, request, register, find()))
    filename = f"so-van-ban.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 with Vietnamese letters only with a BOM
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_safe_cell(formatting.date(v) if hasattr(v, "isoformat") else (v or "")) for v in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Sổ văn bản")[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([_safe_cell(v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response
