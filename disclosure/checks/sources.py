"""The texts a check reads from an item: title, the text fields of its type (body, summary,
metadata), the strings inside its StreamFields, and the text of its attachments
(:mod:`disclosure.checks.extraction`: PDF with OCR of scans, DOCX, XLSX, DOC/WPS, images, plain
text). An attachment that cannot be read is a source with the reason (``unreadable``) unless a
confidentiality reviewer has cleared that very file (:class:`UnreadableClearance`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, lru_cache

from django.db import models
from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.models import Page

from .extraction import Extraction, extract
from .models import UnreadableClearance

logger = logging.getLogger("disclosure.checks")

# Page fields that are not content: never scanned.
SKIPPED_FIELDS = {
    "slug",
    "url_path",
    "draft_title",
    "index_number",
    "locale",
    "latest_revision",
    "live_revision",
}
ATTACHMENTS = "attachments"


@dataclass(frozen=True)
class Source:
    name: str  # field name, or "attachments"
    label: str
    text: str
    maskable: bool  # a text field that masking can rewrite in place
    document_id: int | None = None
    unreadable: str = ""  # why an attachment could not be read (a blocking finding)


def text_fields(page):
    """The names of the text fields of ``page``'s type that hold content."""
    return list(_text_fields(type(page)))


@cache
def _text_fields(model):
    """:func:`text_fields` of a page type (its fields are fixed once the models are loaded: a
    publication's checks read them for every rule, an import for every document)."""
    names = []
    for field in model._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.choices or not field.editable:
            continue
        if isinstance(field, StreamField):
            continue
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.model is Page and field.name not in {"title", "seo_title", "search_description"}:
            continue
        names.append(field.name)
    return tuple(names)


def stream_fields(page):
    return list(_stream_fields(type(page)))


@cache
def _stream_fields(model):
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField) and field.name != ATTACHMENTS
    )


def stream_strings(value):
    """Every string leaf of a StreamField's raw data."""
    data = value.get_prep_value() if hasattr(value, "get_prep_value") else value
    found = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for key, child in node.items():
                if key not in {"type", "id"}:
                    walk(child)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)

    walk(data)
    return found


def texts_of(page) -> list[Source]:
    sources = []
    for name in text_fields(page):
        value = getattr(page, name, "") or ""
        if value:
            label = str(type(page)._meta.get_field(name).verbose_name)
            sources.append(Source(name, label, str(value), maskable=True))
    for name in stream_fields(page):
        label = str(type(page)._meta.get_field(name).verbose_name)
        for text in stream_strings(getattr(page, name)):
            sources.append(Source(name, label, text, maskable=True))
    for document in attached_documents(page):
        extraction = document_extraction(document)
        label = _("附件《%(title)s》") % {"title": document.title}
        if extraction.text:
            sources.append(
                Source(ATTACHMENTS, label, extraction.text, maskable=False, document_id=document.pk)
            )
        if extraction.unreadable and not UnreadableClearance.covers(document):
            sources.append(
                Source(
                    ATTACHMENTS,
                    label,
                    "",
                    maskable=False,
                    document_id=document.pk,
                    unreadable=extraction.unreadable,
                )
            )
    return sources


def attached_documents(page):
    value = getattr(page, ATTACHMENTS, None)
    if not value:
        return []
    documents = []
    for block in value:
        document = block.value
        if document is not None and getattr(document, "pk", None):
            documents.append(document)
    return documents


def document_extraction(document) -> Extraction:
    """What :func:`~disclosure.checks.extraction.extract` reads of a Wagtail document, cached by
    its file hash; a file that cannot even be opened is unreadable too."""
    try:
        return _cached_extraction(document.pk, document.file_hash or "", document.file.name)
    except Exception as error:  # noqa: BLE001 - a missing file is a finding, not a 500
        logger.warning("cannot read document %s: %r", document.pk, error)
        return Extraction(
            unreadable=_("无法打开文件（%(error)s）") % {"error": type(error).__name__}
        )


@lru_cache(maxsize=256)
def _cached_extraction(document_id, file_hash, file_name):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get(pk=document_id)
    with document.file.open("rb") as handle:
        data = handle.read()
    return extract(file_name, data)
