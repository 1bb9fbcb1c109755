"""The home page's "latest news by category" section.

Three queries whatever the number of news items and categories: the categories, the
view restrictions (``public()``) and one windowed query that picks the newest few
news items of every category at once.
"""

from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from news.models import NewsCategory, NewsIndexPage, NewsPage, news_in

HOME_NEWS_PER_CATEGORY = 4


@dataclass
class CategorySection:
    category: NewsCategory
    url: str | None = None
    items: list = field(default_factory=list)


def latest_by_category(locale_id, per_category=HOME_NEWS_PER_CATEGORY, request=None):
    categories = list(NewsCategory.objects.filter(locale_id=locale_id))
    if not categories:
        return []
    through = NewsPage.categories.through
    live_news = news_in(locale_id, with_image=False).values("pk")
    rows = (
        through.objects.filter(newscategory_id__in=[c.pk for c in categories], newspage_id__in=live_news)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("newscategory_id")],
                order_by=[F("newspage__published_at").desc(), F("newspage_id").desc()],
            )
        )
        .filter(rank__lte=per_category)
        .select_related("newspage")
        .only(
            "newscategory_id",
            "newspage__id",
            "newspage__title",
            "newspage__url_path",
            "newspage__published_at",
            "newspage__locale_id",
            "newspage__path",
            "newspage__depth",
        )
    )
    sections = {c.pk: CategorySection(c) for c in categories}
    for row in rows:
        sections[row.newscategory_id].items.append(row.newspage)
    for section in sections.values():
        section.items.sort(key=lambda p: (p.published_at, p.pk), reverse=True)
    # Category listing links: the news index the newest item lives under (no query:
    # its address is its child's address without the last segment).
    for section in sections.values():
        if section.items:
            index_url = section.items[0].get_url(request).rsplit("/", 2)[0] + "/"
            section.url = index_url + NewsIndexPage().reverse_subpage(
                "category", kwargs={"slug": section.category.slug}
            )
    return [s for s in sections.values() if s.items]


def section(context):
    """Tin mới theo chuyên mục on the home page (declared in ``news/apps.py``; the core
    keeps its HTML until the next publication): three queries, whatever the number of
    news items."""
    from django.template.loader import render_to_string

    locale_id = getattr(context.get("page"), "locale_id", None)
    if locale_id is None:
        return ""
    request = context.get("request")
    sections = latest_by_category(locale_id, request=request)
    if not sections:
        return ""
    return render_to_string("news/includes/home_latest_news.html", {"sections": sections, "request": request})
