from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.models import DocumentKind, Topic


class DocumentKindViewSet(SnippetViewSet):
    model = DocumentKind
    icon = "tag"
    list_display = ["name", "code", "code_in_number"]
    ordering = ["rank", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    ordering = ["name"]


register_snippet(DocumentKindViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_admin_viewset")
def register_document_listing():
    from documents.admin_views import DocumentListingViewSet

    return DocumentListingViewSet()


@hooks.register("register_admin_viewset")
def register_unreadable_files():
    from documents.admin_views import UnreadableFilesViewSet

    return UnreadableFilesViewSet()
