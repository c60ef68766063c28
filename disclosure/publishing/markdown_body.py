"""The body of a law as the corpus writes it: Markdown with ``#`` headings (编, 章, 节), one
paragraph (条, 款) per line, and HTML comments the source leaves in (``<!-- FORCE BREAK -->``)
that are no part of the text. One module reads this format for the page, the gazette, the
search snippets and the corpus importer."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Zero-width characters some sources put around headings.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_HEADING = re.compile(r"^(#{1,6})\s*")


def clean(text: str) -> str:
    """``text`` without comments and invisible characters; lines kept."""
    return _INVISIBLE.sub("", _COMMENT.sub("", text or ""))


def blocks(text: str) -> list[tuple[int, str]]:
    """(heading level or 0 for a paragraph, text) of each non-empty line."""
    found = []
    for line in clean(text).splitlines():
        line = line.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            found.append((len(heading.group(1)), line[heading.end() :].strip()))
        else:
            found.append((0, line))
    return found


def to_html(text: str) -> str:
    """Simple HTML: a heading ``##`` is ``<h3>`` (the page title is the ``<h1>``), one ``<p>``
    per paragraph; everything escaped."""
    parts = []
    for level, line in blocks(text):
        if level:
            tag = f"h{min(level + 1, 4)}"
            parts.append(f"<{tag}>{escape(line)}</{tag}>")
        else:
            parts.append(f"<p>{escape(line)}</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every piece is escaped above


def to_plain(text: str) -> str:
    """The text without Markdown or comments, one line per block."""
    return "\n".join(line for _level, line in blocks(text))
