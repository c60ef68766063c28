"""What a user reads on an admin screen: the text nodes and the title, aria-label, placeholder
and alt attributes of an HTML page, without scripts, styles and templates; and the labels and
messages Wagtail's scripts show from the page's JSON data (the sidebar's menu, the checks
panel's accessibility messages)."""

import json
import re
from html.parser import HTMLParser

#: A word of Latin letters (two or more), which a Chinese admin should not show.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: What may appear in Latin letters: names and codes, not sentences.
ALLOWED = {
    "Wagtail",
    "JavaScript",
    "PDF",
    "CSV",
    "XLSX",
    "DOCX",
    "RSS",
    "Atom",
    "API",
    "ID",
    "URL",
    "HTML",
    "Markdown",
    "JSON",
    "OpenAPI",
    "SEO",
    "Excel",
}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
#: The keys of the JSON data (``<script type="application/json">``) whose values Wagtail's
#: scripts show: menu labels and footers (``wagtail-sidebar-props``), the checks panel's
#: messages (``checker-axe-configuration``).
READ_KEYS = {"label", "footer_text", "error_name", "help_text"}
JSON_SCRIPT = re.compile(r'<script\b[^>]*type="application/json"[^>]*>(.*?)</script>', re.S)
SKIPPED_TAGS = {"script", "style", "template", "code", "pre", "textarea", "svg"}


VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "use",
    "path",
}


class _Reader(HTMLParser):
    """Collects the text a user reads; elements that are hidden (``hidden``) are not read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, skipping?) of the open elements
        self.texts = []

    @property
    def skipping(self):
        return any(skip for _tag, skip in self.open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skip = tag in SKIPPED_TAGS or "hidden" in attributes
        if not skip and not self.skipping:
            for name in READ_ATTRIBUTES:
                value = attributes.get(name)
                if value:
                    self.texts.append(value)
        if tag not in VOID_TAGS:
            self.open.append((tag, skip))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


def _shown_values(data):
    """The strings under ``READ_KEYS`` anywhere in decoded JSON ``data``."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in READ_KEYS and isinstance(value, str) and value.strip():
                yield value
            else:
                yield from _shown_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _shown_values(value)


def json_texts(html):
    """The texts Wagtail's scripts show from the JSON data embedded in ``html``."""
    texts = []
    for match in JSON_SCRIPT.finditer(html):
        texts.extend(_shown_values(json.loads(match.group(1))))
    return texts


def english_in(html, allowed=()):
    """The pieces of text of ``html`` that contain a Latin word not in ``ALLOWED``."""
    reader = _Reader()
    reader.feed(html)
    found = []
    for text in reader.texts + json_texts(html):
        words = [w for w in LATIN_WORD.findall(text) if w not in ALLOWED and w not in allowed]
        if words:
            found.append(text)
    return found
