"""The document types of Nghị định 30/2020/NĐ-CP (Phụ lục III) and a first list of fields."""

from django.db import migrations

KINDS = [
    ("NQ", "Nghị quyết", True),
    ("QĐ", "Quyết định", True),
    ("CT", "Chỉ thị", True),
    ("QC", "Quy chế", True),
    ("QyĐ", "Quy định", True),
    ("TC", "Thông cáo", True),
    ("TB", "Thông báo", True),
    ("HD", "Hướng dẫn", True),
    ("CTr", "Chương trình", True),
    ("KH", "Kế hoạch", True),
    ("PA", "Phương án", True),
    ("ĐA", "Đề án", True),
    ("DA", "Dự án", True),
    ("BC", "Báo cáo", True),
    ("BB", "Biên bản", True),
    ("TTr", "Tờ trình", True),
    ("CĐ", "Công điện", True),
    ("GM", "Giấy mời", True),
    ("CV", "Công văn", False),
]

TOPICS = [
    ("Tổ chức bộ máy", "to-chuc-bo-may"),
    ("Công chức, viên chức", "cong-chuc-vien-chuc"),
    ("Thi đua – khen thưởng", "thi-dua-khen-thuong"),
    ("Cải cách hành chính", "cai-cach-hanh-chinh"),
    ("Văn thư – lưu trữ", "van-thu-luu-tru"),
    ("Tín ngưỡng, tôn giáo", "tin-nguong-ton-giao"),
    ("Chính quyền địa phương", "chinh-quyen-dia-phuong"),
    ("Thanh niên", "thanh-nien"),
]


def seed(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    Topic = apps.get_model("documents", "Topic")
    for rank, (code, name, in_number) in enumerate(KINDS):
        DocumentKind.objects.get_or_create(code=code, defaults={"name": name, "code_in_number": in_number, "rank": rank})
    for name, slug in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
