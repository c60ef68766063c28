"""The one search path behind the portal's search page and ``/api/search/``.

1. Validate the query (a clear Chinese message, never a 500).
2. Expand editor-managed synonyms.
3. Match every word (AND); when nothing matches, relax to any word (OR) so that a typo or a
   natural question still finds something — but not a query that is a 文号 and nothing else
   (or its beginning): a number that matches nothing is not found, and pages sharing one of its
   characters are no answer (the page offers suggestions instead).
4. Re-rank the best candidates: an exact document number first, then title matches (the short
   name of a law, its pinyin), the version in force above older versions, then the backend's
   BM25 score.
"""

import functools
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.utils.translation import gettext as _
from modelsearch.query import PlainText
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from disclosure.columns.models import item_models
from disclosure.organisation.models import organisation_for
from disclosure.publishing import document_numbers
from disclosure.publishing.listing import narrow_items_of_rows
from disclosure.publishing.visibility import (
    is_publicly_visible,
    restricted_paths,
    restrictions_read_once,
    visible_pages,
    visible_rows,
)
from disclosure.statements import fetch_rows, kept_statement, padded

from . import analysis, engine_direct, facet_index, fts, postgres_fts, result_cache, snippets
from . import filters as search_filters
from .backends import engine
from .backends.engine import search_with_fallback
from .models import QueryLog, Synonym, split_terms

logger = logging.getLogger("disclosure.search")

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 50
#: No one pages beyond this; a larger number (99999999999999999999) is bad input, not a 500.
MAX_PAGE = 10_000
RERANK_WINDOW = 200
# Titles whose re-ranking features are kept (title_features): ~3.6 KB each, 7 MB in all.
TITLE_FEATURES_KEPT = 2048
TITLE_WINDOW = 50
TITLE_CHANNEL_MAX_MATCHES = 500
BACKEND_FILTER_WINDOW = 2000
SORTS = ("relevance", "date", "written")
_OPERATORS_ONLY = re.compile(r"^[\s\-+*\"'()!|&~^:?]*$")
_AMENDED = {"amended", "expired", "repealed"}
# A question is matched against the articles of the best ANSWER_WINDOW candidates after
# re-ranking (snippets.answer_shares): one whose single article holds the whole question gains
# ANSWER_WEIGHT, a hundred places of the main match but less than most title bonuses.
ANSWER_WINDOW = 20
ANSWER_WEIGHT = 10
# A query that names no place is answered by national law first: a local regulation of a
# region other than the bureau's ranks this much lower (about the distance between the first
# and the last of the main match's window, far below a title match's bonus).
OTHER_JURISDICTION_PENALTY = 20
# A question (analysis.is_question) is answered by a norm, an interpretation or a case study: the
# record of one case or one period — a penalty decision, a work notice, a results announcement
# (the legal categories the normative database gives them; a page type that records one case
# says so with ``records_one_case``) — rarely is. Assessors grading, blind, what the searches
# returned for the judged questions at 3.5k and 103k documents graded 23 documents answers, none
# of them such a record (144 graded, 79 of them related; benchmarks/search/judgments-pooled.json);
# at 103k they rank first by BM25, being short and many.
ONE_CASE_CATEGORIES = frozenset({"行政处罚决定", "工作通知", "公告"})
ONE_CASE_PENALTY = 60


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


@dataclass(frozen=True)
class QueryExpansion:
    """What a query is searched as: its synonym variants, and the everyday words of a question
    searched in the laws' wording (``(("不想要了", ("七日内退货", "无需说明理由")),)``)."""

    variants: list
    everyday_words: tuple = ()


def synonym_variants(query):
    """The query plus one variant per synonym group that applies (``市场监管局`` → ``市场监督管理局``)
    and, for a question, one in the laws' wording (:func:`expand`)."""
    return expand(query).variants


@kept_statement
def _synonyms_statement(database):
    """The terms and kind of every active synonym group."""
    return Synonym.objects.using(database).filter(is_active=True).values_list("terms", "kind")


def expand(query):
    """The query's :class:`QueryExpansion`: one variant per synonym group that applies and, for
    a question, one in the laws' wording: each everyday word it uses replaced by the legal terms
    for it (``退休金`` → ``基本养老金``; :class:`Synonym.Kind.EVERYDAY`)."""
    normalised = analysis.normalise(query)
    question = analysis.is_question(normalised)
    # Every group is read, of both kinds, and its terms kept whole by the segmenter
    # (analysis.add_terms) whatever the query: a query is cut the same way before and after a
    # question was asked.
    database = Synonym.objects.db
    groups = fetch_rows(database, _synonyms_statement(database))
    variants = [query]
    everyday = []
    for terms, kind in groups:
        terms = _normalised_terms(terms)
        analysis.add_terms(terms)
        if kind == Synonym.Kind.EVERYDAY:
            if question:
                everyday.append(terms)
            continue
        for term in terms:
            if term and term in normalised:
                for other in terms:
                    if other != term:
                        variants.append(normalised.replace(term, other))
                break
    legal, words = in_legal_wording(normalised, everyday)
    if words:
        variants.append(legal)
    return QueryExpansion(list(dict.fromkeys(variants)), words)


def in_legal_wording(question, everyday):
    """(``question`` with each everyday word of ``everyday`` — groups of terms: the everyday
    word, then the legal terms for it — replaced by its legal terms, the words replaced with
    their terms in the order they occur): one pass, the longest word at each place (a phrase
    wins over a word inside it)."""
    pattern, legal = _everyday_pattern(tuple(everyday))
    if pattern is None:
        return question, ()
    found = {}

    def replace(match):
        found.setdefault(match.group(), legal[match.group()])
        return f" {' '.join(legal[match.group()])} "

    rewritten = " ".join(pattern.sub(replace, question).split())
    return (rewritten, tuple(found.items())) if found else (question, ())


@functools.lru_cache(maxsize=8)
def _everyday_pattern(everyday):
    legal = {}
    for word, *terms in everyday:
        if word and terms:
            legal.setdefault(word, tuple(terms))
    if not legal:
        return None, legal
    words = sorted(legal, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words)), legal


@functools.lru_cache(maxsize=4096)
def _normalised_terms(terms):
    """A synonym group's terms (:attr:`Synonym.terms`, as stored) normalised: the same at every
    search."""
    return tuple(analysis.normalise(t) for t in split_terms(terms))


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
    #: The everyday words of a question also searched in the laws' wording (QueryExpansion).
    everyday_words: tuple = ()

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.page_size))


def _title_key(text):
    return re.sub(r"\s+", "", analysis.normalise(text or ""))


@dataclass(frozen=True)
class TitleFeatures:
    """What re-ranking compares a query with of one title (normalised, its short name and their
    bigrams): the same for a title at every search, so kept for the titles seen last."""

    key: str
    short_key: str
    grams: frozenset
    short_grams: frozenset
    kind: str = ""


@functools.lru_cache(maxsize=TITLE_FEATURES_KEPT)
def title_features(title):
    key = _title_key(title)
    short_key = analysis.short_name(key)
    return TitleFeatures(
        key=key,
        short_key=short_key,
        grams=frozenset(analysis.bigrams(key)),
        short_grams=frozenset(analysis.bigrams(short_key)),
        kind=analysis.kind_of(title),
    )


# Matching every word of the query is strong evidence; matching some word of a relaxed query
# is weak, and the title similarity decides.
MAIN_MATCH_BONUS = 50
RELAXED_MATCH_BONUS = 10
# A page only the title channel found (its title is near the query's, its text lacks a word).
TITLE_ONLY_SCORE = -25
# A query that ends in the name of a kind of norm (…投诉举报处理办法; analysis.NORM_KINDS) asks
# for a norm of that kind: a title of another kind — a 公告 that quotes the 办法, a 通知 on the same
# subject — ranks as if only the title channel had found it, and below a norm of that kind the
# title channel found with the same title similarity. At 103k documents a bureau's hundreds of
# notices on handling complaints, each holding every word of the query, buried the 办法 itself.
OTHER_KIND_PENALTY = MAIN_MATCH_BONUS - TITLE_ONLY_SCORE


@dataclass(frozen=True)
class QueryVariant:
    """What re-ranking needs of one query variant, computed once per query."""

    key: str
    short_key: str
    pinyin: bool
    grams: frozenset
    short_grams: frozenset

    @classmethod
    def of(cls, variant):
        # Read as a title is read (title_features), so the two compare like with like.
        features = title_features(variant)
        return cls(
            key=features.key,
            short_key=features.short_key,
            pinyin=analysis.is_pinyin(variant),
            grams=features.grams,
            short_grams=features.short_grams,
        )


@dataclass(frozen=True)
class QueryProfile:
    variants: tuple
    numbers: frozenset
    relaxed: bool = False
    names_a_place: bool = False
    own_regions: frozenset = frozenset()
    question: bool = False
    norm_kinds: frozenset = frozenset()

    @classmethod
    def of(cls, variants, relaxed=False):
        numbers = set()
        for variant in variants:
            numbers |= set(analysis.document_numbers(analysis.normalise(variant), query=True))
        question = any(analysis.is_question(v) for v in variants)
        kinds = {title_features(v).kind for v in variants}
        return cls(
            variants=tuple(QueryVariant.of(v) for v in variants),
            numbers=frozenset(numbers),
            relaxed=relaxed,
            names_a_place=any(analysis.names_a_place(v) for v in variants),
            own_regions=frozenset(_own_regions()),
            question=question,
            norm_kinds=frozenset() if question else frozenset(kinds & set(analysis.NORM_KINDS)),
        )


def _own_regions():
    """The bureau's regions (机构设置 → 所在地区): their local regulations are not another
    jurisdiction's."""
    settings = organisation_for()
    return split_terms(settings.regions) if settings else []


def rerank_score(page, profile, position):
    """Higher is better. ``profile`` describes the query and its synonym variants;
    ``position`` is the page's rank in the main match (0 = best BM25), or None for a page that
    only the title channel found."""
    bonus = RELAXED_MATCH_BONUS if profile.relaxed else MAIN_MATCH_BONUS
    score = bonus - position / 10 if position is not None else TITLE_ONLY_SCORE
    if profile.numbers:
        text = f"{getattr(page, 'document_number', '') or ''}\n{getattr(page, 'history_lines', '') or ''}"
        if profile.numbers & set(analysis.document_numbers(analysis.normalise(text))):
            score += 1000
    features = title_features(page.title)
    title, short_title = features.key, features.short_key
    pinyin = None
    bonus = 0
    for variant in profile.variants:
        if not variant.key:
            continue
        if variant.key in (title, short_title):
            bonus = max(bonus, 300)
        elif variant.key in title:
            bonus = max(bonus, 150 - min(len(title) - len(variant.key), 50))
        elif variant.pinyin:
            pinyin = pinyin if pinyin is not None else set(analysis.pinyin_tokens(title))
            bonus = max(bonus, 250 if variant.key in pinyin else 0)
        elif variant.grams:
            # Dice similarity, also of the short forms: a near-miss of the whole name (a typo)
            # beats a longer title that shares the same few characters.
            bonus = max(
                bonus,
                100 * _dice(variant.grams, features.grams),
                100 * _dice(variant.short_grams, features.short_grams),
            )
    score += bonus
    if getattr(page, "validity", None) in _AMENDED:
        score -= 60
    if not profile.names_a_place and _of_another_jurisdiction(page, profile.own_regions):
        score -= OTHER_JURISDICTION_PENALTY
    if profile.question and getattr(page, "records_one_case", False):
        score -= ONE_CASE_PENALTY
    if profile.norm_kinds and features.kind not in profile.norm_kinds:
        score -= OTHER_KIND_PENALTY
    return score


def _of_another_jurisdiction(page, own_regions):
    """A local regulation of another province or city than the bureau's, and not the
    bureau's own document: it is made for its own administrative area (立法法 2023 第八十条)
    and ranks below the law (第九十九条), which binds everywhere."""
    region = getattr(page, "region", "") or ""
    if not region or region == analysis.NATIONAL or region in own_regions:
        return False
    return not getattr(page, "issued_here", False)


def _dice(a, b):
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0


def search(
    raw_query,
    *,
    page=1,
    page_size=20,
    sort="relevance",
    filters=None,
    queryset=None,
    log_source=None,
):
    """Run a search; raises :class:`SearchQueryError` on bad input. The view restrictions are
    read once for the whole search."""
    with restrictions_read_once():
        return _search(raw_query, page, page_size, sort, filters, queryset, log_source)


def _search(raw_query, page, page_size, sort, filters, queryset, log_source):
    query = clean_query(raw_query)
    if sort not in SORTS:
        raise SearchQueryError(_("不支持的排序方式：%(sort)s") % {"sort": sort}, code="bad_sort")
    try:
        page = int(page)
        page_size = int(page_size)
    except (TypeError, ValueError) as error:
        raise SearchQueryError(_("页码和每页条数必须是整数。"), code="bad_page") from error
    if page > MAX_PAGE:
        raise SearchQueryError(_("页码过大（最大 %(max)d）。") % {"max": MAX_PAGE}, code="bad_page")
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SearchQueryError(
            _("页码从 1 开始，每页条数为 1–%(max)d。") % {"max": MAX_PAGE_SIZE}, code="bad_page"
        )
    default_queryset = queryset is None
    expansion = expand(query)
    variants = expansion.variants
    filters = filters or search_filters.SearchFilters()

    cache_key, found = (None, None)
    if default_queryset:
        cache_key, found = result_cache.get(variants, sort, page, page_size, filters)
    if found is not None:
        results = _in_order(found.ids)
        count, relaxed, facets = found.count, found.relaxed, found.facets
    else:
        results, count, relaxed, facets = _find(
            query, variants, sort, page, page_size, filters, queryset, default_queryset
        )
        result_cache.put(
            cache_key, result_cache.Found(tuple(r.pk for r in results), count, relaxed, facets)
        )

    promoted = editors_picks(query) if page == 1 else []
    if promoted:
        promoted_ids = {p.pk for p in promoted}
        results = (
            promoted
            + [r for r in results if r.pk not in promoted_ids][: max(page_size - len(promoted), 0)]
        )

    words = snippets.terms(variants)
    for result in results:
        result.search_article = snippets.answering_article(result, words)
        result.search_snippet = snippets.snippet(result, words, result.search_article)

    if log_source:
        QueryLog.record(query[:200], log_source, count, relaxed=relaxed)
    return SearchOutcome(
        query=query,
        results=results,
        count=count,
        page=page,
        page_size=page_size,
        relaxed=relaxed,
        facets=facets,
        everyday_words=expansion.everyday_words,
    )


def _find(query, variants, sort, page, page_size, filters, queryset, default_queryset):
    """(results, count, relaxed, facets) from the engine, the embedded default's direct path
    or modelsearch's generic one, whichever serves this search; ``queryset`` None for the
    publicly visible pages (composed only for the generic path)."""
    # With the engine down, the embedded default's direct path over the database index kept
    # beside it, not modelsearch's generic database query (seconds a search; issue #21 item 5).
    direct = default_queryset and (
        fts.available()
        or postgres_fts.available()
        or (_direct_module().index_available() and engine.is_down())
    )
    outcome = None
    if not direct and default_queryset and engine_direct.available():
        try:
            outcome = _search_engine(query, variants, sort, page, page_size, filters)
        except EngineDown:
            direct = _direct_module().index_available()
        except StaleEngineIndex:
            pass
    if outcome is None and not direct:
        try:
            outcome = _search_backend(
                _visible().specific() if queryset is None else queryset,
                query,
                variants,
                sort,
                page,
                page_size,
                filters,
                direct_fallback=default_queryset,
            )
        except EngineDown:
            direct = True
    if outcome is None:
        with _direct_module().index_scans():
            outcome = _search_fts(query, variants, sort, page, page_size, filters)
    return outcome


def _in_order(ids):
    """The publicly visible specific pages of ``ids``, in the order of ``ids``: two kept
    statements and one a page type (composing ``specific()`` anew cost more than its rows)."""
    return narrow_items_of_rows(visible_rows(ids), whole=True)


@kept_statement(values=1)
def _picks_statement(database, query_string):
    """The ids of the live pages promoted for ``query_string`` (normalised), in order."""
    return (
        SearchPromotion.objects.using(database)
        .filter(query__query_string=query_string, page__live=True)
        .order_by("sort_order")
        .values_list("page_id")
    )


def editors_picks(query):
    """Pages the editors promoted for this exact query (后台 → 推荐结果), publicly visible ones
    (:mod:`disclosure.publishing.visibility`), in order. Asked at every first page, found for
    few: a kept statement, the pages read only when there are some."""
    database = SearchPromotion.objects.db
    statement = _picks_statement(database, normalise_query_string(query))
    ids = [pk for (pk,) in fetch_rows(database, statement)]
    if not ids:
        return []
    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    paths = restricted_paths()
    return [pages[pk] for pk in ids if pk in pages and is_publicly_visible(pages[pk], paths)]


def suggest(raw_query, limit=8):
    """Title suggestions while typing: titles sharing the most characters with what was typed,
    those containing it first. The same on every backend (issue #21 item 7): the title channel
    over the database index, which is kept beside an engine too; modelsearch's autocomplete
    only where no Chinese database index is kept."""
    query = clean_query(raw_query)
    key = _title_key(query)
    direct = _direct_module()
    if direct.index_available():
        terms = direct.title_terms([query])
        if terms and direct.facet_rows_current():
            ids = [pk for pk, _score in direct.title_page_ids(terms, 50)]
        else:
            expression = direct.title_expression([query])
            ids = [pk for pk, _score in direct.candidates(expression, 50)] if expression else []
        pages = list(_visible().filter(pk__in=ids))
    else:
        pages = list(_visible().autocomplete(query)[:50])
    pages.sort(key=lambda p: (key not in _title_key(p.title), len(p.title), p.pk))
    return pages[:limit]


def _check_page(start, count, page_size):
    if start >= max(count, 1) and start > 0:
        raise SearchQueryError(
            _("页码超出范围（共 %(pages)d 页）。") % {"pages": -(-count // page_size)},
            code="page_out_of_range",
        )


def _rerank(window, variants, start, page_size, extra=(), relaxed=False):
    """Re-rank the main match (``window``, best first) together with ``extra`` pages found by
    the title channel only."""
    profile = QueryProfile.of(variants, relaxed)
    scored = [(rerank_score(p, profile, position), p) for position, p in enumerate(window)]
    seen = {p.pk for p in window}
    scored += [(rerank_score(p, profile, None), p) for p in extra if p.pk not in seen]
    scored.sort(key=lambda item: item[0], reverse=True)
    # A question (not a name the best title holds): the best of them matched against their
    # articles, and ranked again.
    questions = snippets.question_words(variants)
    if questions and scored and _title_holds_query(scored[0][1], profile):
        questions = []
    best = [p for _score, p in scored[:ANSWER_WINDOW]] if questions else []
    answers = snippets.answer_shares(candidate_passages(best), questions) if best else {}
    if answers:
        scored = [(score + ANSWER_WEIGHT * answers.get(p.pk, 0), p) for score, p in scored]
        scored.sort(key=lambda item: item[0], reverse=True)
    return [p for _score, p in scored][start : start + page_size]


def _title_holds_query(page, profile):
    title = title_features(page.title).key
    return any(
        (v.key and v.key in title) or (v.short_key and v.short_key in title)
        for v in profile.variants
    )


def candidate_passages(pages):
    """{page id: its articles (:class:`snippets.Passages`)} of ``pages`` whose type stores where
    its articles lie (a law, a regulation: ``article_index``): remembered from an earlier search
    while the page is not published again, else read, one query a type."""
    keys = {p.pk: (p.pk, getattr(p, "last_published_at", None)) for p in pages}
    found = snippets.remembered_passages(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    for model in item_models() if missing else ():
        if any(field.name == "article_index" for field in model._meta.concrete_fields):
            rows = (
                model.objects.filter(pk__in=missing)
                .order_by()
                .values_list("pk", "body", "article_index")
            )
            for pk, body, stored in rows:
                found[keys[pk]] = snippets.remember_passages(keys[pk], body, stored)
    for pk in missing:
        if keys[pk] not in found:  # a type without articles: nothing to read next time either
            found[keys[pk]] = snippets.remember_passages(keys[pk], None, None)
    return {key[0]: passages for key, passages in found.items() if passages is not None}


@kept_statement(values=1)
def _rank_rows_statement(database, ids):
    """``(pk, title, content type, last published)`` of the pages of ``ids``; unordered (a page
    type's rows ordered by the tree path were joined to every page and sorted)."""
    return (
        Page.objects.using(database)
        .filter(pk__in=ids)
        .order_by()
        .values_list("pk", "title", "content_type", "last_published_at")
    )


@kept_statement(values=1)
def _rank_type_rows_statement(model, names, database, ids):
    """The ``names`` of ``model``'s rows of ``ids``, each type's rows by its own ids."""
    return model.objects.using(database).filter(pk__in=ids).order_by().values_list(*names)


def rank_fields(ids):
    """What re-ranking reads, for many candidates at once, without loading their bodies: kept
    statements (composing them for 200 ids cost more than running them; Django prepared every
    id of an ``__in`` list, ~1.5 ms a statement), their ids padded to a power of two."""
    if not ids:
        return {}
    rows, ids_of_type = {}, {}
    database = Page.objects.db
    for pk, title, content_type, published in fetch_rows(
        database, _rank_rows_statement(database, padded(sorted(ids)))
    ):
        rows[pk] = {"pk": pk, "title": title, "last_published_at": published}
        ids_of_type.setdefault(content_type, []).append(pk)
    of_model = {
        ContentType.objects.get_for_id(pk).model_class(): v for pk, v in ids_of_type.items()
    }
    for model in (m for m in item_models() if m in of_model):
        names = ("pk", "document_number", "validity") + tuple(
            name
            for name in ("history_lines", "region", "issued_here", "legal_category")
            if hasattr(model, name)
        )
        statement = _rank_type_rows_statement(model, names, database, padded(of_model[model]))
        for row in fetch_rows(database, statement):
            values = dict(zip(names, row, strict=True))
            one_case = model.records_one_case or values.get("legal_category") in ONE_CASE_CATEGORIES
            rows[values["pk"]].update(values, records_one_case=one_case)
    return {pk: SimpleNamespace(**row) for pk, row in rows.items()}


def _has_single_characters(variants):
    return any(group[0].endswith("*") for v in variants for group in analysis.query_groups(v))


def _visible():
    """The publicly visible pages, composed where a search reads them (the direct path's fast
    statements read the facet rows instead)."""
    return visible_pages(Page.objects.all())


def _direct_module():
    """The direct statements for the database in use: FTS5 on SQLite, tsvector on PostgreSQL."""
    return postgres_fts if connection.vendor == "postgresql" else fts


def _search_fts(query, variants, sort, page, page_size, filters):
    """The embedded default: direct FTS5 statements (see :mod:`search.fts`; on PostgreSQL
    :mod:`search.postgres_fts`). With the facet rows current (:mod:`search.facet_index`),
    counts, facets, filters and candidates come from the index joined to them; otherwise
    through the page tables."""
    fts = _direct_module()
    fast = fts.facet_rows_current()
    keys = facet_index.keys() if fast else {}
    key_ids = filters.key_filter(keys) if fast and filters else None
    if fast and filters and key_ids is None:
        fast = False

    every_word = fts.match_expression(variants, "and")

    def matched(match):
        if fast:
            counts = fts.facet_counts(match, key_ids)
            return (
                match,
                sum(n for _key, n in counts),
                search_filters.facets_from_keys(counts, keys),
                counts,
            )
        facets = search_filters.facets(matched_pages(match))
        return match, sum(facets["type"].values()), facets, []

    def matched_pages(match):
        return filters.apply(_visible().filter(pk__in=fts.matching_page_ids(match)))

    if not every_word:
        # Nothing searchable is left after analysis (symbols, private-use characters).
        _check_page((page - 1) * page_size, 0, page_size)
        return [], 0, False, {}

    def matches_anything(match):
        if fast:
            return bool(fts.facet_counts(match))
        return _visible().filter(pk__in=fts.matching_page_ids(match)).exists()

    relaxed = False
    two_words = ""
    match, count, facets, counts = matched(every_word)
    # Relax to any word only when no page matches every word, filters or not: a facet's count
    # (counted without its filter) is then the count after clicking it.
    number_query = document_numbers.is_document_number_query(query)
    if count == 0 and not number_query and (not filters or not matches_anything(match)):
        relaxed = True
        kept = fts.relaxed_groups(variants)
        two_words = fts.two_groups(kept)
        match, count, facets, counts = matched(fts.any_group(kept))
    start = (page - 1) * page_size
    if sort != "relevance":
        _check_page(start, count, page_size)
        results = list(_by_date(matched_pages(match), sort).specific()[start : start + page_size])
        return results, count, relaxed, facets if count else {}

    limit = max(RERANK_WINDOW, start + page_size)
    broad = fast and count > fts.BROAD_MATCHES
    within = matched_pages(match) if filters and not fast else None
    if not count:
        ids = []
    elif broad or (fast and two_words):
        question = broad and analysis.is_question(query)
        ids = _window(fts, match, two_words, limit, key_ids, keys, counts, broad, question)
    elif fast:
        ids = [pk for pk, _score in fts.ranked_page_ids(match, limit, key_ids, broad=broad)]
    else:
        ids = [pk for pk, _score in fts.candidates(match, limit, within)]
    # The title channel rescues a title the main match missed (a typo, a synonym); a broad
    # query that matched every word in thousands of documents does not need it, unless a
    # one-character word (often a typo: 管里法) is what made it broad, or the match is so
    # broad that its body matches are in prior order (the titles then carry the relevance).
    # On the fast path the title channel is one cheap statement on the title-only index, and it
    # always runs: among many short documents citing a law (行政处罚决定书, 通知 of a bureau), the
    # law's own title can fall out of the main match's BM25 window (issue #21 item 6).
    single_characters = _has_single_characters(variants)
    needs_title_channel = not number_query and (
        fast or relaxed or count <= TITLE_CHANNEL_MAX_MATCHES or single_characters or broad
    )
    # The title channel looks at the same titles with or without filters, and the filters
    # are applied to what it found: its pages then count in the facets as they do after a
    # click on one.
    title_ids = []
    if needs_title_channel and fast:
        terms = fts.title_terms(variants, leave_out_common=True)
        title_ids = [pk for pk, _s in fts.title_page_ids(terms, TITLE_WINDOW)] if terms else []
    elif needs_title_channel:
        title_match = fts.title_expression(variants)
        title_ids = (
            [pk for pk, _score in fts.candidates(title_match, TITLE_WINDOW)] if title_match else []
        )
    rescued, uncounted = _title_only(title_ids, ids, match, count, filters)
    # Titles found only by the title channel are results too: count them, in the facets too.
    count += len(uncounted)
    if uncounted:
        more = (
            search_filters.facets_from_keys(fts.page_facet_counts(uncounted), keys)
            if fast
            else search_filters.facets(Page.objects.filter(pk__in=uncounted))
        )
        facets = search_filters.add_facets(facets, more)
    _check_page(start, count, page_size)
    # A match that rests on one-character words is weak evidence, like a relaxed one.
    weak = relaxed or single_characters
    results = _ranked_page(ids, title_ids, rescued, variants, start, page_size, weak)
    return results, count, relaxed, facets if count else {}


def _window(fts, match, two_words, limit, key_ids, keys, counts, broad, question):
    """The candidates of a relaxed or a broad match: drawn first from the pages that answer the
    query better — each part ranked by relevance when it is small enough — and filled with the
    rest of the match, ranked, or in prior order (in force, newest) when the match is ``broad``
    (:data:`search.fts.BROAD_MATCHES`). Counts and facets stay the whole match's.

    - A relaxed match (no page holds every word): the pages holding two of its words
      (``two_words``, :func:`search.fts.two_groups`) before those holding one, as a reader
      would rank them; BM25 puts first a short page repeating one rare word. On PostgreSQL at
      103k documents 买到假货可以要求几倍赔偿 matched 10,446 pages by any word and its window
      was the newest of them, none about compensation; 238 hold two of its words.
    - A broad ``question``: norms first, not the records of one case
      (:data:`ONE_CASE_CATEGORIES`). At 103k the penalty decisions that all say 不服 and 行政处罚
      made 对行政处罚不服怎么办 match 51,618 documents, in which the laws that answer it were
      ordered by year."""
    within = _norm_keys(keys, key_ids) if question else key_ids
    parts = []
    if two_words:
        # Counted only when the match is broad: a part of a match that is not is small enough.
        size = sum(n for _key, n in fts.facet_counts(two_words, within)) if broad else 1
        parts.append((two_words, size))
    if question:
        wanted = set(within)
        parts.append((match, sum(n for key, n in counts if key in wanted)))
    ids = {}
    for expression, size in parts:
        if size and len(ids) < limit:
            in_prior_order = size > fts.BROAD_MATCHES
            rows = fts.ranked_page_ids(expression, limit, within, broad=in_prior_order)
            for pk, _score in rows:
                ids.setdefault(pk)
    if len(ids) < limit:
        for pk, _score in fts.ranked_page_ids(match, limit, key_ids, broad=broad):
            ids.setdefault(pk)
    return list(ids)[:limit]


def _norm_keys(keys, key_ids):
    """The ids of the facet keys (:func:`search.facet_index.keys`) of norms, among ``key_ids``
    when given: neither a page type that records one case nor a legal category of one."""
    one_case_types = {
        ContentType.objects.get_for_model(model).pk
        for model in item_models()
        if getattr(model, "records_one_case", False)
    }
    allowed = None if key_ids is None else set(key_ids)
    return [
        pk
        for pk, (content_type, _year, _validity, _is_law, category, _column) in keys.items()
        if content_type not in one_case_types
        and category not in ONE_CASE_CATEGORIES
        and (allowed is None or pk in allowed)
    ]


def _ranked_page(ids, title_ids, rescued, variants, start, page_size, weak):
    """The page of results: the main match's ``ids`` (best first) and the title channel's
    ``title_ids`` outside its window (``rescued``) re-ranked together within
    :data:`RERANK_WINDOW`, in that order beyond it; loaded as their specific pages."""
    found = rank_fields(set(ids) | rescued)
    window = [found[pk] for pk in ids if pk in found]
    extra = [found[pk] for pk in title_ids if pk in rescued and pk in found]
    if start + page_size <= RERANK_WINDOW:
        chosen = _rerank(window, variants, start, page_size, extra, weak)
    else:
        chosen = (window + extra)[start : start + page_size]
    return _in_order([c.pk for c in chosen])


def _by_date(pages, sort):
    """Newest first: by publication (``date``) or by 成文日期 (``written``; pages without one
    last, then by publication)."""
    if sort == "written":
        return pages.annotate(_written=search_filters.written_on()).order_by(
            F("_written").desc(nulls_last=True), "-first_published_at", "-pk"
        )
    return pages.order_by("-first_published_at", "-pk")


def _title_only(title_ids, window_ids, match, count, filters):
    """The pages of the title channel outside the main match's window that the filters pass
    (all are ranked), and those of them the main match does not hold (these add to the count
    and the facets)."""
    rescued = {pk for pk, _type in visible_rows(sorted(set(title_ids) - set(window_ids)))}
    if rescued and filters:
        rescued = set(
            filters.apply(Page.objects.filter(pk__in=rescued))
            .order_by()
            .values_list("pk", flat=True)
        )
    uncounted = rescued
    if rescued and count > len(window_ids):
        # The main match goes beyond its window: the titles it holds are counted already.
        uncounted = rescued - {
            pk
            for pk, _score in _direct_module().candidates(
                match, len(rescued), Page.objects.filter(pk__in=rescued)
            )
        }
    return rescued, uncounted


class EngineDown(Exception):
    """The engine did not answer and the embedded default's direct path can serve instead."""


class StaleEngineIndex(Exception):
    """The engine's page documents lack the page fields (written before them): modelsearch's
    generic path serves until ``update_index`` rebuilds the index."""


def _search_engine(query, variants, sort, page, page_size, filters):
    """The portal's search through the engine in at most two round trips
    (:mod:`search.engine_direct`): the embedded default's steps (:func:`_search_fts`) with the
    engine's BM25, counts and facet keys. Raises :class:`EngineDown` when the engine fails."""
    live = _visible()
    keys = facet_index.keys()
    queryset, key_ids = live, None
    if filters:
        key_ids = filters.key_filter(keys)
        if key_ids is None:
            # A column below the top level or a department: by tree path in the engine, the
            # other filters by facet key.
            queryset = replace(
                search_filters.SearchFilters(), column=filters.column, department=filters.department
            ).apply(live)
            others = replace(filters, column=None, department=None)
            key_ids = others.key_filter(keys) if others else None
    start = (page - 1) * page_size
    groups = fts.variant_groups(variants)
    if not any(groups):
        # Nothing searchable is left after analysis (symbols, private-use characters).
        _check_page(start, 0, page_size)
        return [], 0, False, {}
    by_relevance = sort == "relevance"
    limit = max(RERANK_WINDOW, start + page_size) if by_relevance else page_size
    if (limit if by_relevance else start + page_size) > engine_direct.MAX_WINDOW:
        raise SearchQueryError(
            _("检索结果最多查看前 %(max)d 条，请增加检索词或筛选条件。")
            % {"max": engine_direct.MAX_WINDOW},
            code="page_out_of_range",
        )
    number_query = document_numbers.is_document_number_query(query)
    search = engine_direct.EngineSearch(queryset)
    every_word = search.text_query(groups, "and")
    # The relaxed match is any group but those in much of the index (as fts.relaxed_expression):
    # each group's count comes with the first request, in case nothing matches every word.
    distinct = list(dict.fromkeys(tuple(group) for variant in groups for group in variant))
    group_of = {f"group{n}": list(group) for n, group in enumerate(distinct)}
    by_group = {name: search.text_query([group], "or") for name, group in group_of.items()}
    main_start = 0 if by_relevance else start
    bodies = [search.match_body(every_word, limit, key_ids, sort, start=main_start)]
    grams = fts.title_grams(variants) if by_relevance and not number_query else []
    if grams:
        named = {engine_direct.EVERY_WORD: every_word, **by_group}
        bodies.append(search.title_body(grams, TITLE_WINDOW, key_ids, named))
    if filters:
        bodies.append(search.count_body(every_word))
    frequencies = not number_query and len(distinct) > 1
    if frequencies:
        bodies += [search.count_body()] + [search.count_body(text) for text in by_group.values()]
    try:
        responses = search.run(bodies)
        main = engine_direct.match_of(responses[0])
        relaxed, rare = False, list(by_group)
        # Relax to any word only when no page matches every word, filters or not (as on the
        # embedded default): a facet's count is then the count after clicking it.
        unfiltered = engine_direct.count_of(responses[2 if grams else 1]) if filters else main.count
        if main.count == 0 and unfiltered == 0 and not number_query:
            relaxed = True
            if frequencies:
                counts = [engine_direct.count_of(r) for r in responses[-len(by_group) - 1 :]]
                rare = fts.kept_groups(dict(zip(by_group, counts[1:], strict=True)), counts[0])
            any_word = search.text_query([group_of[name] for name in rare], "or")
            (response,) = search.run(
                [search.match_body(any_word, limit, key_ids, sort, main_start)]
            )
            main = engine_direct.match_of(response)
    except (*engine.ENGINE_ERRORS, engine_direct.EngineQueryError) as error:
        engine.mark_down("default", error)
        raise EngineDown from error
    if main.unkeyed:
        logger.warning(
            "The engine's page documents lack the page fields: run `manage.py update_index`"
        )
        raise StaleEngineIndex
    count = main.count
    facets = search_filters.facets_from_keys(main.facet_counts, keys) if count else {}
    if not by_relevance:
        _check_page(start, count, page_size)
        return _in_order(main.ids), count, relaxed, facets
    title_hits = engine_direct.title_hits_of(responses[1]) if grams else []
    # The title channel's hits outside the main match's window are ranked too; those the main
    # match does not hold are results of their own: counted, in the facets too.
    rescued = {hit.pk for hit in title_hits} - set(main.ids)
    matching = set(rare) if relaxed else {engine_direct.EVERY_WORD}
    uncounted = [hit for hit in title_hits if hit.pk in rescued and not matching & hit.matches]
    count += len(uncounted)
    more = Counter(hit.facet_key for hit in uncounted if hit.facet_key is not None)
    if more:
        facets = search_filters.add_facets(
            facets, search_filters.facets_from_keys(list(more.items()), keys)
        )
    _check_page(start, count, page_size)
    title_ids = [hit.pk for hit in title_hits]
    weak = relaxed or _has_single_characters(variants)
    results = _ranked_page(main.ids, title_ids, rescued, variants, start, page_size, weak)
    return results, count, relaxed, facets


def _search_backend(
    queryset, query, variants, sort, page, page_size, filters, direct_fallback=False
):
    """Any other backend (PostgreSQL, an engine) through modelsearch; filters and facets over
    the first ``BACKEND_FILTER_WINDOW`` hits. With ``direct_fallback``, an engine that does not
    answer raises :class:`EngineDown` when the embedded default's direct path can serve."""
    relaxed = False
    by_relevance = sort == "relevance"
    # An unreachable engine falls back to the database index kept beside it, never an error.
    hits, fell_back = search_with_fallback(
        queryset, _search_query(variants, "and"), order_by_relevance=by_relevance
    )
    if fell_back and direct_fallback and _direct_module().index_available():
        raise EngineDown
    count = hits.count()
    number_query = document_numbers.is_document_number_query(query)
    if count == 0 and not number_query:
        relaxed = True
        hits, _fell_back = search_with_fallback(
            queryset, _search_query(variants, "or"), order_by_relevance=by_relevance
        )
        count = hits.count()
    ranked = list(hits[:BACKEND_FILTER_WINDOW])
    # The title channel, as on the embedded default: any bigram of the query in a title.
    extra = []
    if (
        by_relevance
        and not number_query
        and (relaxed or count <= TITLE_CHANNEL_MAX_MATCHES or _has_single_characters(variants))
    ):
        grams = fts.title_grams(variants)
        if grams:
            title_hits, _fell_back = search_with_fallback(
                queryset, PlainText(" ".join(grams), operator="or"), fields=["title"]
            )
            seen = {p.pk for p in ranked}
            extra = [p for p in title_hits[:TITLE_WINDOW] if p.pk not in seen]
            count += len(extra)
    pages = filters.apply(Page.objects.filter(pk__in=[p.pk for p in ranked + extra]))
    if filters:
        allowed = set(pages.values_list("pk", flat=True))
        ranked = [p for p in ranked if p.pk in allowed]
        extra = [p for p in extra if p.pk in allowed]
        count = len(ranked) + len(extra)
    start = (page - 1) * page_size
    _check_page(start, count, page_size)
    if not by_relevance:
        results = list(_by_date(pages, sort).specific()[start : start + page_size])
    elif start + page_size <= RERANK_WINDOW:
        results = _rerank(
            ranked[:RERANK_WINDOW], variants, start, page_size, extra, relaxed=relaxed
        )
    else:
        results = (ranked + extra)[start : start + page_size]
    return results, count, relaxed, search_filters.facets(pages) if count else {}
