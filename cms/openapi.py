"""The OpenAPI 3.1 description of the portal's JSON interfaces, served at ``/api/openapi.json``:
search (here), the headless API (:mod:`disclosure.syndication.openapi`) and Wagtail's API v2.

Built at request time from the code it describes: the page types of the ``type`` filter come
from :func:`disclosure.columns.models.item_models`, the validity codes from
:class:`disclosure.publishing.choices.Validity`, the limits from :mod:`search.service`.
``tests/search/test_openapi.py`` validates the document and checks live responses against it.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from disclosure.columns.models import item_models
from disclosure.publishing.choices import Validity
from disclosure.publishing.openapi import nullable, ref
from disclosure.syndication import openapi as headless
from search import service

API_VERSION = "1.0.0"

# Every ``error.code`` the search endpoints answer with (HTTP 400).
QUERY_ERROR_CODES = ("empty_query", "query_too_long", "control_characters", "operators_only")
SEARCH_ERROR_CODES = (
    *QUERY_ERROR_CODES,
    "bad_sort",
    "bad_page",
    "page_out_of_range",
    "unknown_parameter",
    "bad_filter",
)


def _query_parameter(name, schema, description, required=False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


def _error_response(codes):
    return {
        "description": "检索词或参数有误。`error.code` 取值："
        + "、".join(f"`{code}`" for code in codes)
        + "；`error.message` 为中文说明，可直接展示给用户。",
        "content": {"application/json": {"schema": ref("Error")}},
    }


def _type_labels():
    return sorted(
        (model._meta.label_lower, str(model._meta.verbose_name)) for model in item_models()
    )


def _v2_list_parameters():
    """``fields``, ``limit`` and ``offset`` of Wagtail API v2's listings."""
    return [
        _query_parameter("fields", {"type": "string"}, "逗号分隔的字段名。"),
        _query_parameter("limit", {"type": "integer", "minimum": 0, "maximum": 20}, "每页条数。"),
        _query_parameter(
            "offset", {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}, "起始位置。"
        ),
    ]


def _wagtail_media_paths(kind, label, error):
    """The list and detail paths of Wagtail API v2's ``images`` or ``documents``."""
    media = ref("WagtailMedia")
    return {
        f"/api/v2/{kind}/": {
            "get": {
                "operationId": f"wagtail_{kind}_list",
                "summary": f"{label}列表（Wagtail API v2）",
                "description": f"公开页面使用的{label}。参数 `fields`、`limit`、`offset`、`search`，"
                "详见 Wagtail 文档。",
                "tags": ["Wagtail API v2"],
                "parameters": _v2_list_parameters(),
                "responses": {
                    "200": {
                        "description": f"{label}列表。",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["meta", "items"],
                                    "properties": {
                                        "meta": {
                                            "type": "object",
                                            "properties": {"total_count": {"type": "integer"}},
                                        },
                                        "items": {"type": "array", "items": media},
                                    },
                                }
                            }
                        },
                    },
                    "400": {"description": "参数有误。", **error},
                },
            }
        },
        f"/api/v2/{kind}/{{id}}/": {
            "get": {
                "operationId": f"wagtail_{kind}_detail",
                "summary": f"{label}详情（Wagtail API v2）",
                "tags": ["Wagtail API v2"],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
                        "description": f"{label} id。",
                    }
                ],
                "responses": {
                    "200": {
                        "description": f"{label}。",
                        "content": {"application/json": {"schema": media}},
                    },
                    "404": {"description": f"{label}不存在或未公开。", **error},
                },
            }
        },
    }


def build_document():
    """The OpenAPI document as a dict."""
    types = _type_labels()
    validity_codes = list(Validity.values)
    validity_text = "；".join(f"`{v.value}` {v.label}" for v in Validity)
    type_text = "；".join(f"`{label}` {name}" for label, name in types)
    query_schema = {"type": "string", "minLength": 1, "maxLength": service.MAX_QUERY_LENGTH}

    search_parameters = [
        _query_parameter(
            "q",
            query_schema,
            "检索词：关键词、标题、文号或拼音（首字母）；首尾空白忽略，不能只含符号或含控制字符。",
            required=True,
        ),
        _query_parameter(
            "page",
            {"type": "integer", "minimum": 1, "maximum": service.MAX_PAGE, "default": 1},
            f"页码，从 1 开始，最大 {service.MAX_PAGE}。",
        ),
        _query_parameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": service.MAX_PAGE_SIZE, "default": 20},
            "每页条数。",
        ),
        _query_parameter(
            "sort",
            {"type": "string", "enum": list(service.SORTS), "default": "relevance"},
            "排序：`relevance` 相关度（默认），`date` 发布时间倒序，`written` 成文日期倒序。",
        ),
        _query_parameter(
            "type",
            {"type": "string", "enum": [label for label, _name in types]},
            f"信息类型（页面类型）：{type_text}。",
        ),
        _query_parameter(
            "column",
            {"type": "integer", "minimum": 1},
            "栏目页面 id：只检索该栏目及其下级栏目中的信息。",
        ),
        _query_parameter(
            "department",
            {"type": "integer", "minimum": 1},
            "科室 id：只检索该科室负责的栏目（及其下级栏目）中的信息。",
        ),
        _query_parameter(
            "category",
            {"type": "string"},
            "分类：法规的法规类别（如 行政法规、地方性法规），"
            "或信息所在的一级栏目（标准目录一级事项）名称；取值见 `facets.category`。",
        ),
        _query_parameter(
            "year", {"type": "integer", "minimum": 1}, "成文日期的年份（法规为版本日期所在年份）。"
        ),
        _query_parameter(
            "validity",
            {"type": "string", "enum": validity_codes},
            f"有效性：{validity_text}。",
        ),
    ]

    count_map = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}}
    schemas = {
        "Error": {
            "type": "object",
            "description": "所有检索接口错误（HTTP 400）的唯一格式。",
            "required": ["error"],
            "additionalProperties": False,
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {
                            "type": "string",
                            "enum": list(SEARCH_ERROR_CODES),
                            "description": "机器可读的错误代码。",
                        },
                        "message": {"type": "string", "description": "中文错误说明。"},
                    },
                }
            },
        },
        "SearchResult": {
            "type": "object",
            "required": [
                "id",
                "title",
                "url",
                "type",
                "document_number",
                "publisher",
                "published_at",
                "validity",
                "version_date",
                "index_number",
                "snippet",
                "article",
            ],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "integer", "description": "页面 id（Wagtail API v2 同一 id）。"},
                "title": {"type": "string"},
                "url": {"type": "string", "description": "页面地址（有站点域名时为完整地址）。"},
                "type": {
                    "type": "string",
                    "description": "页面类型，如 "
                    + "、".join(f"`{label}`" for label, _name in types)
                    + "；编辑推荐的结果也可能是其他页面类型。",
                },
                "document_number": {"type": "string", "description": "文号；没有时为空字符串。"},
                "publisher": {"type": "string", "description": "发布机构；没有时为空字符串。"},
                "published_at": nullable(
                    {
                        "type": "string",
                        "format": "date-time",
                        "description": "发布日期（本地时区，ISO 8601）。",
                    }
                ),
                "validity": nullable(
                    {"type": "string", "enum": validity_codes, "description": "有效性代码。"}
                ),
                "version_date": nullable(
                    {"type": "string", "format": "date", "description": "法规的版本日期。"}
                ),
                "index_number": nullable(
                    {
                        "type": "string",
                        "description": "索引号；参考资料（其他机关的法律法规）为 null。",
                    }
                ),
                "snippet": {
                    "type": "string",
                    "description": "摘要：正文中检索词首次出现处前后的文字（HTML，已转义，"
                    "检索词以 `<mark>` 标出）；没有正文时为空字符串。有 `article` 时为该条的文字。",
                },
                "article": nullable(
                    {
                        "type": "object",
                        "description": "回答检索的条文：法规正文中含检索词最多的一条（标题已含全部"
                        "检索词时，整篇文件即为答案，为 null）。",
                        "required": ["number", "headings", "url"],
                        "additionalProperties": False,
                        "properties": {
                            "number": {"type": "string", "description": "条号，如 `第十条`。"},
                            "headings": {
                                "type": "array",
                                "items": {"type": "string"},
                                "description": "该条所在的编、章、节标题，由大到小。",
                            },
                            "url": {
                                "type": "string",
                                "description": "直达该条的地址（页面地址加 `#第十条` 锚点，"
                                "百分号编码）。",
                            },
                        },
                    }
                ),
            },
        },
        "Facets": {
            "type": "object",
            "description": "按各筛选条件统计的结果数（值 → 条数）；没有结果时为空对象。",
            "additionalProperties": False,
            "properties": {
                "type": {**count_map, "description": "信息类型（页面类型标签）→ 条数。"},
                "category": {**count_map, "description": "分类 → 条数，条数多的在前。"},
                "year": {**count_map, "description": "年份（四位数字字符串）→ 条数，新的在前。"},
                "validity": {
                    **count_map,
                    "propertyNames": {"enum": validity_codes},
                    "description": "有效性代码 → 条数。",
                },
            },
        },
        "Suggestion": {
            "type": "object",
            "required": ["title", "url"],
            "additionalProperties": False,
            "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
        },
        "EverydayWord": {
            "type": "object",
            "required": ["word", "legal"],
            "additionalProperties": False,
            "properties": {
                "word": {"type": "string", "description": "问句中的说法，如“不想要了”。"},
                "legal": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string"},
                    "description": "法律法规的用语，如“七日内退货”“无需说明理由”。",
                },
            },
        },
        "SearchResponse": {
            "type": "object",
            "required": [
                "count",
                "page",
                "page_size",
                "relaxed",
                "everyday_words",
                "results",
                "facets",
            ],
            "additionalProperties": False,
            "properties": {
                "count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "匹配检索词的信息数（用于分页和 `facets`）。按相关度排序时，"
                    "`results` 还可能包含标题与检索词相近、未计入此数的信息，以及编辑推荐的结果。",
                },
                "page": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1, "maximum": service.MAX_PAGE_SIZE},
                "relaxed": {
                    "type": "boolean",
                    "description": "为 true 时，没有同时包含全部检索词的信息，"
                    "结果为包含部分检索词的信息。",
                },
                "everyday_words": {
                    "type": "array",
                    "items": ref("EverydayWord"),
                    "description": "问句中的群众说法（口语词），检索时也按其法律用语检索；"
                    "不是问句或没有口语词时为空列表。",
                },
                "results": {"type": "array", "items": ref("SearchResult")},
                "facets": ref("Facets"),
                "suggestions": {
                    "type": "array",
                    "maxItems": 5,
                    "items": ref("Suggestion"),
                    "description": "“您是不是要找”：仅在没有任何结果（`count` 为 0 且 `results` "
                    "为空）时出现，为标题与检索词相近的信息（最多 5 条，可能为空列表），"
                    "不受筛选条件限制。",
                },
            },
        },
        "SuggestResponse": {
            "type": "object",
            "required": ["suggestions"],
            "additionalProperties": False,
            "properties": {
                "suggestions": {"type": "array", "maxItems": 8, "items": ref("Suggestion")}
            },
        },
        "WagtailPage": {
            "type": "object",
            "description": "Wagtail API v2 的页面；`fields` 参数决定包含哪些字段（`fields=*` 为全部）。"
            "信息类页面开放的字段与 `/api/items/{id}/` 相同：目录信息（index_number、"
            "document_number、publisher、written_on、published_at、disclosure_attribute、validity、"
            "keywords、summary）、attachments（文档 id，详见 `/api/v2/documents/{id}/`）和各类型"
            "自己的公开字段（如 body，富文本为显示用 HTML）。时间精确到秒，带时区（+08:00）。",
            "required": ["id", "meta"],
            "properties": {
                "id": {"type": "integer"},
                "meta": {
                    "type": "object",
                    "properties": {
                        "type": {
                            "type": "string",
                            "description": "页面类型，如 `publishing.ArticlePage`。",
                        },
                        "detail_url": {"type": "string"},
                        "html_url": {"type": ["string", "null"]},
                    },
                },
                "title": {"type": "string"},
            },
        },
    }

    wagtail_error = {
        "content": {"application/json": {"schema": ref("ApiError")}},
    }
    paths = {
        "/api/search/": {
            "get": {
                "operationId": "search",
                "summary": "站内检索",
                "description": "与门户搜索页相同的检索：同义词扩展；没有同时包含全部检索词的信息时"
                "放宽为包含任一检索词（`relaxed`）；文号精确匹配、标题匹配、现行有效版本优先。"
                "不支持的参数返回 `unknown_parameter` 错误。",
                "tags": ["检索"],
                "parameters": search_parameters,
                "responses": {
                    "200": {
                        "description": "检索结果。",
                        "content": {"application/json": {"schema": ref("SearchResponse")}},
                    },
                    "400": _error_response(SEARCH_ERROR_CODES),
                },
            }
        },
        "/api/search/suggest/": {
            "get": {
                "operationId": "suggest",
                "summary": "搜索框联想",
                "description": "标题与输入最相近的信息（最多 8 条），包含输入的标题在前；支持拼音。",
                "tags": ["检索"],
                "parameters": [
                    _query_parameter("q", query_schema, "已输入的文字或拼音。", required=True)
                ],
                "responses": {
                    "200": {
                        "description": "联想结果。",
                        "content": {"application/json": {"schema": ref("SuggestResponse")}},
                    },
                    "400": _error_response(QUERY_ERROR_CODES),
                },
            }
        },
        "/api/v2/pages/": {
            "get": {
                "operationId": "wagtail_pages_list",
                "summary": "页面列表（Wagtail API v2）",
                "description": "已发布的公开页面。常用参数：`type`（如 `publishing.ArticlePage`）、"
                "`fields`、`child_of`、`search`、`order`、`limit`、`offset`；"
                "详见 Wagtail 文档“Wagtail API v2 使用指南”。",
                "externalDocs": {
                    "url": "https://docs.wagtail.org/en/stable/advanced_topics/api/v2/usage.html"
                },
                "tags": ["Wagtail API v2"],
                "parameters": [
                    _query_parameter(
                        "type", {"type": "string"}, "页面类型，如 `publishing.ArticlePage`。"
                    ),
                    *_v2_list_parameters(),
                ],
                "responses": {
                    "200": {
                        "description": "页面列表。",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["meta", "items"],
                                    "properties": {
                                        "meta": {
                                            "type": "object",
                                            "properties": {"total_count": {"type": "integer"}},
                                        },
                                        "items": {"type": "array", "items": ref("WagtailPage")},
                                    },
                                }
                            }
                        },
                    },
                    "400": {"description": "参数有误。", **wagtail_error},
                },
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "operationId": "wagtail_pages_detail",
                "summary": "页面详情（Wagtail API v2）",
                "description": "一个已发布的公开页面，包含该页面类型开放的全部字段。",
                "tags": ["Wagtail API v2"],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
                        "description": "页面 id。",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "页面。",
                        "content": {"application/json": {"schema": ref("WagtailPage")}},
                    },
                    "404": {"description": "页面不存在或未公开。", **wagtail_error},
                },
            }
        },
    }

    for kind, label in (("images", "图片"), ("documents", "文档")):
        paths.update(_wagtail_media_paths(kind, label, wagtail_error))
    schemas["WagtailMedia"] = {
        "type": "object",
        "description": "Wagtail API v2 的图片或文档：只列出公开页面使用的文件。",
        "required": ["id", "meta", "title"],
        "properties": {
            "id": {"type": "integer"},
            "meta": {
                "type": "object",
                "properties": {
                    "type": {
                        "type": "string",
                        "description": "`wagtailimages.Image` 或 `wagtaildocs.Document`。",
                    },
                    "detail_url": {"type": "string"},
                    "download_url": {
                        "type": "string",
                        "description": "文档的下载地址（完整地址）。",
                    },
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
            "title": {"type": "string"},
        },
    }
    paths.update(headless.paths())
    schemas.update(headless.schemas())
    return {
        "openapi": "3.1.0",
        "info": {
            # An ASCII title, so that a generated client gets a valid package name; the Chinese
            # name is kept beside it.
            "title": "Disclosure Portal API",
            "x-title-zh": "政务公开平台接口",
            "version": API_VERSION,
            "description": "门户的开放接口：站内检索、搜索框联想，"
            + headless.description()
            + "以及 Wagtail API v2 的页面接口。所有接口只读，返回 JSON（UTF-8），"
            "导出和订阅另有 CSV、RSS、Atom。",
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "检索", "description": "站内检索（与门户搜索页相同）。"},
            {"name": "开放接口", "description": "公开信息目录、详情、栏目和变更流。"},
            {
                "name": "数据导出",
                "description": "目录批量导出（JSON、CSV）和栏目订阅（RSS、Atom）。",
            },
            {"name": "Wagtail API v2", "description": "Wagtail 自带的内容接口。"},
        ],
        "paths": paths,
        "webhooks": headless.webhooks(),
        "components": {"schemas": schemas, "securitySchemes": headless.security_schemes()},
    }


@require_GET
def openapi_view(request):
    """``GET /api/openapi.json``."""
    return JsonResponse(build_document(), json_dumps_params={"ensure_ascii": False})
