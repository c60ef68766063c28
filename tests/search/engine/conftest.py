"""Fixtures of the engine tests (marker ``engine``).

They run against a real search engine::

    url=$(bash .ci/opensearch.sh start)
    SEARCH_BACKEND=opensearch2 SEARCH_URL=$url SEARCH_INDEX_PREFIX=test_ REQUIRE_ENGINE=1 \\
        .venv/bin/pytest tests/search -q

and are skipped unless ``SEARCH_BACKEND`` names an engine that answers; ``REQUIRE_ENGINE=1``
turns every skip of an engine test into a failure, so that CI cannot pass the engine run by
skipping it. The test settings read ``SEARCH_BACKEND`` at import, hence the environment.

The engine's index is not rolled back with the test database: the indexes are dropped once
per session (so that they are created with the current mapping) and emptied before and after
every engine test.
"""

import os

import pytest
from modelsearch.backends import get_search_backend

from search.backends import engine as engine_fallback
from tests.search.engine_support import ENGINE_KINDS, drop_index, empty_indexes, require_engine


@pytest.fixture(scope="session")
def engine_unavailable():
    """``None`` when the engine answers (its indexes dropped for a fresh start), else why not."""
    kind = os.environ.get("SEARCH_BACKEND", "database")
    if kind not in ENGINE_KINDS:
        return f"SEARCH_BACKEND={kind!r} is not a search engine (one of {', '.join(ENGINE_KINDS)})"
    backend = get_search_backend("default")
    try:
        if not backend.es.ping():
            return f"the {kind} engine at {os.environ.get('SEARCH_URL')} does not answer"
        for index in backend.all_indexes():
            drop_index(index)
    except Exception as error:  # any failure means "no engine"
        return f"the {kind} engine at {os.environ.get('SEARCH_URL')} failed: {error!r}"
    return None


@pytest.fixture(autouse=True)
def _engine_marker(request):
    if "engine" not in request.keywords:
        return
    reason = request.getfixturevalue("engine_unavailable")
    if reason:
        if require_engine():
            pytest.fail(f"REQUIRE_ENGINE=1 but {reason}", pytrace=False)
        pytest.skip(f"needs a search engine: {reason}")


@pytest.fixture
def engine(_engine_marker):
    """The engine backend (``"default"``), with empty indexes before and after the test."""
    backend = get_search_backend("default")
    engine_fallback.reset_fallback_state()
    empty_indexes(backend)
    yield backend
    empty_indexes(backend)
    engine_fallback.reset_fallback_state()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if (
        report.skipped
        and require_engine()
        and "engine" in item.keywords
        and not hasattr(report, "wasxfail")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"REQUIRE_ENGINE=1 but the engine test was skipped: {reason}"
    return report
