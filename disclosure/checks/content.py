"""What the content checks (错敏检测: wording, format, sensitive terms, official names) have in
common: a finding with its position, its context, its severity and the suggested fix.

They read the texts of an item as the personal-data check does (:mod:`.sources`); a rich-text
body is read without its HTML tags, so that a position and its context are in the text a reader
sees (the position is then in that text, not in the stored HTML)."""

from __future__ import annotations

import html
import re

from .registry import SEVERITY_SEVERE, Finding, context

_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)?[^>]*>")
#: Tags inside a line of text: they become nothing (a word split by ``<b>`` stays a word);
#: any other tag (a paragraph, a line break, a table cell) becomes a line break.
INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "span", "sub", "sup", "code", "mark", "s"}


def readable_text(text):
    """``text`` without HTML tags and entities."""
    if "<" not in text and "&" not in text:
        return text
    return html.unescape(
        _TAG.sub(lambda m: "" if (m.group(1) or "").lower() in INLINE_TAGS else "\n", text)
    )


def finding(
    check,
    kind,
    kind_label,
    source,
    text,
    start,
    end,
    severity,
    suggestion="",
    note="",
    blocking=None,
):
    """A finding of ``check`` at ``text[start:end]`` of ``source``; it blocks publication only
    when the check says so (by default: a severe one)."""
    before, found, after = context(text, start, end)
    return Finding(
        check=check,
        kind=kind,
        kind_label=kind_label,
        source=source.name,
        source_label=source.label,
        start=start,
        end=end,
        text=found,
        blocking=severity >= SEVERITY_SEVERE if blocking is None else blocking,
        severity=severity,
        suggestion=suggestion,
        extra={
            "document_id": source.document_id,
            "context": (before, found, after),
            "note": note,
        },
    )
