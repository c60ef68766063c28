"""Settings for a benchmark database indexed by modelsearch's own database backend.

``cms.settings.dev`` with ``WAGTAILSEARCH_BACKENDS`` pinned to the stock
``modelsearch.backends.database`` (the project's default is now the Chinese-aware
``search.backends.database``). Both backends write the same index tables with different
index text, so a database must be indexed by the backend that is benchmarked on it::

    DJANGO_SETTINGS_MODULE=benchmarks.search.stock_settings \\
        .venv/bin/python -m benchmarks.search.build_db --db sqlite:////tmp/bench-stock.sqlite3
"""

from cms.settings.dev import *  # noqa: F403

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
