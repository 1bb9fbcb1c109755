"""``{% monitoring_script %}``: the monitoring or analytics script (portal/core/monitoring.py)."""

from django import template
from django.utils.html import format_html

from portal.core.monitoring import script_url

register = template.Library()


@register.simple_tag(takes_context=True)
def monitoring_script(context):
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return ""
    url = script_url(request)
    return format_html('<script src="{}" async></script>', url) if url else ""
