"""On PostgreSQL, a generated tsvector over the folded text, with a GIN index.

The column is computed by the database from the folded title (weight A), the page's own
document numbers (A) and the folded text (B) with the 'simple' configuration: the text is
already folded (no diacritics, lower case), so no language dictionary or ``unaccent`` is
needed. Other databases (SQLite) get nothing here and search with LIKE instead.
"""

from django.db import migrations

TABLE = "portal_search_searchentry"

CREATE = f"""
ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, coalesce(title_folded, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(document_numbers, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(body_folded, '')), 'B')
) STORED;
CREATE INDEX portal_search_entry_vector ON {TABLE} USING GIN (search_vector);
"""

DROP = f"""
DROP INDEX IF EXISTS portal_search_entry_vector;
ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
