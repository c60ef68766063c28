"""OpenSearch with the project's Chinese analysis, done in Python.

The engine never segments Chinese itself: every ``SearchField`` and ``AutocompleteField``
value is replaced, before it is sent, by the same analysed token stream the database
backends store (:func:`search.analysis.index_text`, :func:`~search.analysis.title_index_text`
for titles and autocomplete), and the index's analyzers only split on whitespace and lower-case.
The catch-all ``_all_text`` / ``_all_text_boost_*`` fields are ``copy_to`` copies of those
values, so they hold the analysed tokens too. Queries are cut with
:func:`search.backends.common.token_groups`: the tokens of a group must all match, and the
groups are AND-ed (operator ``and``, the default, as on the database backends) or OR-ed
(operator ``or``, ranked by how many groups match).

Everything else is modelsearch's OpenSearch backend: ``INDEX_PREFIX``, ``INDEX_SETTINGS``
(deep-merged over the settings below), the atomic rebuild behind an alias, filters, facets.
Two additions:

- ``REFRESH_ON_WRITE`` (default ``True``): a page saved, unpublished or deleted in the admin is
  visible to searches at once (single-object writes only; ``update_index`` still bulk-loads and
  refreshes once). ``"wait_for"`` waits for the next periodic refresh instead, ``False`` is the
  stock behaviour.
- An index that does not exist yet is created with this mapping on the first write, instead of
  OpenSearch auto-creating it with dynamic mappings and the ``standard`` analyzer (which would
  cut Chinese into single characters until the next ``update_index``).
- Every page document carries :data:`PAGE_FIELDS` beside its text: the page id, its facet key
  (:mod:`search.facet_index`), 成文日期 and first publication, which the portal's search path
  through the engine (:mod:`search.engine_direct`) filters, aggregates and sorts by.

``SearchBackend`` is the OpenSearch 2 backend; ``ChineseOpenSearch3SearchBackend`` is the same
over modelsearch's ``opensearch3`` classes (untested here: CI runs OpenSearch 2.19).
"""

import logging
import threading
import time
from copy import deepcopy

import urllib3
from django.utils.encoding import force_str
from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Index,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
    OpenSearch2SearchResults,
)
from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
    OpenSearch3SearchResults,
)
from modelsearch.index import AutocompleteField, SearchField, class_is_indexed, get_indexed_models
from modelsearch.query import Fuzzy, PlainText
from modelsearch.utils import deep_update
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import NotFoundError, RequestError, TransportError
from wagtail.models import Page

from .. import facet_index
from .common import analysed_value, token_groups

logger = logging.getLogger("disclosure.search")

#: The analyzer of every text field: the values are already analysed tokens separated by spaces.
TOKEN_ANALYZER = "analysed_tokens"
_TOKENS = {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}

#: Deep-merged over modelsearch's index settings (and under the backend's ``INDEX_SETTINGS``).
CHINESE_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                TOKEN_ANALYZER: _TOKENS,
                # Text fields without an explicit analyzer (the search fields, _all_text*).
                "default": _TOKENS,
                "default_search": _TOKENS,
                # Autocomplete: prefixes of each analysed token (a word, a bigram, pinyin).
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "ngram"],
                },
            },
            "filter": {
                # Full pinyin of a title is longer than modelsearch's 15 characters.
                "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 30},
            },
        },
    },
}

#: The fields of every page document beside its text (see :func:`search.facet_index.page_fields`).
PAGE_FIELDS = {
    "search_page_id": {"type": "long"},
    "search_facet_key": {"type": "integer"},
    "search_written_on": {"type": "date"},
    "search_published_at": {"type": "date"},
}

# Indexes known to exist, per cluster: checked once per process before the first write.
_existing_indexes = set()
_existing_lock = threading.Lock()


def forget_existing_indexes():
    """Check again before the next write whether the indexes exist (after deleting them)."""
    with _existing_lock:
        _existing_indexes.clear()


def analysed(field, value):
    """The analysed token string(s) of a field value (a string, a list of strings, …)."""
    if value is None:
        return None
    if isinstance(value, str):
        return analysed_value(field, value)
    if isinstance(value, list | tuple):
        return [analysed(field, item) for item in value if item is not None]
    if isinstance(value, dict):
        return analysed(field, list(value.values()))
    return analysed_value(field, force_str(value))


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class ChineseMappingMixin:
    #: :func:`search.facet_index.page_fields` of a batch of pages (set by ``add_items``).
    page_fields = None

    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": TOKEN_ANALYZER,
    }

    def _is_text(self, field):
        extra_type = field.kwargs.get("es_extra", {}).get("type")
        if extra_type is not None:
            return extra_type == "text"
        return self.type_map.get(field.get_type(self.model), "string") == "string"

    def _get_document_field_data(self, field, obj):
        # Also called for the fields of RelatedFields (through _get_nested_document).
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, AutocompleteField):
            value = analysed(field, value)
            edgengrams = [value] if value else []
        elif isinstance(field, SearchField) and self._is_text(field):
            value = analysed(field, value)
        return name, value, edgengrams

    def get_mapping(self):
        mapping = super().get_mapping()
        if issubclass(self.model, Page):
            mapping["properties"].update(deepcopy(PAGE_FIELDS))
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        if isinstance(obj, Page):
            known = self.page_fields
            if known is None or obj.pk not in known:
                known = facet_index.page_fields([obj.pk])
            fields = known.get(obj.pk, {})
            document["search_page_id"] = obj.pk
            document["search_facet_key"] = fields.get("facet_key")
            document["search_written_on"] = _iso(fields.get("written_on"))
            document["search_published_at"] = _iso(fields.get("published_at"))
        return document


class ChineseIndexMixin:
    def _write_kwargs(self):
        refresh = self.backend.refresh_on_write
        if refresh is True:
            return {"refresh": "true"}
        if refresh:
            return {"refresh": str(refresh)}
        return {}

    def _ensure_exists(self):
        key = (repr(self.backend.hosts), self.name)
        if key in _existing_indexes:
            return
        with _existing_lock:
            if key in _existing_indexes:
                return
            if not self.exists():
                try:
                    self.put()
                except RequestError as error:
                    if error.error != "resource_already_exists_exception":
                        raise
                else:
                    logger.warning(
                        "Search index %s did not exist: created it with the Chinese mapping; "
                        "run `manage.py update_index` to index the existing content",
                        self.name,
                    )
                for model in get_indexed_models():
                    if self.backend.get_index_for_model(model).name == self.name:
                        self.add_model(model)
            _existing_indexes.add(key)

    def put(self):
        self.es.indices.create(index=self.name, body=self.backend.settings)

    def exists(self):
        return self.es.indices.exists(index=self.name)

    def delete(self):
        with _existing_lock:
            _existing_indexes.discard((repr(self.backend.hosts), self.name))
        try:
            self.es.indices.delete(index=self.name)
        except self.backend.NotFoundError:
            pass

    def refresh(self):
        # refresh_indexes() covers every indexed model's index, also those never written to.
        try:
            self.es.indices.refresh(index=self.name)
        except self.backend.NotFoundError:
            pass

    def add_item(self, item):
        if not class_is_indexed(item.__class__):
            return
        self._ensure_exists()
        mapping = self.mapping_class(item.__class__)
        self.es.index(
            index=self.name,
            body=mapping.get_document(item),
            id=mapping.get_document_id(item),
            **self._write_kwargs(),
        )

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        self._ensure_exists()
        mapping = self.mapping_class(model)
        items = list(items)
        if issubclass(model, Page):
            # One query for the batch's page fields instead of one per document.
            mapping.page_fields = facet_index.page_fields([item.pk for item in items])
        actions = [
            {"_id": mapping.get_document_id(item), **mapping.get_document(item)} for item in items
        ]
        if actions:
            self.backend.bulk(self.es, actions, index=self.name)

    def delete_item(self, item):
        if not class_is_indexed(item.__class__):
            return
        mapping = self.mapping_class(item.__class__)
        try:
            self.es.delete(
                index=self.name, id=mapping.get_document_id(item), **self._write_kwargs()
            )
        except self.backend.NotFoundError:
            pass


class ChineseQueryMixin:
    # As the database backends: a bare string is searched with every word required.
    DEFAULT_OPERATOR = "and"

    @staticmethod
    def _tokens_query(text, fields):
        """All the (space-separated) tokens in ``text``, in any one of ``fields``."""
        if len(fields) == 1:
            match = {"query": text, "operator": "and"}
            if fields[0].boost != 1.0:
                match["boost"] = fields[0].boost
            return {"match": {fields[0].field_name: match}}
        return {
            "multi_match": {
                "query": text,
                "fields": [field.field_name_with_boost for field in fields],
                "operator": "and",
            }
        }

    def _group_query(self, group, fields):
        """All tokens of a group; a token ending in ``*`` (a one-character word) is a prefix."""
        words = [token for token in group if not token.endswith("*")]
        prefixes = [token[:-1] for token in group if token.endswith("*") and len(token) > 1]
        clauses = [self._tokens_query(" ".join(words), fields)] if words else []
        for prefix in prefixes:
            options = [{"prefix": {field.field_name: prefix}} for field in fields]
            clauses.append(
                options[0]
                if len(options) == 1
                else {"bool": {"should": options, "minimum_should_match": 1}}
            )
        return clauses[0] if len(clauses) == 1 else {"bool": {"must": clauses}}

    def _compile_analysed_query(self, query, fields, boost=1.0):
        operator = query.operator if isinstance(query, PlainText) else "and"
        boost = boost * getattr(query, "boost", 1)
        clauses = [self._group_query(group, fields) for group in token_groups(query)]
        if len(clauses) == 1 and boost == 1.0:
            return clauses[0]
        if operator == "or":
            compiled = {"bool": {"should": clauses, "minimum_should_match": 1}}
        else:
            compiled = {"bool": {"must": clauses}}
        if boost != 1.0:
            compiled["bool"]["boost"] = boost
        return compiled

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        return self._compile_analysed_query(query, fields, boost)

    def _compile_phrase_query(self, query, fields):
        # The token stream has no meaningful positions (words, then bigrams, then numbers):
        # a phrase is all of its tokens, as on the database backends.
        return self._compile_analysed_query(query, fields)

    def _compile_fuzzy_query(self, query, fields):
        tokens = " ".join(token for group in token_groups(query) for token in group)
        return super()._compile_fuzzy_query(Fuzzy(tokens, operator=query.operator), fields)


# --- OpenSearch 2 --------------------------------------------------------------------------


class ChineseOpenSearch2Mapping(ChineseMappingMixin, OpenSearch2Mapping):
    pass


class ChineseOpenSearch2Index(ChineseIndexMixin, OpenSearch2Index):
    pass


class ChineseOpenSearch2SearchQueryCompiler(ChineseQueryMixin, OpenSearch2SearchQueryCompiler):
    mapping_class = ChineseOpenSearch2Mapping


class ChineseOpenSearch2AutocompleteQueryCompiler(
    ChineseQueryMixin, OpenSearch2AutocompleteQueryCompiler
):
    mapping_class = ChineseOpenSearch2Mapping


class ScrollContextLost(Exception):
    """A scroll's context went with the node that held it: the search must start again."""


def scroll_context_lost(error):
    """Whether the engine's answer to a scroll says its context is gone (not a passing fault).

    A context whose node stopped answers 404 (``search_context_missing_exception``,
    ``num_freed 0``) or, while the cluster state still names the node, 500 with every shard
    failing because ``node [...] is not available`` (both seen in CI's cluster fault test).
    Asking again cannot bring such a context back."""
    if error.status_code == 404:
        return True
    if error.status_code != 500 or not isinstance(error.info, dict):
        return False
    causes = error.info.get("error", {}).get("root_cause") or []
    return bool(causes) and all(
        cause.get("type") == "search_context_missing_exception"
        or (
            cause.get("type") == "illegal_state_exception"
            and str(cause.get("reason", "")).endswith("is not available")
        )
        for cause in causes
    )


class ScrollSafeResultsMixin:
    """Reading results survives a node leaving the cluster.

    modelsearch reads more than one page of hits (a search iterated without a slice) with the
    scroll API. A scroll's context lives on the nodes that answered its first request: when one
    of them stops, the next page answers 404 (no search context) or 500 (``node [...] is not
    available``, :func:`scroll_context_lost`), although every shard has a copy elsewhere. A lost
    page starts the search again after the hits already read, once. Clearing is tidying only (a
    context expires after :attr:`SCROLL_KEEP_ALIVE` anyway): its failure is logged, not raised.
    A transient failure of the cluster is asked again (:meth:`_read`). Both seen in CI's
    cluster fault test (issue #21 item 2).
    """

    #: Hits per request; modelsearch reads at most this many without a scroll.
    SCROLL_PAGE = 100
    SCROLL_KEEP_ALIVE = "2m"
    #: Seconds to wait before asking again after the cluster answered 5xx (see :meth:`_read`).
    TRANSIENT_RETRY_DELAYS = (0.2, 0.5, 1.0)
    #: ... and after no node could be reached, when the client knows several.
    UNREACHABLE_RETRY_DELAY = 0.5

    def _delays(self, error):
        if isinstance(error, EngineConnectionError):
            nodes = len(self.backend.es.transport.hosts or ())
            return (self.UNREACHABLE_RETRY_DELAY,) if nodes > 1 else ()
        if error.status_code in (500, 502, 503, 504):
            return self.TRANSIENT_RETRY_DELAYS
        return ()

    def _read(self, call, *args, **kwargs):
        """``call(*args, **kwargs)``, asked again after a short wait while the cluster settles.

        While a node leaves, the others answer 500/503 for a moment (node_not_connected, all
        shards failed) and the client puts each node that failed aside; when every node is
        aside, the client's own retries (``max_retries``) can end on the stopped node and the
        search fails although the cluster is about to answer from the replicas (seen once in
        ~860 searches of CI's cluster fault test). A single node that cannot be reached is not
        asked again: the search falls back to the database at once (issue #21 item 5). Reads
        only: a search or a count asked twice gives the same answer."""
        delays = None
        while True:
            try:
                return call(*args, **kwargs)
            except TransportError as error:  # ConnectionError is one too
                if delays is None:
                    delays = list(self._delays(error))
                if not delays:
                    raise
                logger.warning("search: the engine failed (%r); asking again", error)
                time.sleep(delays.pop(0))

    def _backend_do_search(self, body, **kwargs):
        return self._read(super()._backend_do_search, body, **kwargs)

    def _do_count(self):
        return self._read(super()._do_count)

    def _do_search(self):
        limit = None if self.stop is None else self.stop - self.start
        if limit is not None and limit <= self.SCROLL_PAGE:
            yield from super()._do_search()  # one request, no scroll context
            return
        read = 0
        for attempt in (1, 2):
            try:
                for result in self._scroll(
                    self.start + read, None if limit is None else limit - read
                ):
                    read += 1
                    yield result
                return
            except (NotFoundError, ScrollContextLost):
                if attempt == 2:
                    raise
                logger.warning("search: scroll context lost after %d hits; searching again", read)

    def _scroll(self, skip, limit):
        index = self.backend.get_index_for_model(self.query_compiler.queryset.model)
        page = self._backend_do_search(
            self._get_es_body(),
            index=index.name,
            _source=False,
            scroll=self.SCROLL_KEEP_ALIVE,
            size=self.SCROLL_PAGE,
            **{self.fields_param_name: "pk"},
        )
        scroll_id = page.get("_scroll_id")
        try:
            while (hits := page["hits"]["hits"]) and limit != 0:
                kept, skip = hits[skip:], max(skip - len(hits), 0)
                for result in self._get_results_from_hits(kept) if kept else ():
                    if limit == 0:
                        break
                    yield result
                    if limit is not None:
                        limit -= 1
                if not scroll_id or limit == 0:
                    break
                page = self._read(self._next_page, scroll_id)
                scroll_id = page.get("_scroll_id", scroll_id)
        except ScrollContextLost:
            scroll_id = None  # nothing left to free
            raise
        finally:
            if scroll_id:
                try:
                    self.backend.es.clear_scroll(scroll_id=scroll_id)
                except TransportError as error:
                    logger.info("search: a scroll context was not cleared (%r)", error)

    def _next_page(self, scroll_id):
        try:
            return self.backend.es.scroll(scroll_id=scroll_id, scroll=self.SCROLL_KEEP_ALIVE)
        except TransportError as error:
            if not scroll_context_lost(error):
                raise  # asked again by :meth:`_read` (an unreachable node too)
            raise ScrollContextLost(repr(error)) from error


class ChineseBackendMixin:
    def __init__(self, params):
        params = dict(params)
        self.refresh_on_write = params.pop("REFRESH_ON_WRITE", True)
        # ``CONNECT_TIMEOUT``: opening a connection times out apart from reading the answer, so
        # an unreachable node (packets dropped) costs a second, not the whole request timeout.
        connect = params.pop("CONNECT_TIMEOUT", None)
        if connect is not None:
            params["TIMEOUT"] = urllib3.Timeout(connect=connect, read=params.get("TIMEOUT", 10))
        super().__init__(params)


class ChineseOpenSearch2SearchResults(ScrollSafeResultsMixin, OpenSearch2SearchResults):
    pass


class ChineseOpenSearch2SearchBackend(ChineseBackendMixin, OpenSearch2SearchBackend):
    mapping_class = ChineseOpenSearch2Mapping
    results_class = ChineseOpenSearch2SearchResults
    index_class = ChineseOpenSearch2Index
    query_compiler_class = ChineseOpenSearch2SearchQueryCompiler
    autocomplete_query_compiler_class = ChineseOpenSearch2AutocompleteQueryCompiler
    settings = deep_update(deepcopy(OpenSearch2SearchBackend.settings), CHINESE_INDEX_SETTINGS)


# --- OpenSearch 3 (same classes over modelsearch's opensearch3 backend; untested here) -------


class ChineseOpenSearch3Mapping(ChineseMappingMixin, OpenSearch3Mapping):
    pass


class ChineseOpenSearch3Index(ChineseIndexMixin, OpenSearch3Index):
    pass


class ChineseOpenSearch3SearchQueryCompiler(ChineseQueryMixin, OpenSearch3SearchQueryCompiler):
    mapping_class = ChineseOpenSearch3Mapping


class ChineseOpenSearch3AutocompleteQueryCompiler(
    ChineseQueryMixin, OpenSearch3AutocompleteQueryCompiler
):
    mapping_class = ChineseOpenSearch3Mapping


class ChineseOpenSearch3SearchResults(ScrollSafeResultsMixin, OpenSearch3SearchResults):
    pass


class ChineseOpenSearch3SearchBackend(ChineseBackendMixin, OpenSearch3SearchBackend):
    mapping_class = ChineseOpenSearch3Mapping
    results_class = ChineseOpenSearch3SearchResults
    index_class = ChineseOpenSearch3Index
    query_compiler_class = ChineseOpenSearch3SearchQueryCompiler
    autocomplete_query_compiler_class = ChineseOpenSearch3AutocompleteQueryCompiler
    settings = deep_update(deepcopy(OpenSearch3SearchBackend.settings), CHINESE_INDEX_SETTINGS)


SearchBackend = ChineseOpenSearch2SearchBackend
