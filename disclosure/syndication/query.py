"""The read API's list query: filters, ordering and keyset (cursor) pagination.

A cursor holds the sort key and id of the last item of a page, signed with the secret key:
the next page is ``WHERE (sort key, id) < (cursor)`` on an index, the same cost at any depth;
a cursor the server never issued, or one issued for other filters, is refused.
"""

import datetime as dt
import hashlib
import json

from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from disclosure.columns.models import ColumnPage, item_models
from disclosure.publishing.choices import Validity

from . import projection
from .access import ApiError

#: The catalogue columns a listing, a single item and an export read.
ROW_FIELDS = (
    "page_id",
    "published_at",
    "modified_at",
    "content_hash",
    "revision_id",
    "document",
    "page__url_path",
    "page__path",
)

CURSOR_SALT = "disclosure.syndication.cursor"
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_ID = 2**63 - 1  # the largest id the databases store
ORDERINGS = {
    "-published_at": ("published_at", True),
    "published_at": ("published_at", False),
    "-modified_at": ("modified_at", True),
    "modified_at": ("modified_at", False),
}
FILTERS = (
    "type",
    "column",
    "department",
    "topic",
    "validity",
    "published_from",
    "published_to",
    "written_from",
    "written_to",
    "modified_since",
)
PARAMETERS = ("cursor", "page_size", "ordering", *FILTERS)


def type_labels():
    return {model._meta.label_lower: model for model in item_models()}


def _positive_int(params, name):
    value = params.get(name, "")
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise ApiError(
            "bad_filter",
            _("参数 %(name)s 必须是 1 到 %(max)s 之间的整数。") % {"name": name, "max": MAX_ID},
        )
    return int(value)


def _date(params, name):
    value = params.get(name, "")
    try:
        parsed = parse_date(value) if len(value) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise ApiError(
            "bad_filter", _("参数 %(name)s 不是有效日期（格式 YYYY-MM-DD）。") % {"name": name}
        )
    return parsed


def _day_start(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _datetime(params, name):
    value = params.get(name, "")
    try:
        parsed = parse_datetime(value) if len(value) <= 40 else None
    except ValueError:
        parsed = None
    if parsed is None:
        day = None
        try:
            day = parse_date(value) if len(value) == 10 else None
        except ValueError:
            pass
        if day is None:
            raise ApiError(
                "bad_filter",
                _("参数 %(name)s 不是有效时间（ISO 8601，如 2026-01-31T08:00:00+08:00）。")
                % {"name": name},
            )
        return _day_start(day)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def parse(params):
    """Check every parameter; returns ``(filters Q, ordering, page_size, cursor key)``."""
    unknown = sorted(set(params) - set(PARAMETERS))
    if unknown:
        raise ApiError(
            "unknown_parameter", _("不支持的参数：%(names)s") % {"names": "、".join(unknown)}
        )
    for name in params:
        if len(params.getlist(name)) > 1:
            raise ApiError("bad_filter", _("参数 %(name)s 只能出现一次。") % {"name": name})
    q = Q()
    if "type" in params:
        labels = type_labels()
        wanted = [v.strip().lower() for v in params["type"].split(",") if v.strip()]
        if not wanted or any(v not in labels for v in wanted):
            raise ApiError(
                "bad_filter",
                _("参数 type 的取值不存在；可选：%(values)s")
                % {"values": "、".join(sorted(labels))},
            )
        from django.contrib.contenttypes.models import ContentType

        cts = ContentType.objects.get_for_models(*[labels[v] for v in wanted]).values()
        q &= Q(content_type__in=[ct.pk for ct in cts])
    if "column" in params:
        column = ColumnPage.objects.live().filter(pk=_positive_int(params, "column")).first()
        if column is None:
            raise ApiError("bad_filter", _("参数 column：栏目不存在或未发布。"))
        q &= Q(page__path__startswith=column.path)
    if "department" in params:
        from disclosure.departments.models import Department

        department = Department.objects.filter(pk=_positive_int(params, "department")).first()
        if department is None:
            raise ApiError("bad_filter", _("参数 department：科室不存在。"))
        paths = (
            ColumnPage.objects.live().filter(departments=department).values_list("path", flat=True)
        )
        column_q = Q(pk__in=[])
        for path in paths:
            column_q |= Q(page__path__startswith=path)
        q &= column_q
    if "topic" in params:
        from disclosure.publishing.models import Topic

        topic = Topic.objects.filter(code=params["topic"]).first()
        if topic is None:
            raise ApiError("bad_filter", _("参数 topic：主题分类代码不存在。"))
        q &= Q(topic_id=topic.pk)
    if "validity" in params:
        if params["validity"] not in Validity.values:
            raise ApiError(
                "bad_filter",
                _("参数 validity 的取值不存在；可选：%(values)s")
                % {"values": "、".join(Validity.values)},
            )
        q &= Q(validity=params["validity"])
    if "published_from" in params:
        q &= Q(published_at__gte=_day_start(_date(params, "published_from")))
    if "published_to" in params:
        day = _date(params, "published_to")
        if day >= dt.date.max:
            raise ApiError("bad_filter", _("参数 published_to 超出范围。"))
        q &= Q(published_at__lt=_day_start(day + dt.timedelta(days=1)))
    if "written_from" in params:
        q &= Q(written_on__gte=_date(params, "written_from"))
    if "written_to" in params:
        q &= Q(written_on__lte=_date(params, "written_to"))
    if "modified_since" in params:
        q &= Q(modified_at__gte=_datetime(params, "modified_since"))

    ordering = params.get("ordering", "-published_at")
    if ordering not in ORDERINGS:
        raise ApiError(
            "bad_ordering",
            _("参数 ordering 的取值不存在；可选：%(values)s") % {"values": "、".join(ORDERINGS)},
        )
    page_size = DEFAULT_PAGE_SIZE
    if "page_size" in params:
        value = params["page_size"]
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_PAGE_SIZE:
            raise ApiError(
                "bad_page_size",
                _("参数 page_size 必须是 1 到 %(max)s 之间的整数。") % {"max": MAX_PAGE_SIZE},
            )
        page_size = int(value)
    fingerprint = filter_fingerprint(params, ordering)
    after = decode_cursor(params["cursor"], fingerprint) if "cursor" in params else None
    return q, ordering, page_size, (fingerprint, after)


def filter_fingerprint(params, ordering):
    values = {name: params[name] for name in FILTERS if name in params}
    values["ordering"] = ordering
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


def encode_cursor(fingerprint, value, page_id):
    return signing.dumps(
        {"f": fingerprint, "v": value.isoformat(), "id": page_id}, salt=CURSOR_SALT, compress=True
    )


def decode_cursor(raw, fingerprint):
    try:
        data = signing.loads(raw, salt=CURSOR_SALT)
        value = dt.datetime.fromisoformat(data["v"])
        page_id = int(data["id"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, UnicodeError):
        raise ApiError(
            "bad_cursor", _("参数 cursor 无效：请使用上一页响应中的 next_cursor。")
        ) from None
    if data.get("f") != fingerprint:
        raise ApiError("bad_cursor", _("参数 cursor 与当前的筛选条件或排序不符。"))
    return value, page_id


def page(q, ordering, page_size, cursor):
    """One page of :class:`CatalogueEntry` rows and the next cursor (None on the last page)."""
    field, descending = ORDERINGS[ordering]
    fingerprint, after = cursor
    rows = projection.public_entries().filter(q)
    if after is not None:
        value, page_id = after
        if descending:
            rows = rows.filter(Q(**{f"{field}__lte": value})).filter(
                Q(**{f"{field}__lt": value}) | Q(page_id__lt=page_id)
            )
        else:
            rows = rows.filter(Q(**{f"{field}__gte": value})).filter(
                Q(**{f"{field}__gt": value}) | Q(page_id__gt=page_id)
            )
    prefix = "-" if descending else ""
    rows = list(
        rows.order_by(f"{prefix}{field}", f"{prefix}page_id").values(*ROW_FIELDS)[: page_size + 1]
    )
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        next_cursor = encode_cursor(fingerprint, last[field], last["page_id"])
    return rows, next_cursor
