from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.registry import ContentApp, Part


class CitizensConfig(AppConfig):
    """Hỏi đáp – Góp ý – Liên hệ: what citizens send the department, its inbox and answers."""

    name = "citizens"
    verbose_name = _("Hỏi đáp – Góp ý – Liên hệ")

    portal = ContentApp(
        approval=["DraftConsultationPage"],
        publications=["DraftConsultationPage"],
        site_sections=Part("citizens.demo.ensure_sections", order=80),
        demo=Part("citizens.demo.load", order=80),
        sidebar_blocks=[Part("citizens.sidebar.block", order=40)],
    )
