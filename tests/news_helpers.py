"""Builders for news and video test content.

``bulk_news`` makes thousands of news pages in a few seconds: the tree rows go in with
one ``bulk_create`` (paths computed as treebeard would), each news row with one insert,
and no revisions or search-index entries. Good enough for listings, feeds and budgets.
"""

import datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsCategory, NewsIndexPage, NewsPage
from video.models import VideoIndexPage, VideoPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def news_index(home, slug="tin-tuc"):
    return publish(home, NewsIndexPage(title="Tin tức - Sự kiện", slug=slug, intro="Tin tức của Sở Nội vụ."))


def category(locale, slug, name, order=0):
    return NewsCategory.objects.create(locale=locale, slug=slug, name=name, sort_order=order)


def news(index, slug, title, when=None, categories=(), tags=(), **fields):
    page = NewsPage(
        slug=slug,
        title=title,
        published_at=when or timezone.now(),
        categories=list(categories),
        sapo=fields.pop("sapo", f"Tóm tắt: {title}"),
        **fields,
    )
    if tags:
        page.tags.add(*tags)
    return publish(index, page)


def bulk_news(index, count, categories=(), start=None, image=None):
    """``count`` live news pages under ``index``, one minute apart, all in ``categories``."""
    index.refresh_from_db()
    start = start or timezone.now() - datetime.timedelta(days=400)
    content_type = ContentType.objects.get_for_model(NewsPage)
    first_step = index.numchild + 1
    rows = []
    for i in range(count):
        slug = f"tin-so-{first_step + i}"
        rows.append(
            Page(
                title=f"Tin số {first_step + i}: hoạt động của Sở Nội vụ",
                draft_title=f"Tin số {first_step + i}: hoạt động của Sở Nội vụ",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, first_step + i),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                live=True,
                first_published_at=start + datetime.timedelta(minutes=i),
                last_published_at=start + datetime.timedelta(minutes=i),
            )
        )
    Page.objects.bulk_create(rows, batch_size=500)
    pages = Page.objects.filter(path__in=[r.path for r in rows]).values_list("pk", "first_published_at")
    through = NewsPage.categories.through
    links = []
    for pk, when in pages:
        NewsPage(
            page_ptr_id=pk, sapo="Tin tạo hàng loạt để thử tải.", published_at=when, body=[], image=image
        ).save_base(raw=True)
        links.extend(through(newspage_id=pk, newscategory_id=c.pk) for c in categories)
    through.objects.bulk_create(links, batch_size=500)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    index.refresh_from_db()


def video_index(home, slug="tin-video"):
    return publish(home, VideoIndexPage(title="Tin video", slug=slug))


def tiny_webm():
    """A 1-second 64×48 VP8 WebM (1.4 kB)."""
    return (Path(__file__).parent / "data" / "tiny.webm").read_bytes()


def video_page(index, slug, title, *, url=None, file_bytes=None, when=None):
    from django.core.files.base import ContentFile

    page = VideoPage(slug=slug, title=title, description=f"Mô tả: {title}", video_url=url or "")
    if file_bytes is not None:
        page.video_file.save(f"{slug}.webm", ContentFile(file_bytes), save=False)
    publish(index, page)
    if when is not None:
        VideoPage.objects.filter(pk=page.pk).update(first_published_at=when)
        page.refresh_from_db()
    return page
