from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Thi đua và kế hoạch")

    portal = ContentApp(
        approval=["PlanPage"],
        publications=["PlanPage"],
        site_sections=Part("campaigns.demo.ensure_sections", order=50),
        demo=Part("campaigns.demo.load", order=50),
        home_sections=[Part("campaigns.home_section.render", order=0)],
        translations="campaigns.demo_en.pages",
        legacy_import={
            "plan": {
                "model": "PlanPage",
                "parent": "PlanIndexPage",
                "body": "body",
                "fields": {
                    "document_number": "document_number",
                    "issue_date": "issue_date",
                    "summary": "summary",
                    "signer_name": "signer",
                    "implements": "implements",
                },
                "date_fields": ["issue_date"],
                "attachments": "attachments",
            },
        },
        generate={
            "plans": {
                "model": "PlanPage",
                "parent": "PlanIndexPage",
                "fields": {
                    "document_number": "{i}/KH-SNV",
                    "issuing_body": "Sở Nội vụ tỉnh Kon Tum",
                    "signer_name": "Nguyễn Văn Hùng",
                    "signer_title": "Giám đốc",
                },
            },
        },
    )
