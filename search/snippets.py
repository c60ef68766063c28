"""Highlighted excerpts of search results (``snippet`` in ``/api/search/``, the portal's
result list): the passage around the first place a query word occurs, escaped, with the words
wrapped in ``<mark>``."""

import bisect
import functools
import html
import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from disclosure.publishing import markdown_body

from . import analysis

LENGTH = 120
BEFORE = 30
# A law's text can run to 100,000 characters: look for the words in its beginning only.
SCAN_LIMIT = 30_000
# Stored characters read on each side of the first word: far more than the excerpt needs,
# whatever markup the lines hold.
MARGIN = 4 * LENGTH
# BM25's constants for scoring the articles of one law as passages (answering_article).
PASSAGE_K1 = 1.2
PASSAGE_B = 0.75
# Bodies read into articles that are kept (each about twice its text in memory): for pages that
# store no article places, and, apart, the candidates a question was matched against.
PASSAGE_CACHE_SIZE = 256
_REMEMBERED = OrderedDict()
_REMEMBERED_LOCK = threading.Lock()
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def terms(variants):
    """The words to highlight, longest first: the variants' segmented words of two or more
    characters. A character on its own (安, 法) is highlighted nowhere: a variant without a
    longer word (a typo, an abbreviation: 食安法) is highlighted as typed, whole."""
    words = []
    for variant in variants:
        text = analysis.normalise(variant)
        segmented = [w.strip() for w in analysis.segment(text, search_mode=False) if w.strip()]
        longer = [w for w in segmented if len(w) > 1]
        if longer:
            words += longer
        elif len(whole := "".join(segmented)) > 1 or len(variants) == 1:
            words.append(whole)
    return sorted(dict.fromkeys(w for w in words if w), key=len, reverse=True)


def source_text(page):
    """Plain text of the page's summary and body (Markdown, comments and tags removed,
    whitespace collapsed)."""
    return _plain(" ".join(markdown_body.to_plain(raw) for raw in _raw_parts(page)))


def answering_article(page, words):
    """The article (条) of the page's body that answers the query, so a question is answered by
    its article of a long law (issue #21 item 4): the articles are scored as passages by BM25
    over the ``words`` (a word said in every article of the law, as its title's words often
    are, tells them apart less than one said in few), the best first, the first of equals.
    ``None`` when the title holds every word (the document itself is the answer), when the body
    has no articles, or when no article holds a word."""
    body = getattr(page, "body", "")
    if not words or not _may_hold_articles(body):
        return None
    if all(word.lower() in page.title.lower() for word in words):
        return None
    passages = _passages(page, body)
    if not passages.index:
        return None
    best = _best_article(passages, _occurrences(passages, words))
    return (
        None
        if best is None
        else markdown_body.article_at(passages.cleaned, passages.index.span(best))
    )


def question_words(variants):
    """The words of each synonym variant of the query that has two or more (a question, a
    topic; not a name), without the words that carry no meaning in a query."""
    word_sets = []
    for variant in variants:
        words = [w.lower() for w in terms([variant]) if w not in analysis.QUERY_STOPWORDS]
        if len(words) > 1:
            word_sets.append(words)
    return word_sets


def answer_shares(passages, word_sets):
    """{page id: how much of the query the page's best article answers, 0 to 1} for
    ``passages`` ({page id: :class:`Passages`}: the articles of the best candidates of a search,
    :func:`remember_passages`), so that a question is matched against articles and a document
    ranked by its best one (issue #21 item 4). For each of ``word_sets``
    (:func:`question_words`), an article's share is the part of the words it holds, each word
    weighted by how rare it is among these candidates (a word every candidate says tells them
    apart little); the best share over word sets and articles."""
    every_word = {word for word_set in word_sets for word in word_set}
    articles = {
        pk: list(_occurrences(found, every_word).values()) for pk, found in passages.items()
    }
    holding = dict.fromkeys(every_word, 0)
    for held in articles.values():
        for word in set().union(*held):
            holding[word] += 1
    total = len(passages)
    rarity = {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in holding.items()}
    weighed = [(ws, whole) for ws in word_sets if (whole := sum(rarity[w] for w in ws))]
    shares = {}
    for pk, held_by_article in articles.items():
        best = 0.0
        for held in held_by_article:
            for word_set, whole in weighed:
                best = max(best, sum(rarity[w] for w in word_set if w in held) / whole)
        shares[pk] = best
    return shares


def remembered_passages(keys):
    """{key: :class:`Passages` or None (no articles)} of the ``keys`` (page id, when published)
    read before: a law a question is matched against is read into articles once a publication,
    not at every search (the pages read last are kept)."""
    with _REMEMBERED_LOCK:
        found = {key: _REMEMBERED[key] for key in keys if key in _REMEMBERED}
        for key in found:
            _REMEMBERED.move_to_end(key)
    return found


def remember_passages(key, body, stored):
    """The :class:`Passages` of ``body`` (``stored``: the places its page stored, its
    ``article_index``), or None when it has no articles; kept under ``key`` when it is a (page
    id, when published) pair."""
    found = None
    if _may_hold_articles(body):
        found = _read_articles(body, stored)
        found = found if found.index else None
    if key[1] is not None:
        with _REMEMBERED_LOCK:
            _REMEMBERED[key] = found
            while len(_REMEMBERED) > PASSAGE_CACHE_SIZE:
                _REMEMBERED.popitem(last=False)
    return found


def _may_hold_articles(body):
    """Whether ``body`` says 条 at all (cheaper than splitting it into none)."""
    return isinstance(body, str) and "条" in body


def _occurrences(passages, words):
    """{article index: {word: occurrences}} of the articles holding any of ``words``."""
    counts = {}
    starts, ends = passages.index.starts, passages.index.ends
    for word in dict.fromkeys(word.lower() for word in words):
        occurrences = passages.text.count(word)
        if occurrences > len(starts):  # a common word: count it article by article
            for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
                if n := passages.text.count(word, start, end):
                    counts.setdefault(index, {})[word] = n
            continue
        at = passages.text.find(word) if occurrences else -1
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            if index >= 0 and at < ends[index]:
                held = counts.setdefault(index, {})
                held[word] = held.get(word, 0) + 1
            at = passages.text.find(word, at + len(word))
    return counts


def _best_article(passages, counts):
    """The index of the article BM25 scores best for ``counts`` (the first of equals), or
    ``None`` when no article holds a word."""
    lengths = passages.index.lengths
    total = len(lengths)
    holding = {}
    for held in counts.values():
        for word in held:
            holding[word] = holding.get(word, 0) + 1
    rarity = {word: math.log(1 + (total - n + 0.5) / (n + 0.5)) for word, n in holding.items()}
    average = sum(lengths) / total
    best, best_score = None, 0.0
    for index in sorted(counts):
        norm = PASSAGE_K1 * (1 - PASSAGE_B + PASSAGE_B * lengths[index] / average)
        score = sum(
            rarity[word] * n * (PASSAGE_K1 + 1) / (n + norm) for word, n in counts[index].items()
        )
        if score > best_score:
            best, best_score = index, score
    return best


@dataclass(frozen=True)
class Passages:
    """A body's articles (:class:`markdown_body.ArticleIndex`: where each lies) in its cleaned
    text (``cleaned``; lower-cased: ``text``)."""

    index: markdown_body.ArticleIndex
    cleaned: str
    text: str

    @classmethod
    def of(cls, index, cleaned):
        lowered = cleaned.lower()
        if len(lowered) != len(cleaned):  # a character whose lower case is longer: keep places
            lowered = cleaned
        return cls(index, cleaned, lowered)


def _passages(page, body):
    """The :class:`Passages` of ``page``'s ``body``: as a question's candidate it was read into
    articles already (:func:`remember_passages`), else from the places a law page stored when it
    was saved (``article_index``), else read from the body (kept for the bodies read last)."""
    key = (getattr(page, "pk", None), getattr(page, "last_published_at", None))
    remembered = remembered_passages([key]).get(key) if key[1] is not None else None
    if remembered is not None:
        return remembered
    return _read_articles(body, getattr(page, "article_index", None))


def _read_articles(body, stored):
    """The :class:`Passages` of ``body``, from ``stored`` (the places its page stored) if any."""
    index = markdown_body.ArticleIndex.read(stored)
    if index:
        return Passages.of(index, markdown_body.clean(body))
    return _read_passages(body)


@functools.lru_cache(maxsize=PASSAGE_CACHE_SIZE)
def _read_passages(body):
    return Passages.of(markdown_body.ArticleIndex.of(body), markdown_body.clean(body))


def snippet(page, words, article=None):
    """The excerpt of ``page`` around the first of ``words``, as safe HTML; of ``article``'s
    text when given (:func:`answering_article`)."""
    if article is not None:
        passage = (_plain(article.text), False, False)
    else:
        passage = _passage(page, words)
    if passage is not None:
        text, cut_before, cut_after = passage
    else:
        text, cut_before, cut_after = source_text(page), False, False
    if not text:
        return ""
    lowered = text.lower()
    positions = [(lowered.find(w.lower()), w) for w in words]
    found = [p for p, _w in positions if p >= 0]
    start = max(0, min(found) - BEFORE) if found else 0
    window = text[start : start + LENGTH]
    pattern = (
        re.compile("|".join(re.escape(w) for w in words if w), re.IGNORECASE) if words else None
    )
    pieces, last = [], 0
    if pattern is not None and found:
        for match in pattern.finditer(window):
            pieces.append(escape(window[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group(0))}</mark>")
            last = match.end()
    pieces.append(escape(window[last:]))
    prefix = "…" if start > 0 or cut_before else ""
    suffix = "…" if start + LENGTH < len(text) or cut_after else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped


def _raw_parts(page):
    parts = []
    for name in ("summary", "body", "search_description"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value:
            parts.append(value[:SCAN_LIMIT])
    return parts


def _plain(text):
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", text))).strip()


def _passage(page, words):
    """The plain text of the whole lines within :data:`MARGIN` characters of the first place
    one of ``words`` occurs in the stored text, and whether text was left out before and after
    it; ``None`` when no word occurs in these lines (then the whole text is read). A law's body
    is long: converting only these lines saves most of a search's snippet time."""
    if not words:
        return None
    parts = _raw_parts(page)
    for index, raw in enumerate(parts):
        lowered = raw.lower()
        hits = [p for w in words if (p := lowered.find(w.lower())) >= 0]
        if not hits:
            continue
        first = min(hits)
        begin = raw.rfind("\n", 0, max(0, first - MARGIN)) + 1
        end = raw.find("\n", first + MARGIN)
        end = len(raw) if end < 0 else end
        pieces = [" ".join(markdown_body.to_plain(p) for p in parts[:index])] if begin == 0 else []
        pieces.append(markdown_body.to_plain(raw[begin:end]))
        if end == len(raw):
            pieces += [markdown_body.to_plain(p) for p in parts[index + 1 :]]
        text = _plain(" ".join(pieces))
        lowered_text = text.lower()
        if not any(w.lower() in lowered_text for w in words):
            return None
        return text, begin > 0, end < len(raw)
    return None
