"""The replacement history of one document, for its edit page in the admin."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def file_replacements(context, document, limit=5):
    """The latest replacements of ``document``'s file, or ``None`` when the user may not
    see the history."""
    from portal.editorial.file_history_views import PERMISSION
    from portal.editorial.models import FileReplacement

    request = context.get("request")
    if request is None or not request.user.has_perm(PERMISSION):
        return None
    return list(
        FileReplacement.objects.filter(kind=FileReplacement.KIND_DOCUMENT, object_id=document.pk).select_related(
            "replaced_by"
        )[:limit]
    )
