"""PostgreSQL: modelsearch's query matches ``title || body``; an expression index serves it
(search/migrations/0005, issue #21 item 3), so a search does not read every index entry."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from disclosure.upstream import modelsearch as upstream_modelsearch
from search import postgres_fts, service
from tests.factories import article, column, organisation

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def explain(sql, params=()):
    with connection.cursor() as cursor:
        # A handful of test rows would be read sequentially anyway: ask whether the index can
        # serve the expression at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_search_query_matches_the_indexed_expression():
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    article(notices, title="关于春节放假的通知", body="<p>放假安排。</p>")
    backend = get_search_backend()
    results = backend.search("市场", Page.objects.live())
    compiler = results.query_compiler
    sql, _params = compiler.search(compiler.get_config(backend), 0, None).query.sql_with_params()
    entries = '"wagtailsearch_indexentry"'
    assert f'({entries}."title" || {entries}."body") @@' in sql
    plan = explain(
        "SELECT COUNT(*) FROM wagtailsearch_indexentry WHERE (title || body) @@ %s::tsquery",
        ["市场"],
    )
    assert "search_entry_title_body_gin" in plan
    assert [page.title for page in results] == ["市场监管动态"]


def scans():
    """(enable_seqscan, enable_indexscan)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')"
        )
        return cursor.fetchone()


def test_the_direct_path_holds_the_planner_to_the_indexes_for_its_statements_only():
    """search.postgres_fts.index_scans: a common word's count went through the table,
    detoasting every body (137 ms at 3.5k documents against 2 ms through the GIN index); the
    hint lasts for one search, also when it fails."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    seen = []
    real = postgres_fts.facet_counts
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            postgres_fts, "facet_counts", lambda *a, **k: seen.append(scans()) or real(*a, **k)
        )
        assert service.search("市场").count == 1
    assert seen and set(seen) == {("off", "on")}
    assert scans() == ("on", "on")
    with pytest.raises(ZeroDivisionError), postgres_fts.index_scans():
        assert scans() == ("off", "on")
        raise ZeroDivisionError
    assert scans() == ("on", "on")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_hint_ends_with_a_search_in_a_transaction_of_its_own():
    """Outside a caller's transaction the search's own transaction ends the settings: nothing is
    set back (one round trip fewer a search), and what follows plans with the defaults again,
    after a failure too."""
    assert not connection.in_atomic_block
    before = jit()
    sent = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: sent.append(sql) or execute(sql, *args)
    ):
        with postgres_fts.index_scans():
            assert scans() == ("off", "on")
            assert jit() == "off"
    assert not [sql for sql in sent if "TO DEFAULT" in sql]
    assert scans() == ("on", "on")
    assert jit() == before
    with pytest.raises(ZeroDivisionError), postgres_fts.index_scans():
        raise ZeroDivisionError
    assert scans() == ("on", "on")


def test_a_match_statement_is_planned_without_plain_index_scans():
    """search.postgres_fts._fetch: for a typo's variants OR-ed (家用汽车产品修理更换退货责规定)
    the planner walked the primary key index, matching every entry in id order (47 ms over
    3.5k laws, against 1 ms through the GIN indexes' bitmaps). The statement alone: the rest
    of the search keeps its index scans (the newest entry's id is read backwards from one),
    and a failed statement leaves nothing set."""
    question = "SELECT current_setting('enable_indexscan')"
    with postgres_fts.index_scans():
        assert postgres_fts._fetch(question) == [("off",)]
        assert scans() == ("off", "on")
    with pytest.raises(DatabaseError), postgres_fts.index_scans():
        postgres_fts._fetch("SELECT 1 / 0")
    assert scans() == ("on", "on")


def jit():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit')")
        return cursor.fetchone()[0]


def test_no_statement_of_a_search_is_compiled_by_jit():
    """With sequential scans off, a statement on a table without a usable index (the default
    site, read for the ranking) is costed above ``jit_above_cost``: JIT compiled a one-row
    read in 33 ms, every search. JIT is off for the search's statements, as it was before."""
    before = jit()
    with postgres_fts.index_scans():
        assert jit() == "off"
    assert jit() == before


def test_candidates_within_some_pages_reach_their_entries_by_object_id():
    """The pages of the title channel that the main match also holds (service._title_only):
    joined to the pages by the cast id, the statement matched every entry of the page types
    first, detoasting their bodies (人民政府 over 3.5k laws: 63 ms); through a subquery of the
    pages, PostgreSQL re-ran the subquery for each matching entry (反不正当竞争法 at 103k: 280
    ms). It names the entries' object ids as a list."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    first = article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    second = article(notices, title="市场主体名录", body="<p>市场。</p>")
    article(notices, title="关于春节放假的通知", body="<p>放假安排。</p>")
    within = Page.objects.filter(pk__in=[first.pk, notices.pk])
    statements = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: (
            statements.append(sql) or execute(sql, params, many, context)
        )
    ):
        found = postgres_fts.candidates("'市场'", 10, within)
    assert [pk for pk, _score in found] == [first.pk]
    assert second.pk not in [pk for pk, _score in postgres_fts.candidates("'放假'", 10, within)]
    assert any("e.object_id = ANY(" in sql for sql in statements)
    assert not any("SELECT CAST(w.id AS TEXT)" in sql for sql in statements)
    assert postgres_fts.candidates("'市场'", 10, Page.objects.none()) == []


def test_the_common_title_terms_are_counted_in_one_statement(monkeypatch):
    """A question has a dozen title grams: a round trip each cost more than their counts."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场。</p>")
    article(notices, title="市场主体名录", body="<p>市场。</p>")
    article(notices, title="放假通知", body="<p>放假。</p>")
    analyse_entries()
    monkeypatch.setattr(postgres_fts, "TITLE_COMMON", 1)
    statements = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: (
            statements.append(sql) or execute(sql, params, many, context)
        )
    ):
        common = postgres_fts._common_title_terms(["市场", "放假", "名录"])
    assert common == {"市场"}
    assert len(statements) == 2  # the index's size, then the counts in one statement


def test_no_title_term_is_common_in_an_index_of_fewer_titles(monkeypatch):
    """An index of no more than ``TITLE_COMMON`` entries has no common gram: its size is read
    and nothing is counted."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场。</p>")
    article(notices, title="市场主体名录", body="<p>市场。</p>")
    analyse_entries()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry")
        entries = cursor.fetchone()[0]
    monkeypatch.setattr(postgres_fts, "TITLE_COMMON", entries + 1)
    statements = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: (
            statements.append(sql) or execute(sql, params, many, context)
        )
    ):
        assert postgres_fts._common_title_terms(["市场", "名录"]) == set()
    assert len(statements) == 1
    assert "COUNT(*) FROM (SELECT 1" not in statements[0]


def analyse_entries():
    """ANALYZE the index entries (this test's rows included): the size of the index a relaxed
    match reads is the planner's estimate, which an earlier test's rolled-back rows leave
    stale."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailsearch_indexentry")


def statements_of(call):
    """(what ``call`` returned, the statements it sent)."""
    sent = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: (
            sent.append(sql) or execute(sql, params, many, context)
        )
    ):
        return call(), sent


def test_a_match_statement_and_its_planner_setting_go_in_one_round_trip():
    """search.postgres_fts._fetch: the setting before a match statement and the setting back
    were a round trip each: a question's search sent 57 statements, 32 of them settings."""
    question = "SELECT current_setting('enable_indexscan')"
    with postgres_fts.index_scans():
        rows, sent = statements_of(lambda: postgres_fts._fetch(question))
        assert rows == [("off",)]
        assert scans() == ("off", "on")
    assert len(sent) == 1
    # Outside a search's transaction the three run as one implicit transaction: the setting
    # holds for the statement and ends with it.
    rows, sent = statements_of(lambda: postgres_fts._fetch(question))
    assert rows == [("off",)] and len(sent) == 1
    assert scans() == ("on", "on")


def test_with_parameters_bound_on_the_server_a_match_statement_goes_alone(monkeypatch):
    """A prepared statement holds one command: on a connection with ``server_side_binding``
    (``?server_side_binding=true`` in DATABASE_URL) the one-round-trip form failed every search;
    the setting and the statement go as three statements there, with the same result."""
    bound = connections.create_connection(DEFAULT_DB_ALIAS)
    bound.settings_dict = {
        **bound.settings_dict,
        "OPTIONS": {**bound.settings_dict["OPTIONS"], "server_side_binding": True},
    }
    monkeypatch.setattr(postgres_fts, "connection", bound)
    question = "SELECT current_setting('enable_indexscan'), %s::int"  # a parameter: prepared
    sent = []
    bound.set_autocommit(False)  # SET LOCAL holds within a transaction, as in a search's
    try:
        with bound.execute_wrapper(
            lambda execute, sql, params, many, context: (
                sent.append(sql) or execute(sql, params, many, context)
            )
        ):
            assert postgres_fts._fetch(question, [1]) == [("off", 1)]
    finally:
        bound.rollback()
        bound.close()
    assert len([sql for sql in sent if "enable_indexscan" in sql]) == 3


def test_a_relaxed_match_counts_its_groups_in_one_statement(monkeypatch):
    """search.postgres_fts.relaxed_expression: a question relaxed to any of its words counted
    the index and then each group, a round trip each (seven groups: 22 statements)."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    for n in range(4):
        article(notices, title=f"市场监管动态{n}", body="<p>市场主体登记。</p>")
    article(notices, title="放假通知", body="<p>放假安排。</p>")
    analyse_entries()
    monkeypatch.setattr(postgres_fts, "COMMON_WORD_SHARE", 0.5)
    expression, sent = statements_of(lambda: postgres_fts.relaxed_expression(["市场 放假 登记"]))
    assert len(sent) == 1
    assert "'市场'" not in expression  # in 4 of the 6 entries: common, left out
    assert "'放假'" in expression
    assert postgres_fts.document_frequencies(["'放假'", "'市场'"]) == (6, [1, 4])


def test_a_relaxed_match_reads_the_size_of_the_index_from_the_planner_statistics():
    """Counting the entries to tell a common word cost 6 ms at 103k entries, 72 ms under the
    match statements' planner setting: once the table has been analysed the planner's estimate
    serves (a share of it is all the count is for), and the count is never run."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    analyse_entries()
    table = connection.ops.quote_name(upstream_modelsearch.index_entry_table())
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT {postgres_fts.index_size_sql()}",
            [table],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry")
        (entries,) = cursor.fetchone()
    assert "(never executed)" in plan  # the count's subplan
    assert postgres_fts.document_frequencies(["'市场'"]) == (entries, [1])


def test_a_title_ranks_by_its_own_length_not_by_when_it_was_written():
    """modelsearch's ``title_norm`` is the average title length when the entry was written over
    the title's: a law written among short titles kept a third of the norm of a record of the
    same length written later among long ones (103k: 中华人民共和国反不正当竞争法 157th for
    反不正当竞挣法). The direct path scales a title's rank by its own length only."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    law = article(notices, title="中华人民共和国反不正当竞争法")
    for year in range(2001, 2021):
        article(notices, title=f"示范市人民政府办公室关于做好{year}年反不正当竞争执法工作的通知")
    rules = article(notices, title="示范市反不正当竞争执法若干规定")
    title_match = postgres_fts.title_expression(["反不正当竞挣法"])
    ranked = [pk for pk, _score in postgres_fts.candidates(title_match, 25)]
    assert ranked.index(law.pk) < ranked.index(rules.pk)


def test_a_rebuild_leaves_current_planner_statistics_of_the_index():
    """The relaxed match reads the size of the index from the planner's statistics
    (postgres_fts.index_size_sql): a rebuild analyses the entries it wrote."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    for number in range(3):
        article(notices, title=f"关于第{number}批检查结果的通知")
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'wagtailsearch_indexentry'::regclass"
        )
        planned = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry")
        assert planned == cursor.fetchone()[0]


def _title_channel(monkeypatch, best_titles, limit):
    """(pages the title channel finds for 市场, the joined statement's, statements run)."""
    monkeypatch.setattr(postgres_fts, "BEST_TITLES", best_titles)
    statements = []
    with (
        postgres_fts.index_scans(),
        connection.execute_wrapper(
            lambda execute, sql, params, many, context: (
                statements.append(sql) or execute(sql, params, many, context)
            )
        ),
    ):
        found = postgres_fts.title_page_ids("'市场'", limit)
    with postgres_fts.index_scans():
        joined = postgres_fts.ranked_page_ids("title:'市场'", limit)
    return found, joined, [s for s in statements if "best" in s or "ts_rank" in s]


def test_the_title_channel_ranks_titles_before_joining_them_and_answers_the_same(monkeypatch):
    """Ranked first, joined to the facet rows after: the same pages in the same order as the
    statement that joins first, which answers whenever the best titles kept may not hold the
    answer (a page not live among them, a tie with the worst one kept)."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    draft = article(notices, title="市场", body="<p>市场。</p>")
    draft.unpublish()
    article(notices, title="市场监管", body="<p>市场。</p>")
    article(notices, title="市场主体名录", body="<p>市场。</p>")
    article(notices, title="市场主体年度报告", body="<p>市场。</p>")
    article(notices, title="市场监督管理局关于开展检查的通知", body="<p>市场。</p>")

    found, joined, statements = _title_channel(monkeypatch, best_titles=2, limit=2)
    assert found == joined and len(found) == 2
    assert len(statements) == 1 and "WITH best" in statements[0]  # four kept, three live

    found, joined, statements = _title_channel(monkeypatch, best_titles=1, limit=2)
    assert found == joined and len(found) == 2
    assert len(statements) == 2  # two kept, the draft among them: joined first instead

    found, joined, statements = _title_channel(monkeypatch, best_titles=10, limit=10)
    assert found == joined and len(found) == 4  # fewer than kept: every title was ranked


def test_a_tie_with_the_worst_title_kept_is_answered_by_the_joined_statement(monkeypatch):
    organisation()
    notices = column(title="通知公告", slug="notices")
    for title in ("市场甲乙", "市场丙丁", "市场戊己"):
        article(notices, title=title, body="<p>市场。</p>")
    found, joined, statements = _title_channel(monkeypatch, best_titles=2, limit=1)
    assert found == joined and len(found) == 1
    assert len(statements) == 2
