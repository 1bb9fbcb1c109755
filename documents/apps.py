from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    portal = ContentApp(
        approval=["DocumentPage"],
        publications=["DocumentPage"],
        site_sections=Part("documents.demo.ensure_section", order=55),
        demo=Part("documents.demo.load", order=55),
        home_sections=[Part("documents.home_section.render", order=5)],
        purge_urls="documents.purge.urls_for",
        legacy_import={
            "document": {
                "model": "DocumentPage",
                "parent": "DocumentIndexPage",
                "body": "body",
                "fields": {
                    "document_number": "document_number",
                    "document_type": "document_type",
                    "issue_date": "issue_date",
                    "summary": "summary",
                    "issuing_body": "issuing_body",
                    "signer_name": "signer",
                },
                "date_fields": ["issue_date"],
                "attachments": "attachments",
            },
        },
        generate={
            "documents": {
                "model": "DocumentPage",
                "parent": "DocumentIndexPage",
                "fields": {
                    "document_number": "{i}/QĐ-SNV",
                    "document_type": "QĐ",
                    "issuing_body": "Sở Nội vụ tỉnh Kon Tum",
                    "signer_name": "Nguyễn Văn Hùng",
                    "signer_title": "Giám đốc",
                    "effective_date": None,
                    "expiry_date": None,
                },
            },
        },
    )

    def ready(self):
        from documents import files

        files.connect()
