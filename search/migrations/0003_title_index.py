"""SQLite only: a title-only FTS5 index over the search index entries, kept by triggers, and
a trigger that drops an entry's facet row with it (see search/facet_index.py)."""

from django.db import migrations

ENTRIES = "wagtailsearch_indexentry"
TITLES = "search_title_fts"

FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLES} USING fts5(title, content='{ENTRIES}', content_rowid='id')",
    f"""CREATE TRIGGER IF NOT EXISTS search_title_fts_insert AFTER INSERT ON {ENTRIES} BEGIN
        INSERT INTO {TITLES}(rowid, title) VALUES (NEW.id, NEW.title); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_title_fts_delete AFTER DELETE ON {ENTRIES} BEGIN
        INSERT INTO {TITLES}({TITLES}, rowid, title) VALUES ('delete', OLD.id, OLD.title);
        DELETE FROM search_facetentry WHERE entry_id = OLD.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_title_fts_update AFTER UPDATE OF title ON {ENTRIES} BEGIN
        INSERT INTO {TITLES}({TITLES}, rowid, title) VALUES ('delete', OLD.id, OLD.title);
        INSERT INTO {TITLES}(rowid, title) VALUES (NEW.id, NEW.title); END""",
    f"INSERT INTO {TITLES}({TITLES}) VALUES ('rebuild')",
    # How many titles hold a term: the title channel leaves out terms common to most titles.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLES}_vocab USING fts5vocab({TITLES}, 'row')",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_title_fts_insert",
    "DROP TRIGGER IF EXISTS search_title_fts_delete",
    "DROP TRIGGER IF EXISTS search_title_fts_update",
    f"DROP TABLE IF EXISTS {TITLES}_vocab",
    f"DROP TABLE IF EXISTS {TITLES}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_facet_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
