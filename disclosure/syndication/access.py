"""Who may call the API and how often: public reads, partner API keys, per-key rate limits,
CORS, and the one error shape ``{"error": {"code", "message"}}`` with a Chinese message.

Settings (from the environment in production, see README):

- ``API_RATE_LIMIT_ANONYMOUS``: requests per minute per client address without a key (120);
  a partner's own limit is on its record (后台 → 接口合作方).
- ``API_CORS_ALLOWED_ORIGINS``: origins allowed to call the API from a browser (``*`` = any).
- ``TRUSTED_PROXIES``: addresses or networks of the reverse proxies in front of the site; only
  a request from one of them has its client address taken from ``X-Forwarded-For`` (else every
  client behind the proxy would share one rate bucket, and anyone could forge the header). The
  reading is :func:`disclosure.client_address.client_address`, shared with the application form.

Every response carries the limit as the IETF draft headers ``RateLimit-Limit``,
``RateLimit-Remaining`` and ``RateLimit-Reset`` (and the older ``X-RateLimit-*``); a request
over the limit gets 429 with ``Retry-After``. :class:`ApiPolicyMiddleware` applies the same
policy to the API routes that are not views of this app (search, suggest, Wagtail's API v2,
the OpenAPI document) and CORS to document downloads.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.client_address import client_address

from .models import ApiKey

WINDOW_SECONDS = 60


class ApiError(Exception):
    """An error the API answers with ``{"error": {"code", "message"}}``."""

    def __init__(self, code, message, status=400, headers=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.headers = headers or {}


def error_response(code, message, status=400, headers=None):
    response = JsonResponse(
        {"error": {"code": code, "message": str(message)}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def raw_key(request):
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("X-Api-Key", "").strip()


def authenticate(request):
    """The request's :class:`ApiKey`, None without a key; a key that is unknown, revoked or of
    an inactive partner is an error (never silently treated as anonymous)."""
    raw = raw_key(request)
    if not raw:
        return None
    key = ApiKey.lookup(raw)
    if key is None:
        raise ApiError("invalid_api_key", _("接口密钥无效或已吊销。"), status=401)
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def anonymous_limit():
    return int(getattr(settings, "API_RATE_LIMIT_ANONYMOUS", 120))


def now():
    """The clock of the rate-limit windows (one place, so tests can pin it inside a window)."""
    return time.time()


def check_rate(request, key):
    """Count the request in its fixed one-minute window; over the limit is a 429 with
    ``Retry-After``. Returns the headers to add to the response."""
    if key is not None:
        bucket, limit = f"key:{key.pk}", key.partner.rate_limit
    else:
        bucket, limit = f"ip:{client_address(request)}", anonymous_limit()
    if limit <= 0:
        return {}
    current = now()
    window = int(current // WINDOW_SECONDS)
    cache_key = f"syndication:rate:{bucket}:{window}"
    cache.add(cache_key, 0, WINDOW_SECONDS + 5)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, WINDOW_SECONDS + 5)
        used = 1
    reset = int((window + 1) * WINDOW_SECONDS - current) + 1
    remaining = str(max(0, limit - used))
    headers = {
        "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": remaining,
        "RateLimit-Reset": str(reset),
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": remaining,
        "X-RateLimit-Reset": str(reset),
    }
    if used > limit:
        raise ApiError(
            "rate_limited",
            _("请求过于频繁：每分钟最多 %(limit)s 次，请在 %(seconds)s 秒后重试。")
            % {"limit": limit, "seconds": reset},
            status=429,
            headers={**headers, "Retry-After": str(reset)},
        )
    return headers


def cors_headers(request):
    origin = request.headers.get("Origin")
    allowed = getattr(settings, "API_CORS_ALLOWED_ORIGINS", ["*"])
    if not origin or not allowed:
        return {}
    if "*" in allowed:
        value = "*"
    elif origin in allowed:
        value = origin
    else:
        return {}
    headers = {
        "Access-Control-Allow-Origin": value,
        "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, RateLimit-Limit, "
        "RateLimit-Remaining, RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, "
        "X-RateLimit-Reset",
    }
    if value != "*":
        headers["Vary"] = "Origin"
    return headers


def api_view(require_key=False):
    """Decorate an API view: GET/HEAD (and CORS preflight) only, key and rate checks, errors
    in the one shape, CORS headers. The view receives ``request.api_key``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            cors = cors_headers(request)
            if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method"):
                response = HttpResponse(status=204)
                if cors:
                    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                    response["Access-Control-Allow-Headers"] = (
                        "Authorization, X-Api-Key, If-None-Match, If-Modified-Since"
                    )
                    response["Access-Control-Max-Age"] = "86400"
            elif request.method not in ("GET", "HEAD"):
                response = error_response(
                    "method_not_allowed",
                    _("只支持 GET 请求。"),
                    405,
                    {"Allow": "GET, HEAD, OPTIONS"},
                )
            else:
                try:
                    key = authenticate(request)
                    if require_key and key is None:
                        raise ApiError(
                            "api_key_required",
                            _("此接口需要接口密钥：请在 Authorization: Bearer 头中提供。"),
                            status=401,
                        )
                    rate = check_rate(request, key)
                    request.api_key = key
                    response = view(request, *args, **kwargs)
                    for name, value in rate.items():
                        response[name] = value
                except ApiError as error:
                    response = error_response(
                        error.code, error.message, error.status, error.headers
                    )
            for name, value in cors.items():
                response[name] = value
            return response

        wrapper.csrf_exempt = True
        return wrapper

    return decorator


#: API routes served by views of other apps (search, Wagtail's API v2, the OpenAPI document):
#: the same key, rate and CORS policy as the views of :func:`api_view`.
POLICY_PREFIXES = ("/api/search/", "/api/v2/", "/api/openapi.json")
#: Downloads partners fetch from a browser: CORS only (documents are served by Wagtail).
CORS_ONLY_PREFIXES = ("/documents/",)


def with_charset(response, path):
    """Every JSON answer of the API names its charset (``application/json; charset=utf-8``)."""
    if path.startswith("/api/") and response.get("Content-Type") == "application/json":
        response["Content-Type"] = "application/json; charset=utf-8"
    return response


class ApiCompressionMiddleware(GZipMiddleware):
    """gzip for the API's answers only (public data, no secrets: BREACH does not apply), as
    ``Accept-Encoding`` allows; portal and admin pages are left to the web server."""

    def process_response(self, request, response):
        if not request.path.startswith("/api/"):
            return response
        return super().process_response(request, response)


class ApiPolicyMiddleware:
    """One policy for all of ``/api/`` (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(CORS_ONLY_PREFIXES):
            return self._with(self.get_response(request), cors_headers(request))
        if not path.startswith(POLICY_PREFIXES) or request.method == "OPTIONS":
            return with_charset(self.get_response(request), path)
        cors = cors_headers(request)
        try:
            rate = check_rate(request, authenticate(request))
        except ApiError as error:
            response = error_response(error.code, error.message, error.status, error.headers)
            return self._with(response, cors)
        return with_charset(self._with(self.get_response(request), {**rate, **cors}), path)

    @staticmethod
    def _with(response, headers):
        for name, value in headers.items():
            response[name] = value
        return response
