"""The Chinese OpenSearch backend against a real node (see conftest.py for how to run it)."""

import logging
import socket
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from modelsearch.backends import get_search_backend
from modelsearch.index import SearchField
from modelsearch.query import Phrase, PlainText
from opensearchpy.exceptions import TransportError

from disclosure.publishing.models import ArticlePage
from search import analysis, service
from search.backends.engine import search_with_fallback
from search.backends.opensearch import ChineseOpenSearch2SearchBackend, scroll_context_lost
from tests.factories import article, column, organisation
from tests.search.engine_support import drop_index

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

TITLE = "六盘水市市场监督管理局关于开展双随机抽查的通知"


@pytest.fixture
def notices(engine):
    organisation()
    return column(title="通知公告", slug="notices")


def titles(query, backend="default", **kwargs):
    get_search_backend(backend).refresh_indexes()
    results = ArticlePage.objects.live().search(query, backend=backend, **kwargs)
    return {page.title for page in results}


def ranked(query, **kwargs):
    get_search_backend("default").refresh_indexes()
    return [page.title for page in ArticlePage.objects.live().search(query, **kwargs)]


def page_index(backend):
    return backend.get_index_for_model(ArticlePage)


def document_field(backend, name):
    """The name in the engine's documents of ArticlePage's search field ``name``."""
    mapping = backend.mapping_class(ArticlePage)
    (field,) = [
        f
        for f in ArticlePage.get_searchable_search_fields()
        if f.field_name == name and type(f) is SearchField
    ]
    return mapping.get_field_column_name(field)


def test_the_default_backend_is_the_chinese_opensearch_backend(engine):
    assert isinstance(engine, ChineseOpenSearch2SearchBackend)
    prefix = settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
    assert page_index(engine).name == f"{prefix}wagtailcore_page"
    assert settings.WAGTAILSEARCH_BACKENDS["database"]["BACKEND"] == "search.backends.database"


def test_documents_hold_the_analysed_tokens(engine, notices):
    page = article(
        notices, title=TITLE, document_number="黔府办函〔2020〕23号", body="<p>市场监管</p>"
    )
    index = page_index(engine)
    source = engine.es.get(index=index.name, id=str(page.pk))["_source"]
    assert source["title"] == analysis.title_index_text(TITLE)
    assert source["title_edgengrams"] == analysis.title_index_text(TITLE)
    assert "黔府办函2020n23号" in source[document_field(engine, "document_number")].split()
    body = source[document_field(engine, "body")]
    body = " ".join(body) if isinstance(body, list) else body
    assert "市场" in body.split()
    analysed = engine.es.indices.analyze(
        index=index.name, body={"field": "_all_text", "text": "六盘水市 Market 黔府办函2020n23号"}
    )
    assert [t["token"] for t in analysed["tokens"]] == ["六盘水市", "market", "黔府办函2020n23号"]


def test_word_inside_an_unbroken_run_of_chinese(notices):
    article(notices, title=TITLE)
    article(notices, title="关于春节放假的通知")
    assert titles("市场") == {TITLE}
    assert titles("双随机") == {TITLE}
    assert titles("放假") == {"关于春节放假的通知"}
    assert titles("监督管理局") == {TITLE}


def test_traditional_characters_find_simplified_text(notices):
    article(notices, title="关于消费者权益保护的公告")
    assert titles("消費者權益") == {"关于消费者权益保护的公告"}
    assert titles("ＡＢＣ消費者") == set()


def test_document_number_in_any_bracket_spelling(notices):
    article(notices, title="关于印发实施方案的通知", document_number="黔府办函〔2020〕23号")
    article(notices, title="关于印发另一方案的通知", document_number="黔府办函〔2020〕24号")
    for spelling in (
        "黔府办函〔2020〕23号",
        "黔府办函[2020]23号",
        "黔府办函(2020)23号",
        "黔府办函（2020）23号",
    ):
        assert titles(spelling) == {"关于印发实施方案的通知"}, spelling


def test_pinyin_and_initials_of_a_title(notices):
    article(notices, title="食品安全抽检结果公告")
    assert titles("shipinanquan") == {"食品安全抽检结果公告"}
    assert titles("spaqcjjggg") == {"食品安全抽检结果公告"}
    assert titles("SPAQCJJGGG") == {"食品安全抽检结果公告"}


def test_and_requires_every_word_or_ranks_by_matches(notices):
    article(notices, title="中华人民共和国食品安全法实施细则")
    article(notices, title="食品安全抽检不存在问题的说明")
    assert titles("食品安全 实施细则") == {"中华人民共和国食品安全法实施细则"}
    assert titles("食品安全 实施细则", operator="and") == {"中华人民共和国食品安全法实施细则"}
    assert titles(PlainText("食品安全 不存在的词 细则")) == set()
    both = ranked(PlainText("实施细则 食品安全 抽检", operator="or"))
    assert set(both) == {"中华人民共和国食品安全法实施细则", "食品安全抽检不存在问题的说明"}
    assert (
        ranked(PlainText("不存在 抽检 食品安全", operator="or"))[0]
        == "食品安全抽检不存在问题的说明"
    )


def test_phrase_and_combined_queries(notices):
    article(notices, title=TITLE)
    article(notices, title="关于春节放假的通知")
    assert titles(Phrase("市场监督")) == {TITLE}
    assert titles(PlainText("放假") | PlainText("双随机")) == {TITLE, "关于春节放假的通知"}
    assert titles(PlainText("通知") & ~PlainText("放假")) == {TITLE}


def test_autocomplete_on_token_prefixes(notices):
    article(notices, title=TITLE)
    article(notices, title="食品安全抽检结果公告")
    get_search_backend().refresh_indexes()
    live = ArticlePage.objects.live()
    assert {p.title for p in live.autocomplete("市场监")} == {TITLE}
    assert {p.title for p in live.autocomplete("shipin")} == {"食品安全抽检结果公告"}


def test_unpublished_and_deleted_pages_leave_the_results(notices):
    page = article(notices, title="市场监管动态")
    other = article(notices, title="市场监管公告")
    assert titles("市场监管") == {"市场监管动态", "市场监管公告"}
    page.unpublish()
    assert titles("市场监管") == {"市场监管公告"}
    other.delete()
    assert titles("市场监管") == set()
    get_search_backend().refresh_indexes()
    assert ArticlePage.objects.search("市场监管").count() == 1  # the draft, still indexed


def test_portal_search_service_through_the_engine(notices, settings):
    for n in range(3):
        article(notices, title=f"关于黔府办函〔2020〕23号文件的第{n}次说明")
    target = article(notices, title="实施方案", document_number="黔府办函〔2020〕23号")
    get_search_backend().refresh_indexes()
    outcome = service.search("黔府办函[2020]23号")
    assert outcome.count == 4
    assert outcome.results[0].pk == target.pk
    by_date = service.search("黔府办函[2020]23号", sort="date")
    assert {p.pk for p in by_date.results} == {p.pk for p in outcome.results}
    relaxed = service.search("黔府办函[2020]23号 不存在")
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["database"]}
    embedded = service.search("黔府办函[2020]23号 不存在")
    assert relaxed.relaxed and embedded.relaxed
    assert relaxed.count == embedded.count
    assert {p.pk for p in relaxed.results} == {p.pk for p in embedded.results}


def test_update_index_rebuilds_atomically_behind_an_alias(engine, notices):
    article(notices, title=TITLE)
    index = page_index(engine)
    empty_docs = {"query": {"match_all": {}}}
    engine.es.delete_by_query(index=index.name, body=empty_docs, refresh=True)
    assert titles("市场") == set()

    call_command("update_index", backend_name="default", verbosity=0)
    assert index.is_alias()
    first = [i.name for i in index.aliased_indices()]
    assert len(first) == 1 and first[0].startswith(f"{index.name}_")
    assert titles("市场") == {TITLE}

    call_command("update_index", backend_name="default", verbosity=0)
    second = [i.name for i in index.aliased_indices()]
    assert len(second) == 1 and second != first
    assert not engine.es.indices.exists(index=first[0])
    assert titles("市场") == {TITLE}
    settings_ = engine.es.indices.get_settings(index=second[0])[second[0]]["settings"]
    assert settings_["index"]["analysis"]["analyzer"]["default"]["tokenizer"] == "whitespace"


def test_a_missing_index_is_created_with_the_chinese_mapping(engine, notices):
    index = page_index(engine)
    drop_index(index)
    assert not index.exists()
    article(notices, title=TITLE)
    assert index.exists()
    settings_ = engine.es.indices.get_settings(index=index.name)[index.name]["settings"]
    assert settings_["index"]["analysis"]["analyzer"]["default"]["tokenizer"] == "whitespace"
    assert titles("市场") == {TITLE}


def test_the_database_index_is_kept_beside_the_engine(notices):
    article(notices, title=TITLE)
    assert titles("市场", backend="database") == {TITLE}
    assert titles("市场") == {TITLE}


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_search_falls_back_to_the_database_when_the_engine_is_unreachable(
    engine, notices, settings, caplog
):
    article(notices, title=TITLE)
    article(notices, title="关于春节放假的通知")
    engine.refresh_indexes()
    live = ArticlePage.objects.live()

    results, used_fallback = search_with_fallback(live, "市场")
    assert not used_fallback
    assert {p.title for p in results} == {TITLE}

    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "broken": {
            "BACKEND": "search.backends.opensearch",
            "URLS": [closed_port_url()],
            "INDEX_PREFIX": "broken_",
            "TIMEOUT": 2,
            "AUTO_UPDATE": False,
        },
    }
    with caplog.at_level(logging.WARNING, logger="disclosure.search"):
        results, used_fallback = search_with_fallback(live, "市场", backend="broken")
        assert used_fallback
        assert results.count() == 1
        assert {p.title for p in results} == {TITLE}
        # Within RETRY_AFTER the engine is not asked again.
        results, used_fallback = search_with_fallback(live, "放假", backend="broken")
        assert used_fallback
        assert {p.title for p in results} == {"关于春节放假的通知"}
    warnings = [r for r in caplog.records if r.name == "disclosure.search"]
    assert len(warnings) == 1
    assert "'broken' failed (ConnectionError" in warnings[0].getMessage()

    # Without a fallback backend, errors are not hidden.
    with pytest.raises(Exception, match="Connection"):
        search_with_fallback(live, "市场", backend="broken", fallback="missing")[0].count()


def test_the_title_channel_finds_a_title_despite_a_typo_on_the_engine(engine, notices):
    """The engine path has the embedded default's title channel: 药品管里法 (a typo for 管理)
    matches no document with every word, but the title's bigrams find it."""
    article(notices, title="药品管理办法实施细则", body="<p>药品生产经营。</p>")
    article(notices, title="医疗器械监督管理条例", body="<p>医疗器械。</p>")
    get_search_backend("default").refresh_indexes()
    outcome = service.search("药品管里办法")
    assert outcome.results
    assert outcome.results[0].title == "药品管理办法实施细则"


def test_suggestions_are_the_same_through_the_engine_as_on_the_embedded_default(
    engine, notices, settings
):
    """Issue #21 item 7: the search box suggests the same titles, in the same order, whatever
    the backend (the title channel over the database index kept beside the engine)."""
    for title in (
        "中华人民共和国反垄断法",
        "反垄断执法工作动态",
        "食品安全抽检公告",
        "药品管理办法",
    ):
        article(notices, title=title)
    engine.refresh_indexes()
    queries = ("反垄", "fanlong", "食品安全", "药品管里", "市场")
    through_engine = {q: [p.title for p in service.suggest(q)] for q in queries}
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["database"]}
    embedded = {q: [p.title for p in service.suggest(q)] for q in queries}
    assert through_engine == embedded
    assert through_engine["反垄"][:2] == ["反垄断执法工作动态", "中华人民共和国反垄断法"]
    assert through_engine["药品管里"] == ["药品管理办法"]


def test_reading_every_result_survives_a_lost_scroll_context(engine, notices, monkeypatch):
    """A node that leaves takes its scroll contexts with it (CI's cluster fault test): the next
    page and the clearing of the scroll answer 404. Every hit is still read, once, in order."""
    monkeypatch.setattr(type(engine).results_class, "SCROLL_PAGE", 2, raising=False)
    for i in range(5):
        article(notices, title=f"第{i}批双随机抽查结果公示")
    expected = [page.title for page in ArticlePage.objects.live().search("抽查")[:5]]
    assert len(expected) == 5

    client = type(engine.es)  # each search gets its own backend instance and client
    scroll, lost = client.scroll, []

    def scroll_after_the_node_left(es, **kwargs):
        if not lost:
            lost.append(es.clear_scroll(scroll_id="_all"))  # the engine forgets them all
        return scroll(es, **kwargs)

    monkeypatch.setattr(client, "scroll", scroll_after_the_node_left)
    assert [page.title for page in ArticlePage.objects.live().search("抽查")] == expected
    assert lost


def test_a_scroll_whose_node_is_not_available_starts_again(engine, notices, monkeypatch):
    """While the cluster state still names a stopped node, the next page of a scroll held there
    answers 500 ``node [...] is not available`` (CI's cluster fault test, stop 30): asking
    again cannot bring the context back, so the search starts again after the hits read."""
    monkeypatch.setattr(type(engine).results_class, "SCROLL_PAGE", 2, raising=False)
    for i in range(5):
        article(notices, title=f"第{i}批双随机抽查结果公示")
    expected = [page.title for page in ArticlePage.objects.live().search("抽查")[:5]]
    assert len(expected) == 5

    client = type(engine.es)
    scroll, failed = client.scroll, []
    reason = "node [70vfDfU9SU2nYWDjMrlkKQ] is not available"
    answer = {
        "error": {
            "root_cause": [{"type": "illegal_state_exception", "reason": reason}],
            "type": "search_phase_execution_exception",
            "reason": "all shards failed",
        },
        "status": 500,
    }

    def scroll_after_the_node_left(es, **kwargs):
        if not failed:
            failed.append(es.clear_scroll(scroll_id="_all"))  # the context is gone for good
            raise TransportError(500, "search_phase_execution_exception", answer)
        return scroll(es, **kwargs)

    monkeypatch.setattr(client, "scroll", scroll_after_the_node_left)
    started = time.monotonic()
    assert [page.title for page in ArticlePage.objects.live().search("抽查")] == expected
    assert failed
    # Not asked again with the transient delays (0.2 + 0.5 + 1.0 s) first.
    assert time.monotonic() - started < sum(type(engine).results_class.TRANSIENT_RETRY_DELAYS)


def test_a_transient_failure_is_not_mistaken_for_a_lost_scroll():
    def failure(status, kind, reason):
        return TransportError(
            status,
            "search_phase_execution_exception",
            {"error": {"root_cause": [{"type": kind, "reason": reason}]}},
        )

    assert not scroll_context_lost(
        failure(503, "node_not_connected_exception", "[n2][127.0.0.1:9302] Node not connected")
    )
    assert scroll_context_lost(failure(500, "illegal_state_exception", "node [x] is not available"))
    assert scroll_context_lost(failure(404, "search_context_missing_exception", "No context"))
    assert not scroll_context_lost(TransportError(500, "internal", "plain text"))


def test_a_node_out_of_reach_is_asked_around_once_more(engine, notices, settings):
    """The client's own retries spent (here none) on a node that is gone, the search is asked
    again after a short wait and the next node answers (CI's cluster fault test); a single
    unreachable node is not asked again (the database fallback answers at once)."""
    article(notices, title=TITLE)
    engine.refresh_indexes()
    real = settings.WAGTAILSEARCH_BACKENDS["default"]
    params = {
        **real,
        "URLS": [closed_port_url(), *real["URLS"]],
        "OPTIONS": {"max_retries": 0, "randomize_hosts": False},
        "AUTO_UPDATE": False,
    }
    two_nodes = ChineseOpenSearch2SearchBackend(params)
    assert {p.title for p in two_nodes.search("市场", ArticlePage.objects.live())} == {TITLE}

    one_node = ChineseOpenSearch2SearchBackend({**params, "URLS": [closed_port_url()]})
    with pytest.raises(Exception, match="Connection"):
        list(one_node.search("市场", ArticlePage.objects.live()))
