from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Locale, Page, Site

register = template.Library()


def _per_request(context, key, compute):
    """Compute a value once per request, however many templates ask for it."""
    request = context.get("request")
    cache = getattr(request, "_portal_cache", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._portal_cache = cache
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _site_root(context):
    def compute():
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        if site is None:
            return None
        root = site.root_page
        # The home page in the visitor's language, when it has been translated.
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return root
        if root.locale_id != locale.id:
            return root.get_translation_or_none(locale) or root
        return root

    return _per_request(context, "site_root", compute)


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Live, public translations of ``page`` (for hreflang and the language switcher)."""
    if page is None or not getattr(page, "pk", None):
        return []
    return _per_request(
        context, ("translations", page.pk), lambda: list(page.get_translations().live().public().select_related("locale"))
    )


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    root = _site_root(context)
    current_path = getattr(context.get("page"), "path", "") or ""
    items = []
    if root is not None:
        children = root.get_children().live().public().in_menu().only("id", "title", "url_path", "depth", "path")
        for child in children:
            if child.path == current_path:
                state = "page"
            elif current_path.startswith(child.path):
                state = "section"
            else:
                state = ""
            items.append((child, state))
    return {
        "request": context.get("request"),
        "root": root,
        "items": items,
        "current_path": current_path,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "depth", "path"))
    return {"request": context.get("request"), "page": page, "ancestors": ancestors}


def _render_hooks(name, context):
    html = []
    for fn in hooks.get_hooks(name):
        fragment = fn(context)
        if fragment:
            html.append(str(fragment))
    return mark_safe("\n".join(html))  # noqa: S308 - each hook returns rendered template output


@register.simple_tag(takes_context=True)
def sidebar_blocks(context):
    return _render_hooks("portal_sidebar_blocks", context)


@register.simple_tag(takes_context=True)
def home_sections(context):
    return _render_hooks("portal_home_sections", context)
