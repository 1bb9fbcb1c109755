"""Attached files: their text for search, and their download counts.

When a file is uploaded or replaced (Wagtail's document model is saved with a new
``file_hash``) its text is read by ``extract_worker.py`` in a subprocess with a time limit,
a memory limit, a page limit and a character limit: a hostile file can fail, never stall
the site. The text (NFC, whitespace collapsed) is kept in ``FileText``; pages that attach
the file are re-indexed (``portal.search.indexing``), which folds it with the rest of their
text. A PDF without a text layer (a scan) is kept as ``EMPTY`` and listed in the admin as
"chưa có văn bản để tìm kiếm".
"""

import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

#: Files larger than this are not read (bytes).
MAX_FILE_BYTES = 30 * 1024 * 1024
#: At most this many PDF pages and characters are read from one file.
MAX_PAGES = 300
MAX_CHARS = 200_000
#: Seconds one file may take.
TIMEOUT = 20
#: Memory one extraction may use (bytes of address space).
MEMORY_LIMIT = 1024 * 1024 * 1024
#: Fewer readable characters than this in a PDF: a scan without a text layer.
MIN_CHARS = 20

WORKER = Path(__file__).with_name("extract_worker.py")
_SPACE = re.compile(r"\s+")


def _limit_resources():  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (TIMEOUT, TIMEOUT + 1))


def read_text(path, extension, timeout=TIMEOUT):
    """``(state, text)`` of the file at ``path``."""
    from documents.models import FileText

    extension = extension.lower().lstrip(".")
    if extension not in ("pdf", "docx", "odt"):
        return FileText.State.UNSUPPORTED, ""
    if Path(path).stat().st_size > MAX_FILE_BYTES:
        return FileText.State.TOO_LARGE, ""
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, the path is an argument
            [sys.executable, "-I", str(WORKER), str(path), extension, str(MAX_PAGES), str(MAX_CHARS)],
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit_resources if sys.platform != "win32" else None,  # noqa: PLW1509
            check=False,
        )
    except subprocess.TimeoutExpired:
        return FileText.State.FAILED, ""
    if result.returncode != 0:
        return FileText.State.FAILED, ""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", result.stdout.decode("utf-8", "replace"))).strip()
    text = text[:MAX_CHARS]
    if len(text.replace(" ", "")) < MIN_CHARS:
        return FileText.State.EMPTY, ""
    return FileText.State.OK, text


def extract(document, force=False):
    """Read ``document``'s file into its ``FileText`` unless it was read already."""
    from documents.models import FileText

    record = FileText.objects.filter(document=document).first()
    source_hash = document.file_hash or ""
    if record is not None and not force and record.source_hash == source_hash and source_hash:
        return record
    if not document.file:
        return record
    extension = Path(document.file.name).suffix
    with tempfile.NamedTemporaryFile(suffix=extension) as temporary:
        with document.file.open("rb") as source:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                temporary.write(chunk)
        temporary.flush()
        state, text = read_text(temporary.name, extension)
    record, _created = FileText.objects.update_or_create(
        document=document, defaults={"state": state, "text": text, "source_hash": source_hash}
    )
    reindex_pages_with(document.pk)
    return record


def attachment_models():
    from django.apps import apps

    from documents.models import AttachmentBase

    return [m for m in apps.get_models() if issubclass(m, AttachmentBase)]


def reindex_pages_with(document_id):
    """Refresh the search entries of live pages that attach the file."""
    from portal.search import indexing

    for model in attachment_models():
        for attachment in model.objects.filter(document_id=document_id).select_related("page"):
            if attachment.page.live:
                indexing.index_page(attachment.page)


def texts_for(document_ids):
    """``{document id: text}`` of the files that have one (one query)."""
    from documents.models import FileText

    if not document_ids:
        return {}
    return dict(
        FileText.objects.filter(document_id__in=document_ids, state=FileText.State.OK).values_list(
            "document_id", "text"
        )
    )


def download_counts(document_ids):
    """``{document id: downloads}`` of the given files (one query; none without ids)."""
    from documents.models import FileText

    if not document_ids:
        return {}
    return dict(FileText.objects.filter(document_id__in=document_ids).values_list("document_id", "download_count"))


def with_download_counts(attachments):
    """An attachment queryset with each file's ``download_count`` (in the same query). The
    unsaved attachments of a preview (modelcluster's in-memory list) get theirs in a second
    query."""
    from documents.models import FileText

    if not hasattr(attachments, "annotate"):
        rows = sorted(attachments, key=lambda attachment: attachment.sort_order or 0)
        counts = download_counts([a.document_id for a in rows])
        for attachment in rows:
            attachment.download_count = counts.get(attachment.document_id, 0)
        return rows
    count = FileText.objects.filter(document_id=OuterRef("document_id")).values("download_count")[:1]
    return attachments.annotate(download_count=Coalesce(Subquery(count), 0)).order_by("sort_order")


def on_document_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    extract(instance)


def on_document_served(sender, instance, request=None, **kwargs):
    from documents.models import FileText

    if not FileText.objects.filter(document_id=instance.pk).update(download_count=F("download_count") + 1):
        FileText.objects.get_or_create(
            document_id=instance.pk, defaults={"download_count": 1, "state": FileText.State.UNSUPPORTED}
        )


def connect():
    post_save.connect(on_document_saved, sender=get_document_model(), dispatch_uid="documents_file_text")
    document_served.connect(on_document_served, dispatch_uid="documents_download_count")
