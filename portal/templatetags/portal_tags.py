from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from portal import registry
from portal.cache.fragments import cached, fragment_cache_enabled
from portal.cache.memo import per_request

register = template.Library()


def _site_root(context):
    def compute():
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        if site is None:
            return None
        return cached(("site_root", site.pk, get_language()), lambda: _localized_root(site))

    return per_request(context.get("request"), "site_root", compute)


def _localized_root(site):
    root = site.root_page
    # The home page in the visitor's language, when it has been translated.
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return root
    if root.locale_id != locale.id:
        return root.get_translation_or_none(locale) or root
    return root


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Live, public translations of ``page`` (for hreflang and the language switcher)."""
    if page is None or not getattr(page, "pk", None):
        return []
    return per_request(
        context.get("request"),
        ("translations", page.pk),
        lambda: cached(
            ("translations", page.pk),
            lambda: list(page.get_translations().live().public().select_related("locale")),
            per_page=True,
        ),
    )


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu; cached per language and section (see portal.cache.fragments)."""
    root = _site_root(context)
    current_path = getattr(context.get("page"), "path", "") or ""
    request = context.get("request")
    # The menu differs only by which top-level item is the current page or its section.
    state = ""
    if root is not None and current_path.startswith(root.path):
        state = current_path[: len(root.path) + Page.steplen]
        state += "=" if state == current_path else "+"
    key = ("main_menu", getattr(root, "pk", None), get_language(), state)
    return cached(key, lambda: _render_main_menu(request, root, current_path))


def _render_main_menu(request, root, current_path):
    items = []
    if root is not None:
        children = (
            root.get_children()
            .live()
            .public()
            .in_menu()
            .filter(alias_of__isnull=True)
            .only("id", "title", "url_path", "depth", "path")
        )
        for child in children:
            if child.path == current_path:
                state = "page"
            elif current_path.startswith(child.path):
                state = "section"
            else:
                state = ""
            items.append((child, state))
    context = {"request": request, "root": root, "items": items, "current_path": current_path}
    return get_template("includes/main_menu.html").render(context)


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return ""
    request = context.get("request")
    return cached(("breadcrumbs", page.pk, get_language()), lambda: _render_breadcrumbs(request, page), per_page=True)


def _render_breadcrumbs(request, page):
    from django.utils.translation import gettext

    from portal.core.public_url import page_absolute_url
    from portal.core.structured_data import breadcrumb_list, json_ld

    ancestors = list(page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "depth", "path"))
    html = get_template("includes/breadcrumbs.html").render({"request": request, "page": page, "ancestors": ancestors})
    # The same trail for search engines (schema.org BreadcrumbList), kept with the HTML.
    items = [
        (gettext("Trang chủ") if item.depth == 2 else item.title, page_absolute_url(item, request))
        for item in [*ancestors, page]
    ]
    return mark_safe(html + json_ld(breadcrumb_list(items)))  # noqa: S308 - rendered template + escaped JSON


def _render_hooks(name, context, cache=False):
    """Each hook's HTML. With ``cache``, a hook's fragment is kept per language and site
    until the next publication (portal.cache), unless the hook function has the
    attribute ``portal_cache = False`` (a block that depends on the page it is on); a hook's
    ``portal_cache_vary(context)``, if it has one, is part of the key (portal.registry)."""
    html = []
    root = _site_root(context) if cache else None
    for fn in registry.callables(name):
        if cache and getattr(fn, "portal_cache", True):
            key = ("hook", name, fn.__module__, fn.__qualname__, getattr(root, "pk", None), get_language())
            vary = getattr(fn, "portal_cache_vary", None)
            if vary is not None:
                key = (*key, vary(context))
            fragment = cached(key, lambda fn=fn: str(fn(context) or ""))
        else:
            fragment = fn(context)
        if fragment:
            html.append(str(fragment))
    return mark_safe("\n".join(html))  # noqa: S308 - each hook returns rendered template output


@register.simple_tag(takes_context=True)
def frame_include(context, template_name, per_page=False):
    """Include a part of the page frame that is the same on every page of a site and
    language (the brand bar, the reading tools, the footer): rendered once per
    publication generation (portal.cache) instead of on every view. The template must
    not depend on the visitor or the query string, nor on the page unless ``per_page``:
    then it is kept per page (a home page's featured items), and a preview of a draft
    always renders afresh."""

    def render():
        # The context processors already ran for this page: their values are in the context.
        return mark_safe(get_template(template_name).render(context.flatten()))  # noqa: S308

    if not fragment_cache_enabled():
        return render()
    key = ("include", template_name, getattr(_site_root(context), "pk", None), get_language())
    if per_page:
        page = context.get("page")
        request = context.get("request")
        if getattr(page, "pk", None) is None or getattr(request, "is_preview", False):
            return render()
        return cached((*key, page.pk), render, per_page=True)
    return cached(key, render)


@register.simple_tag(takes_context=True)
def sidebar_blocks(context):
    return _render_hooks("sidebar_blocks", context, cache=True)


@register.simple_tag(takes_context=True)
def home_sections(context):
    return _render_hooks("home_sections", context, cache=True)


@register.simple_tag(takes_context=True)
def footer_blocks(context):
    """The apps' ``footer_blocks``: rendered inside the footer, itself one cached fragment
    per site and language (``frame_include``), so not cached again here."""
    return _render_hooks("footer_blocks", context)
