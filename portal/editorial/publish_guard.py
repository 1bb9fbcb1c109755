"""Nothing goes live without a Người duyệt: the publishing paths Wagtail itself does not
guard with the publish right.

- wagtail-localize's "Sync translated pages" (``update_translations``) publishes every
  translation when "Publish immediately" is ticked, checking only the right to submit
  translations. For a user who may not publish the source or one of its translations, the
  box is ignored: the translations are updated (new source text; the user's string
  translations stay in the translation editor) but the live pages stay as they are until
  a reviewer publishes them, and the user is told so.
- The translation editor's "Publish in English" (a POST with ``action=publish`` to the
  page's edit view) is refused with a message instead of wagtail-localize's bare 403.
- "Convert to alias page" replaces a translated page by a live copy of its source: it
  needs the publish right on that page.
- Submitting a snippet for translation saves the translated snippet live at once (snippets
  without drafts have no other state): it needs the right to change that snippet type.
- Submitting a page for translation follows ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE
  = False`` (settings): the new translation is a draft, whoever submits it.

Every other path (edit and publish, bulk publish, copy with "publish copies" or as an
alias, move, revert, scheduled go-live, unpublish, privacy) is refused by Wagtail's page
permissions, which give editors no "publish"; tests/test_security_publishing.py replays
each of them.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Page

from portal.editorial.admin_guard import admin_language, refuse

REVIEWER_ONLY = _(
    "Only a reviewer (Người duyệt) can publish. Your translation was kept as a draft: submit it for approval."
)
SYNC_AS_DRAFTS = _(
    "“Publish immediately” needs a reviewer (Người duyệt): the translations were updated but not "
    "published. A reviewer publishes them from the translation editor."
)
ALIAS_REFUSED = _(
    "Only a reviewer (Người duyệt) can turn a translation into an alias page: that publishes the source page's content."
)
SNIPPET_REFUSED = _("You may not translate this item: its translation would be published at once.")


def user_can_publish(user, instance):
    """Whether ``user`` may make ``instance`` (a page or a snippet) live."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    from wagtail.snippets.permissions import get_permission_name

    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    return user.is_superuser or user.has_perm(get_permission_name(action, type(instance)))


def _targets(source):
    """The source instance and the existing translations it would publish."""
    from django.core.exceptions import ObjectDoesNotExist

    yield source.get_source_instance()
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            yield translation.get_target_instance()
        except ObjectDoesNotExist:
            continue


def guard_update_translations(request, translation_source_id, **kwargs):
    if request.method != "POST" or not request.POST.get("publish_translations"):
        return None
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(pk=translation_source_id).first()
    if source is None:
        return None  # the view answers 404
    try:
        allowed = all(user_can_publish(request.user, instance) for instance in _targets(source))
    except Exception:  # the source object is gone: the view deals with it
        return None
    if allowed:
        return None
    data = request.POST.copy()
    data.pop("publish_translations", None)
    request.POST = data
    from django.utils import translation as i18n
    from wagtail.admin import messages

    with i18n.override(admin_language(request.user)):
        messages.warning(request, str(SYNC_AS_DRAFTS))
    return None


def guard_translation_publish(request, page_id, **kwargs):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None  # Wagtail's own "action-publish" only saves a draft for editors
    page = Page.objects.filter(pk=page_id).first()
    if page is None or user_can_publish(request.user, page):
        return None
    return refuse(request, REVIEWER_ONLY, reverse("wagtailadmin_pages:edit", args=[page.pk]))


def guard_convert_to_alias(request, page_id, **kwargs):
    page = Page.objects.filter(pk=page_id).first()
    if page is None or user_can_publish(request.user, page):
        return None
    return refuse(request, ALIAS_REFUSED, reverse("wagtailadmin_pages:edit", args=[page.pk]))


def guard_submit_snippet_translation(request, app_label, model_name, **kwargs):
    from django.apps import apps
    from wagtail.snippets.permissions import get_permission_name

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    if issubclass(model, DraftStateMixin):
        return None  # saved as a draft (the setting), published by whoever may
    if request.user.is_superuser or request.user.has_perm(get_permission_name("change", model)):
        return None
    return refuse(request, SNIPPET_REFUSED, reverse("wagtailadmin_home"))


VIEW_GUARDS = {
    "wagtail_localize:update_translations": guard_update_translations,
    "wagtail_localize:convert_to_alias": guard_convert_to_alias,
    "wagtail_localize:submit_snippet_translation": guard_submit_snippet_translation,
    "wagtailadmin_pages:edit": guard_translation_publish,
}
