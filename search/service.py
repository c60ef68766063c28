"""The one search path behind the portal's search page and ``/api/search/``.

1. Validate the query (a clear Chinese message, never a 500).
2. Expand editor-managed synonyms.
3. Match every word (AND); when nothing matches, relax to any word (OR) so that a typo or a
   natural question still finds something.
4. Re-rank the best candidates: an exact document number first, then title matches (the short
   name of a law, its pinyin), the version in force above older versions, then the backend's
   BM25 score.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from modelsearch.query import PlainText
from wagtail.models import Page

from . import analysis

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 50
RERANK_WINDOW = 200
SORTS = ("relevance", "date")
_OPERATORS_ONLY = re.compile(r"^[\s\-+*\"'()!|&~^:?]*$")
_AMENDED = {"amended", "expired", "repealed"}


class SearchQueryError(ValidationError):
    """Bad search input; ``code`` is machine-readable, the message is Chinese."""


def clean_query(raw):
    query = (raw or "").strip()
    if not query:
        raise SearchQueryError(_("请输入检索词。"), code="empty_query")
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryError(
            _("检索词过长（最多 %(max)d 个字符）。") % {"max": MAX_QUERY_LENGTH},
            code="query_too_long",
        )
    if any(unicodedata.category(c) == "Cc" for c in query):
        raise SearchQueryError(_("检索词含有控制字符。"), code="control_characters")
    if _OPERATORS_ONLY.match(query):
        raise SearchQueryError(_("检索词不能只包含符号，请输入文字或文号。"), code="operators_only")
    return query


def synonym_variants(query):
    """The query plus one variant per synonym group that applies (``市场监管局`` → ``市场监督管理局``)."""
    from .models import Synonym

    normalised = analysis.normalise(query)
    variants = [query]
    for synonym in Synonym.objects.filter(is_active=True):
        terms = [analysis.normalise(t) for t in synonym.term_list()]
        for term in terms:
            if term and term in normalised:
                for other in terms:
                    if other != term:
                        variants.append(normalised.replace(term, other))
                break
    return list(dict.fromkeys(variants))


def _search_query(variants, operator):
    combined = None
    for variant in variants:
        part = PlainText(variant, operator=operator)
        combined = part if combined is None else combined | part
    return combined


@dataclass
class SearchOutcome:
    query: str
    results: list
    count: int
    page: int
    page_size: int
    relaxed: bool = False
    facets: dict = field(default_factory=dict)

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.page_size))


def _title_key(text):
    return re.sub(r"\s+", "", analysis.normalise(text or ""))


def rerank_score(page, query, position):
    """Higher is better. ``position`` is the backend's rank (0 = best BM25)."""
    score = -position / 10
    title = _title_key(page.title)
    short_title = analysis._REGION_PREFIX.sub("", title)
    q = _title_key(query)
    numbers = set(analysis.document_numbers(analysis.normalise(query), query=True))
    if numbers:
        own = set(
            analysis.document_numbers(
                analysis.normalise(getattr(page, "document_number", "") or "")
            )
        )
        history = getattr(page, "history_lines", "") or ""
        own |= set(analysis.document_numbers(analysis.normalise(history)))
        if numbers & own:
            score += 1000
    if q and (q == title or q == short_title):
        score += 300
    elif q and q in title:
        score += 150 - min(len(title) - len(q), 50)
    elif analysis.is_pinyin(query):
        pinyin = set(analysis.pinyin_tokens(title))
        if q in pinyin:
            score += 250
    else:
        query_grams = set(analysis.bigrams(q))
        if query_grams:
            overlap = len(query_grams & set(analysis.bigrams(title))) / len(query_grams)
            score += 100 * overlap
    if getattr(page, "validity", None) in _AMENDED:
        score -= 60
    return score


def search(raw_query, *, page=1, page_size=20, sort="relevance", queryset=None, log_source=None):
    """Run a search; raises :class:`SearchQueryError` on bad input."""
    query = clean_query(raw_query)
    if sort not in SORTS:
        raise SearchQueryError(_("不支持的排序方式：%(sort)s") % {"sort": sort}, code="bad_sort")
    try:
        page = int(page)
        page_size = int(page_size)
    except (TypeError, ValueError) as error:
        raise SearchQueryError(_("页码和每页条数必须是整数。"), code="bad_page") from error
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SearchQueryError(
            _("页码从 1 开始，每页条数为 1–%(max)d。") % {"max": MAX_PAGE_SIZE}, code="bad_page"
        )
    if queryset is None:
        queryset = Page.objects.live().public().specific()
    variants = synonym_variants(query)

    relaxed = False
    hits = queryset.search(_search_query(variants, "and"), order_by_relevance=sort == "relevance")
    count = hits.count()
    if count == 0:
        relaxed = True
        hits = queryset.search(
            _search_query(variants, "or"), order_by_relevance=sort == "relevance"
        )
        count = hits.count()

    start = (page - 1) * page_size
    if start >= max(count, 1) and page > 1:
        raise SearchQueryError(
            _("页码超出范围（共 %(pages)d 页）。") % {"pages": -(-count // page_size)},
            code="page_out_of_range",
        )
    if sort == "date":
        ordered = queryset.filter(pk__in=[p.pk for p in hits[:1000]]).order_by(
            "-first_published_at", "-pk"
        )
        results = list(ordered.specific()[start : start + page_size])
    elif start + page_size <= RERANK_WINDOW:
        window = list(hits[:RERANK_WINDOW])
        ranked = sorted(
            enumerate(window), key=lambda item: rerank_score(item[1], query, item[0]), reverse=True
        )
        results = [p for _position, p in ranked][start : start + page_size]
    else:
        results = list(hits[start : start + page_size])

    facets = {}
    if count:
        from django.contrib.contenttypes.models import ContentType

        by_type = hits.facet("content_type_id")
        types = ContentType.objects.in_bulk([pk for pk in by_type if pk])
        facets["type"] = {
            types[pk].model_class()._meta.label_lower: n for pk, n in by_type.items() if pk in types
        }

    if log_source:
        from .models import QueryLog

        QueryLog.objects.create(
            query=query[:200], result_count=count, relaxed=relaxed, source=log_source
        )
    return SearchOutcome(
        query=query,
        results=results,
        count=count,
        page=page,
        page_size=page_size,
        relaxed=relaxed,
        facets=facets,
    )
