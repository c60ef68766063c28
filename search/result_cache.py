"""The search result cache: what a portal search found (the page of result ids, the count,
whether it was relaxed, the facets), kept briefly in Django's shared cache (``CACHE_URL``) so a
query asked again is answered with one read of its pages, not a new search.

It lives under the page cache's **site-wide generation** (:mod:`disclosure.publishing.page_cache`):
every publish, update, unpublish, expiry, withdrawal, restriction, move or public-record save
replaces the generation after its commit, and no cached result of before is read again, in any
process. The key holds the query's variants (so a new synonym group makes a new key), the sort,
the page, the page size and the filters. Whatever changes with time alone (a validity that
changes on a date) is at most ``SEARCH_CACHE_SECONDS`` old.

What is not cached: editors' picks (read for every first page), the snippets (computed from the
pages loaded for the answer), the query log (every query is counted, cached or not), and any
search on a queryset of the caller's (the admin's). ``SEARCH_CACHE_SECONDS`` = 0 turns it off;
it is off when the page cache is (no shared cache: a per-process cache could not be invalidated
by the process that commits a change). When the cache cannot be reached the search runs as if
nothing were cached (logged), never fails.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from disclosure.publishing import page_cache

logger = logging.getLogger(__name__)

KEY_PREFIX = "searchcache"


@dataclass(frozen=True)
class Found:
    ids: tuple
    count: int
    relaxed: bool
    facets: dict


def enabled():
    return page_cache.enabled() and settings.SEARCH_CACHE_SECONDS > 0


def key(variants, sort, page, page_size, filters):
    """The cache key of a search under the current generation (``repr`` of frozen dataclasses
    and plain values: stable from one process to the next)."""
    spec = repr((tuple(variants), sort, page, page_size, filters))
    digest = hashlib.sha256(spec.encode("utf-8")).hexdigest()
    return f"{KEY_PREFIX}:{page_cache.current_generation()}:{digest}"


def get(variants, sort, page, page_size, filters):
    """``(key, Found or None)``; ``(None, None)`` when off or the cache cannot be read."""
    if not enabled():
        return None, None
    try:
        cache_key = key(variants, sort, page, page_size, filters)
        return cache_key, cache.get(cache_key)
    except Exception:
        logger.exception("search cache: the cache could not be read")
        return None, None


def put(cache_key, found):
    if cache_key is None:
        return
    try:
        cache.set(cache_key, found, settings.SEARCH_CACHE_SECONDS)
    except Exception:
        logger.exception("search cache: the result could not be stored")
