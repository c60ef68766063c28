"""What the API says about an item: its catalogue metadata (目录系统实施指引; 条例 第12条),
the fields its page type opens to the API, its attachments, and the content hash.

Only public information goes out: items that are publicly visible
(:mod:`disclosure.publishing.visibility`: live, 主动公开 and under no view restriction); a page
type's own fields appear only when the type lists them in Wagtail's ``api_fields``
(:mod:`disclosure.publishing.api_fields`, the same list Wagtail's API v2 serves), so a field
added for internal use (an unmasked original, a note for reviewers) never leaks by default.
"""

import datetime as dt
import hashlib
import json

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html

from disclosure.organisation.site import absolute_url
from disclosure.publishing.api_fields import METADATA_FIELDS, api_datetime
from disclosure.upstream.wagtail import set_document_file_metadata

# A type that declares no ``api_fields`` shows its ``body`` only.
DEFAULT_PUBLIC_FIELDS = ("body",)


#: Public fields the representations show in their own keys, not among the type's fields: the
#: attachments, and the 责任科室 (``department``, read by name at request time).
SHOWN_APART = ("attachments", "department")


def public_field_names(model):
    """The names of ``model``'s own public fields (besides the catalogue metadata)."""
    declared = getattr(model, "api_fields", None)
    if declared is not None:
        names = [getattr(field, "name", field) for field in declared]
    else:
        names = DEFAULT_PUBLIC_FIELDS
    concrete = {f.name for f in model._meta.concrete_fields}
    return [
        name
        for name in names
        if name in concrete and name not in METADATA_FIELDS and name not in SHOWN_APART
    ]


def computed_field_names(model):
    """The names of ``model``'s public values computed when asked (a consultation's status and
    feedback: they change with the clock, so they are shown in ``/api/items/{id}/`` but neither
    stored in the feed nor part of the content hash)."""
    names = [getattr(field, "name", field) for field in getattr(model, "api_fields", None) or ()]
    concrete = {f.name for f in model._meta.concrete_fields}
    return [
        name
        for name in names
        if name not in concrete and name not in METADATA_FIELDS and name not in SHOWN_APART
    ]


def _stamp(value):
    """Datetimes to the second, in UTC: revisions keep milliseconds, the database microseconds."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


_local = api_datetime


def _raw(page, field):
    value = getattr(page, field.attname)
    if isinstance(field, StreamField):
        return json.loads(json.dumps(field.get_prep_value(value), default=str))
    if isinstance(value, dt.datetime):
        return _stamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def content_hash(page):
    """SHA-256 of the item's own published content (title, metadata, public fields,
    attachments), independent of where it sits and of Wagtail's bookkeeping: the same content
    gives the same hash, in the read API and in the feed."""
    model = type(page)
    data = {"title": page.title, "topic_id": getattr(page, "topic_id", None)}
    names = [*METADATA_FIELDS, "attachments", *public_field_names(model)]
    for name in names:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a type without this field
            continue
        data[name] = _raw(page, field)
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def metadata(page):
    """The stored part of an item's representation (no column, departments or topic name:
    those come from live records at request time)."""
    return {
        "id": page.pk,
        "type": page._meta.label_lower,
        "title": page.title,
        "index_number": page.index_number or "",
        "document_number": page.document_number or "",
        "publisher": page.publisher or "",
        "written_on": page.written_on.isoformat() if page.written_on else None,
        "published_at": _local(page.published_at or page.first_published_at),
        "disclosure_attribute": page.disclosure_attribute,
        "validity": page.validity,
        "keywords": page.keywords or "",
        "summary": page.summary or "",
        "topic_id": page.topic_id,
        "department_id": page.department_id,
        "url_path": page.url_path,
    }


def _field_value(page, field):
    value = getattr(page, field.name)
    if isinstance(field, RichTextField):
        return expand_db_html(value or "")
    if isinstance(field, StreamField):
        return json.loads(json.dumps(field.get_prep_value(value), default=str))
    if isinstance(field, models.ForeignKey):
        return getattr(page, field.attname)
    if isinstance(value, dt.datetime):
        return _local(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def public_fields(page):
    """The item's own public fields, stored and computed (:func:`computed_field_names`)."""
    model = type(page)
    fields = {
        name: _field_value(page, model._meta.get_field(name)) for name in public_field_names(model)
    }
    for name in computed_field_names(model):
        value = getattr(page, name)
        fields[name] = value() if callable(value) else value
    return fields


def attachments(page):
    """The attachments with size and SHA-1 checksum (Wagtail's ``file_hash``)."""
    result = []
    for block in getattr(page, "attachments", None) or []:
        document = block.value
        if document is None:
            continue
        if not document.file_hash:
            try:
                set_document_file_metadata(document)
                document.save(update_fields=["file_hash", "file_size"])
            except (OSError, ValueError):
                pass
        result.append(
            {
                "id": document.pk,
                "title": document.title,
                "url": absolute_url(document.url),
                "file_name": document.filename,
                "file_size": document.file_size,
                "sha1": document.file_hash or None,
            }
        )
    return result
