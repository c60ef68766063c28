"""A direct FTS5 path for the embedded default (SQLite).

modelsearch's SQLite backend scores every matching row with a correlated subquery that runs the
MATCH again, which costs seconds for a broad OR query over the corpus. The portal's search only
needs the best few hundred candidates, a count and the facet counts: three statements against
the same FTS5 index that the Chinese backend maintains, with FTS5's own ``ORDER BY rank``.
"""

from django.db import connection

from . import analysis

# bm25() weights in the FTS table's column order: autocomplete, body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 8.0)


def available():
    if connection.vendor != "sqlite":
        return False
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return backend in {"search.backends.database", "search.backends.sqlite"}


def _tables():
    from modelsearch.conf import get_app_config

    config = get_app_config()
    return (
        config.get_model("IndexEntry")._meta.db_table,
        config.get_model("SQLiteFTSIndexEntry")._meta.db_table,
    )


def _quote(token):
    return '"' + token.replace('"', '""') + '"'


def match_expression(variants, operator):
    """An FTS5 MATCH string: tokens of a group AND-ed, groups joined by ``operator``, query
    variants (synonyms) OR-ed."""
    parts = []
    for variant in variants:
        groups = analysis.query_groups(variant)
        if not groups:
            text = analysis.normalise(variant)
            groups = [[w] for w in analysis.segment(text, search_mode=False)]
        if not groups:
            continue
        joined = f" {operator.upper()} ".join(
            "(" + " AND ".join(_quote(t) for t in g) + ")" for g in groups
        )
        parts.append(f"({joined})")
    return " OR ".join(parts)


def title_expression(variants):
    """Any bigram of the query in the title column: the channel that finds a title despite a
    typo or a missing character (中华人民共和国食品安全发, 电子商物法)."""
    grams = []
    for variant in variants:
        text = analysis.normalise(variant)
        grams += analysis.bigrams(text) or [w for w in analysis.segment(text, search_mode=False)]
    grams = list(dict.fromkeys(grams))
    if not grams:
        return ""
    return "title : (" + " OR ".join(_quote(g) for g in grams) + ")"


def _live_join():
    entry_table, fts_table = _tables()
    return f"""
        FROM {fts_table} f
        JOIN {entry_table} e ON e.id = f.rowid
        JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS INTEGER)
        WHERE {fts_table} MATCH %s AND p.live = 1
    """


def candidates(match, limit):
    """(page id, bm25 score) of the best ``limit`` live pages, best first."""
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    fts_table = _tables()[1]
    sql = (
        f"SELECT p.id, bm25({fts_table}, {weights}) AS score {_live_join()} ORDER BY score LIMIT %s"  # noqa: S608
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return cursor.fetchall()


def count_and_facets(match):
    """Total live matches and their count per content type id, in one aggregation."""
    sql = f"SELECT p.content_type_id, COUNT(*) {_live_join()} GROUP BY p.content_type_id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [match])
        by_type = dict(cursor.fetchall())
    return sum(by_type.values()), by_type
