"""A direct FTS5 path for the embedded default (SQLite).

modelsearch's SQLite backend scores every matching row with a correlated subquery that runs the
MATCH again, which costs seconds for a broad OR query over the corpus. The portal's search only
needs the best few hundred candidates, a count and the facet counts: three statements against
the same FTS5 index that the Chinese backend maintains, with FTS5's own ``ORDER BY rank``.
"""

import itertools
from contextlib import nullcontext

from django.db import connection

from disclosure.publishing.visibility import restricted_paths
from disclosure.upstream import modelsearch as upstream_index
from disclosure.upstream.wagtail import PAGE_TABLE

from . import analysis

# bm25() weights of the FTS table's columns, in its column order (FTS_COLUMNS).
WEIGHT_OF_COLUMN = {"autocomplete": 0.0, "body": 1.0, "title": 8.0}
COLUMN_WEIGHTS = tuple(WEIGHT_OF_COLUMN[column] for column in upstream_index.FTS_COLUMNS)


CHINESE_DATABASE_BACKENDS = {"search.backends.database", "search.backends.sqlite"}


def chinese_database_is_default(vendor):
    """The Chinese database backend is the default search backend, on a database of ``vendor``."""
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return connection.vendor == vendor and backend in CHINESE_DATABASE_BACKENDS


def chinese_database_is_configured(vendor):
    """The Chinese database backend keeps its index (as the default or beside an engine), on a
    database of ``vendor``."""
    from django.conf import settings

    configured = {b.get("BACKEND", "") for b in settings.WAGTAILSEARCH_BACKENDS.values()}
    return connection.vendor == vendor and bool(configured & CHINESE_DATABASE_BACKENDS)


def available():
    """The portal's search uses FTS5 directly: SQLite with the Chinese database backend as the
    default."""
    return chinese_database_is_default("sqlite")


def index_available():
    """The FTS5 index is kept current (as the default or beside an engine): suggestions can use it."""
    return chinese_database_is_configured("sqlite")


def index_scans():
    """As :func:`search.postgres_fts.index_scans`; SQLite's planner needs no hint."""
    return nullcontext()


def _tables():
    """modelsearch's entry table and its FTS5 table."""
    return upstream_index.index_entry_table(), upstream_index.fts_table()


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


def variant_groups(variants):
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


def relaxed_groups(variants):
    """The groups of each variant a relaxed match reads (FTS5 expressions): the groups common
    to much of the index left out, and those no page holds (unless nothing else is left)."""
    per_variant = [
        ["(" + " AND ".join(_quote(t) for t in group) + ")" for group in groups]
        for groups in variant_groups(variants)
    ]
    distinct = list(dict.fromkeys(g for groups in per_variant for g in groups))
    if len(distinct) > 1:
        kept = set(kept_groups({g: document_frequency(g) for g in distinct}, index_size()))
        per_variant = [[g for g in groups if g in kept] for groups in per_variant]
    return per_variant


def kept_groups(frequencies, size, share=None):
    """The groups a relaxed match keeps, of ``frequencies`` (group → pages holding it) in an
    index of ``size`` entries: those some page holds and no more than ``share`` of the index
    (:data:`COMMON_WORD_SHARE`) — a word in much of the index says nothing, a word in no page,
    kept alone, finds nothing —, or all of them when none is. The rule of every backend."""
    limit = (COMMON_WORD_SHARE if share is None else share) * size
    return [g for g, n in frequencies.items() if 0 < n <= limit] or list(frequencies)


def relaxed_expression(variants):
    """Any distinct group of any variant (:func:`relaxed_groups`)."""
    return any_group(relaxed_groups(variants))


def any_group(per_variant, operator="OR"):
    """Any of the groups of :func:`relaxed_groups`, each once."""
    return f" {operator} ".join(dict.fromkeys(g for groups in per_variant for g in groups))


# A relaxed match's two-word match pairs at most this many groups of a variant (28 pairs).
PAIRED_GROUPS = 8


def two_groups(per_variant, both="AND", either="OR"):
    """Any two groups of one variant (of :func:`relaxed_groups`): the pages of a relaxed match
    that hold more than one of the query's words (买到假货可以要求几倍赔偿 matched 10,446 pages of
    103k by any word and 238 by two)."""
    pairs = []
    for groups in per_variant:
        kept = list(dict.fromkeys(groups))[:PAIRED_GROUPS]
        pairs += [f"({a} {both} {b})" for a, b in itertools.combinations(kept, 2)]
    return f" {either} ".join(dict.fromkeys(pairs))


def match_expression(variants, operator):
    """An FTS5 MATCH string: tokens of a group AND-ed, groups joined by ``operator``, query
    variants (synonyms) OR-ed; a group shared by several variants is written once."""
    expressions = []
    for groups in variant_groups(variants):
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
    terms = title_terms(variants)
    return f"title : ({terms})" if terms else ""


# A title term held by more titles than this (条例, 规定, 人民 in a large corpus) does not help
# the title channel find a title and makes it rank tens of thousands of titles.
TITLE_COMMON = 5_000


def title_terms(variants, leave_out_common=False):
    """The title channel's terms OR-ed (for the title-only index or a ``title :`` filter);
    ``leave_out_common`` drops the terms of more than :data:`TITLE_COMMON` titles (then the
    channel may be empty)."""
    grams = title_grams(variants)
    if not grams:
        return ""
    # Latin tokens (pinyin while typing) match as prefixes.
    if leave_out_common:
        common = _common_title_terms([g for g in grams if not g.isascii()])
        grams = [g for g in grams if g not in common]
    terms = [_quote(g) + ("*" if g.isascii() else "") for g in grams]
    return " OR ".join(terms)


def title_grams(variants):
    """The title channel's terms: the bigrams of every variant (its words when it has none)."""
    grams = []
    for variant in variants:
        text = analysis.normalise(variant)
        grams += analysis.bigrams(text) or [w for w in analysis.segment(text, search_mode=False)]
    return list(dict.fromkeys(grams))


def _common_title_terms(grams):
    if not grams:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {TITLE_TABLE}_vocab WHERE term IN "  # noqa: S608
            f"({', '.join(['%s'] * len(grams))}) AND doc > %s",
            [*grams, TITLE_COMMON],
        )
        return {row[0] for row in cursor.fetchall()}


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
        JOIN {PAGE_TABLE} p ON p.id = CAST(e.object_id AS INTEGER)
        WHERE {fts_table} MATCH %s AND {_page_entries()} AND p.live = 1
    """


TITLE_TABLE = "search_title_fts"
FACET_TABLE = "search_facetentry"

# Beyond this many matches BM25 over the bodies costs more than the latency budget (it reads
# every occurrence of every match) and no longer tells documents apart: the words are in most
# of the corpus. A broad query ranks its body matches by the facet rows' prior instead (in
# force, newest); the title channel still ranks the titles that contain the words.
BROAD_MATCHES = 20_000


def facet_rows_current():
    """Whether every page index entry has its facet row (see :mod:`search.facet_index`) and no
    page has a view restriction (which the facet rows do not know about); catches up entries
    written without facet rows first."""
    from . import facet_index

    if restricted_paths():
        return False
    entry_table = upstream_index.index_entry_table()
    content_types = page_content_type_ids()

    def newest():
        # Entries get increasing ids and every write through the Chinese backend writes the
        # row in the same transaction: comparing the newest ids is enough to notice entries
        # written another way, in O(log n) instead of counting 100,000 rows per query.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT MAX(id) FROM {entry_table} WHERE content_type_id IN "  # noqa: S608
                f"({', '.join(str(pk) for pk in content_types)})), "
                f"(SELECT MAX(entry_id) FROM {FACET_TABLE})"
            )
            return cursor.fetchone()

    entries, rows = newest()
    if entries != rows:
        facet_index.catch_up(content_types)
        entries, rows = newest()
    return entries == rows


def _key_restriction(key_ids):
    if key_ids is None:
        return ""
    return f" AND f.key_id IN ({', '.join(str(int(pk)) for pk in key_ids) or 'NULL'})"


def facet_counts(match, key_ids=None):
    """(facet key id, number of live matching pages) for an FTS5 ``match``, optionally only
    for the keys ``key_ids`` (the filters): one grouped statement over the FTS rowids."""
    _entry_table, fts_table = _tables()
    sql = (
        f"SELECT f.key_id, COUNT(*) FROM {fts_table} JOIN {FACET_TABLE} f "  # noqa: S608
        f"ON f.entry_id = {fts_table}.rowid WHERE {fts_table} MATCH %s AND f.live = 1"
        f"{_key_restriction(key_ids)} GROUP BY f.key_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match])
        return cursor.fetchall()


def page_facet_counts(page_ids):
    """(facet key id, number of pages) of the live pages ``page_ids``, from their facet rows."""
    ids = ", ".join(str(int(pk)) for pk in page_ids) or "NULL"
    sql = (
        f"SELECT key_id, COUNT(DISTINCT page_id) FROM {FACET_TABLE} "  # noqa: S608
        f"WHERE page_id IN ({ids}) AND live = TRUE GROUP BY key_id"  # TRUE: PostgreSQL too
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def ranked_page_ids(match, limit, key_ids=None, broad=False):
    """(page id, score) of the best ``limit`` live pages for ``match`` by BM25 (lower is
    better), through the facet rows; a ``broad`` match is ordered by the prior instead."""
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    _entry_table, fts_table = _tables()
    restriction = _key_restriction(key_ids)
    if broad:
        sql = (
            f"SELECT f.page_id, -f.prior FROM {fts_table} JOIN {FACET_TABLE} f "  # noqa: S608
            f"ON f.entry_id = {fts_table}.rowid WHERE {fts_table} MATCH %s AND f.live = 1"
            f"{restriction} ORDER BY f.prior DESC LIMIT %s"
        )
        params = [match, limit]
    elif key_ids is None:
        # Rank inside FTS5 first (its ORDER BY … LIMIT needs no join), then keep live pages;
        # fetch extra to make up for drafts and other indexed models.
        sql = (
            f"SELECT f.page_id, s.score FROM (SELECT rowid, bm25({fts_table}, {weights}) AS score "  # noqa: S608
            f"FROM {fts_table} WHERE {fts_table} MATCH %s ORDER BY score LIMIT %s) s "
            f"JOIN {FACET_TABLE} f ON f.entry_id = s.rowid WHERE f.live = 1 "
            f"ORDER BY s.score LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, limit * 2 + 50, limit])
            rows = cursor.fetchall()
        if len(rows) == limit or len(rows) < limit and _few_matches(match, limit * 2 + 50):
            return rows
        return _ranked_join(match, limit, "")
    else:
        return _ranked_join(match, limit, restriction)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ranked_join(match, limit, restriction):
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    _entry_table, fts_table = _tables()
    sql = (
        f"SELECT f.page_id, bm25({fts_table}, {weights}) AS score FROM {fts_table} "  # noqa: S608
        f"JOIN {FACET_TABLE} f ON f.entry_id = {fts_table}.rowid WHERE {fts_table} MATCH %s "
        f"AND f.live = 1{restriction} ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return cursor.fetchall()


def title_page_ids(expression, limit, key_ids=None):
    """(page id, BM25 score) of the best live pages whose title matches ``expression`` (an
    FTS5 expression over the title-only index, see :func:`title_terms`)."""
    sql = (
        f"SELECT f.page_id, bm25({TITLE_TABLE}) AS score FROM {TITLE_TABLE} "  # noqa: S608
        f"JOIN {FACET_TABLE} f ON f.entry_id = {TITLE_TABLE}.rowid WHERE {TITLE_TABLE} MATCH %s "
        f"AND f.live = 1{_key_restriction(key_ids)} ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, limit])
        return cursor.fetchall()


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
            f"JOIN {PAGE_TABLE} p ON p.id = CAST(e.object_id AS INTEGER) "
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
