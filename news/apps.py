from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    portal = ContentApp(
        approval=["NewsPage"],
        publications=["NewsPage"],
        site_sections=Part("news.demo.ensure_section", order=10),
        demo=Part("news.demo.load", order=10),
        home_sections=[Part("news.home.section", order=-10)],
        purge_urls=Part("news.purge.urls_for"),
        legacy_import={
            "article": {
                "model": "NewsPage",
                "parent": "NewsIndexPage",
                "body": "body",
                "fields": {"sapo": "summary", "author": "author"},
                "date_fields": ["published_at"],
            },
        },
        generate={"news": {"model": "NewsPage", "parent": "NewsIndexPage", "fields": {"author": "Văn phòng Sở"}}},
    )
