"""The link check (错敏检测: broken links, issue #17): every link of an item must lead somewhere
the public can go.

- **Internal links** — Wagtail's rich-text links (``<a linktype="page" id="…">``,
  ``<a linktype="document" id="…">``) and links to this site's paths (``/column/item/``,
  ``/documents/<id>/…``): a page that does not exist, is not published, was withdrawn (撤回,
  总局令第45号 第11条) or is not public, and a document that does not exist (or whose file is
  gone), are findings. They are read from the database when the check runs.
- **External links** (``http(s)://`` elsewhere): checked out of band by ``manage.py
  check_links`` (bounded timeout and concurrency, HEAD then GET), whose results are cached; the
  check only reads that cache — no network at publish time — and flags a link found broken.

The findings are shown to the reviewers and do not block publication.
"""

from __future__ import annotations

import hashlib
import html
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from disclosure.publishing.models import Withdrawal
from disclosure.publishing.visibility import is_publicly_visible

from .registry import SEVERITY_WARNING, Check, Finding, register
from .sources import stream_fields, stream_strings, text_fields

CHECK_NAME = "links"
PAGE_MISSING = "link_page_missing"
PAGE_UNPUBLISHED = "link_page_unpublished"
PAGE_WITHDRAWN = "link_page_withdrawn"
PAGE_NOT_PUBLIC = "link_page_not_public"
DOCUMENT_MISSING = "link_document_missing"
EXTERNAL_BROKEN = "link_external_broken"
KIND_LABELS = {
    PAGE_MISSING: gettext_lazy("链接的页面不存在"),
    PAGE_UNPUBLISHED: gettext_lazy("链接的页面未发布"),
    PAGE_WITHDRAWN: gettext_lazy("链接的页面已撤回"),
    PAGE_NOT_PUBLIC: gettext_lazy("链接的页面不公开"),
    DOCUMENT_MISSING: gettext_lazy("链接的文件不存在"),
    EXTERNAL_BROKEN: gettext_lazy("外部链接无法访问"),
}
SEVERITY = "warning"

CACHE_PREFIX = "checks:link:"
USER_AGENT = "disclosure-link-check/1.0"

_ANCHOR = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_MARKDOWN_LINK = re.compile(r"\]\(\s*(<[^>]+>|[^)\s]+)")
_BARE_URL = re.compile(r"""https?://[^\s"'<>()（）【】《》，。；、]+""")
_DOCUMENT_PATH = re.compile(r"^/documents/(?P<id>\d+)/")


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    text: str  # as written (the anchor or the URL)
    page_id: int | None = None
    document_id: int | None = None
    url: str = ""


def links_in(text):
    """Every link in ``text``: rich-text anchors, Markdown links, bare URLs (a URL field)."""
    found, covered = [], []
    for match in _ANCHOR.finditer(text):
        attributes = {
            name.lower(): html.unescape(double if double is not None else single)
            for name, double, single in _ATTRIBUTE.findall(match.group(1))
        }
        covered.append((match.start(), match.end()))
        link_type = attributes.get("linktype")
        identifier = attributes.get("id", "")
        if link_type == "page" and identifier.isdigit():
            found.append(Link(match.start(), match.end(), match.group(0), page_id=int(identifier)))
        elif link_type == "document" and identifier.isdigit():
            found.append(
                Link(match.start(), match.end(), match.group(0), document_id=int(identifier))
            )
        elif attributes.get("href"):
            found.append(Link(match.start(), match.end(), match.group(0), url=attributes["href"]))
    for match in _MARKDOWN_LINK.finditer(text):
        url = match.group(1).strip("<>")
        covered.append((match.start(1), match.end(1)))
        found.append(Link(match.start(1), match.end(1), url, url=url))
    for match in _BARE_URL.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        found.append(Link(match.start(), match.end(), match.group(0), url=match.group(0)))
    return sorted(found, key=lambda link: link.start)


def _host(hostname, port):
    """``host`` or ``host:port`` (the default ports of HTTP and HTTPS are left out)."""
    hostname = (hostname or "").lower()
    return hostname if port in (None, 80, 443) else f"{hostname}:{port}"


def site_hosts():
    """The hosts (with their port unless it is 80 or 443) this site is served at: the Wagtail
    sites and ``WAGTAILADMIN_BASE_URL``."""
    hosts = {
        _host(hostname, port) for hostname, port in Site.objects.values_list("hostname", "port")
    }
    base = settings.WAGTAILADMIN_BASE_URL or ""
    if base:
        parts = urlsplit(base)
        hosts.add(_host(parts.hostname, parts.port))
    return hosts - {""}


def _link_host(parts):
    try:
        return _host(parts.hostname, parts.port)
    except ValueError:  # a port that is not a number
        return (parts.hostname or "").lower()


def is_external(url, hosts):
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and _link_host(parts) not in hosts


def internal_path(url, hosts):
    """The site-relative path of a link to this site, or ``""``."""
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and _link_host(parts) in hosts:
        return unquote(parts.path or "/")
    if not parts.scheme and not parts.netloc and url.startswith("/"):
        return unquote(parts.path)
    return ""


def page_at(path):
    """The page served at ``path`` on the default site, or ``None``."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + path.strip("/")
    url_path = url_path.rstrip("/") + "/"
    return Page.objects.filter(url_path=url_path).first()


def page_problem(page):
    """The kind of finding a link to ``page`` is, or ``None`` when the public can open it."""
    if page is None:
        return PAGE_MISSING
    if not page.live:
        if Withdrawal.objects.filter(page_id=page.pk).exists():
            return PAGE_WITHDRAWN
        return PAGE_UNPUBLISHED
    if not is_publicly_visible(page.specific):
        return PAGE_NOT_PUBLIC
    return None


def document_exists(document_id):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return False
    try:
        return document.file.storage.exists(document.file.name)
    except Exception:  # noqa: BLE001 - a storage that cannot answer is not a broken link
        return True


def cache_key(url):
    return CACHE_PREFIX + hashlib.sha256(url.encode("utf-8")).hexdigest()


def cached_result(url):
    """What ``check_links`` last found for ``url`` (a dict), or ``None`` if never checked."""
    return cache.get(cache_key(url))


def store_result(url, result):
    cache.set(cache_key(url), result, settings.LINK_CHECK_TTL)


@dataclass(frozen=True)
class Problem:
    kind: str
    detail: str = ""


def link_problem(link, hosts):
    """The :class:`Problem` of one link, or ``None``."""
    if link.page_id is not None:
        kind = page_problem(Page.objects.filter(pk=link.page_id).first())
        return Problem(kind) if kind else None
    if link.document_id is not None:
        return None if document_exists(link.document_id) else Problem(DOCUMENT_MISSING)
    path = internal_path(link.url, hosts)
    if path:
        document = _DOCUMENT_PATH.match(path)
        if document:
            exists = document_exists(int(document.group("id")))
            return None if exists else Problem(DOCUMENT_MISSING)
        if path.startswith(("/static/", "/media/", "/api/", "/admin/")):
            return None
        page = page_at(path)
        if page is None and Withdrawal.objects.filter(public_path=path).exists():
            return Problem(PAGE_WITHDRAWN)
        kind = page_problem(page)
        return Problem(kind) if kind else None
    if is_external(link.url, hosts):
        result = cached_result(link.url)
        if result and not result.get("ok"):
            return Problem(EXTERNAL_BROKEN, result.get("reason", ""))
    return None


def link_sources(page):
    """The texts of ``page`` that hold links: text and URL fields and StreamField strings
    (attachments are files, not links)."""
    texts = []
    for name in text_fields(page):
        value = getattr(page, name, "") or ""
        if value:
            texts.append((name, str(value)))
    for name in stream_fields(page):
        texts += [(name, text) for text in stream_strings(getattr(page, name))]
    return texts


@register
class LinkCheck(Check):
    name = CHECK_NAME
    own_content_only = True
    order = 70
    label = gettext_lazy("链接")
    article = "政府网站与政务新媒体检查指标（链接可用性）；总局令第45号 第11条（撤回）"

    def run(self, sources):
        findings = []
        hosts = None
        for source in sources:
            text = source.text or ""
            if "<a" not in text and "://" not in text and "](" not in text:
                continue
            hosts = hosts if hosts is not None else site_hosts()
            for link in links_in(text):
                problem = link_problem(link, hosts)
                if problem is None:
                    continue
                label = KIND_LABELS[problem.kind]
                findings.append(
                    Finding(
                        check=self.name,
                        kind=problem.kind,
                        kind_label=label,
                        source=source.name,
                        source_label=source.label,
                        start=link.start,
                        end=link.end,
                        text=link.text,
                        blocking=False,
                        severity=SEVERITY_WARNING,
                        suggestion=_("请删除或更新该链接"),
                        extra={
                            "document_id": source.document_id,
                            "severity": SEVERITY,
                            "suggestion": _("请删除或更新该链接"),
                            "message": f"{label}：{link.url or link.text}"
                            + (f"（{problem.detail}）" if problem.detail else ""),
                        },
                    )
                )
        return findings

    def error_message(self, findings):
        return "；".join(finding.extra["message"] for finding in findings)


# External links, checked out of band (``manage.py check_links``).


def probe(url, timeout):
    """Open ``url`` (HEAD, then GET when HEAD is refused or fails) within ``timeout`` seconds;
    the answer as a dict for the cache: ``ok``, ``status``, ``reason`` (in Chinese)."""
    result = None
    for method in ("HEAD", "GET"):
        result = _request(url, method, timeout)
        if result["ok"] or result.get("timeout"):
            break
    result["checked_at"] = timezone.now().isoformat()
    return result


def _request(url, method, timeout):
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if method == "GET":
                response.read(1024)
            return {"ok": response.status < 400, "status": response.status, "reason": ""}
    except urllib.error.HTTPError as error:
        return {
            "ok": False,
            "status": error.code,
            "reason": _("HTTP %(status)s") % {"status": error.code},
        }
    except TimeoutError:
        return {"ok": False, "status": None, "reason": _("连接超时"), "timeout": True}
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return {"ok": False, "status": None, "reason": _("连接超时"), "timeout": True}
        return {
            "ok": False,
            "status": None,
            "reason": _("无法连接（%(error)s）") % {"error": error.reason},
        }
    except (OSError, ValueError) as error:
        return {
            "ok": False,
            "status": None,
            "reason": _("无法连接（%(error)s）") % {"error": type(error).__name__},
        }


def external_links(pages):
    """``{url: [page, …]}``: the external links of ``pages``."""
    hosts = site_hosts()
    found: dict[str, list] = {}
    for page in pages:
        for _name, text in link_sources(page):
            for link in links_in(text):
                if link.url and is_external(link.url, hosts):
                    pages_of = found.setdefault(link.url, [])
                    if page not in pages_of:
                        pages_of.append(page)
    return found


def check_external(urls, timeout=5.0, workers=8):
    """Probe every URL (at most ``workers`` at a time), cache and return ``{url: result}``."""
    urls = list(urls)
    results = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for url, result in zip(urls, pool.map(lambda u: probe(u, timeout), urls), strict=True):
            store_result(url, result)
            results[url] = result
    return results
