"""The engine down, the search still on its fast path (issue #21 item 5): the portal's search
runs the embedded default's direct path over the database index kept beside the engine, and the
engine is not asked again before its retry period ends (search/backends/engine.py).

The engine here is a port nothing listens on, so these tests run with or without a real one."""

import socket

import pytest
from django.db import connection

from search import service
from search.backends import engine
from search.filters import SearchFilters
from tests.factories import article, column, organisation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the direct path of the embedded default is SQLite's"
    ),
]


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def content():
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    article(notices, title="关于春节放假的通知", body="<p>市场监督管理局放假安排。</p>")
    article(notices, title="食品安全抽检信息", body="<p>抽检结果。</p>")


@pytest.fixture
def engine_down(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.opensearch",
            "URLS": [closed_port_url()],
            "INDEX_PREFIX": "down_",
            "TIMEOUT": 2,
            "AUTO_UPDATE": False,
        },
        "database": {"BACKEND": "search.backends.database"},
    }
    engine.reset_fallback_state()
    yield
    engine.reset_fallback_state()


def embedded_default(settings, query, **kwargs):
    """The outcome on the embedded default alone (also when the suite runs with an engine)."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    try:
        return summary(service.search(query, **kwargs))
    finally:
        settings.WAGTAILSEARCH_BACKENDS = configured


def summary(outcome):
    return (
        [page.pk for page in outcome.results],
        outcome.count,
        outcome.relaxed,
        outcome.facets,
    )


@pytest.mark.parametrize("query", ["市场", "放假通知", "食品安全抽检", "市场 不存在的词语"])
def test_with_the_engine_down_the_results_are_the_embedded_defaults(
    content, settings, query, request
):
    expected = embedded_default(settings, query)
    request.getfixturevalue("engine_down")
    assert summary(service.search(query)) == expected
    assert engine.is_down()


def test_filters_and_facets_hold_with_the_engine_down(content, settings, request):
    filters = SearchFilters.parse({"type": "publishing.articlepage"})
    expected = embedded_default(settings, "市场", filters=filters)
    request.getfixturevalue("engine_down")
    assert summary(service.search("市场", filters=filters)) == expected


def test_the_engine_is_not_asked_again_before_its_retry_period(content, engine_down, monkeypatch):
    service.search("市场")
    assert engine.is_down()
    asked = []
    real = service._search_engine
    monkeypatch.setattr(service, "_search_engine", lambda *a, **k: asked.append(a) or real(*a, **k))
    assert service.search("放假").count == 1
    assert asked == []
    # The period over (as if RETRY_AFTER seconds had passed), the engine is tried again.
    engine.reset_fallback_state()
    assert service.search("放假").count == 1
    assert len(asked) == 1


def test_a_node_that_drops_connections_costs_the_connect_timeout_only(content, settings, caplog):
    """A listening socket whose accept queue is full drops new connection attempts, as a
    filtered port does: the search gives up after ``CONNECT_TIMEOUT``, not the request timeout
    (``TIMEOUT`` is 120 s here), and falls back."""
    with socket.socket() as server, socket.socket() as filler:
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        filler.connect(server.getsockname())  # fills the queue; nothing ever accepts
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.backends.opensearch",
                "URLS": [f"http://127.0.0.1:{server.getsockname()[1]}"],
                "INDEX_PREFIX": "down_",
                "TIMEOUT": 120,
                "CONNECT_TIMEOUT": 0.5,
                "OPTIONS": {"max_retries": 0},
                "AUTO_UPDATE": False,
            },
            "database": {"BACKEND": "search.backends.database"},
        }
        engine.reset_fallback_state()
        with caplog.at_level("WARNING", logger="disclosure.search"):
            assert service.search("市场").count == 2
        engine.reset_fallback_state()
    warnings = [r.getMessage() for r in caplog.records if r.name == "disclosure.search"]
    assert len(warnings) == 1
    assert "connect timeout=0.5" in warnings[0]
