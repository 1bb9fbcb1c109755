"""On SQLite, an FTS5 index over the folded text, kept in step by triggers.

``portal_search_fts`` is an external-content FTS5 table over ``portal_search_searchentry``
(rowid = page id): it stores only the inverted index. The triggers update it on every
insert, update and delete of an index row, whoever makes them (signals, bulk_create,
flush). Where SQLite was built without FTS5 nothing is created and searches use LIKE.
Other databases get nothing here.
"""

from django.db import OperationalError, migrations

TABLE = "portal_search_searchentry"
FTS = "portal_search_fts"
COLUMNS = "title_folded, body_folded, document_numbers"
NEW = "new.title_folded, new.body_folded, new.document_numbers"
OLD = "old.title_folded, old.body_folded, old.document_numbers"

CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{TABLE}', content_rowid='page_id', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.page_id, {NEW}); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.page_id, {OLD}); END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.page_id, {OLD}); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.page_id, {NEW}); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
DROP = [f"DROP TRIGGER IF EXISTS {FTS}_{suffix}" for suffix in ("ai", "ad", "au")] + [f"DROP TABLE IF EXISTS {FTS}"]


def fts5_available(schema_editor):
    try:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("CREATE VIRTUAL TABLE temp.portal_search_fts_probe USING fts5(x)")
            cursor.execute("DROP TABLE temp.portal_search_fts_probe")
        return True
    except OperationalError:
        return False


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and fts5_available(schema_editor):
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_postgres_search_vector")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
