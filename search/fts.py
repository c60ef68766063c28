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


CHINESE_DATABASE_BACKENDS = {"search.backends.database", "search.backends.sqlite"}


def available():
    """The portal's search uses FTS5 directly: SQLite with the Chinese database backend as the
    default."""
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return connection.vendor == "sqlite" and backend in CHINESE_DATABASE_BACKENDS


def index_available():
    """The FTS5 index is kept current (as the default or beside an engine): suggestions can use it."""
    from django.conf import settings

    configured = {b.get("BACKEND", "") for b in settings.WAGTAILSEARCH_BACKENDS.values()}
    return connection.vendor == "sqlite" and bool(configured & CHINESE_DATABASE_BACKENDS)


def _tables():
    from modelsearch.conf import get_app_config

    config = get_app_config()
    return (
        config.get_model("IndexEntry")._meta.db_table,
        config.get_model("SQLiteFTSIndexEntry")._meta.db_table,
    )


def _quote(token):
    """An FTS5 string; a trailing ``*`` (a one-character word, see ``analysis.term_tokens``)
    stays outside the quotes as the prefix operator."""
    prefix = token.endswith("*") and len(token) > 1
    token = token[:-1] if prefix else token
    return '"' + token.replace('"', '""') + '"' + ("*" if prefix else "")


def document_frequency(expression):
    entry_table, fts_table = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {fts_table} WHERE {fts_table} MATCH %s", [expression])  # noqa: S608
        return cursor.fetchone()[0]


def index_size():
    entry_table, _fts_table = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {entry_table}")  # noqa: S608
        return cursor.fetchone()[0]


# In a relaxed ("any word") query, a word found in more than this share of the index says
# nothing about what the user wants (条例, 规定, 安全 …) and only slows the query down.
COMMON_WORD_SHARE = 0.2


def _single(group):
    return len(group) == 1 and group[0].endswith("*")


def _variant_groups(variants):
    """Groups per variant. A variant that needed one-character words (an abbreviation such as
    个保法 or 交强险条例, cut into characters) gives way to a synonym variant that spells it out
    in real words; otherwise variants keep their longer words."""
    per_variant = []
    for variant in variants:
        groups = analysis.query_groups(variant) or [
            [w] for w in analysis.segment(analysis.normalise(variant), search_mode=False)
        ]
        if groups:
            per_variant.append(groups)
    whole = [g for g in per_variant if not any(_single(x) for x in g)]
    if whole:
        return whole
    longer = [[x for x in g if not _single(x)] for g in per_variant]
    return [g for g in longer if g] or per_variant


def relaxed_expression(variants):
    """Any distinct group of any variant, leaving out the groups common to much of the index
    (unless nothing else is left)."""
    groups = []
    for variant_groups in _variant_groups(variants):
        for group in variant_groups:
            groups.append("(" + " AND ".join(_quote(t) for t in group) + ")")
    groups = list(dict.fromkeys(groups))
    if len(groups) > 1:
        limit = COMMON_WORD_SHARE * index_size()
        rare = [g for g in groups if document_frequency(g) <= limit]
        groups = rare or groups
    return " OR ".join(groups)


def match_expression(variants, operator):
    """An FTS5 MATCH string: tokens of a group AND-ed, groups joined by ``operator``, query
    variants (synonyms) OR-ed; a group shared by several variants is written once."""
    expressions = []
    for groups in _variant_groups(variants):
        if groups:
            expressions.append(["(" + " AND ".join(_quote(t) for t in g) + ")" for g in groups])
    if operator == "or":
        # Any group of any variant: each distinct group once.
        flat = list(dict.fromkeys(group for groups in expressions for group in groups))
        return " OR ".join(flat)
    joined = ["(" + " AND ".join(dict.fromkeys(groups)) + ")" for groups in expressions]
    return " OR ".join(dict.fromkeys(joined))


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
    # Latin tokens (pinyin while typing) match as prefixes.
    terms = [_quote(g) + ("*" if g.isascii() else "") for g in grams]
    return "title : (" + " OR ".join(terms) + ")"


def page_content_type_ids():
    """Index entries of pages (not images, documents or snippets, whose ids may collide)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values())


def _page_entries():
    return f"e.content_type_id IN ({', '.join(str(pk) for pk in page_content_type_ids())})"


def _live_join():
    entry_table, fts_table = _tables()
    return f"""
        FROM {fts_table} f
        JOIN {entry_table} e ON e.id = f.rowid
        JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS INTEGER)
        WHERE {fts_table} MATCH %s AND {_page_entries()} AND p.live = 1
    """


def candidates(match, limit, within=None):
    """(page id, bm25 score) of the best ``limit`` live pages, best first; ``within`` is an
    optional queryset of pages (filters) the candidates must belong to."""
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    entry_table, fts_table = _tables()
    if within is None:
        # Rank inside FTS5 first (its ORDER BY … LIMIT needs no join), then keep live pages;
        # fetch extra to make up for drafts and other indexed models.
        sql = (
            f"SELECT p.id, s.score FROM (SELECT rowid, bm25({fts_table}, {weights}) AS score "  # noqa: S608
            f"FROM {fts_table} WHERE {fts_table} MATCH %s ORDER BY score LIMIT %s) s "
            f"JOIN {entry_table} e ON e.id = s.rowid "
            f"JOIN wagtailcore_page p ON p.id = CAST(e.object_id AS INTEGER) "
            f"WHERE {_page_entries()} AND p.live = 1 ORDER BY s.score LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, limit * 2 + 50, limit])
            rows = cursor.fetchall()
        if len(rows) == limit or len(rows) < limit and _few_matches(match, limit * 2 + 50):
            return rows
    sub_sql, params = ("", [])
    restriction = ""
    if within is not None:
        sub_sql, params = within.order_by().values("id").query.sql_with_params()
        restriction = f" AND p.id IN ({sub_sql})"
    sql = f"SELECT p.id, bm25({fts_table}, {weights}) AS score {_live_join()}{restriction} ORDER BY score LIMIT %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        return cursor.fetchall()


def _few_matches(match, fetched):
    """True when the first statement saw every match (so a short result is complete)."""
    return document_frequency(match) <= fetched


def matching_page_ids(match):
    """A subquery of the ids of the pages whose index entry matches (for ORM filters and facets)."""
    from django.db.models.expressions import RawSQL

    entry_table, fts_table = _tables()
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) FROM {fts_table} f JOIN {entry_table} e ON e.id = f.rowid "  # noqa: S608
        f"WHERE {fts_table} MATCH %s AND {_page_entries()}"
    )
    return RawSQL(sql, [match])
