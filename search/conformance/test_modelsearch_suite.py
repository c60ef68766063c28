"""modelsearch's ``BackendTests`` against our database backends.

The stock test classes are imported through their modules, not by name, so that pytest does
not collect them a second time (it collects every ``TestCase`` subclass in this module's
namespace); ``CONFORMANCE_STOCK=1`` adds them on purpose, to check the fixture. Only the
classes for the database in use (``DATABASE_URL``) are kept.
"""

import os
import unittest

from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import override_settings
from modelsearch.backends import get_search_backend
from modelsearch.tests import test_postgres_backend as stock_postgres
from modelsearch.tests import test_sqlite_backend as stock_sqlite

OURS_SQLITE = "search.backends.sqlite"
OURS_POSTGRES = "search.backends.postgres"

# Deliberate differences from the stock backends (see search/backends/common.py, analysis.py).
PHRASE_IS_ALL_TOKENS = (
    "Deliberate: our index text is an analysed token stream (search-mode words, then CJK "
    "bigrams, pinyin, document numbers) whose positions carry no word order, so a Phrase is "
    "matched as all of its tokens (as on our OpenSearch backend); Phrase('programming rust') "
    "also finds 'The Rust Programming Language'."
)
NO_ENGLISH_STOPWORDS = (
    "Deliberate: we vectorise with the 'simple' configuration (no English stemming or stopword "
    "removal, which would mangle our Chinese tokens), so 'the' counts towards the title-length "
    "normalisation: 'JavaScript: The Definitive Guide' has 4 title lexemes instead of 3, "
    "'Learning Python' scores 2.0x instead of 1.5x higher, and Boost(..., 0.5) no longer "
    "reverses the order (0.4167 vs 0.4142). The test pins score magnitudes, not matching."
)


@override_settings(MODELSEARCH_BACKENDS={"default": {"BACKEND": OURS_SQLITE}})
class TestChineseSQLiteSearchBackend(stock_sqlite.TestSQLiteSearchBackend):
    backend_path = OURS_SQLITE

    @unittest.skip(PHRASE_IS_ALL_TOKENS)
    def test_phrase(self):
        return super().test_phrase()


@override_settings(MODELSEARCH_BACKENDS={"default": {"BACKEND": OURS_POSTGRES}})
class TestChinesePostgresSearchBackend(stock_postgres.TestPostgresSearchBackend):
    backend_path = OURS_POSTGRES

    @unittest.skip(PHRASE_IS_ALL_TOKENS)
    def test_phrase(self):
        return super().test_phrase()

    @unittest.skip(NO_ENGLISH_STOPWORDS)
    def test_boost(self):
        return super().test_boost()


class TestDatabaseBackendPicksOurs(SimpleTestCase):
    """``search.backends.database`` (the settings' default) resolves to ours for the vendor."""

    def test_default_backend_is_ours(self):
        backend = get_search_backend("default")
        expected = {
            "sqlite": "search.backends.sqlite.ChineseSQLiteSearchBackend",
            "postgresql": "search.backends.postgres.ChinesePostgresSearchBackend",
        }[connection.vendor]
        self.assertEqual(f"{type(backend).__module__}.{type(backend).__name__}", expected)


if os.environ.get("CONFORMANCE_STOCK"):
    TestStockSQLiteSearchBackend = stock_sqlite.TestSQLiteSearchBackend
    TestStockPostgresSearchBackend = stock_postgres.TestPostgresSearchBackend

# Only the classes for this run's database vendor: the others would skip every one of their
# ~130 tests (their vendor guard), which is noise in the report, not information.
if connection.vendor != "sqlite":
    del TestChineseSQLiteSearchBackend
    if os.environ.get("CONFORMANCE_STOCK"):
        del TestStockSQLiteSearchBackend
if connection.vendor != "postgresql":
    del TestChinesePostgresSearchBackend
    if os.environ.get("CONFORMANCE_STOCK"):
        del TestStockPostgresSearchBackend
