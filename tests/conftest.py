"""Shared fixtures for the whole suite.

``REQUIRE_POSTGRES=1`` turns a skipped PostgreSQL test into a failure, and fails the run
when the database is not PostgreSQL, so that CI cannot pass a PostgreSQL run by skipping it.
"""

import os
import time

import pytest
from django.db import connection
from django.test.utils import setup_databases, teardown_databases

from tests.migrated_database import CachedDatabase


def _require_postgres():
    return os.environ.get("REQUIRE_POSTGRES") == "1"


def pytest_collection_modifyitems(config, items):
    for item in items:
        # A plain database mark unless the test has its own (a module's transactional one).
        if "postgres" in item.keywords and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def _postgres_marker(request):
    if "postgres" not in request.keywords:
        return
    if connection.vendor != "postgresql":
        if _require_postgres():
            pytest.fail("REQUIRE_POSTGRES=1 but the database is not PostgreSQL")
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


#: How the test database was made, printed at the end of the run.
_TEST_DATABASE = []


def pytest_terminal_summary(terminalreporter):
    for line in _TEST_DATABASE:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """pytest-django's test database, restored from the one an earlier run migrated when the
    migrations are the same (``tests/migrated_database.py``), else migrated and kept."""
    verbosity = request.config.option.verbose
    started = time.monotonic()
    with django_db_blocker.unblock():
        kept = CachedDatabase()
        restored = kept.restore()
        config = setup_databases(
            verbosity=verbosity, interactive=False, keepdb=restored, serialized_aliases=None
        )
        saved = not restored and kept.save()
    how = "restored from" if restored else "migrated and kept in" if saved else "migrated, not kept"
    _TEST_DATABASE.append(
        f"test database: {how} {kept.path or ''} ({time.monotonic() - started:.1f} s)"
    )
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=verbosity)
        kept.release()


@pytest.fixture(scope="session", autouse=True)
def _check_required_database(django_db_setup, django_db_blocker):
    if _require_postgres():
        with django_db_blocker.unblock():
            assert connection.vendor == "postgresql", (
                "REQUIRE_POSTGRES=1 needs DATABASE_URL=postgres://…"
            )


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch):
    """Every test starts with empty rate-limit windows (the API counts requests in the cache),
    with the windows' clock pinned 10 s into a minute: a slow test (a search on PostgreSQL takes
    a second) must not see its requests split across two windows and miss the 429 (CI, stop 26)."""
    from django.core.cache import cache

    from disclosure.syndication import access

    cache.clear()
    monkeypatch.setattr(access, "now", lambda: 1_800_000_010.0)
    yield


@pytest.fixture(autouse=True)
def _segmenter_without_added_words():
    """A test that searched with synonyms whose terms the segmenter now keeps whole
    (search.analysis.add_terms) leaves the next test a segmenter with the domain's terms only."""
    from search import analysis

    yield
    if analysis.added_terms():
        analysis.forget_added_terms()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (the test's own transaction never does):
    what runs on commit (the page cache's new generation, …) runs."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
