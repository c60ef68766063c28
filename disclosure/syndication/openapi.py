"""The headless API's part of the OpenAPI document (``cms/openapi.py`` merges it in).

Built from the code: page types from ``item_models()``, validity codes from ``Validity``, the
limits and parameters from :mod:`.query` and :mod:`.views`, the error codes from
:data:`ERROR_CODES`.
"""

from django.conf import settings

from disclosure.outbox.models import ChangeKind
from disclosure.publishing.api_fields import METADATA_FIELDS
from disclosure.publishing.choices import DisclosureAttribute, Validity
from disclosure.publishing.openapi import nullable, ref

from . import query, views

ERROR_CODES = (
    "unknown_parameter",
    "bad_filter",
    "bad_ordering",
    "bad_page_size",
    "bad_cursor",
    "not_found",
    "api_key_required",
    "invalid_api_key",
    "rate_limited",
    "method_not_allowed",
    # Wagtail API v2's own refusals (an unknown field, a bad limit…).
    "bad_request",
)
MAX_ID = query.MAX_ID


def _param(name, schema, description, where="query", required=False):
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema,
    }


RATE_HEADERS = {
    "X-RateLimit-Limit": {
        "description": "本时间窗（1 分钟）允许的请求数。",
        "schema": {"type": "string"},
    },
    "X-RateLimit-Remaining": {"description": "本时间窗剩余请求数。", "schema": {"type": "string"}},
    "X-RateLimit-Reset": {"description": "距本时间窗结束的秒数。", "schema": {"type": "string"}},
}
CONDITIONAL_HEADERS = {
    "ETag": {
        "description": "响应内容的强校验值（用于 If-None-Match）。",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "内容最后变化时间（用于 If-Modified-Since）；含随时间变化的字段"
        "（如征求意见的状态）的信息不带此头，请用 ETag 校验。",
        "schema": {"type": "string"},
    },
}


def _error(description, codes):
    return {
        "description": description
        + " `error.code` 取值："
        + "、".join(f"`{code}`" for code in codes)
        + "；`error.message` 为中文说明。",
        "content": {"application/json": {"schema": ref("ApiError")}},
    }


def _common_errors(*codes, key=False):
    responses = {
        "400": _error("参数有误。", codes or ("unknown_parameter",)),
        "401": _error(
            "接口密钥无效或已吊销" + ("，或未提供密钥" if key else "") + "。",
            ("invalid_api_key", "api_key_required") if key else ("invalid_api_key",),
        ),
        "429": {
            **_error("请求过于频繁（按接口密钥或来源地址计数）。", ("rate_limited",)),
            "headers": {
                "Retry-After": {"description": "可重试的秒数。", "schema": {"type": "string"}},
                **RATE_HEADERS,
            },
        },
    }
    return responses


def _ok(description, schema, conditional=False, media="application/json"):
    response = {"description": description, "content": {media: {"schema": schema}}}
    response["headers"] = {**RATE_HEADERS, **(CONDITIONAL_HEADERS if conditional else {})}
    return response


def schemas():
    types = sorted(query.type_labels())
    validity = list(Validity.values)
    item_properties = {
        "id": {"type": "integer", "description": "页面 id（变更流、Wagtail API v2 中的同一 id）。"},
        "type": {
            "type": "string",
            "description": "信息类型（页面类型标签），如 "
            + "、".join(f"`{t}`" for t in types)
            + "。",
        },
        "title": {"type": "string"},
        "index_number": {
            "type": "string",
            "description": "索引号；其他机关的法律法规等参考资料没有本机关的索引号，为空字符串。",
        },
        "document_number": {"type": "string", "description": "文号；没有时为空字符串。"},
        "publisher": {"type": "string", "description": "发布机构。"},
        "written_on": nullable({"type": "string", "format": "date", "description": "成文日期。"}),
        "published_at": nullable(
            {"type": "string", "format": "date-time", "description": "发布日期（本地时区）。"}
        ),
        "modified_at": {
            "type": "string",
            "format": "date-time",
            "description": "最近一次发布（含更新）的时间。",
        },
        "disclosure_attribute": {
            "type": "string",
            "enum": [DisclosureAttribute.PROACTIVE.value],
            "description": "公开属性：接口只提供主动公开的信息（条例第十三条）。",
        },
        "validity": {"type": "string", "enum": validity, "description": "有效性代码。"},
        "keywords": {"type": "string"},
        "summary": {"type": "string", "description": "内容概述。"},
        "topic": {
            "oneOf": [{"type": "null"}, ref("Topic")],
            "description": "主题分类。",
        },
        "columns": {
            "type": "array",
            "items": ref("ColumnRef"),
            "description": "所在栏目路径，从一级栏目到所在栏目。",
        },
        "departments": {
            "type": "array",
            "items": ref("DepartmentRef"),
            "description": "负责科室：所在栏目的在前，其次是上级栏目的。",
        },
        "department": {
            "oneOf": [{"type": "null"}, ref("DepartmentRef")],
            "description": "责任科室：负责本条信息的科室（默认为所在栏目的第一个负责科室）。",
        },
        "url": nullable({"type": "string", "description": "门户中的地址。"}),
        "detail_url": {"type": "string", "description": "本接口的详情地址。"},
        "revision_id": nullable({"type": "integer", "description": "发布的修订版本 id。"}),
        "content_hash": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "内容摘要值（SHA-256）：标题、目录信息、正文等字段与附件，"
            "与变更流中该信息最新事件的 `content_hash` 相同。",
        },
    }
    detail_properties = {
        **item_properties,
        "fields": {
            "type": "object",
            "description": "该信息类型开放的其他字段（如正文 `body`、法规的施行日期）。",
        },
        "attachments": {"type": "array", "items": ref("Attachment")},
    }
    document_properties = {
        name: item_properties[name] for name in ("id", "type", "title", *METADATA_FIELDS)
    }
    document_properties["topic_id"] = nullable({"type": "integer"})
    document_properties["department_id"] = nullable(
        {"type": "integer", "description": "责任科室 id（与条目的 `department.id` 相同）。"}
    )
    return {
        "ApiError": {
            "type": "object",
            "description": "开放接口所有错误的唯一格式（与检索接口的 `Error` 相同）。",
            "required": ["error"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {"type": "string", "enum": list(ERROR_CODES)},
                        "message": {"type": "string", "description": "中文错误说明。"},
                    },
                }
            },
        },
        "Topic": {
            "type": "object",
            "required": ["code", "name"],
            "additionalProperties": False,
            "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
        },
        "ColumnRef": {
            "type": "object",
            "required": ["id", "title"],
            "additionalProperties": False,
            "properties": {"id": {"type": "integer"}, "title": {"type": "string"}},
        },
        "DepartmentRef": {
            "type": "object",
            "required": ["id", "name"],
            "additionalProperties": False,
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
        },
        "Attachment": {
            "type": "object",
            "required": ["id", "title", "url", "file_name", "file_size", "sha1"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "url": {"type": "string"},
                "file_name": {"type": "string"},
                "file_size": nullable({"type": "integer"}),
                "sha1": nullable({"type": "string", "description": "文件的 SHA-1 校验值。"}),
            },
        },
        "CatalogueItem": {
            "type": "object",
            "required": list(item_properties),
            "additionalProperties": False,
            "properties": item_properties,
        },
        "CatalogueItemDetail": {
            "type": "object",
            "required": list(detail_properties),
            "additionalProperties": False,
            "properties": detail_properties,
        },
        "ItemPage": {
            "type": "object",
            "required": ["results", "page_size", "ordering", "next_cursor", "next"],
            "additionalProperties": False,
            "properties": {
                "results": {"type": "array", "items": ref("CatalogueItem")},
                "page_size": {"type": "integer", "minimum": 1, "maximum": query.MAX_PAGE_SIZE},
                "ordering": {"type": "string", "enum": list(query.ORDERINGS)},
                "next_cursor": nullable(
                    {"type": "string", "description": "下一页的游标；最后一页为 null。"}
                ),
                "next": nullable({"type": "string", "description": "下一页的完整地址。"}),
            },
        },
        "FeedDocument": {
            "type": "object",
            "description": "事件发生时该信息的目录信息（按事件的修订版本）。",
            # Events recorded before the 责任科室 existed have no ``department_id``.
            "required": [name for name in document_properties if name != "department_id"],
            "additionalProperties": False,
            "properties": document_properties,
        },
        "FeedEvent": {
            "type": "object",
            "required": [
                "position",
                "event_id",
                "kind",
                "tombstone",
                "occurred_at",
                "id",
                "type",
                "title",
                "index_number",
                "content_hash",
                "document",
                "withdrawal",
            ],
            "additionalProperties": False,
            "properties": {
                "position": {"type": "integer", "minimum": 1, "description": "变更流中的位置。"},
                "event_id": {"type": "integer", "description": "变更事件 id。"},
                "kind": {
                    "type": "string",
                    "enum": list(ChangeKind.values),
                    "description": "`publish` 发布、`update` 更新；`unpublish` 撤下、"
                    "`expire` 到期下线、`withdraw` 撤回为删除标记（tombstone）。",
                },
                "tombstone": {
                    "type": "boolean",
                    "description": "为 true 时（撤下、到期下线、撤回，或发布的信息设置了访问限制），"
                    "该信息已不再公开，合作方应删除本地副本。",
                },
                "occurred_at": {"type": "string", "format": "date-time"},
                "id": {"type": "integer", "description": "信息（页面）id。"},
                "type": {"type": "string"},
                "title": {"type": "string"},
                "index_number": {"type": "string"},
                "content_hash": nullable({"type": "string", "pattern": "^[0-9a-f]{64}$"}),
                "document": {"oneOf": [{"type": "null"}, ref("FeedDocument")]},
                "withdrawal": {
                    "oneOf": [{"type": "null"}, ref("Withdrawal")],
                    "description": "`withdraw` 事件：撤回时间和公开的撤回理由（总局令第45号第十一条）；"
                    "其他事件为 null。",
                },
            },
        },
        "Withdrawal": {
            "type": "object",
            "required": ["withdrawn_at", "reason"],
            "additionalProperties": False,
            "properties": {
                "withdrawn_at": {"type": "string", "format": "date-time"},
                "reason": nullable(
                    {"type": "string", "description": "撤回理由；未公开理由时为 null。"}
                ),
            },
        },
        "Withdrawn": {
            "type": "object",
            "description": "已撤回的信息：410，附撤回时间和公开的理由。",
            "required": ["error", "withdrawn_at", "reason"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {"type": "string", "enum": ["withdrawn"]},
                        "message": {"type": "string"},
                    },
                },
                "withdrawn_at": {"type": "string", "format": "date-time"},
                "reason": nullable({"type": "string"}),
            },
        },
        "FeedPage": {
            "type": "object",
            "required": ["events", "next_after", "has_more", "head"],
            "additionalProperties": False,
            "properties": {
                "events": {"type": "array", "items": ref("FeedEvent")},
                "next_after": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "下次请求的 `after`。",
                },
                "has_more": {"type": "boolean"},
                "head": {"type": "integer", "minimum": 0, "description": "当前最后的位置。"},
            },
        },
        "Column": {
            "type": "object",
            "required": ["id", "title", "parent_id", "url", "departments", "rss_url", "atom_url"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "parent_id": nullable({"type": "integer"}),
                "url": nullable({"type": "string"}),
                "departments": {"type": "array", "items": ref("DepartmentRef")},
                "rss_url": {"type": "string"},
                "atom_url": {"type": "string"},
            },
        },
        "ColumnList": {
            "type": "object",
            "required": ["results"],
            "additionalProperties": False,
            "properties": {"results": {"type": "array", "items": ref("Column")}},
        },
    }


def paths():
    types = sorted(query.type_labels())
    validity_text = "；".join(f"`{v.value}` {v.label}" for v in Validity)
    date = {"type": "string", "format": "date"}
    optional_key = [{}, {"bearerAuth": []}, {"apiKeyHeader": []}]
    item_parameters = [
        _param(
            "cursor",
            {"type": "string"},
            "上一页响应中的 `next_cursor`；不能用于其他筛选条件或排序。",
        ),
        _param(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": query.MAX_PAGE_SIZE, "default": 20},
            "每页条数。",
        ),
        _param(
            "ordering",
            {"type": "string", "enum": list(query.ORDERINGS), "default": "-published_at"},
            "排序：发布日期或最近更新时间，`-` 为倒序。",
        ),
        {
            # A comma list (`type=a,b`): an array, form style, not exploded, so that
            # generated clients can send several types.
            **_param(
                "type",
                {"type": "array", "items": {"type": "string", "enum": types}, "minItems": 1},
                "信息类型（页面类型标签）；多个用英文逗号分隔。",
            ),
            "style": "form",
            "explode": False,
        },
        _param(
            "column",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            "栏目 id（见 `/api/columns/`），含下级栏目。",
        ),
        _param(
            "department",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            "科室 id：该科室负责的栏目（含下级栏目）中的信息。",
        ),
        _param("topic", {"type": "string"}, "主题分类代码。"),
        _param(
            "validity",
            {"type": "string", "enum": list(Validity.values)},
            f"有效性：{validity_text}。",
        ),
        _param("published_from", date, "发布日期不早于（含当日，本地时区）。"),
        _param("published_to", date, "发布日期不晚于（含当日）。"),
        _param("written_from", date, "成文日期不早于。"),
        _param("written_to", date, "成文日期不晚于。"),
        _param(
            "modified_since",
            {"type": "string", "format": "date-time"},
            "只返回此时间之后（含）发布或更新的信息（增量同步）。",
        ),
    ]
    not_found = _error("不存在或未公开。", ("not_found",))
    return {
        "/api/items/": {
            "get": {
                "operationId": "items_list",
                "summary": "公开信息目录",
                "description": "全部主动公开信息及其目录信息，可筛选、排序，按游标分页"
                "（任意深度的翻页耗时相同）。支持 `If-None-Match` / `If-Modified-Since`（304）。"
                "不支持的参数返回 `unknown_parameter`。",
                "tags": ["开放接口"],
                "security": optional_key,
                "parameters": item_parameters,
                "responses": {
                    "200": _ok("一页信息。", ref("ItemPage"), conditional=True),
                    "304": {"description": "内容未变化。"},
                    **_common_errors(
                        "unknown_parameter",
                        "bad_filter",
                        "bad_ordering",
                        "bad_page_size",
                        "bad_cursor",
                    ),
                },
            }
        },
        "/api/items/{id}/": {
            "get": {
                "operationId": "items_detail",
                "summary": "公开信息详情",
                "description": "一条主动公开信息：目录信息、该类型开放的字段和附件（含校验值）。",
                "tags": ["开放接口"],
                "security": optional_key,
                "parameters": [
                    _param(
                        "id",
                        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                        "信息（页面）id。",
                        where="path",
                        required=True,
                    )
                ],
                "responses": {
                    "200": _ok("信息。", ref("CatalogueItemDetail"), conditional=True),
                    "304": {"description": "内容未变化。"},
                    "404": not_found,
                    "410": {
                        "description": "该信息已撤回：撤回时间和公开的撤回理由。",
                        "content": {"application/json": {"schema": ref("Withdrawn")}},
                    },
                    **_common_errors("unknown_parameter"),
                },
            }
        },
        "/api/columns/": {
            "get": {
                "operationId": "columns_list",
                "summary": "栏目",
                "description": "已发布的栏目，含上级栏目、负责科室和订阅地址。",
                "tags": ["开放接口"],
                "security": optional_key,
                "responses": {
                    "200": _ok("栏目列表。", ref("ColumnList"), conditional=True),
                    "304": {"description": "内容未变化。"},
                    **_common_errors("unknown_parameter"),
                },
            }
        },
        "/api/columns/{id}/rss/": _feed_path("rss", "RSS 2.0", "application/rss+xml", not_found),
        "/api/columns/{id}/atom/": _feed_path(
            "atom", "Atom 1.0", "application/atom+xml", not_found
        ),
        "/api/feed/": {
            "get": {
                "operationId": "change_feed",
                "summary": "变更流",
                "description": "只追加的变更事件流：发布、更新、撤下、到期下线、撤回。"
                "**顺序保证**：`position` 严格递增，按事件提交（可见）的先后编号，"
                "已发出的位置不会改变、删除或插队；同一信息的事件按发生顺序排列。"
                "从 `after=0` 起依次应用全部事件（`tombstone` 为 true 时删除本地副本，"
                "否则以 `document` 与 `content_hash` 覆盖），得到的集合与 `/api/items/` "
                "完全一致（id 与 `content_hash`）。需要接口密钥。",
                "tags": ["开放接口"],
                "security": [{"bearerAuth": []}, {"apiKeyHeader": []}],
                "parameters": [
                    _param(
                        "after",
                        {"type": "integer", "minimum": 0, "maximum": MAX_ID, "default": 0},
                        "从此位置之后开始（上一页的 `next_after`）；超出末尾为错误。",
                    ),
                    _param(
                        "limit",
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": views.FEED_MAX_LIMIT,
                            "default": views.FEED_DEFAULT_LIMIT,
                        },
                        "每页事件数。",
                    ),
                ],
                "responses": {
                    "200": _ok("一页事件。", ref("FeedPage")),
                    **_common_errors("unknown_parameter", "bad_cursor", "bad_page_size", key=True),
                },
            }
        },
        "/api/export/catalogue.json": {
            "get": {
                "operationId": "export_json",
                "summary": "目录导出（JSON）",
                "description": "全部公开信息的目录信息（供信息资源库批量汇聚），一个 JSON 数组。",
                "tags": ["数据导出"],
                "security": optional_key,
                "responses": {
                    "200": _ok("JSON 数组。", {"type": "array", "items": ref("CatalogueItem")}),
                    **_common_errors("unknown_parameter"),
                },
            }
        },
        "/api/export/catalogue.csv": {
            "get": {
                "operationId": "export_csv",
                "summary": "目录导出（CSV）",
                "description": "同 JSON 导出，UTF-8（带 BOM，Excel 可直接打开），首行为中文列名。",
                "tags": ["数据导出"],
                "security": optional_key,
                "responses": {
                    "200": _ok("CSV 文件。", {"type": "string"}, media="text/csv"),
                    **_common_errors("unknown_parameter"),
                },
            }
        },
    }


def _feed_path(name, label, media, not_found):
    return {
        "get": {
            "operationId": f"column_{name}",
            "summary": f"栏目订阅（{label}）",
            "description": "栏目及其下级栏目中最新的 20 条公开信息。",
            "tags": ["数据导出"],
            "security": [{}, {"bearerAuth": []}, {"apiKeyHeader": []}],
            "parameters": [
                _param(
                    "id",
                    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                    "栏目 id。",
                    where="path",
                    required=True,
                )
            ],
            "responses": {
                "200": _ok(f"{label} 文档。", {"type": "string"}, media=media),
                "404": not_found,
                **_common_errors("unknown_parameter"),
            },
        }
    }


def webhooks():
    """The webhook a partner receives (OpenAPI 3.1 ``webhooks``)."""
    header = {"type": "string"}
    return {
        "changeEvent": {
            "post": {
                "operationId": "change_event_webhook",
                "summary": "变更事件推送（Webhook）",
                "description": "合作方登记的地址收到的 POST：请求体即变更流中的一个事件。"
                '签名 `X-Disclosure-Signature: sha256=` + HMAC-SHA256(密钥, 时间戳 + "." + 请求体)，'
                "时间戳为本次发送的时间；接收方应拒绝与本地时钟相差超过 5 分钟（300 秒）的时间戳，"
                "并按签名的 `position`（或 `Idempotency-Key`）去重：同一事件重试时两者不变。"
                "按变更流顺序逐条送达；返回 2XX 视为送达，否则按 1、2、4……分钟重试（最长 6 小时）。",
                "tags": ["开放接口"],
                "parameters": [
                    _param(
                        "X-Disclosure-Timestamp", header, "发送时间（Unix 秒）。", "header", True
                    ),
                    _param("X-Disclosure-Signature", header, "签名。", "header", True),
                    _param("X-Disclosure-Event", header, "事件类型（`kind`）。", "header", True),
                    _param("X-Disclosure-Position", header, "变更流位置。", "header", True),
                    _param("Idempotency-Key", header, "幂等键，重试不变。", "header", True),
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("FeedEvent")}},
                },
                "responses": {"2XX": {"description": "已接收。"}},
            }
        }
    }


def security_schemes():
    return {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": "接口密钥（后台 → 开放接口 → 接口密钥），"
            "`Authorization: Bearer dk_…`。变更流必须提供；其他接口提供时按合作方的限额计数。",
        },
        "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
    }


def description():
    return (
        "开放接口（一次入库、多个平台共享）：公开信息目录与详情、栏目、变更流、"
        "目录导出和栏目订阅。除变更流外无需认证；不带密钥时每个来源地址每分钟最多 "
        f"{getattr(settings, 'API_RATE_LIMIT_ANONYMOUS', 120)} 次请求，合作方按其密钥的限额计数；"
        '超出时返回 429 和 `Retry-After`。错误一律为 `{"error": {"code", "message"}}`。'
        "Webhook：合作方在后台登记地址和事件类型后，每个事件以 POST 推送（请求体与变更流中的"
        "事件相同），带 `X-Disclosure-Timestamp`、`X-Disclosure-Signature`"
        '（`sha256=` + HMAC-SHA256(密钥, 时间戳 + "." + 请求体)）和 `Idempotency-Key`；'
        "按变更流顺序逐条送达，失败按 1、2、4……分钟（最长 6 小时）重试。"
    )
