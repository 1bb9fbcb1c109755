from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from portal.cache.fragments import cached
from portal.core.params import parse_int
from portal.core.views import paginate
from portal.search import limits
from portal.search import query as search_query
from portal.search.highlight import best_passage
from portal.search.text import MAX_QUERY_CHARS, MAX_QUERY_TOKENS, parse_query

RESULTS_PER_PAGE = 10
MIN_YEAR, MAX_YEAR = 1900, 2200


def _type_label(content_type_id):
    content_type = ContentType.objects.get_for_id(content_type_id)
    model = content_type.model_class()
    return capfirst(model._meta.verbose_name) if model else content_type.name


def _content_type_from(value):
    """``app_label.model`` → its ContentType id, or None when unknown."""
    app_label, _dot, model = (value or "").partition(".")
    if not app_label or not model or len(value) > 100:
        return None
    try:
        return ContentType.objects.get_by_natural_key(app_label, model).pk
    except ContentType.DoesNotExist:
        return None


def _year_from(value):
    return parse_int(value, minimum=MIN_YEAR, maximum=MAX_YEAR, max_digits=4)


@require_safe
def search(request):
    params = request.GET
    query = parse_query(params.get("q", ""))
    notices = []
    context = {"search_query": query.text, "query": query, "results": None, "notices": notices}

    type_param = params.get("type", "").strip()
    content_type_id = _content_type_from(type_param) if type_param else None
    if type_param and content_type_id is None:
        notices.append(_("Loại nội dung cần lọc không có trên cổng; đã tìm trong mọi loại."))
    year_param = params.get("year", "").strip()
    year = _year_from(year_param) if year_param else None
    if year_param and year is None:
        notices.append(_("Năm cần lọc không hợp lệ; đã tìm trong mọi năm."))
    order = (
        search_query.ORDER_NEWEST if params.get("order") == search_query.ORDER_NEWEST else search_query.ORDER_RELEVANCE
    )

    if query.cut:
        notices.append(
            _("Từ khóa quá dài: chỉ tìm theo %(words)s từ hoặc %(chars)s ký tự đầu tiên.")
            % {"words": MAX_QUERY_TOKENS, "chars": MAX_QUERY_CHARS}
        )

    if query.text and query.is_empty:
        notices.append(_("Từ khóa không có chữ hoặc số nào để tìm. Hãy nhập từ cần tìm, ví dụ: kế hoạch thi đua."))
    elif not query.is_empty:
        locale = cached(("search:locale", get_language()), Locale.get_active)
        try:
            found = search_query.search(
                query,
                locale,
                content_type_id=content_type_id,
                year=year,
                order=order,
                before_search=lambda: limits.charge(request),
            )
        except limits.TooManySearches as refused:
            notices.append(refused.message)
            response = TemplateResponse(request, "portal/search.html", context, status=429)
            response["Retry-After"] = str(refused.retry_after)
            response["X-Robots-Tag"] = "noindex"
            return response
        page_obj = paginate(request, found.ids, RESULTS_PER_PAGE)
        words = query.words
        items = []
        for entry in search_query.entries_for(list(page_obj.object_list)):
            passage, in_file = best_passage(entry.body, words)
            items.append(
                {
                    "url": entry.page.get_url(request),
                    "title": entry.title,
                    "type": _type_label(entry.content_type_id),
                    "date": entry.date,
                    "snippet": passage,
                    "in_file": in_file,
                }
            )
        selected_type = type_param if content_type_id else ""
        context.update(
            {
                "results": page_obj,
                "items": items,
                "order": order,
                "selected_type": selected_type,
                "selected_year": year,
                "type_options": [
                    {
                        "value": "{0.app_label}.{0.model}".format(ContentType.objects.get_for_id(type_id)),
                        "label": _type_label(type_id),
                        "count": count,
                    }
                    for type_id, count in found.types
                ],
                "year_options": [{"value": y, "count": count} for y, count in found.years],
                "query_string": urlencode(
                    {
                        key: value
                        for key, value in (
                            ("q", query.text),
                            ("type", selected_type),
                            ("year", year or ""),
                            ("order", order if order == search_query.ORDER_NEWEST else ""),
                        )
                        if value
                    }
                ),
                "order_relevance_query": urlencode(
                    {k: v for k, v in (("q", query.text), ("type", selected_type), ("year", year or "")) if v}
                ),
            }
        )
        context["order_newest_query"] = context["order_relevance_query"] + "&order=newest"

    response = TemplateResponse(request, "portal/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
