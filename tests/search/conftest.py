"""The engine's index is not rolled back with the test database: when the suite runs against
an engine, every search test starts from empty indexes."""

import pytest

from tests.search.engine_support import empty_indexes, engine_configured


@pytest.fixture(autouse=True)
def _empty_engine_indexes(request):
    if not engine_configured() or "engine" in request.keywords:
        yield
        return
    from modelsearch.backends import get_search_backend

    backend = get_search_backend("default")
    try:
        empty_indexes(backend)
    except Exception:  # noqa: BLE001 - an unreachable engine is the engine tests' business
        pass
    yield
