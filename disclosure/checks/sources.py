"""The texts a check reads from an item: title, the text fields of its type (body, summary,
metadata), the strings inside its StreamFields, and the text of its attachments (PDF, DOCX,
XLSX, plain text)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.models import Page

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


def text_fields(page):
    """The names of the text fields of ``page``'s type that hold content."""
    names = []
    for field in type(page)._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.choices or not field.editable:
            continue
        if isinstance(field, StreamField):
            continue
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.model is Page and field.name not in {"title", "seo_title", "search_description"}:
            continue
        names.append(field.name)
    return names


def stream_fields(page):
    return [
        field.name
        for field in type(page)._meta.concrete_fields
        if isinstance(field, StreamField) and field.name != ATTACHMENTS
    ]


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
        text = document_text(document)
        if text:
            label = _("附件《%(title)s》") % {"title": document.title}
            sources.append(
                Source(ATTACHMENTS, label, text, maskable=False, document_id=document.pk)
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


def document_text(document) -> str:
    """The text of a Wagtail document, cached by its file hash."""
    try:
        file_hash = document.file_hash or ""
        return _cached_text(document.pk, file_hash, document.file.name)
    except Exception:  # a broken file must not stop the gate: it is reported instead
        logger.exception("cannot extract text of document %s", document.pk)
        return ""


@lru_cache(maxsize=256)
def _cached_text(document_id, file_hash, file_name):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get(pk=document_id)
    with document.file.open("rb") as handle:
        data = handle.read()
    return extract_text(file_name, data)


def extract_text(file_name: str, data: bytes) -> str:
    """Text of a PDF, DOCX, XLSX or plain-text file; empty for other formats."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if extension == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append("\t".join(cell.text for cell in row.cells))
        return "\n".join(parts)
    if extension == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        parts = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                parts.append("\t".join("" if v is None else str(v) for v in row))
        workbook.close()
        return "\n".join(parts)
    if extension in {"txt", "csv"}:
        return data.decode("utf-8", errors="replace")
    return ""
