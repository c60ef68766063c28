"""The Chinese-aware database search backend: the embedded default.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}`` picks the
SQLite (FTS5) or PostgreSQL implementation for the default connection, lazily: importing the
SQLite backend on PostgreSQL fails, and the other way round.
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up
    if connection.vendor == "postgresql":
        from .postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import ChineseSQLiteSearchBackend

        return ChineseSQLiteSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as stock_backend

    return stock_backend(params)
