"""Search through the engine, and through the database index when the engine cannot answer.

With ``SEARCH_BACKEND`` naming an engine, the settings configure two backends: ``"default"``
(the engine) and ``"database"`` (the Chinese database backend, kept current beside it, since
modelsearch indexes every configured backend on save). ::

    hits, used_fallback = search_with_fallback(queryset, query, order_by_relevance=True)

Search results are lazy: the helper runs the engine's count query to find out whether the
engine answers (the count is cached on the results, so ``hits.count()`` afterwards is free).
After a failure the engine is skipped for :data:`RETRY_AFTER` seconds, so that a portal whose
engine is down does not wait for a connection timeout on every search.
"""

import logging
import threading
import time

import urllib3.exceptions
from modelsearch.conf import get_app_config

logger = logging.getLogger("disclosure.search")

#: Seconds during which searches go straight to the fallback after the engine failed.
RETRY_AFTER = 30


def _engine_errors():
    errors = [urllib3.exceptions.HTTPError, ConnectionError, TimeoutError]
    try:
        # ConnectionError, ConnectionTimeout, SSLError and every HTTP error (NotFoundError for an
        # index that was never built, ...).
        from opensearchpy.exceptions import TransportError
    except ImportError:  # pragma: no cover - opensearch-py is a dependency
        pass
    else:
        errors.append(TransportError)
    try:  # elasticsearch8/9 (stock modelsearch backends)
        from elastic_transport import TransportError as ElasticTransportError
        from elasticsearch import ApiError
    except ImportError:
        pass
    else:
        errors.extend([ElasticTransportError, ApiError])
    return tuple(errors)


ENGINE_ERRORS = _engine_errors()

_down_until = {}
_lock = threading.Lock()


def reset_fallback_state():
    """Forget engine failures (tests; or after the engine is known to be back)."""
    with _lock:
        _down_until.clear()


def is_down(backend="default"):
    """Whether ``backend`` failed less than :data:`RETRY_AFTER` seconds ago."""
    return _is_down(backend)


def _is_down(backend):
    with _lock:
        until = _down_until.get(backend)
        if until is None:
            return False
        if time.monotonic() >= until:
            del _down_until[backend]
            return False
        return True


def _mark_down(backend):
    with _lock:
        _down_until[backend] = time.monotonic() + RETRY_AFTER


def mark_down(backend, error, fallback="the database"):
    """Note that ``backend`` failed with ``error``: it is not asked for :data:`RETRY_AFTER` s."""
    _mark_down(backend)
    logger.warning(
        "Search backend %r failed (%s: %s); searching %s instead for the next %d s",
        backend,
        type(error).__name__,
        error,
        fallback,
        RETRY_AFTER,
    )


def search_with_fallback(queryset, query, *, backend="default", fallback="database", **kwargs):
    """``queryset.search(query, **kwargs)`` on ``backend``; on a connection or transport error
    of the engine, log a warning and search the ``fallback`` backend instead.

    Returns ``(results, used_fallback)``. Without a ``fallback`` backend in the settings (the
    database is the default backend), this is just ``queryset.search(...)``."""
    configured = get_app_config().get_search_backend_config()
    if fallback == backend or fallback not in configured:
        return queryset.search(query, backend=backend, **kwargs), False
    if not _is_down(backend):
        try:
            results = queryset.search(query, backend=backend, **kwargs)
            results.count()
            return results, False
        except ENGINE_ERRORS as error:
            mark_down(backend, error, repr(fallback))
    return queryset.search(query, backend=fallback, **kwargs), True
