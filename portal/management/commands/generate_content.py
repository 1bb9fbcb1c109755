"""Fill the portal with many realistic pages, fast: ``manage.py generate_content --news 100000``.

For measuring (bench/) and for trying the portal at the size of a department with years
of content. Pages are inserted in bulk (tree paths computed here, one INSERT per table per
batch), live, without revisions or search-index entries. Running it again tops up to the
requested numbers: ``--news 1000`` after ``--news 1000`` adds nothing.

The portal never imports the content apps: what each kind is, and where it goes, comes
from each app's ``generate`` declaration (``portal.registry``); an app ``notices`` would
declare::

    generate={"notices": {"model": "NoticePage", "parent": "NoticeIndexPage",
                          "fields": {"author": "Văn phòng Sở"}}}

``fields`` fixes values (``{i}`` is the item's number, ``{year}`` its year); other fields
are filled by type (text, rich text, a StreamField's first rich-text block, dates), foreign
keys that need a value take an existing row, and many-to-many fields (categories) get
existing rows in turn.
"""

import datetime
import random
import uuid

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from portal import registry
from portal.management.progress import Progress

SLUG_PREFIX = "gen"
BATCH = 1000

SUBJECTS = [
    "Sở Nội vụ",
    "Ủy ban nhân dân tỉnh",
    "Ban Thi đua - Khen thưởng",
    "Chi cục Văn thư - Lưu trữ",
    "Ban Tôn giáo",
    "Phòng Cải cách hành chính",
]
ACTIONS = [
    "triển khai kế hoạch",
    "tổ chức hội nghị về",
    "hướng dẫn thực hiện",
    "kiểm tra công tác",
    "tổng kết phong trào thi đua về",
    "tập huấn nghiệp vụ",
]
TOPICS = [
    "cải cách hành chính",
    "chuyển đổi số",
    "văn thư, lưu trữ",
    "thi đua, khen thưởng",
    "tổ chức bộ máy",
    "công tác thanh niên",
    "tín ngưỡng, tôn giáo",
    "tuyển dụng công chức",
]
SENTENCES = [
    "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ và đề ra giải pháp trong thời gian tới.",
    "Các cơ quan, đơn vị tổ chức quán triệt, triển khai thực hiện nghiêm túc, hiệu quả.",
    "Sở Nội vụ đề nghị các địa phương báo cáo kết quả trước ngày 15 hằng tháng.",
    "Phong trào thi đua góp phần hoàn thành thắng lợi các mục tiêu phát triển kinh tế - xã hội của tỉnh.",
    "Việc số hóa tài liệu lưu trữ được thực hiện theo đúng quy định của Luật Lưu trữ.",
]


class Command(BaseCommand):
    help = "Tạo nhanh nhiều trang nội dung (tin tức, kế hoạch, video) để đo hiệu năng."

    def add_arguments(self, parser):
        kinds = self.kinds()
        for kind in kinds:
            parser.add_argument(f"--{kind}", type=int, default=0, metavar="N", help=f"tổng số trang '{kind}' cần có")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true")

    def kinds(self):
        return registry.generate_kinds()

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        stream = self.stderr._out if not options["no_progress"] else None
        for kind, spec in self.kinds().items():
            wanted = options.get(kind) or 0
            if wanted <= 0:
                continue
            try:
                model = apps.get_model(spec["model"])
                parent_model = apps.get_model(spec["parent"])
            except (LookupError, ValueError) as exc:
                self.stderr.write(f"{kind}: bỏ qua, {exc} (portal.registry: generate)")
                continue
            parent = parent_model.objects.live().order_by("path").first()
            if parent is None:
                raise CommandError(f"{kind}: no live {spec['parent']} to put pages under; run load_demo first")
            created = Generator(kind, model, parent, spec.get("fields", {}), rng).run(wanted, stream)
            self.stdout.write(f"{kind}: {created} trang mới dưới {parent.url_path} (tổng {wanted}).")


class Generator:
    def __init__(self, kind, model, parent, fixed, rng):
        self.kind, self.model, self.parent, self.fixed, self.rng = kind, model, parent, fixed, rng
        self.slug_prefix = f"{SLUG_PREFIX}-{kind}-"
        self.content_type = ContentType.objects.get_for_model(model)
        # The model's concrete tables below wagtailcore_page, top-down.
        self.tables = [m for m in reversed([model, *model._meta.get_parent_list()]) if m is not Page]
        self.tables = [m for m in self.tables if not m._meta.abstract and m is not Page and issubclass(m, Page)]
        self.m2m = [f for f in model._meta.get_fields() if isinstance(f, ParentalManyToManyField)]
        self.fk_defaults = {}
        self.now = timezone.now()

    # --- values -------------------------------------------------------------------------

    def title(self, i):
        rng = self.rng
        return f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(TOPICS)} (số {i})"

    def paragraph(self):
        return " ".join(self.rng.sample(SENTENCES, 3))

    def when(self, i, total):
        # Spread over five years, newest last.
        span = 5 * 365 * 24 * 3600
        return self.now - datetime.timedelta(seconds=span * (total - i) / max(total, 1))

    def value_for(self, field, i, total, when):
        if field.name in self.fixed:
            value = self.fixed[field.name]
            return value.format(i=i, year=when.year) if isinstance(value, str) else value
        if isinstance(field, StreamField):
            for name, block in field.stream_block.child_blocks.items():
                if isinstance(block, blocks.RichTextBlock):
                    return [(name, f"<p>{self.paragraph()}</p><p>{self.paragraph()}</p>")]
            return []
        if isinstance(field, RichTextField):
            return f"<p>{self.paragraph()}</p>"
        # Dates spread over the years (a "now" default would give every item the same).
        if isinstance(field, models.DateTimeField) and not (field.auto_now or field.auto_now_add):
            return when
        if isinstance(field, models.DateField) and not (field.auto_now or field.auto_now_add):
            return timezone.localdate(when)
        if field.has_default():
            return field.get_default()
        if isinstance(field, models.ForeignKey):
            if field.null:
                return None
            if field.name not in self.fk_defaults:
                row = field.related_model._default_manager.order_by("pk").first()
                if row is None:
                    raise CommandError(f"{self.kind}: {field.name} needs a {field.related_model.__name__}")
                self.fk_defaults[field.name] = row
            return self.fk_defaults[field.name]
        if field.choices:
            return field.choices[0][0]
        if isinstance(field, (models.CharField, models.TextField)):
            if field.blank:
                return ""
            text = self.paragraph() if isinstance(field, models.TextField) else f"{field.verbose_name} {i}"
            return text[: field.max_length] if field.max_length else text
        if isinstance(field, models.FileField) and field.blank:
            return ""
        if isinstance(field, (models.IntegerField, models.FloatField, models.DecimalField)):
            return 0 if field.null is False else None
        if isinstance(field, models.BooleanField):
            return False
        if field.null:
            return None
        raise CommandError(f"{self.kind}: no value for {field.name}; declare it in the app's generate 'fields'")

    # --- tree ---------------------------------------------------------------------------

    def existing(self):
        return Page.objects.filter(
            path__startswith=self.parent.path, depth=self.parent.depth + 1, slug__startswith=self.slug_prefix
        ).count()

    def last_step(self):
        last = (
            Page.objects.filter(path__startswith=self.parent.path, depth=self.parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return Page._str2int(last[-Page.steplen :]) if last else 0

    # --- run ----------------------------------------------------------------------------

    def run(self, wanted, stream):
        have = self.existing()
        todo = wanted - have
        if todo <= 0:
            return 0
        progress = Progress(todo, stream, label=self.kind) if stream else None
        step = self.last_step()
        m2m_rows = {f.name: list(f.related_model._default_manager.order_by("pk")[:50]) for f in self.m2m}
        done = 0
        while done < todo:
            n = min(BATCH, todo - done)
            with transaction.atomic():
                self.insert_batch(range(have + done + 1, have + done + n + 1), wanted, step + done, m2m_rows)
            done += n
            if progress:
                progress.update(done)
        Page.objects.filter(pk=self.parent.pk).update(
            numchild=Page.objects.filter(path__startswith=self.parent.path, depth=self.parent.depth + 1).count()
        )
        if progress:
            progress.finish()
        return todo

    def insert_batch(self, numbers, total, first_step, m2m_rows):
        parent = self.parent
        pages = []
        specifics = []
        for offset, i in enumerate(numbers):
            when = self.when(i, total)
            title = self.title(i)
            slug = f"{self.slug_prefix}{i}"
            common = {
                "title": title,
                "draft_title": title,
                "slug": slug,
                "content_type_id": self.content_type.pk,
                "path": Page._get_path(parent.path, parent.depth + 1, first_step + offset + 1),
                "depth": parent.depth + 1,
                "numchild": 0,
                "url_path": f"{parent.url_path}{slug}/",
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": when,
                "last_published_at": when,
                "latest_revision_created_at": when,
                "locale_id": parent.locale_id,
                "translation_key": uuid.uuid4(),
            }
            pages.append(Page(**common))
            obj = self.model(**common)
            for table in self.tables:
                for field in table._meta.local_concrete_fields:
                    if getattr(field, "remote_field", None) and field.remote_field.parent_link:
                        continue
                    if field.name == "id" or isinstance(field, models.AutoField):
                        continue
                    value = self.value_for(field, i, total, when)
                    if isinstance(field, models.ForeignKey) and isinstance(value, models.Model):
                        setattr(obj, field.attname, value.pk)
                    else:
                        setattr(obj, field.attname, value)
            specifics.append(obj)
        Page.objects.bulk_create(pages)
        if any(p.pk is None for p in pages):  # databases that cannot return ids from a bulk insert
            ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
            for p in pages:
                p.pk = p.id = ids[p.path]
        for page, obj in zip(pages, specifics, strict=True):
            obj.pk = obj.id = obj.page_ptr_id = page.pk
            for table in self.tables:
                ptr = table._meta.pk
                setattr(obj, ptr.attname, page.pk)
        for table in self.tables:
            fields = list(table._meta.local_concrete_fields)
            table._base_manager._insert(specifics, fields=fields, using=connection.alias)
        for field in self.m2m:
            rows = m2m_rows.get(field.name)
            if not rows:
                continue
            through = field.remote_field.through
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            links = [
                through(**{f"{source}_id": obj.pk, f"{target}_id": rows[(obj.pk * 7) % len(rows)].pk})
                for obj in specifics
            ]
            through._default_manager.bulk_create(links)
