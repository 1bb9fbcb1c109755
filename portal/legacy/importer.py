"""Turn the old site's records into pages: the engine behind ``manage.py import_legacy``.

The core never imports a content app: record types map to page models and parents
through each app's ``legacy_import`` declaration (``portal.registry``), resolved with
``apps.get_model``; an app ``notices`` would declare, for example::

    legacy_import={
        "notice": {
            "model": "NoticePage",             # page type to create (this app's, or "app.Model")
            "parent": "NoticeIndexPage",       # first page of this type, or a URL path "/thong-bao/"
            "body": "body",                    # field receiving the cleaned HTML
            "fields": {"sapo": "summary"},     # model field <- record key
            "date_fields": ["published_at"],   # set from the record's date
            "attachments": "attachments",      # inline relation; else a "document" stream block,
        },                                     # else document links in the text
    }

Each record is imported in its own transaction together with its ``LegacyRecord``, so
an interrupted run keeps what it finished and the next run resumes after it.
"""

import hashlib
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from hitcount.models import HitCount
from modelsearch.signal_handlers import post_save_signal_handler as search_signal_handler
from wagtail.blocks import RichTextBlock
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Locale, Page, ReferenceIndex
from wagtail.rich_text import features as feature_registry
from wagtail.search import index as search_index
from wagtail.signal_handlers import disable_reference_index_auto_update

from portal import registry
from portal.core.slugs import vn_slug as portal_slug
from portal.editorial.models import LegacyRecord
from portal.legacy.html_cleaner import clean_html, describe, html_to_text
from portal.legacy.source import BadRecord, parse_date

COLLECTION_NAME = "Tài liệu từ trang cũ"
SLUG_MAX = 80
TEXT = object()  # body_block marker: the body field is plain text


def vn_slug(text, max_length=SLUG_MAX):
    """The portal's one slug function (portal/core/slugs.py), "bai-viet" when nothing is left."""
    return portal_slug(text, max_length=max_length, fallback="bai-viet")


@contextmanager
def indexing_once(model):
    """Update the search and reference indexes once per imported page, not on each of the
    three saves that adding, revising and publishing a page make (a third of the cost)."""
    pages = []
    post_save.disconnect(search_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield pages
    finally:
        post_save.connect(search_signal_handler, sender=model)
    for page in pages:
        search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)


class Target:
    """A record type's page model, parent page and field mapping, resolved once."""

    def __init__(self, kind, conf):
        self.kind = kind
        self.conf = conf
        label = conf.get("model", "")
        try:
            self.model = apps.get_model(label)
        except (LookupError, ValueError):
            raise BadRecord(
                _("chưa có kiểu trang “%(model)s” cho loại “%(kind)s”") % {"model": label, "kind": kind}
            ) from None
        if not issubclass(self.model, Page):
            raise BadRecord(_("“%(model)s” không phải kiểu trang") % {"model": label})
        self.parent_id = self._find_parent(conf.get("parent"))
        self.content_type = ContentType.objects.get_for_model(self.model)
        self.fields = dict(conf.get("fields", {}))
        self.date_fields = list(conf.get("date_fields", []))
        for name in [*self.fields, *self.date_fields]:
            try:
                self.model._meta.get_field(name)
            except FieldDoesNotExist:
                raise BadRecord(
                    _("cấu hình sai: %(model)s không có trường “%(field)s”") % {"model": label, "field": name}
                ) from None
        self.body_field, self.body_block, self.features = self._body(conf.get("body", "body"))
        self.attachment_relation = self._relation(conf.get("attachments", "attachments"))
        self.stream_document_block = None
        if self.attachment_relation is None and isinstance(self._field(self.body_field), StreamField):
            blocks = self._field(self.body_field).stream_block.child_blocks
            if "document" in blocks:
                self.stream_document_block = "document"

    def _field(self, name):
        try:
            return self.model._meta.get_field(name) if name else None
        except FieldDoesNotExist:
            return None

    def _find_parent(self, spec):
        if not spec:
            raise BadRecord(_("cấu hình thiếu trang cha cho loại “%(kind)s”") % {"kind": self.kind})
        if spec.startswith("/"):
            path = spec.strip("/") + "/"
            page = Page.objects.filter(url_path__endswith="/" + path, depth__gte=3).order_by("depth", "path").first()
        else:
            try:
                parent_model = apps.get_model(spec)
            except (LookupError, ValueError):
                raise BadRecord(_("chưa có kiểu trang cha “%(model)s”") % {"model": spec}) from None
            pages = parent_model.objects.order_by("path")
            page = pages.filter(locale=Locale.get_default()).first() or pages.first()
        if page is None:
            raise BadRecord(
                _("chưa có trang cha “%(parent)s” để nhập loại “%(kind)s”") % {"parent": spec, "kind": self.kind}
            )
        return page.pk

    def _body(self, name):
        field = self._field(name)
        if field is None:
            return None, None, []
        if isinstance(field, RichTextField):
            return name, None, field.features or feature_registry.get_default_features()
        if isinstance(field, models.TextField):
            return name, TEXT, []  # a plain-text field: the cleaned HTML as paragraphs of text
        if isinstance(field, StreamField):
            wanted = self.conf.get("body_block")
            for block_name, block in field.stream_block.child_blocks.items():
                if isinstance(block, RichTextBlock) and (wanted is None or block_name == wanted):
                    return name, block_name, block.features or feature_registry.get_default_features()
        raise BadRecord(_("cấu hình sai: trường “%(field)s” không nhận được HTML") % {"field": name})

    def _relation(self, name):
        if not name:
            return None
        relation = getattr(self.model, name, None)
        rel = getattr(relation, "rel", None)
        if rel is None:
            return None
        child = rel.related_model
        document_model = get_document_model()
        fk = next(
            (
                f.name
                for f in child._meta.get_fields()
                if isinstance(f, models.ForeignKey) and f.related_model is document_model
            ),
            None,
        )
        if fk is None:
            return None
        title = next(
            (n for n in ("title", "caption", "label") if any(f.name == n for f in child._meta.get_fields())), None
        )
        return {"name": name, "model": child, "document_field": fk, "title_field": title}


class Importer:
    def __init__(self, export_path, mapping=None, user=None):
        self.base_dir = Path(export_path).resolve().parent
        self.mapping = mapping if mapping is not None else registry.legacy_import_mapping()
        self.user = user
        self.targets = {}
        self._collection = None
        self.document_model = get_document_model()
        self.extensions = {e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []}
        self.max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)

    def target(self, kind):
        if kind not in self.targets:
            conf = self.mapping.get(kind)
            if conf is None:
                self.targets[kind] = BadRecord(_("không có cấu hình nhập cho loại “%(kind)s”") % {"kind": kind})
            else:
                try:
                    self.targets[kind] = Target(kind, conf)
                except BadRecord as exc:
                    self.targets[kind] = exc
        target = self.targets[kind]
        if isinstance(target, BadRecord):
            raise target
        return target

    # --- one record -------------------------------------------------------------------

    def import_item(self, item):
        """Import one parsed record. Returns ``(outcome, notes)`` where outcome is
        "created", "updated" or "unchanged" and notes lists warnings and cleanups."""
        target = self.target(item.kind)
        with transaction.atomic(), indexing_once(target.model) as index_later:
            record = LegacyRecord.objects.select_for_update().filter(kind=item.kind, source_id=item.source_id).first()
            if record is not None and record.page_id is None:
                raise BadRecord(_("trang đã nhập trước đây đã bị xoá; không tạo lại"))
            if record is not None and record.checksum == item.checksum:
                missing = self._missing(item)
                if len(missing) == record.missing_attachments:
                    return "unchanged", [_("vẫn thiếu tệp đính kèm: %(path)s") % {"path": path} for path in missing]
            notes = []
            created = record is None
            page = record.page.specific if record is not None else target.model()
            if not isinstance(page, target.model):
                raise BadRecord(_("trang đã nhập có kiểu khác (%(type)s)") % {"type": type(page).__name__})
            parent = Page.objects.get(pk=target.parent_id)
            page.title = item.title[:255]
            if record is None:
                page.slug = self._free_slug(parent, vn_slug(item.title), item.source_id)
            self._set_fields(page, target, item)
            documents, missing = self._documents(item, notes)
            self._set_body(page, target, item, documents, notes)
            try:
                if record is None:
                    parent.add_child(instance=page)
                revision = page.save_revision(user=self.user, log_action=False, clean=not created)
            except ValidationError as exc:
                raise BadRecord(_("trang không hợp lệ: %(errors)s") % {"errors": "; ".join(exc.messages)}) from None
            revision.publish(user=self.user, log_action=False, skip_permission_checks=True)
            if item.date is not None:
                Page.objects.filter(pk=page.pk).update(first_published_at=item.date, last_published_at=item.date)
            old_views = record.views if record is not None else 0
            self._carry_views(page, target, item.views - old_views)
            self._redirect(item, page, notes)
            if record is None:
                record = LegacyRecord(kind=item.kind, source_id=item.source_id, page=page)
            record.old_url = item.url[:500]
            record.checksum = item.checksum
            record.missing_attachments = missing
            record.views = item.views
            record.save()
            index_later.append(page)
        return ("created" if created else "updated"), notes

    def _free_slug(self, parent, slug, source_id):
        siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        if not siblings.filter(slug=slug).exists():
            return slug
        candidate = f"{slug[: SLUG_MAX - len(source_id) - 1]}-{slugify(source_id)}"
        counter = 2
        while siblings.filter(slug=candidate).exists():
            candidate = f"{slug[: SLUG_MAX - 10]}-{slugify(source_id)}-{counter}"
            counter += 1
        return candidate

    def _set_fields(self, page, target, item):
        for field_name in target.date_fields:
            field = page._meta.get_field(field_name)
            if item.date is not None:
                is_date = isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
                setattr(page, field_name, timezone.localtime(item.date).date() if is_date else item.date)
        for field_name, key in target.fields.items():
            field = page._meta.get_field(field_name)
            value = item.data.get(key)
            if value in (None, "") and field_name in target.date_fields:
                continue  # keep the record's date
            setattr(page, field_name, self._coerce(field, value, key))

    def _coerce(self, field, value, key):
        if value is None or value == "":
            if field.null:
                return None
            if isinstance(field, models.CharField | models.TextField):
                return ""
            return field.get_default()
        if isinstance(field, RichTextField):
            html, _report = clean_html(str(value), field.features or feature_registry.get_default_features())
            return html
        if isinstance(field, models.DateTimeField):
            return parse_date(value)
        if isinstance(field, models.DateField):
            return timezone.localtime(parse_date(value)).date()
        if isinstance(field, models.IntegerField):
            try:
                return int(value)
            except (TypeError, ValueError):
                raise BadRecord(_("“%(key)s” không phải số") % {"key": key}) from None
        text = " ".join(str(value).split()) if isinstance(field, models.CharField) else str(value)
        if getattr(field, "max_length", None):
            text = text[: field.max_length]
        return text

    def _set_body(self, page, target, item, documents, notes):
        if target.body_field is None:
            return
        if target.body_block is TEXT:
            text, report = html_to_text(item.body)
            if report:
                notes.append(_("HTML đã làm sạch: %(what)s") % {"what": describe(report)})
            setattr(page, target.body_field, text)
            return
        html, report = clean_html(item.body, target.features)
        if report:
            notes.append(_("HTML đã làm sạch: %(what)s") % {"what": describe(report)})
        relation = target.attachment_relation
        if relation is not None:
            rows = []
            for position, (document, title) in enumerate(documents):
                values = {relation["document_field"]: document, "sort_order": position}
                if relation["title_field"]:
                    values[relation["title_field"]] = title
                rows.append(relation["model"](**{k: v for k, v in values.items() if self._has(relation["model"], k)}))
            setattr(page, relation["name"], rows)
        elif documents and target.stream_document_block is None and "document-link" in target.features:
            links = "".join(f'<p><a linktype="document" id="{doc.pk}">{doc.title}</a></p>' for doc, _title in documents)
            html += links
        if target.body_block is None:
            setattr(page, target.body_field, html)
            return
        stream = [{"type": target.body_block, "value": html}] if html else []
        if target.stream_document_block:
            stream += [
                {"type": target.stream_document_block, "value": {"document": doc.pk, "title": title}}
                for doc, title in documents
            ]
        setattr(page, target.body_field, stream)

    @staticmethod
    def _has(model, name):
        return any(f.name == name for f in model._meta.get_fields())

    # --- attachments ------------------------------------------------------------------

    @property
    def collection(self):
        if self._collection is None:
            root = Collection.get_first_root_node()
            existing = root.get_children().filter(name=COLLECTION_NAME).first()
            self._collection = existing or root.add_child(name=COLLECTION_NAME)
        return self._collection

    def _documents(self, item, notes):
        """Import each attachment as a Wagtail document (one per distinct file)."""
        documents = []
        missing = 0
        for attachment in item.attachments:
            path = (self.base_dir / attachment.path).resolve()
            if not path.is_relative_to(self.base_dir) or not attachment.path:
                notes.append(_("bỏ tệp đính kèm có đường dẫn không hợp lệ: %(path)s") % {"path": attachment.path})
                continue
            if not path.is_file():
                notes.append(_("thiếu tệp đính kèm: %(path)s") % {"path": attachment.path})
                missing += 1
                continue
            extension = path.suffix.lower().lstrip(".")
            if self.extensions and extension not in self.extensions:
                notes.append(_("bỏ tệp đính kèm có định dạng không cho phép: %(path)s") % {"path": attachment.path})
                continue
            size = path.stat().st_size
            if self.max_size and size > self.max_size:
                notes.append(_("bỏ tệp đính kèm quá lớn: %(path)s") % {"path": attachment.path})
                continue
            documents.append((self._document(path, attachment.title, size), attachment.title))
        return documents, missing

    def _missing(self, item):
        missing = []
        for attachment in item.attachments:
            path = (self.base_dir / attachment.path).resolve()
            if attachment.path and path.is_relative_to(self.base_dir) and not path.is_file():
                missing.append(attachment.path)
        return missing

    def _document(self, path, title, size):
        digest = hashlib.sha1()  # noqa: S324 - the same content hash Wagtail stores in file_hash
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(65536), b""):
                digest.update(chunk)
        file_hash = digest.hexdigest()
        existing = self.document_model.objects.filter(file_hash=file_hash).order_by("pk").first()
        if existing is not None:
            return existing
        document = self.document_model(
            title=(title or path.stem)[:255], collection=self.collection, file_size=size, file_hash=file_hash
        )
        with open(path, "rb") as fh:
            document.file.save(path.name, File(fh), save=False)
        document.save()
        return document

    # --- statistics and redirects -----------------------------------------------------

    def _carry_views(self, page, target, delta):
        """Add the old site's views to the page's hitcount row (the statistics' source).

        Only the difference from the last import is added, so re-running keeps both the
        old count and whatever the new site has counted since.
        """
        counter, _created = HitCount.objects.get_or_create(content_type=target.content_type, object_pk=page.pk)
        if delta:
            HitCount.objects.filter(pk=counter.pk).update(hits=Greatest(F("hits") + delta, 0))

    def _redirect(self, item, page, notes):
        if not item.url:
            return
        old_path = Redirect.normalise_path(item.url)
        if not old_path or old_path == "/":
            notes.append(_("địa chỉ cũ không hợp lệ: %(url)s") % {"url": item.url[:80]})
            return
        Redirect.objects.update_or_create(
            old_path=old_path,
            site=None,
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )
