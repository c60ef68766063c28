"""The portal's search through the engine in at most two round trips (search/engine_direct.py,
``service._search_engine``; issue #21 item 1): the same results, counts and facets as the
embedded default, with facets from the engine's aggregations."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Page

from search import engine_direct, service
from search.backends import engine as engine_state
from search.filters import SearchFilters
from tests.factories import article, column
from tests.search.engine.test_opensearch_engine import closed_port_url
from tests.search.test_filters import site  # noqa: F401 - the fixture

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture
def pages(engine, site):  # noqa: F811 - the fixture of test_filters
    """test_filters' laws and notice, a sub-column, a typo target, a 文号, a draft."""
    notices = site["notices"]
    inspections = column(parent=notices, title="抽检公告", slug="inspections")
    found = dict(site)
    found["drugs"] = article(
        notices,
        title="药品管理办法实施细则",
        body="<p>药品生产经营企业应当遵守本细则。</p>",
        written_on=datetime.date(2023, 5, 1),
    )
    found["numbered"] = article(
        notices, title="关于开展专项检查的通知", document_number="示市监发〔2024〕12号"
    )
    found["sample"] = article(
        inspections,
        title="食品安全监督抽检信息公告",
        body="<p>本次抽检食品 200 批次，市场监管部门依法处置。</p>",
        written_on=datetime.date(2024, 6, 1),
    )
    found["draft"] = article(notices, title="市场监管草稿", publish=False)
    engine.refresh_indexes()
    return found


@pytest.fixture
def embedded(settings):
    """Run a search with the database backend as the default (the embedded default)."""
    engine_settings = settings.WAGTAILSEARCH_BACKENDS

    def run(*args, **kwargs):
        settings.WAGTAILSEARCH_BACKENDS = {"default": engine_settings["database"]}
        try:
            return service.search(*args, **kwargs)
        finally:
            settings.WAGTAILSEARCH_BACKENDS = engine_settings

    return run


@pytest.fixture
def requests_sent(monkeypatch):
    """The requests the engine receives (method, path)."""
    sent = []
    transport = engine_direct.backend().es.transport
    perform = transport.perform_request

    def counting(method, url, *args, **kwargs):
        sent.append((method, url))
        return perform(method, url, *args, **kwargs)

    monkeypatch.setattr(transport, "perform_request", counting)
    return sent


def summary(outcome):
    return (
        sorted(p.pk for p in outcome.results),
        outcome.count,
        outcome.relaxed,
        outcome.facets,
    )


CASES = [
    ("市场监管", {}, "relevance"),
    ("市场监管", {"type": "publishing.articlepage"}, "relevance"),
    ("市场监管", {"validity": "in_force"}, "relevance"),
    ("市场监管", {"year": "2015"}, "relevance"),
    ("市场监管", {"category": "通知公告"}, "relevance"),
    ("市场监管", {}, "date"),
    ("市场监管", {}, "written"),
    ("药品管里办法", {}, "relevance"),  # a typo: the title channel
    ("抽检 不存在的词", {}, "relevance"),  # relaxed
    ("示市监发〔2024〕12号", {}, "relevance"),  # a 文号
    ("示市监发〔2024〕99号", {}, "relevance"),  # a 文号 that matches nothing: not relaxed
    ("通知", {}, "relevance"),
]


# Each test below goes through every case over one set of pages (subtests: a case that fails is
# reported as itself): the pages and their indexing cost ~3.5 s a test on the cluster in CI, and
# the searches change nothing.


def test_the_engine_path_equals_the_embedded_default(pages, embedded, subtests):
    for query, params, sort in CASES:
        with subtests.test(query=query, params=params, sort=sort):
            filters = SearchFilters.parse(params)
            through_engine = service.search(query, filters=filters, sort=sort)
            assert summary(through_engine) == summary(embedded(query, filters=filters, sort=sort))
            if sort != "relevance":
                # Newest first by publication or by 成文日期, as the embedded default orders them.
                assert [p.pk for p in through_engine.results] == [
                    p.pk for p in embedded(query, filters=filters, sort=sort).results
                ]


def test_facet_counts_equal_the_filtered_counts(pages, subtests):
    """A facet value's count is the count of the search filtered by it."""
    for query, params, sort in CASES:
        with subtests.test(query=query, params=params, sort=sort):
            outcome = service.search(query, filters=SearchFilters.parse(params), sort=sort)
            for label, n in outcome.facets.get("type", {}).items():
                filtered = service.search(
                    query, filters=SearchFilters.parse({**params, "type": label})
                )
                assert filtered.count == n
            for code, n in outcome.facets.get("validity", {}).items():
                filtered = service.search(
                    query, filters=SearchFilters.parse({**params, "validity": code})
                )
                assert filtered.count == n


def test_a_search_is_one_request_and_a_relaxed_one_two(pages, requests_sent):
    service.search("市场监管")
    assert requests_sent == [("POST", "/_msearch")]
    requests_sent.clear()
    service.search("市场监管", filters=SearchFilters.parse({"validity": "in_force"}), page=1)
    assert len(requests_sent) == 1
    requests_sent.clear()
    outcome = service.search("抽检 不存在的词")
    assert outcome.relaxed
    assert requests_sent == [("POST", "/_msearch")] * 2
    requests_sent.clear()
    service.search("市场监管", sort="written")
    assert len(requests_sent) == 1


def test_filters_below_the_top_level_and_by_department(pages, embedded):
    sub_column = Page.objects.get(slug="inspections")
    filters = SearchFilters.parse({"column": str(sub_column.pk)})
    outcome = service.search("抽检", filters=filters)
    assert pages["sample"].pk in {p.pk for p in outcome.results}
    assert outcome.results and all(p.path.startswith(sub_column.path) for p in outcome.results)
    assert summary(outcome) == summary(embedded("抽检", filters=filters))


def test_the_title_found_by_the_title_channel_only_is_counted_once(pages):
    outcome = service.search("药品管里办法")
    assert outcome.results[0].pk == pages["drugs"].pk
    assert outcome.count == len({p.pk for p in outcome.results})


def test_an_index_without_the_page_fields_is_searched_the_generic_way(pages, engine, caplog):
    """Documents written before the page fields (an index not rebuilt since the upgrade): the
    search stays correct through modelsearch's generic path until ``update_index``."""
    index = engine.get_index_for_model(Page).name
    engine.es.update_by_query(
        index=index,
        body={"script": {"source": "ctx._source.remove('search_facet_key')"}},
        refresh=True,
        conflicts="proceed",
    )
    outcome = service.search("市场监管")
    assert {pages[n].pk for n in ("old", "new", "notice")} <= {p.pk for p in outcome.results}
    assert "update_index" in caplog.text
    call_command("update_index", backend_name="default", verbosity=0)
    caplog.clear()
    assert service.search("市场监管").count == 4  # the sample's body says 市场监管 too
    assert "update_index" not in caplog.text


def test_an_unreachable_engine_serves_the_embedded_default(pages, settings, embedded):
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "default": {
            **settings.WAGTAILSEARCH_BACKENDS["default"],
            "URLS": [closed_port_url()],
            "TIMEOUT": 2,
        },
    }
    try:
        outcome = service.search("市场监管")
        assert engine_state.is_down()
    finally:
        engine_state.reset_fallback_state()
    assert summary(outcome) == summary(embedded("市场监管"))
