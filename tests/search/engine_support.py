"""Helpers shared by the search tests that may run against a real engine."""

import os

from search.backends.opensearch import forget_existing_indexes

ENGINE_KINDS = ("opensearch2", "opensearch3", "elasticsearch7", "elasticsearch8", "elasticsearch9")


def require_engine():
    return os.environ.get("REQUIRE_ENGINE") == "1"


def drop_index(index):
    """Delete an index, or the indexes behind an alias (and so the alias)."""
    if index.is_alias():
        for concrete in index.aliased_indices():
            concrete.delete()
    else:
        index.delete()
    forget_existing_indexes()


def empty_indexes(backend):
    for index in backend.all_indexes():
        if index.exists():
            backend.es.delete_by_query(
                index=index.name,
                body={"query": {"match_all": {}}},
                refresh=True,
                conflicts="proceed",
            )


def engine_configured():
    return os.environ.get("SEARCH_BACKEND", "database") in ENGINE_KINDS
