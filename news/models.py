"""News (Tin tức - Sự kiện): a listing page, news articles, categories and tags."""

from typing import NamedTuple

from django import forms
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index

from news.forms import NewsPageForm
from portal.cache.fragments import cached, public
from portal.core.blocks import ArticleStreamBlock
from portal.core.formatting import date, iso
from portal.core.page_tree import newest_others, parent_of
from portal.core.pictures import picture_specs
from portal.core.public_url import child_page_url
from portal.core.views import paginate

NEWS_PER_PAGE = 10
OTHER_NEWS_COUNT = 6
FEED_ITEMS = 30
# keep in step with news/includes/news_item.html
LIST_IMAGE_SPECS = picture_specs("fill-240x160", "fill-480x320")


class NewsCategory(TranslatableMixin, models.Model):
    """Chuyên mục tin: Hoạt động của Sở, Cải cách hành chính…"""

    name = models.CharField(_("tên chuyên mục"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=255,
        allow_unicode=False,
        help_text=_("Phần địa chỉ của chuyên mục, chữ không dấu, ví dụ: cai-cach-hanh-chinh."),
    )
    description = models.TextField(
        _("mô tả"), blank=True, help_text=_("Một câu giới thiệu chuyên mục (hiển thị trên trang chuyên mục).")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ hiển thị trước (trên trang chủ và danh sách chuyên mục).")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="news_category_unique_slug_per_locale")]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


def news_in(locale_id, with_image=True):
    """Live, public news of one language, newest first."""
    news = public(NewsPage.objects.live()).filter(locale_id=locale_id).order_by("-published_at", "-pk")
    return news.select_related("image") if with_image else news


class NewsIndexPage(RoutablePageMixin, Page):
    """Tin tức - Sự kiện: all news, and the listings per category and per tag."""

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn giới thiệu ngắn ở đầu trang tin tức."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("trang tin tức")
        verbose_name_plural = _("trang tin tức")

    # --- queries --------------------------------------------------------------------

    def news(self):
        return news_in(self.locale_id).child_of(self)

    def categories(self):
        return NewsCategory.objects.filter(locale_id=self.locale_id)

    def category_links(self, request=None):
        """``(category, URL)`` of every category of this page's language, kept until the
        next publication (a category edit is one)."""
        base = self.own_url(request)
        return cached(
            ("news:categories", self.pk, base),
            lambda: [(c, self.category_url(c, request)) for c in self.categories()],
        )

    # --- addresses (no template tag needed) ------------------------------------------

    def own_url(self, request=None):
        """``get_url(request)``, worked out once per request: every link of the listing
        (categories, tags, feeds, the news themselves) starts with it."""
        if request is None:
            return self.get_url()
        memo = request.__dict__.setdefault("_news_index_urls", {})
        if self.pk not in memo:
            memo[self.pk] = self.get_url(request)
        return memo[self.pk]

    def _sub_url(self, name, request=None, **kwargs):
        return (self.own_url(request) or "/") + self.reverse_subpage(name, kwargs=kwargs or None)

    def category_url(self, category, request=None):
        return self._sub_url("category", request, slug=category.slug)

    def tag_url(self, tag, request=None):
        return self._sub_url("tag", request, slug=tag.slug)

    def feed_url(self, request=None):
        return self._sub_url("feed", request)

    def category_feed_url(self, category, request=None):
        return self._sub_url("category_feed", request, slug=category.slug)

    def feeds_url(self, request=None):
        return self._sub_url("feeds", request)

    # --- views ----------------------------------------------------------------------

    def _listing(self, request, news, key, **extra):
        """A page of ``news``; ``key`` names the list (kept until the next publication)."""
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=LIST_IMAGE_SPECS)
        news = news.prefetch_related(
            Prefetch("categories", to_attr="listed_categories"), Prefetch("image__renditions", queryset=renditions)
        )
        news_list = paginate(request, news, NEWS_PER_PAGE, cache_key=("news", self.pk, *key))
        base = self.own_url(request)
        context = self.get_context(request)
        context.update(
            {
                "news_list": news_list,
                # (news, its URL): the news are this page's children (see child_page_url).
                "news_items": [(item, child_page_url(base, item, request)) for item in news_list.object_list],
                "category_links": self.category_links(request),
                "feed_url": self.feed_url(request),
                "feeds_url": self.feeds_url(request),
                **extra,
            }
        )
        return TemplateResponse(request, "news/news_index_page.html", context)

    @path("")
    def index(self, request):
        return self._listing(request, self.news(), ())

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category(self, request, slug):
        category = get_object_or_404(self.categories(), slug=slug)
        return self._listing(
            request,
            self.news().filter(categories=category),
            ("category", category.pk),
            category=category,
            feed_url=self.category_feed_url(category, request),
            feed_title=category.name,
        )

    # Tag slugs keep Vietnamese letters (django-taggit's default), e.g. "chuyển-đổi-số".
    @re_path(r"^the/(?P<slug>[\w-]+)/$", name="tag")
    def tag(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404(_("Không có thẻ này."))
        return self._listing(request, self.news().filter(tagged_items__tag=tag), ("tag", tag.pk), tag=tag)

    @path("rss/", name="feeds")
    def feeds(self, request):
        context = self.get_context(request)
        context["feed_url"] = self.feed_url(request)
        context["category_feeds"] = [(c, self.category_feed_url(c, request)) for c in self.categories()]
        return TemplateResponse(request, "news/feeds.html", context)

    @path("feed/", name="feed")
    def feed(self, request):
        from news.feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("chuyen-muc/<slug:slug>/feed/", name="category_feed")
    def category_feed(self, request, slug):
        from news.feeds import NewsFeed

        category = get_object_or_404(self.categories(), slug=slug)
        return NewsFeed(self, category)(request)


class NewsPage(Page):
    """Một bài tin: sapo, ảnh đại diện, nội dung, tác giả, nguồn, chuyên mục và thẻ."""

    #: schema.org type of the page (portal.core.structured_data).
    schema_type = "NewsArticle"

    sapo = models.TextField(
        _("sapo (tóm tắt)"),
        blank=True,
        help_text=_("Đoạn mở đầu in đậm dưới tiêu đề; dùng cả trong danh sách tin và RSS."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
        help_text=_("Ảnh chính của bài, hiển thị đầu bài và trong danh sách tin."),
    )
    image_caption = models.CharField(
        _("chú thích ảnh"), max_length=500, blank=True, help_text=_("Chú thích dưới ảnh đại diện.")
    )
    body = StreamField(ArticleStreamBlock(), blank=True, verbose_name=_("nội dung"))
    author = models.CharField(_("tác giả"), max_length=255, blank=True, help_text=_("Người viết bài, ví dụ: Minh Anh."))
    source = models.CharField(
        _("nguồn"),
        max_length=255,
        blank=True,
        help_text=_("Nguồn tin, ví dụ: Văn phòng Sở; để trống nếu là bài của Sở."),
    )
    published_at = models.DateTimeField(
        _("ngày giờ đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Ngày và giờ đăng hiển thị trên bài; tin được sắp xếp theo thời điểm này."),
    )
    categories = ParentalManyToManyField(
        NewsCategory,
        blank=True,
        related_name="news_pages",
        verbose_name=_("chuyên mục"),
        help_text=_("Một hoặc nhiều chuyên mục của bài."),
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag, blank=True, verbose_name=_("thẻ"), help_text=_("Các từ khóa, cách nhau bằng dấu phẩy.")
    )

    # A category is asked for before publishing (news/forms.py): the home page lists news by category.
    base_form_class = NewsPageForm

    content_panels = Page.content_panels + [
        FieldPanel("sapo"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_caption")], heading=_("Ảnh đại diện")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("published_at"), FieldPanel("author"), FieldPanel("source")], heading=_("Thông tin bài")
        ),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            heading=_("Phân loại"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("sapo"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.AutocompleteField("sapo"),
        index.FilterField("published_at"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    # Open data (/api/v2/pages/?type=news.NewsPage&fields=…, portal/core/api.py).
    api_fields = [
        APIField("sapo"),
        APIField("published_at"),
        APIField("author"),
        APIField("source"),
        APIField("categories", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")),
        APIField("tags", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")),
        APIField("image", serializer=ImageRenditionField("fill-480x320")),
        APIField("image_caption"),
        APIField("body"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tin tức")
        verbose_name_plural = _("tin tức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            links = self._links(request)  # the draft's own categories and tags
        else:
            # The same for every view of this page until the next publication or edit.
            site = Site.find_for_request(request) if request is not None else None
            key = ("news:links", self.pk, getattr(site, "pk", None), get_language())
            links = cached(key, lambda: self._links(request), per_page=True)
        context.update(links)
        categories = [category for category, _url, _feed in links["category_links"]]
        context["other_news"] = self.other_news(categories, request=request)
        return context

    def _links(self, request):
        """The parent listing and the links to this article's categories, tags and feeds."""
        index = parent_of(self, NewsIndexPage)
        return {
            "news_index": index,
            "category_links": [
                (
                    c,
                    index.category_url(c, request) if index else None,
                    index.category_feed_url(c, request) if index else None,
                )
                for c in self.categories.all()
            ],
            "tag_links": [(t, index.tag_url(t, request) if index else None) for t in self.tags.all()],
            "feed_url": index.feed_url(request) if index else None,
        }

    def other_news(self, categories=None, limit=OTHER_NEWS_COUNT, request=None):
        """Tin khác: newest news of the same categories (of any news without one), not this
        page, as ``OtherNews`` (title, URL, dates as printed).

        The list is shared by every article of the same categories and kept until the next
        publication (portal.cache): on SQLite, sorting 100,000 news costs ~0.4 s, so no
        article view should pay it more than once per publication; nor should it build
        the same links and dates again.
        """
        if categories is None:
            categories = list(self.categories.all())
        category_ids = tuple(sorted(c.pk for c in categories))

        def newest():
            news = news_in(self.locale_id, with_image=False)
            if category_ids:
                ids = NewsPage.categories.through.objects.filter(newscategory__in=category_ids).values("newspage_id")
                news = news.filter(pk__in=ids)
            return news.only("id", "title", "slug", "url_path", "published_at", "locale_id", "depth", "path")

        def row(item):
            return OtherNews(
                item.pk, item.title, item.get_url(request), iso(item.published_at), date(item.published_at)
            )

        site = Site.find_for_request(request) if request is not None else None
        key = ("news:other", self.locale_id, category_ids, limit, getattr(site, "pk", None))
        return newest_others(self, key, newest, limit, row=row)


class OtherNews(NamedTuple):
    """One line of "Tin khác"."""

    pk: int
    title: str
    url: str
    published_iso: str
    published_date: str
