"""modelsearch's own backend test suite (``BackendTests``), run against our Chinese-aware
database backends (``search.backends.sqlite`` / ``search.backends.postgres``).

Run with ``python -m pytest search/conformance --ds=search.conformance.settings``; the
database comes from ``DATABASE_URL`` (SQLite by default). modelsearch ships its tests but not
the ``search`` fixture they load: ``fixtures/search.json`` is ours, written from the suite's
assertions. ``CONFORMANCE_STOCK=1`` also runs the suite against modelsearch's stock backends,
which checks the fixture itself.
"""
