"""The portal's search through an engine in at most two round trips (issue #21 item 1).

modelsearch's search results ask the engine for a count, then page through the hits with the
scroll API (100 a request: twenty requests for the 2,000 hits the filters and facets were
computed over), and the title channel asked again: about ten requests per portal search. Here
one ``_msearch`` carries what a portal search needs:

1. the main match (every word): the ids of the best ``size`` pages by BM25 (or by date), the
   exact count, and the facet counts as a ``terms`` aggregation over the pages' facet keys —
   the keys of the embedded default's facet rows (:mod:`search.facet_index`), which the page
   documents carry (:data:`search.backends.opensearch.PAGE_FIELDS`); filters are a ``terms``
   filter on the keys, so a facet's count is the count after a click on it;
2. the title channel: the best titles sharing a bigram with the query; named queries tell for
   each hit whether it matches every word (``and``) and which single words it matches (for a
   relaxed search), and its facet key comes with it, so the titles found only here are counted
   without asking again;
3. with filters, the unfiltered count of the main match (whether to relax), and with several
   words the count of each (which words are too common to relax to).

Only a query that matches nothing with every word needs a second request (the match of any
word). Queries are compiled by the backend's own compiler: the Chinese analysis and the
filters of the queryset (visibility) exactly as modelsearch sends them.
"""

import json
import threading
from dataclasses import dataclass

from django.conf import settings
from modelsearch.backends import get_search_backend
from modelsearch.index import SearchField
from modelsearch.query import MATCH_ALL
from wagtail.models import Page

from .backends.opensearch import ChineseBackendMixin

#: Hits an engine pages through at most (its ``index.max_result_window``).
MAX_WINDOW = 10_000
#: Facet keys an aggregation returns at most (a combination of type, year, validity, category
#: and column: a few hundred in a city's corpus).
FACET_BUCKETS = 10_000
#: The name of the main match among the title channel's named queries (:meth:`title_body`).
EVERY_WORD = "and"

_backends = {}
_backends_lock = threading.Lock()


class EngineQueryError(Exception):
    """A search inside the ``_msearch`` failed (an index missing, a query refused)."""


def backend(name="default"):
    """The search backend ``name``, one per process and settings: its client keeps its
    connections open between searches (``get_search_backend`` builds a new client each call)."""
    params = settings.WAGTAILSEARCH_BACKENDS.get(name, {})
    key = (name, json.dumps(params, sort_keys=True, default=repr))
    with _backends_lock:
        if key not in _backends:
            _backends[key] = get_search_backend(name)
        return _backends[key]


def available(name="default"):
    """The backend is the project's engine backend, whose page documents carry the page fields."""
    backend_path = settings.WAGTAILSEARCH_BACKENDS.get(name, {}).get("BACKEND", "")
    return backend_path.startswith("search.backends.opensearch") and isinstance(
        backend(name), ChineseBackendMixin
    )


@dataclass
class Match:
    """One search's answer: ranked page ids, the exact count, (facet key, count) pairs, and how
    many matched documents carry no facet key (an index written before the page fields)."""

    ids: list
    count: int
    facet_counts: list
    unkeyed: int = 0


@dataclass(frozen=True)
class TitleHit:
    pk: int
    facet_key: int | None
    matches: frozenset


class EngineSearch:
    """Builds the bodies of one ``_msearch`` over the page index for ``queryset`` (its filters,
    e.g. :func:`disclosure.publishing.visibility.visible_pages`, are compiled into each)."""

    def __init__(self, queryset, name="default"):
        self.queryset = queryset
        self.backend = backend(name)
        self.index = self.backend.get_index_for_model(Page).name
        # The queryset's filters and the catch-all fields, compiled once for every body.
        self._compiler = self.backend.query_compiler_class(
            queryset, MATCH_ALL, order_by_relevance=True
        )
        self._filters = self._compiler.get_filters()

    def text_query(self, groups_per_variant, operator="and"):
        """The engine query of the embedded default's token groups
        (:func:`search.fts.variant_groups`): with ``and`` every group of a variant, variants
        OR-ed; with ``or`` any of the groups. Each group through the backend's own group query
        over the catch-all fields with their boosts."""
        compiler = self._compiler
        fields = compiler.remapped_fields

        def any_of(clauses):
            if len(clauses) == 1:
                return clauses[0]
            return {"bool": {"should": clauses, "minimum_should_match": 1}}

        if operator == "or":
            return any_of([compiler._group_query(group, fields) for group in groups_per_variant])
        per_variant = []
        for groups in groups_per_variant:
            clauses = [compiler._group_query(group, fields) for group in groups]
            per_variant.append(clauses[0] if len(clauses) == 1 else {"bool": {"must": clauses}})
        return any_of(per_variant)

    def _query(self, text, key_ids=None):
        filters = self._filters
        if key_ids is not None:
            filters = [*filters, {"terms": {"search_facet_key": key_ids}}]
        return {"bool": {"must": [text], "filter": filters}}

    def match_body(self, text, size, key_ids=None, sort="relevance", start=0):
        """The main match of ``text`` (:meth:`text_query`): ``size`` ids from ``start``, the
        exact count and the facet keys' counts."""
        body = {
            "query": self._query(text, key_ids),
            "from": start,
            "size": size,
            "_source": False,
            "stored_fields": "_none_",
            "docvalue_fields": ["search_page_id"],
            "track_total_hits": True,
            "aggs": {
                "keys": {"terms": {"field": "search_facet_key", "size": FACET_BUCKETS}},
                "unkeyed": {"missing": {"field": "search_facet_key"}},
            },
        }
        if sort == "date":
            body["sort"] = [
                {"search_published_at": {"order": "desc", "missing": "_last"}},
                {"search_page_id": {"order": "desc"}},
            ]
        elif sort == "written":
            body["sort"] = [
                {"search_written_on": {"order": "desc", "missing": "_last"}},
                {"search_published_at": {"order": "desc", "missing": "_last"}},
                {"search_page_id": {"order": "desc"}},
            ]
        return body

    def count_body(self, text=None):
        """The exact number of visible pages matching ``text`` (all without it)."""
        return {
            "query": self._query(text or {"match_all": {}}),
            "size": 0,
            "track_total_hits": True,
        }

    def title_body(self, grams, size, key_ids=None, named=None):
        """The title channel: the best ``size`` titles holding any of ``grams`` (the query's
        bigrams, :func:`search.fts.title_grams`) as a token of the title field, Latin ones
        (pinyin while typing) as prefixes — the terms of the embedded default's title index;
        ``named``: {name: text query} each hit reports matching."""
        field = self._title_field()
        words = [gram for gram in grams if not gram.isascii()]
        options = (
            [{"match": {field: {"query": " ".join(words), "operator": "or"}}}] if words else []
        )
        options += [{"prefix": {field: gram.lower()}} for gram in grams if gram.isascii()]
        query = self._query({"bool": {"should": options, "minimum_should_match": 1}}, key_ids)
        query["bool"]["should"] = [
            {"bool": {"filter": [text], "_name": name}} for name, text in (named or {}).items()
        ]
        return {
            "query": query,
            "size": size,
            "_source": False,
            "stored_fields": "_none_",
            "docvalue_fields": ["search_page_id", "search_facet_key"],
        }

    def _title_field(self):
        mapping = self.backend.mapping_class(Page)
        (title,) = [
            field
            for field in Page.get_searchable_search_fields()
            if field.field_name == "title" and type(field) is SearchField
        ]
        return mapping.get_field_column_name(title)

    def run(self, bodies):
        """One ``_msearch`` of ``bodies``; the raw responses in order. A failed search raises
        :class:`EngineQueryError`; a failed request raises the client's error."""
        lines = []
        for body in bodies:
            lines += [{"index": self.index}, body]
        responses = self.backend.es.msearch(body=lines)["responses"]
        for response in responses:
            if "error" in response:
                raise EngineQueryError(json.dumps(response["error"], ensure_ascii=False)[:500])
        return responses


def _pk(hit):
    """The page id of a hit, from the column store (doc values): reading the stored ``pk``
    would decompress each hit's stored fields, its whole ``_source`` with them."""
    values = hit.get("fields", {}).get("search_page_id")
    return int(values[0]) if values else None


def match_of(response):
    """A :class:`Match` from a response of :meth:`EngineSearch.match_body`."""
    aggregations = response.get("aggregations", {})
    ids = [_pk(hit) for hit in response["hits"]["hits"]]
    return Match(
        ids=[pk for pk in ids if pk is not None],
        count=response["hits"]["total"]["value"],
        facet_counts=[
            (bucket["key"], bucket["doc_count"])
            for bucket in aggregations.get("keys", {}).get("buckets", [])
        ],
        unkeyed=aggregations.get("unkeyed", {}).get("doc_count", 0) + ids.count(None),
    )


def count_of(response):
    """The exact count of a response."""
    return response["hits"]["total"]["value"]


def title_hits_of(response):
    """:class:`TitleHit` objects from a response of :meth:`EngineSearch.title_body`."""
    hits = []
    for hit in response["hits"]["hits"]:
        keys = hit.get("fields", {}).get("search_facet_key") or [None]
        if (pk := _pk(hit)) is not None:
            hits.append(TitleHit(pk, keys[0], frozenset(hit.get("matched_queries", ()))))
    return hits
