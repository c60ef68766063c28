"""JSON Schema helpers for the OpenAPI parts of the public interfaces (the search API in
``cms/openapi.py``, the headless API in ``disclosure/syndication/openapi.py``), kept at the
lowest layer both reach."""


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    """``schema`` or null (OpenAPI 3.1 / JSON Schema 2020-12 style)."""
    schema = dict(schema)
    schema["type"] = [schema["type"], "null"]
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    return schema
