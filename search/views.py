import logging
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from disclosure.publishing import page_cache
from disclosure.publishing.choices import Validity

from . import service
from .filters import FILTER_NAMES, SearchFilters
from .models import QueryLog

logger = logging.getLogger(__name__)


def read_only(view):
    """GET and HEAD only; any other method gets 405 in the API's error shape (before the CSRF
    check would answer an unsafe method with 403: these views change nothing)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse(
                {"error": {"code": "method_not_allowed", "message": gettext("只支持 GET 请求。")}},
                status=405,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def cached_results_page(view):
    """The search page of a query kept whole in the page cache's shared cache, under its
    generation (:mod:`disclosure.publishing.page_cache`: every public change is seen by the next
    request), for ``SEARCH_CACHE_SECONDS``, for anonymous visitors only, as the page cache
    does for pages. A page served from the cache still counts its query in the query log. Off
    when the page cache or ``SEARCH_CACHE_SECONDS`` is; served uncached when the cache cannot
    be reached."""

    @wraps(view)
    def wrapper(request):
        if not (
            page_cache.enabled()
            and settings.SEARCH_CACHE_SECONDS > 0
            and request.GET.get("q", "").strip()
            and page_cache.request_is_anonymous_read(request)
        ):
            return view(request)
        try:
            key = "search" + page_cache.cache_key(request, page_cache.current_generation())
            stored = cache.get(key)
        except Exception:
            logger.exception("search page cache: the cache could not be read")
            return view(request)
        if stored is not None:
            query, count, relaxed = stored[2]
            QueryLog.record(query, "portal", count, relaxed=relaxed)
            return page_cache.from_cache(request, stored)
        response = view(request)
        logged = getattr(response, "search_logged", None)
        if logged is None or not page_cache.response_is_cacheable(
            request, response, url_names={"search"}
        ):
            return response
        return page_cache.store(key, response, settings.SEARCH_CACHE_SECONDS, extra=logged)

    return wrapper


@read_only
@cached_results_page
def search(request):
    """The portal's search page."""
    raw = request.GET.get("q", "").strip()
    context = {"query": raw, "outcome": None, "error": None}
    page = request.GET.get("page", "1")
    page = (
        int(page) if page.isdigit() and int(page) > 0 else 1
    )  # the portal forgives a bad page number
    if raw:
        try:
            context["outcome"] = service.search(
                raw, page=page, filters=SearchFilters.parse(request.GET), log_source="portal"
            )
        except service.SearchQueryError as error:
            context["error"] = error.messages[0]
    if context["outcome"]:
        context["facet_groups"] = facet_links(request, context["outcome"].facets)
        if not context["outcome"].results:
            context["suggestions"] = did_you_mean(context["outcome"].query)
    status = 400 if context["error"] else 200
    response = render(request, "search/search.html", context, status=status)
    if outcome := context["outcome"]:
        response.search_logged = (outcome.query[:200], outcome.count, outcome.relaxed)
    return response


FACET_TITLES = {
    "type": _("信息类型"),
    "category": _("分类"),
    "year": _("年份"),
    "validity": _("有效性"),
}


def facet_links(request, facets):
    """Facet values as links that add (or, when active, remove) the filter."""

    def label(name, value):
        if name == "type":
            return str(apps.get_model(value)._meta.verbose_name)
        if name == "validity":
            return str(Validity(value).label)
        return value

    groups = []
    for name, title in FACET_TITLES.items():
        values = facets.get(name) or {}
        links = []
        for value, count in list(values.items())[:12]:
            params = request.GET.copy()
            params.pop("page", None)
            active = params.get(name) == str(value)
            if active:
                params.pop(name)
            else:
                params[name] = value
            links.append(
                {
                    "label": label(name, value),
                    "count": count,
                    "url": "?" + params.urlencode(),
                    "active": active,
                }
            )
        if links:
            groups.append({"title": title, "links": links})
    return groups


DID_YOU_MEAN_LIMIT = 5


def did_you_mean(query):
    """Up to five titles close to a query that found nothing to show (「您是不是要找」).

    Only for an empty result list: when the count is 0 but the title channel still found a
    close title, that title is already the (only) result."""
    try:
        pages = service.suggest(query, limit=DID_YOU_MEAN_LIMIT)
    except service.SearchQueryError:
        return []
    return [{"title": page.title, "url": url} for page in pages if (url := page.url)]


def result_json(page):
    published = getattr(page, "published_at", None) or page.first_published_at
    version_date = getattr(page, "version_date", None)
    url = page.full_url or page.url
    return {
        "id": page.pk,
        "title": page.title,
        "url": url,
        "type": page._meta.label_lower,
        "document_number": getattr(page, "document_number", "") or "",
        "publisher": getattr(page, "publisher", "") or "",
        "published_at": timezone.localtime(published).isoformat() if published else None,
        "validity": getattr(page, "validity", None),
        "version_date": version_date.isoformat() if version_date else None,
        "index_number": getattr(page, "index_number", None),
        "snippet": str(getattr(page, "search_snippet", "")),
        "article": article_json(page, url),
    }


def article_json(page, url):
    """The article (条) that answers the query, linked by its anchor on the page (at ``url``);
    ``None`` when the document as a whole is the answer."""
    article = getattr(page, "search_article", None)
    if article is None:
        return None
    return {
        "number": article.number,
        "headings": list(article.headings),
        "url": f"{url}{article.fragment}",
    }


@read_only
def api_search(request):
    """``GET /api/search/?q=…&page=…&page_size=…&sort=relevance|date``."""
    unknown = set(request.GET) - {"q", "page", "page_size", "sort", *FILTER_NAMES}
    if unknown:
        return JsonResponse(
            {
                "error": {
                    "code": "unknown_parameter",
                    "message": gettext("不支持的参数：%(names)s")
                    % {"names": "、".join(sorted(unknown))},
                }
            },
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    empty = sorted(name for name in FILTER_NAMES if name in request.GET and not request.GET[name])
    if empty:
        # The API's contract (the OpenAPI document): a filter is left out, not sent empty.
        return JsonResponse(
            {
                "error": {
                    "code": "bad_filter",
                    "message": gettext("筛选条件不能为空：%(names)s（不筛选时请省略该参数）")
                    % {"names": "、".join(empty)},
                }
            },
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    try:
        outcome = service.search(
            request.GET.get("q", ""),
            filters=SearchFilters.parse(request.GET),
            page=request.GET.get("page", 1),
            page_size=request.GET.get("page_size", 20),
            sort=request.GET.get("sort", "relevance"),
            log_source="api",
        )
    except service.SearchQueryError as error:
        return JsonResponse(
            {"error": {"code": error.code, "message": error.messages[0]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    data = {
        "count": outcome.count,
        "page": outcome.page,
        "page_size": outcome.page_size,
        "relaxed": outcome.relaxed,
        "everyday_words": [
            {"word": word, "legal": list(legal)} for word, legal in outcome.everyday_words
        ],
        "results": [result_json(page) for page in outcome.results],
        "facets": outcome.facets,
    }
    if not outcome.results:  # count is 0 too (a page beyond the results is an error)
        data["suggestions"] = did_you_mean(outcome.query)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@read_only
def api_suggest(request):
    """``GET /api/search/suggest/?q=…``: up to 8 titles for the search box."""
    try:
        pages = service.suggest(request.GET.get("q", ""))
    except service.SearchQueryError as error:
        return JsonResponse(
            {"error": {"code": error.code, "message": error.messages[0]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {"suggestions": [{"title": p.title, "url": url} for p in pages if (url := p.url)]},
        json_dumps_params={"ensure_ascii": False},
    )
