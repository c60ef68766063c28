"""The headless API: public catalogue (list, detail, columns, exports) and the change feed.

Every view answers JSON in UTF-8, errors as ``{"error": {"code", "message"}}`` (see
:mod:`.access`); the OpenAPI document (``cms/openapi.py``) describes each of them.
"""

import hashlib
import json

from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Site

from disclosure import spreadsheets
from disclosure.columns.models import ColumnPage
from disclosure.departments.models import Department
from disclosure.organisation.site import absolute_url
from disclosure.outbox.models import ChangeKind
from disclosure.publishing.api_fields import api_datetime
from disclosure.publishing.models import Withdrawal

from . import documents, projection, query
from .access import ApiError, api_view
from .models import FeedEntry, SyncState

FEED_DEFAULT_LIMIT = 100
FEED_MAX_LIMIT = 500


def dumps(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- context shared by the representations ------------------------------------------------


class Context:
    """What an item's representation needs besides its own row, loaded once per request:
    the live columns with their departments, the topics and the sites' root URLs."""

    def __init__(self, request):
        self.request = request
        self.columns, self.departments, self.topics, self.department_names = self.shared()
        self.roots = Site.get_site_root_paths()

    @staticmethod
    def shared():
        """Columns, their departments and the topics: cached until the feed next moves (a
        column published or renamed) and for at most a minute (departments reassigned)."""
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache

        from disclosure.publishing.models import Topic

        version = catalogue_last_modified()
        key = f"syndication:context-v2:{version.timestamp() if version else 0}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        column_type = ContentType.objects.get_for_model(ColumnPage)
        columns = list(
            Page.objects.filter(content_type=column_type, live=True)
            .order_by("path")
            .values("pk", "title", "path", "url_path")
        )
        departments = {}
        through = ColumnPage.departments.through
        for column_id, dep_id, dep_name in through.objects.values_list(
            "columnpage_id", "department_id", "department__name"
        ).order_by("department__name", "department_id"):
            departments.setdefault(column_id, []).append({"id": dep_id, "name": dep_name})
        topics = {t.pk: {"code": t.code, "name": t.name} for t in Topic.objects.all()}
        names = dict(Department.objects.values_list("pk", "name"))
        value = (columns, departments, topics, names)
        cache.set(key, value, 60)
        return value

    def url(self, url_path):
        for root in self.roots:
            if url_path.startswith(root.root_path):
                return root.root_url.rstrip("/") + "/" + url_path[len(root.root_path) :]
        return None

    def column_chain(self, path):
        return [c for c in self.columns if path.startswith(c["path"]) and path != c["path"]]

    def department(self, department_id):
        """The item's 责任科室 as ``{"id", "name"}``, or ``None``."""
        name = self.department_names.get(department_id)
        return None if name is None else {"id": department_id, "name": name}

    def chain_departments(self, chain):
        """The departments responsible for the item's column and, as their page permissions
        reach down, for the columns above it: nearest first."""
        seen, result = set(), []
        for column in reversed(chain):
            for department in self.departments.get(column["pk"], []):
                if department["id"] not in seen:
                    seen.add(department["id"])
                    result.append(department)
        return result

    def item(self, row):
        """The list representation of a :class:`CatalogueEntry` row (as ``values()``)."""
        doc = dict(row["document"])
        chain = self.column_chain(row["page__path"])
        topic_id = doc.pop("topic_id", None)
        department_id = doc.pop("department_id", None)
        doc.pop("url_path", None)
        doc.update(
            {
                "url": self.url(row["page__url_path"]),
                "detail_url": absolute_url(f"/api/items/{row['page_id']}/"),
                "modified_at": api_datetime(row["modified_at"]),
                "topic": self.topics.get(topic_id),
                "columns": [{"id": c["pk"], "title": c["title"]} for c in chain],
                "departments": self.chain_departments(chain),
                "department": self.department(department_id),
                "revision_id": row["revision_id"],
                "content_hash": row["content_hash"],
            }
        )
        return doc


# --- conditional responses ----------------------------------------------------------------


def conditional(request, body, last_modified=None, status=200, content_type="application/json"):
    """``body`` with a strong ETag and Last-Modified; 304 when the client has it already."""
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    not_modified = False
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        not_modified = etag in tags or "*" in tags
    elif last_modified is not None and request.headers.get("If-Modified-Since"):
        since = parse_http_date_safe(request.headers["If-Modified-Since"])
        not_modified = since is not None and int(last_modified.timestamp()) <= since
    if not_modified:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, status=status, content_type=f"{content_type}; charset=utf-8")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def catalogue_last_modified():
    return SyncState.objects.filter(pk=1).values_list("updated_at", flat=True).first()


# --- endpoints ------------------------------------------------------------------------------


@api_view()
def item_list(request):
    """``GET /api/items/``: public items, filtered, ordered, by cursor."""
    q, ordering, page_size, cursor = query.parse(request.GET)
    projection.sync()
    rows, next_cursor = query.page(q, ordering, page_size, cursor)
    context = Context(request)
    data = {
        "results": [context.item(row) for row in rows],
        "page_size": page_size,
        "ordering": ordering,
        "next_cursor": next_cursor,
        "next": None,
    }
    if next_cursor:
        params = request.GET.copy()
        params["cursor"] = next_cursor
        data["next"] = absolute_url("/api/items/?" + params.urlencode())
    return conditional(request, dumps(data), catalogue_last_modified())


@api_view()
def item_detail(request, page_id):
    """``GET /api/items/{id}/``: one public item with its own fields and attachments."""
    if request.GET:
        raise ApiError(
            "unknown_parameter",
            _("不支持的参数：%(names)s") % {"names": "、".join(sorted(request.GET))},
        )
    if not page_id.isascii() or not page_id.isdigit() or int(page_id) > query.MAX_ID:
        raise ApiError("not_found", _("信息不存在或未公开。"), status=404)
    projection.sync()
    row = projection.public_entries().filter(page_id=int(page_id)).values(*query.ROW_FIELDS).first()
    if row is None:
        gone = latest_withdrawal_of(int(page_id))
        if gone is not None:
            # The portal answers the old URL with 410 and the reason: so does the API.
            return JsonResponse(
                {
                    "error": {
                        "code": "withdrawn",
                        "message": _("该信息已于%(date)s撤回。")
                        % {"date": timezone.localtime(gone.withdrawn_at).strftime("%Y-%m-%d")},
                    },
                    **withdrawal_json(gone),
                },
                status=410,
                json_dumps_params={"ensure_ascii": False},
            )
        raise ApiError("not_found", _("信息不存在或未公开。"), status=404)
    page = Page.objects.filter(pk=page_id).specific().first()
    context = Context(request)
    data = context.item(row)
    data["fields"] = documents.public_fields(page)
    data["attachments"] = documents.attachments(page)
    # A value computed when asked (a consultation's status) changes without the item being
    # modified: such an item is revalidated by its ETag only, never by its modification time.
    computed = documents.computed_field_names(type(page))
    return conditional(request, dumps(data), None if computed else row["modified_at"])


@api_view()
def column_list(request):
    """``GET /api/columns/``: the live columns, with parents and departments."""
    if request.GET:
        raise ApiError(
            "unknown_parameter",
            _("不支持的参数：%(names)s") % {"names": "、".join(sorted(request.GET))},
        )
    context = Context(request)
    by_path = {c["path"]: c for c in context.columns}
    results = []
    for column in context.columns:
        parent = None
        for depth in range(len(column["path"]) - Page.steplen, 0, -Page.steplen):
            parent = by_path.get(column["path"][:depth])
            if parent:
                break
        results.append(
            {
                "id": column["pk"],
                "title": column["title"],
                "parent_id": parent["pk"] if parent else None,
                "url": context.url(column["url_path"]),
                "departments": context.departments.get(column["pk"], []),
                "rss_url": absolute_url(f"/api/columns/{column['pk']}/rss/"),
                "atom_url": absolute_url(f"/api/columns/{column['pk']}/atom/"),
            }
        )
    return conditional(request, dumps({"results": results}), catalogue_last_modified())


def feed_event(entry):
    """The representation of a :class:`FeedEntry` (the webhook body is the same object)."""
    event = entry.event
    data = {
        "position": entry.position,
        "event_id": event.pk,
        "kind": entry.kind,
        "tombstone": entry.is_tombstone,
        "occurred_at": api_datetime(event.occurred_at),
        "id": entry.page_id,
        "type": event.payload.get("type") or entry.content_type.model_class()._meta.label_lower,
        "title": (entry.document or {}).get("title") or event.title,
        "index_number": event.index_number or "",
        "content_hash": entry.content_hash or None,
        "document": None,
    }
    if entry.document:
        document = dict(entry.document)
        document.pop("url_path", None)
        data["document"] = document
    data["withdrawal"] = (
        withdrawal_json(withdrawal_at(entry.page_id, event.occurred_at))
        if entry.kind == ChangeKind.WITHDRAW
        else None
    )
    return data


def withdrawal_at(page_id, moment):
    """The withdrawal of ``page_id`` recorded by ``moment`` (the latest), or None."""
    return (
        Withdrawal.objects.filter(page_id=page_id, withdrawn_at__lte=moment)
        .order_by("-withdrawn_at", "-pk")
        .first()
    )


def latest_withdrawal_of(page_id):
    """The latest withdrawal of ``page_id`` while the page is still off the site, or None."""
    withdrawal = (
        Withdrawal.objects.filter(page_id=page_id)
        .select_related("page")
        .order_by("-withdrawn_at", "-pk")
        .first()
    )
    return withdrawal if withdrawal is not None and not withdrawal.page.live else None


def withdrawal_json(withdrawal):
    """When and why an item was withdrawn (总局令第45号 第11条 makes the reason public); the
    reason only when it was marked public."""
    if withdrawal is None:
        return None
    return {
        "withdrawn_at": api_datetime(withdrawal.withdrawn_at),
        "reason": withdrawal.reason if withdrawal.public_reason else None,
    }


@api_view(require_key=True)
def feed(request):
    """``GET /api/feed/?after=N&limit=M``: the change feed from position ``after``."""
    unknown = sorted(set(request.GET) - {"after", "limit"})
    if unknown:
        raise ApiError(
            "unknown_parameter", _("不支持的参数：%(names)s") % {"names": "、".join(unknown)}
        )
    projection.sync()
    head = (
        FeedEntry.objects.filter(is_item=True)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
        or 0
    )
    after = request.GET.get("after", "0")
    if not after.isascii() or not after.isdigit() or int(after) > query.MAX_ID:
        raise ApiError("bad_cursor", _("参数 after 必须是变更流中的位置（非负整数）。"))
    after = int(after)
    if after > head and not FeedEntry.objects.filter(position__gte=after).exists():
        raise ApiError("bad_cursor", _("参数 after 超出了变更流的末尾：该位置从未发出。"))
    limit = request.GET.get("limit", str(FEED_DEFAULT_LIMIT))
    if not limit.isascii() or not limit.isdigit() or not 1 <= int(limit) <= FEED_MAX_LIMIT:
        raise ApiError(
            "bad_page_size",
            _("参数 limit 必须是 1 到 %(max)s 之间的整数。") % {"max": FEED_MAX_LIMIT},
        )
    limit = int(limit)
    entries = list(
        FeedEntry.objects.filter(is_item=True, position__gt=after)
        .select_related("event", "content_type")
        .order_by("position")[: limit + 1]
    )
    has_more = len(entries) > limit
    entries = entries[:limit]
    next_after = entries[-1].position if entries else after
    data = {
        "events": [feed_event(entry) for entry in entries],
        "next_after": next_after,
        "has_more": has_more,
        "head": head,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


# --- exports --------------------------------------------------------------------------------

CSV_COLUMNS = (
    ("id", "ID"),
    ("type", gettext_lazy("类型")),
    ("title", gettext_lazy("标题")),
    ("index_number", gettext_lazy("索引号")),
    ("document_number", gettext_lazy("文号")),
    ("publisher", gettext_lazy("发布机构")),
    ("written_on", gettext_lazy("成文日期")),
    ("published_at", gettext_lazy("发布日期")),
    ("modified_at", gettext_lazy("更新时间")),
    ("topic", gettext_lazy("主题分类")),
    ("disclosure_attribute", gettext_lazy("公开属性")),
    ("validity", gettext_lazy("有效性")),
    ("columns", gettext_lazy("栏目")),
    ("departments", gettext_lazy("科室")),
    ("keywords", gettext_lazy("关键词")),
    ("summary", gettext_lazy("内容概述")),
    ("url", gettext_lazy("网址")),
    ("content_hash", gettext_lazy("内容摘要值")),
)


def export_rows(request):
    """The bureau's catalogue: every public item with its 索引号. Reference material of other
    bodies (the laws and rules of the normative-document database not issued here) carries no
    索引号 of the bureau and is no part of its catalogue (issue #14 item 11); the read API and
    the feed still carry it."""
    projection.sync()
    context = Context(request)
    last = None
    while True:
        rows = projection.public_entries().exclude(document__index_number="").order_by("page_id")
        if last is not None:
            rows = rows.filter(page_id__gt=last)
        batch = list(rows.values(*query.ROW_FIELDS)[:1000])
        if not batch:
            return
        for row in batch:
            yield context.item(row)
        last = batch[-1]["page_id"]


def _no_parameters(request):
    if request.GET:
        raise ApiError(
            "unknown_parameter",
            _("不支持的参数：%(names)s") % {"names": "、".join(sorted(request.GET))},
        )


@api_view()
def export_json(request):
    """``GET /api/export/catalogue.json``: the whole public catalogue, one JSON array."""
    _no_parameters(request)

    def stream():
        yield "["
        for number, item in enumerate(export_rows(request)):
            yield ("," if number else "") + "\n" + dumps(item)
        yield "\n]\n"

    response = StreamingHttpResponse(stream(), content_type="application/json; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="catalogue-{stamp}.json"'
    return response


class _Echo:
    def write(self, value):
        return value


@api_view()
def export_csv(request):
    """``GET /api/export/catalogue.csv``: the whole public catalogue, UTF-8 with BOM (Excel)."""
    _no_parameters(request)
    writer = spreadsheets.writer(_Echo())

    def cell(item, name):
        value = item.get(name)
        if name == "topic":
            return value["name"] if value else ""
        if name == "columns":
            return " / ".join(c["title"] for c in value)
        if name == "departments":
            return "、".join(d["name"] for d in value)
        return "" if value is None else value

    def stream():
        yield "\ufeff" + writer.writerow([label for _name, label in CSV_COLUMNS])
        for item in export_rows(request):
            yield writer.writerow([cell(item, name) for name, _label in CSV_COLUMNS])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="catalogue-{stamp}.csv"'
    return response


@api_view()
def not_found(request):
    """Any path under ``/api/`` that is no endpoint; an endpoint's path without its final slash
    (``/api/items``) is redirected to it (301), as Django's APPEND_SLASH would."""
    if not request.path.endswith("/"):
        match = _resolve(request.path + "/")
        if match is not None and match.url_name != "not_found":
            target = request.path + "/"
            if request.META.get("QUERY_STRING"):
                target += "?" + request.META["QUERY_STRING"]
            return HttpResponsePermanentRedirect(target)
    raise ApiError("not_found", _("接口不存在：%(path)s") % {"path": request.path[:200]}, 404)


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
