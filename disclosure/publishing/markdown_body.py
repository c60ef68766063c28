"""The body of a law as the corpus writes it: Markdown with ``#`` headings (编, 章, 节), one
paragraph (条, 款) per line, and HTML comments the source leaves in (``<!-- FORCE BREAK -->``)
that are no part of the text. An article (条) starts at a line that begins with its number
(``第十条``, ``第十条之一``) and runs until the next article or heading. One module reads this
format for the page, the gazette, the search snippets and the corpus importer."""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.html import escape
from django.utils.safestring import mark_safe

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Zero-width characters some sources put around headings.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_HEADING = re.compile(r"^(#{1,6})\s*")
# 第十条, 第一百二十三条, 第十条之一 at the start of a line, then a space or the line's end; a
# line that only mentions an article (第十条规定的……) does not start one.
_ARTICLE = re.compile(
    r"^(第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)(?=[\s\u3000]|$)"
)


@dataclass(frozen=True)
class Article:
    """One article (条): its number, which is also its anchor on the page (``#第十条``), the
    headings it stands under (章, 节) and its paragraphs (款), one a line."""

    number: str
    headings: tuple[str, ...]
    text: str

    @property
    def fragment(self):
        """The URL fragment of the article's anchor on its page (``#%E7%AC%AC…``, 第十条
        percent-encoded)."""
        return f"#{quote(self.number)}"


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


def article_number(line: str) -> str | None:
    """The number of the article ``line`` starts (``第十条``), or ``None``."""
    match = _ARTICLE.match(line)
    return match.group(1) if match else None


def articles(text: str) -> list[Article]:
    """The articles of ``text`` in order. A number seen before in the same text (an amended
    article quoted in a decision) starts no article: each number is one anchor."""
    cleaned = clean(text)
    return [article_at(cleaned, span) for span in article_spans(text)]


def article_spans(text: str) -> list[tuple[str, tuple[str, ...], int, int, int]]:
    """Where each article of ``text`` lies in ``clean(text)``: ``(number, headings, start, end,
    length)``, ``length`` being that of the article's text (its lines stripped, one a line). A
    law page stores them when saved, so the search finds a result's answering article without
    reading the law again (:func:`article_at` gives the article)."""
    found, seen, headings, under, current, offset = [], set(), {}, (), None, 0
    for raw in clean(text).splitlines(keepends=True):
        start, offset = offset, offset + len(raw)
        line = raw.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            headings = {lv: h for lv, h in headings.items() if lv < level} | {
                level: line[heading.end() :].strip()
            }
            under = tuple(headings[lv] for lv in sorted(headings))
            current = None
            continue
        number = article_number(line)
        if number is not None:
            current = None
            if number not in seen:
                seen.add(number)
                current = [number, under, start, offset, len(line)]
                found.append(current)
        elif current is not None:
            current[3] = offset
            current[4] += 1 + len(line)
    return [tuple(span) for span in found]


@dataclass(frozen=True)
class ArticleIndex:
    """Where the articles of a body lie (:func:`article_spans`), as a law page stores it
    (``article_index``): one list a field, not one list an article. A search reads it back for
    each result that is a law: half the characters, and read back in 0.057 ms a law against
    0.131 (the 400 longest laws, ``benchmarks/search/results-latency-postgres.txt``)."""

    numbers: tuple[str, ...] = ()
    #: the distinct headings (章, 节) articles stand under; ``under``: each article's, by place
    headings: tuple[tuple[str, ...], ...] = ()
    under: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    lengths: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str) -> "ArticleIndex":
        return cls.from_spans(article_spans(text))

    @classmethod
    def from_spans(cls, spans) -> "ArticleIndex":
        places, headings, under = {}, [], []
        for _number, heads, *_rest in spans:
            heads = tuple(heads)
            if heads not in places:
                places[heads] = len(headings)
                headings.append(heads)
            under.append(places[heads])
        return cls(
            numbers=tuple(span[0] for span in spans),
            headings=tuple(headings),
            under=tuple(under),
            starts=tuple(span[2] for span in spans),
            ends=tuple(span[3] for span in spans),
            lengths=tuple(span[4] for span in spans),
        )

    @classmethod
    def read(cls, stored) -> "ArticleIndex":
        """The index of what a page stored: this form (:meth:`stored`), or the list of
        :func:`article_spans` stored before it (an older revision); empty when nothing was."""
        if isinstance(stored, dict) and stored.get("numbers"):
            return cls(
                numbers=tuple(stored["numbers"]),
                headings=tuple(tuple(heads) for heads in stored["headings"]),
                under=tuple(stored["under"]),
                starts=tuple(stored["starts"]),
                ends=tuple(stored["ends"]),
                lengths=tuple(stored["lengths"]),
            )
        if isinstance(stored, list) and stored:
            return cls.from_spans(stored)
        return cls()

    def stored(self) -> dict:
        """What a page stores (JSON)."""
        return {
            "numbers": list(self.numbers),
            "headings": [list(heads) for heads in self.headings],
            "under": list(self.under),
            "starts": list(self.starts),
            "ends": list(self.ends),
            "lengths": list(self.lengths),
        }

    def __len__(self):
        return len(self.numbers)

    def span(self, index: int) -> tuple[str, tuple[str, ...], int, int, int]:
        """The article at ``index`` as :func:`article_spans` gives it."""
        return (
            self.numbers[index],
            self.headings[self.under[index]],
            self.starts[index],
            self.ends[index],
            self.lengths[index],
        )


def article_at(cleaned: str, span) -> Article:
    """The article of ``span`` (:func:`article_spans`) in the cleaned text ``cleaned``."""
    number, headings, start, end, _length = span
    lines = (line.strip() for line in cleaned[start:end].splitlines())
    return Article(number, tuple(headings), "\n".join(line for line in lines if line))


def to_html(text: str) -> str:
    """Simple HTML: a heading ``##`` is ``<h3>`` (the page title is the ``<h1>``), one ``<p>``
    per paragraph, the first paragraph of an article with the article's number as its ``id``
    (a search result links to ``#第十条``); everything escaped."""
    parts, seen = [], set()
    for level, line in blocks(text):
        if level:
            tag = f"h{min(level + 1, 4)}"
            parts.append(f"<{tag}>{escape(line)}</{tag}>")
        elif (number := article_number(line)) and number not in seen:
            seen.add(number)
            parts.append(f'<p id="{escape(number)}">{escape(line)}</p>')
        else:
            parts.append(f"<p>{escape(line)}</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every piece is escaped above


def to_plain(text: str) -> str:
    """The text without Markdown or comments, one line per block."""
    return "\n".join(line for _level, line in blocks(text))
