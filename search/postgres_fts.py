"""The direct path of :mod:`search.fts` on PostgreSQL (issue #21 item 3).

modelsearch's PostgreSQL query ranks every match with ``ts_rank`` over the title and body
vectors through the ORM (half a second to two seconds a search over the 3.5k corpus). This
module answers the same calls as :mod:`search.fts` (same names, same signatures) with direct
statements over modelsearch's index entries (``title`` and ``body`` tsvector columns with their
GIN indexes, docs/database.md) joined to the facet rows of :mod:`search.facet_index`, which the
Chinese PostgreSQL index writes as the SQLite one does. Expressions are tsquery text: tokens of
a group ``&``-ed, groups ``|``-ed, a one-character word a prefix (``'x':*``).
"""

from contextlib import contextmanager

import psycopg
from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from disclosure.upstream import modelsearch as upstream_index
from disclosure.upstream.wagtail import PAGE_TABLE

from . import fts

CHINESE_DATABASE_BACKENDS = {"search.backends.database", "search.backends.postgres"}
FACET_TABLE = fts.FACET_TABLE
COMMON_WORD_SHARE = fts.COMMON_WORD_SHARE
TITLE_COMMON = fts.TITLE_COMMON
# ts_rank reads each matching body vector whole (TOAST): beyond this many matches the body
# matches are ordered by the facet rows' prior and the title channel ranks the titles.
BROAD_MATCHES = 1_500
# The title's rank counts this many times a body's (fts.WEIGHT_OF_COLUMN).
TITLE_WEIGHT = fts.WEIGHT_OF_COLUMN["title"]
# A title's rank is scaled by this many lexemes over its own number (a short title that holds
# the words ranks above a long one). modelsearch's ``title_norm`` (the average title length
# over this title's, computed when the entry was written and never again) is not used: at 103k
# documents the laws, written first among short titles, had a third of the norm of the
# generated records of the same length written later among long ones, and the title channel
# ranked 中华人民共和国反不正当竞争法 157th for 反不正当竞挣法. 26 is the average number of lexemes of a
# title vector of the 3.5k corpus, so its ranks keep their scale.
TITLE_LEXEMES = 26
# The title channel without filters keeps this many times the titles it needs before joining
# them to their facet rows (:func:`_best_titles_first`): an entry of a page not live is rare.
BEST_TITLES = 2


def available():
    """The portal's search uses this module: PostgreSQL with the Chinese database backend as
    the default."""
    return fts.chinese_database_is_default("postgresql")


def index_available():
    """The index is kept current (as the default or beside an engine)."""
    return fts.chinese_database_is_configured("postgresql")


def _entries():
    return upstream_index.index_entry_table()


@contextmanager
def index_scans():
    """Hold the planner to the GIN indexes for the statements of one search. It costs a
    tsvector match as cheap and so scans the whole table for a common word, detoasting every
    body on the way (a count of 处罚 over the 3.5k corpus: 137 ms, against 2 ms through the
    index). ``SET LOCAL`` in a transaction (a savepoint within the caller's), set back at the
    end, and undone with the savepoint if a statement fails; tables without a usable index are
    still scanned (the setting only makes a scan look expensive) — and so a statement on
    such a table (the default site, read by the ranking) was costed above ``jit_above_cost``
    and compiled by JIT: 33 ms for a one-row table. JIT is off for the same statements (it
    pays off for long analytical queries, not for a search's short ones). In a transaction of
    its own (the search's, not a caller's) the settings end with it: nothing is set back."""
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        # Two settings, one round trip (no parameters: the statements go as one simple query).
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
        yield
        if not outermost:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL jit TO DEFAULT")


def _fetch(sql, params=()):
    """The rows of a match statement, planned without plain index scans: for a query of many
    words (a typo's variants OR-ed) the planner walked the primary key index instead of the
    GIN indexes, matching every entry in id order (47 ms over the 3.5k corpus, against 1 ms
    through the GIN indexes' bitmaps). Only for these statements: others need their index
    scans (the newest entry's id, :func:`search.fts.facet_rows_current`, is read backwards
    from an index). ``SET LOCAL``: within the transaction of :func:`index_scans`, whose
    savepoint undoes it if the statement fails. The setting, the statement and the setting back
    go in one round trip (a question's search sent two dozen of these settings on their own)
    when Django's cursor binds parameters on the client (its default): one simple query holds
    all three."""
    with connection.cursor() as cursor:
        if isinstance(cursor.cursor, psycopg.ClientCursor):
            cursor.execute(
                f"SET LOCAL enable_indexscan = off; {sql}; SET LOCAL enable_indexscan TO DEFAULT",
                params,
            )
            cursor.nextset()
            return cursor.fetchall()
        # Parameters bound on the server (OPTIONS server_side_binding): a prepared statement
        # holds one command only.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")
        return rows


def _lexeme(token):
    """A tsquery lexeme; a trailing ``*`` (a one-character word) is the prefix operator."""
    prefix = token.endswith("*") and len(token) > 1
    token = token[:-1] if prefix else token
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def _group(group):
    return "(" + " & ".join(_lexeme(t) for t in group) + ")"


def document_frequencies(expressions):
    """(entries in the index, entries matching each of ``expressions``): one statement (a
    question's relaxed match counted a dozen groups, a round trip each); the entries in the
    index as :func:`index_size_sql` estimates them."""
    count = f"(SELECT COUNT(*) FROM {_entries()} e WHERE {_matches('e')})"  # noqa: S608
    sql = f"SELECT {index_size_sql()}" + f", {count}" * len(expressions)
    params = [connection.ops.quote_name(_entries())]
    for expression in expressions:
        params += [expression, expression]
    row = _fetch(sql, params)
    return row[0][0], list(row[0][1:])


def index_size_sql():
    """An expression of the number of index entries (one ``%s``: the quoted table name), as
    the planner estimates a table's rows: the rows a page at the last ANALYZE (autovacuum's
    or a rebuild's) times the pages now; counted in a table never analysed or analysed empty.
    A share of it is all it is for (a word in more is common); counting cost 6 ms at 103k
    entries, 72 ms under the match statements' planner setting."""
    return (
        "(SELECT CASE WHEN c.reltuples >= 0 AND c.relpages > 0 THEN (c.reltuples / c.relpages "
        "* (pg_relation_size(c.oid) / current_setting('block_size')::int))::bigint "
        f"ELSE (SELECT COUNT(*) FROM {_entries()}) END FROM pg_class c "  # noqa: S608
        "WHERE c.oid = %s::regclass)"
    )


def relaxed_groups(variants):
    """As :func:`search.fts.relaxed_groups`, in tsquery text; the groups counted in one
    statement."""
    per_variant = [[_group(g) for g in groups] for groups in fts.variant_groups(variants)]
    distinct = list(dict.fromkeys(g for groups in per_variant for g in groups))
    if len(distinct) > 1:
        size, frequencies = document_frequencies(distinct)
        counted = dict(zip(distinct, frequencies, strict=True))
        kept = set(fts.kept_groups(counted, size, COMMON_WORD_SHARE))
        per_variant = [[g for g in groups if g in kept] for groups in per_variant]
    return per_variant


def relaxed_expression(variants):
    """As :func:`search.fts.relaxed_expression`, in tsquery text."""
    return any_group(relaxed_groups(variants))


def any_group(per_variant):
    return fts.any_group(per_variant, operator="|")


def two_groups(per_variant):
    return fts.two_groups(per_variant, both="&", either="|")


def match_expression(variants, operator):
    """As :func:`search.fts.match_expression`, in tsquery text."""
    expressions = [[_group(g) for g in groups] for groups in fts.variant_groups(variants) if groups]
    if operator == "or":
        return " | ".join(dict.fromkeys(g for groups in expressions for g in groups))
    joined = ["(" + " & ".join(dict.fromkeys(groups)) + ")" for groups in expressions]
    return " | ".join(dict.fromkeys(joined))


def title_terms(variants, leave_out_common=False):
    """The title channel's terms OR-ed, in tsquery text (Latin ones as prefixes)."""
    grams = fts.title_grams(variants)
    if leave_out_common:
        common = _common_title_terms([g for g in grams if not g.isascii()])
        grams = [g for g in grams if g not in common]
    return " | ".join(_lexeme(g) + (":*" if g.isascii() else "") for g in grams)


def title_expression(variants):
    """The title channel as a match of :func:`candidates` (title vector only)."""
    terms = title_terms(variants)
    return f"title:{terms}" if terms else ""


title_grams = fts.title_grams


def _common_title_terms(grams):
    """The grams in more than ``TITLE_COMMON`` titles: one statement, a bounded count per gram
    (a round trip each cost more than the counts: a question has a dozen grams). Not counted
    when the index holds no more than ``TITLE_COMMON`` entries (as :func:`index_size_sql`
    estimates them): no gram can be common then, and a dozen counts of a few thousand titles
    each cost 5–8 ms a question at 3.5k documents, the estimate and the check 0.4–0.7 ms."""
    if not grams:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {index_size_sql()}", [connection.ops.quote_name(_entries())])
        if cursor.fetchone()[0] <= TITLE_COMMON:
            return set()
    count = (
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {_entries()} WHERE title @@ %s::tsquery "  # noqa: S608
        "LIMIT %s) s)"
    )
    params = []
    for gram in grams:
        params += [_lexeme(gram), TITLE_COMMON + 1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([count] * len(grams)), params)
        counts = cursor.fetchone()
    return {gram for gram, n in zip(grams, counts, strict=True) if n > TITLE_COMMON}


def _split(match):
    """(tsquery text, title only) of a match."""
    if match.startswith("title:"):
        return match[len("title:") :], True
    return match, False


def _matches(alias, title_only=False):
    """The match condition on entries ``alias`` (two ``%s`` parameters, one unless title only)."""
    if title_only:
        return f"{alias}.title @@ %s::tsquery"
    return f"({alias}.title @@ %s::tsquery OR {alias}.body @@ %s::tsquery)"


def _params(match):
    text, title_only = _split(match)
    return [text] if title_only else [text, text]


def _rank(alias, title_only=False):
    """ts_rank of the title (scaled by its length, :data:`TITLE_LEXEMES`) and body, higher is
    better; one or two ``%s`` parameters."""
    title = (
        f"ts_rank({alias}.title, %s::tsquery) * {TITLE_LEXEMES * TITLE_WEIGHT}"
        f" / GREATEST(length({alias}.title), 1)"
    )
    if title_only:
        return title
    return f"({title} + ts_rank({alias}.body, %s::tsquery))"


facet_rows_current = fts.facet_rows_current
page_content_type_ids = fts.page_content_type_ids
_key_restriction = fts._key_restriction


page_facet_counts = fts.page_facet_counts


def facet_counts(match, key_ids=None):
    """(facet key id, number of live matching pages): one grouped statement."""
    text, title_only = _split(match)
    sql = (
        f"SELECT f.key_id, COUNT(*) FROM {_entries()} e JOIN {FACET_TABLE} f "  # noqa: S608
        f"ON f.entry_id = e.id WHERE {_matches('e', title_only)} AND f.live"
        f"{_key_restriction(key_ids)} GROUP BY f.key_id"
    )
    return _fetch(sql, _params(match))


def ranked_page_ids(match, limit, key_ids=None, broad=False):
    """(page id, score) of the best ``limit`` live pages, best first (the score is negated so
    that lower is better, as BM25's in :mod:`search.fts`); a ``broad`` match in prior order."""
    text, title_only = _split(match)
    restriction = _key_restriction(key_ids)
    if broad:
        sql = (
            f"SELECT f.page_id, -f.prior FROM {_entries()} e JOIN {FACET_TABLE} f "  # noqa: S608
            f"ON f.entry_id = e.id WHERE {_matches('e', title_only)} AND f.live{restriction} "
            "ORDER BY f.prior DESC, f.page_id LIMIT %s"
        )
        params = [*_params(match), limit]
    else:
        rank = _rank("e", title_only)
        sql = (
            f"SELECT f.page_id, -{rank} AS score FROM {_entries()} e JOIN {FACET_TABLE} f "  # noqa: S608
            f"ON f.entry_id = e.id WHERE {_matches('e', title_only)} AND f.live{restriction} "
            "ORDER BY score, f.page_id LIMIT %s"
        )
        params = [*_params(match), *_params(match), limit]
    return _fetch(sql, params)


def _best_titles_first(expression, limit):
    """:func:`title_page_ids` without filters, the titles ranked before they are joined to their
    facet rows: the best ``BEST_TITLES`` × ``limit`` entries, then those of live pages among
    them. Joined first, every matching title looked its facet row up (2,300 titles at 3.5k for
    a law's name cut into bigrams: 19 ms, against 11; the title channel 3.8–4.1 → 2.9–3.3 ms a
    search over the judged queries). ``None`` when that set may not hold the answer — it was
    full, and fewer than ``limit`` of its pages are live or the last one ties with the worst
    entry kept (then the statement that joins first answers)."""
    wanted = BEST_TITLES * limit
    sql = (
        f"WITH best AS MATERIALIZED (SELECT e.id, -{_rank('e', True)} AS score "  # noqa: S608
        f"FROM {_entries()} e WHERE {_matches('e', True)} ORDER BY score LIMIT %s) "
        f"(SELECT f.page_id, best.score FROM best JOIN {FACET_TABLE} f ON f.entry_id = best.id "
        "WHERE f.live ORDER BY best.score, f.page_id LIMIT %s) "
        "UNION ALL SELECT NULL, MAX(score) FROM best HAVING COUNT(*) = %s"
    )
    rows = _fetch(sql, [expression, expression, wanted, limit, wanted])
    found = [(page_id, score) for page_id, score in rows if page_id is not None]
    full = len(found) < len(rows)  # the row of the worst entry kept: the set was full
    if full and (len(found) < limit or found[-1][1] >= rows[-1][1]):
        return None
    return found


def title_page_ids(expression, limit, key_ids=None):
    """(page id, score) of the best live pages whose title matches ``expression``
    (:func:`title_terms`)."""
    if not expression:
        return []
    if key_ids is None:
        found = _best_titles_first(expression, limit)
        if found is not None:
            return found
    return ranked_page_ids("title:" + expression, limit, key_ids)


def _page_entries():
    return f"e.content_type_id IN ({', '.join(str(pk) for pk in page_content_type_ids())})"


def candidates(match, limit, within=None):
    """(page id, score) of the best ``limit`` live pages through the page table (without facet
    rows); ``within`` an optional queryset of pages."""
    text, title_only = _split(match)
    params = []
    restriction = ""
    if within is not None:
        # The entries of these pages named by their object ids, a list (an array parameter):
        # joined by the cast id, the planner matched every entry of the page types first,
        # detoasting their bodies (人民政府 at 3.5k: 63 ms); through a subquery of the pages it
        # re-ran the subquery for every matching entry (反不正当竞争法 at 103k: 280 ms).
        ids = [str(pk) for pk in within.order_by().values_list("id", flat=True)]
        if not ids:
            return []
        params = [ids]
        restriction = " AND e.object_id = ANY(%s)"
    sql = (
        f"SELECT p.id, -{_rank('e', title_only)} AS score FROM {_entries()} e "  # noqa: S608
        f"JOIN {PAGE_TABLE} p ON p.id = CAST(e.object_id AS INTEGER) "
        f"WHERE {_matches('e', title_only)} AND {_page_entries()} AND p.live{restriction} "
        "ORDER BY score, p.id LIMIT %s"
    )
    return _fetch(sql, [*_params(match), *_params(match), *params, limit])


def matching_page_ids(match):
    """A subquery of the ids of the pages whose index entry matches."""
    text, title_only = _split(match)
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) FROM {_entries()} e "  # noqa: S608
        f"WHERE {_matches('e', title_only)} AND {_page_entries()}"
    )
    return RawSQL(sql, _params(match))
