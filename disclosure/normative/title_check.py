"""The law-title check (错敏检测, issue #17): every 《…》 title an item cites is looked up in the
normative-document database (the bureau's own documents and the reference laws).

- a title that names no document is a finding "未找到《…》", with the closest current title as
  the suggested fix;
- a title that names a repealed or expired (废止/失效) document is a finding, with the current
  document when a newer version or a document of the same title stem is in force;
- a title that names an older version (已修改) — through an edition note such as
  ``（2015年修正）`` or a title only an amended version carries — is a finding suggesting the
  current version.

Accepted forms: the full title, the title without the ``中华人民共和国`` prefix (《食品安全法》),
a trailing edition note, nested quotation marks (〈〉). Only what is cited as a law or rule is
checked: a 《…》 whose title does not end in a word of a normative document (法、条例、规定、办法、
通知 …) is a book, newspaper or form (《人民日报》, 《营业执照》) and is passed over. A document that
is not live (a draft being prepared with the item) is not flagged.

The findings do not block publication: they are shown to the reviewers. The check lives here,
in the normative app (layer 7), and registers itself into the checks registry (layer 5), which
never imports this app. The titles are held in an index built once per process and rebuilt when
the database changes (a fingerprint of the documents and their validity log, one query per run).
"""

from __future__ import annotations

import difflib
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.checks.registry import SEVERITY_WARNING, Check, Finding, register
from disclosure.publishing.choices import Validity

from .models import NormativeDocumentPage, ValidityChange

CHECK_NAME = "law_titles"
NOT_FOUND = "law_title_not_found"
REPEALED = "law_title_repealed"
AMENDED = "law_title_amended"
KIND_LABELS = {
    NOT_FOUND: gettext_lazy("法规名称未找到"),
    REPEALED: gettext_lazy("引用已废止或失效的文件"),
    AMENDED: gettext_lazy("引用已修改的旧版本"),
}
SEVERITY = "warning"

CURRENT = (Validity.IN_FORCE, Validity.NOT_YET_IN_FORCE)
GONE = (Validity.REPEALED, Validity.EXPIRED)

#: The last words of the title of a law, rule or normative document: only these are checked.
LAW_SUFFIXES = tuple(
    "法 法典 条例 规定 办法 细则 决定 通知 意见 规则 标准 规范 目录 清单 指南 方案 解释 决议 规划 "
    "纲要 批复 公告 准则 守则 制度 修正案 章程".split()
)
#: The prefix a national law's title carries and its accepted short form drops.
NATIONAL_PREFIX = "中华人民共和国"
CITATION = re.compile(r"《([^《》\n]{2,120})》")
_EDITION = re.compile(
    r"[（(]\s*(?P<year>\d{4})\s*年?\s*(?:修正|修订|修改|版)?\s*(?:本|文本)?\s*[）)]$"
)
_TRAILING_NOTE = re.compile(r"[（(][^（）()]{1,12}[）)]$")
_DROPPED = re.compile(r"[\s\u3000《》〈〉<>“”\"‘’']")
_KINDS = "|".join(sorted(LAW_SUFFIXES, key=len, reverse=True))
_KIND_WORD = re.compile(rf"(?:实施)?(?:暂行|试行)?(?:{_KINDS})$")
_ABBREVIATION = re.compile(r"简称[为：:]?[“\"]?《([^《》\n]{1,40})》")
_PAREN = str.maketrans({"(": "（", ")": "）"})


def normalize(title):
    """``(key, edition_year)``: the title without quotation marks, spaces and a trailing
    edition note (``（2021年修正）``), with full-width brackets."""
    key = _DROPPED.sub("", title).translate(_PAREN)
    year = None
    edition = _EDITION.search(key)
    if edition:
        year = int(edition.group("year"))
        key = key[: edition.start()]
    return key, year


def short(key):
    return key.removeprefix(NATIONAL_PREFIX)


def stem(key):
    """The title without the national prefix and its kind word (``办法``, ``暂行规定``): what a
    renamed successor (办法 → 条例) keeps."""
    return _KIND_WORD.sub("", short(key))


def is_law_title(key):
    """Whether a cited title (normalized) is that of a law or rule: its last word, before a
    note such as ``（试行）`` or ``（一）``, is one of :data:`LAW_SUFFIXES`."""
    bare = _TRAILING_NOTE.sub("", key)
    return bare.endswith(LAW_SUFFIXES)


def one_off(key, title):
    """Whether ``key`` is ``title`` with one character replaced (short forms, at least three
    characters): 《专利代理条列》, 《消防发》. A character dropped is not enough: 《居民身份证》 is
    a card, not the 居民身份证法."""
    other = short(normalize(title)[0])
    if len(key) != len(other) or len(key) < 3:
        return False
    return sum(a != b for a, b in zip(key, other, strict=True)) == 1


def is_abbreviation(key):
    """A title that is only its kind, with at most two characters before it (《条例》,
    《实施细则》, 《总体方案》, 《修正案（三）》): an abbreviation the text defined (以下简称…).
    A law's short name (《公司法》, 《民法典》) is a title, not an abbreviation."""
    bare = _TRAILING_NOTE.sub("", key)
    if bare.startswith(NATIONAL_PREFIX) or bare.endswith(("法", "法典")):
        return False
    return len(_KIND_WORD.sub("", bare)) <= 2


def defined_abbreviations(text):
    """The titles ``text`` defines as abbreviations: ``（以下简称《管制清单》）``."""
    return {normalize(match.group(1))[0] for match in _ABBREVIATION.finditer(text)}


def common_prefix(a, b):
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def bigrams(text):
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


@dataclass(frozen=True)
class Document:
    pk: int
    title: str
    validity: str
    live: bool
    supersedes_id: int | None
    year: int | None

    @property
    def current(self):
        return self.live and self.validity in CURRENT


class TitleIndex:
    """Every normative document's title, by normalized title, short form and stem, with a
    character-bigram index of the current titles for suggestions."""

    def __init__(self, documents):
        self.documents = {document.pk: document for document in documents}
        self.by_key = defaultdict(list)
        self.by_short = defaultdict(list)
        self.current_by_stem = defaultdict(list)
        self.newer = {}
        self.postings = defaultdict(list)
        self.current_titles = []
        self.gram_counts = []
        for document in self.documents.values():
            key, _year = normalize(document.title)
            self.by_key[key].append(document)
            self.by_short[short(key)].append(document)
            if document.supersedes_id and document.live:
                self.newer[document.supersedes_id] = document.pk
            if document.current:
                self.current_by_stem[stem(key)].append(document)
        seen = set()
        for document in sorted(self.documents.values(), key=lambda d: d.pk):
            if not document.current or document.title in seen:
                continue
            seen.add(document.title)
            position = len(self.current_titles)
            short_key = short(normalize(document.title)[0])
            self.current_titles.append((document.title, short_key))
            self.gram_counts.append(len(bigrams(short_key)))
            for gram in bigrams(short_key):
                self.postings[gram].append(position)

    def candidates(self, key):
        return self.by_key.get(key) or self.by_short.get(short(key)) or []

    def latest(self, document):
        """The newest live version of ``document``'s chain."""
        seen = {document.pk}
        while document.pk in self.newer and self.newer[document.pk] not in seen:
            document = self.documents[self.newer[document.pk]]
            seen.add(document.pk)
        return document

    def closest(self, key, cutoff=0.6):
        """The current title closest to ``key`` (character bigrams to pick candidates,
        ``difflib`` to rank them), or ``""`` below ``cutoff``."""
        query = short(key)
        grams = bigrams(query)
        counts = Counter()
        for gram in grams:
            counts.update(self.postings.get(gram, ()))
        # Dice coefficient of the bigram sets: a long title sharing the common words (条例,
        # 管理) does not crowd out a short one sharing the distinctive ones.
        dice = {
            position: 2 * shared / (len(grams) + self.gram_counts[position])
            for position, shared in counts.items()
        }
        ranked = sorted(dice, key=lambda position: (-dice[position], position))[:30]
        best, best_rank = "", None
        for position in ranked:
            title, title_key = self.current_titles[position]
            ratio = difflib.SequenceMatcher(None, query, title_key).ratio()
            if ratio < cutoff:
                continue
            # Ties (same ratio) go to the title sharing more bigrams, then the longer common
            # beginning (河南省物业服务条例 → 河南省物业管理条例, not 河南省志愿服务条例), then
            # the shorter title: the same answer whatever the order of the database.
            rank = (ratio, dice[position], common_prefix(query, title_key), -len(title), title)
            if best_rank is None or rank > best_rank:
                best, best_rank = title, rank
        return best

    def judge(self, cited):
        """``(kind, suggestion, document)`` for a cited title, or ``None`` when it is fine or
        not a law's title."""
        key, year = normalize(cited)
        if is_abbreviation(key):
            return None
        if not is_law_title(key):
            # A misspelt last word (《专利代理条列》) still names a law when it is one character
            # off a title; a book or a form is nowhere near one.
            near = self.closest(key, cutoff=0.6)
            return (NOT_FOUND, near, None) if near and one_off(short(key), near) else None
        candidates = self.candidates(key)
        if not candidates:
            return NOT_FOUND, self.closest(key), None
        live = [document for document in candidates if document.live]
        if not live:
            return None  # a draft prepared with the item: not public yet, not wrong
        current = [document for document in live if document.validity in CURRENT]
        if current:
            if year is not None:
                edition = [d for d in live if d.year == year]
                if edition and all(d.validity == Validity.AMENDED for d in edition):
                    newest = self.latest(edition[0])
                    return AMENDED, newest.title, edition[0]
            return None
        amended = [document for document in live if document.validity == Validity.AMENDED]
        for document in amended or live:
            newest = self.latest(document)
            if newest.pk != document.pk and newest.current:
                return (AMENDED if amended else REPEALED), newest.title, document
        if amended:
            return AMENDED, "", amended[0]
        successors = [
            d
            for d in self.current_by_stem.get(stem(key), ())
            if d.pk not in {c.pk for c in candidates}
        ]
        return REPEALED, successors[0].title if successors else "", live[0]


_lock = threading.Lock()
_cached: dict = {"fingerprint": None, "index": None}


def fingerprint():
    """What changes when a document is added, published, unpublished, renamed or its validity
    changes: counts and maxima of the pages and of the validity log (one query each)."""
    pages = NormativeDocumentPage.objects.aggregate(
        count=Count("pk"),
        live=Count("pk", filter=Q(live=True)),
        last_pk=Max("pk"),
        published=Max("last_published_at"),
        revised=Max("latest_revision_created_at"),
    )
    changes = ValidityChange.objects.aggregate(last=Max("pk"), count=Count("pk"))
    return tuple(sorted(pages.items())) + tuple(sorted(changes.items()))


def build_index():
    rows = NormativeDocumentPage.objects.values_list(
        "pk", "title", "validity", "live", "supersedes_id", "version_date", "promulgated_on"
    )
    return TitleIndex(
        Document(
            pk=pk,
            title=title,
            validity=validity,
            live=live,
            supersedes_id=supersedes_id,
            year=(version_date or promulgated_on).year
            if (version_date or promulgated_on)
            else None,
        )
        for pk, title, validity, live, supersedes_id, version_date, promulgated_on in rows
    )


def title_index():
    """The index, rebuilt when the documents changed since it was built."""
    current = fingerprint()
    with _lock:
        if _cached["index"] is None or _cached["fingerprint"] != current:
            _cached["index"] = build_index()
            _cached["fingerprint"] = current
        return _cached["index"]


def invalidate(**kwargs):
    """Signal receiver: a document was saved, published, unpublished or deleted."""
    with _lock:
        _cached["index"] = None


def message(kind, cited, suggestion, document):
    if kind == NOT_FOUND:
        text = _("未找到《%(title)s》") % {"title": cited}
    elif kind == REPEALED:
        text = _("《%(title)s》已%(validity)s") % {
            "title": cited,
            "validity": Validity(document.validity).label,
        }
    else:
        text = _("《%(title)s》是已修改的旧版本") % {"title": cited}
    if suggestion:
        text += _("，建议引用《%(title)s》") % {"title": suggestion}
    return text + _("。")


@register
class LawTitleCheck(Check):
    name = CHECK_NAME
    own_content_only = True
    order = 45
    label = gettext_lazy("法规名称")
    article = "实施方案：规章和规范性文件数据库；政府网站与政务新媒体检查指标（严重表述错误）"

    def run(self, sources):
        findings = []
        index = None
        for source in sources:
            text = source.text or ""
            abbreviations = defined_abbreviations(text) if "简称" in text else set()
            for match in CITATION.finditer(text):
                if normalize(match.group(1))[0] in abbreviations:
                    continue
                index = index or title_index()
                verdict = index.judge(match.group(1))
                if verdict is None:
                    continue
                kind, suggestion, document = verdict
                findings.append(
                    Finding(
                        check=self.name,
                        kind=kind,
                        kind_label=KIND_LABELS[kind],
                        source=source.name,
                        source_label=source.label,
                        start=match.start(),
                        end=match.end(),
                        text=match.group(0),
                        blocking=False,
                        severity=SEVERITY_WARNING,
                        suggestion=f"《{suggestion}》" if suggestion else "",
                        extra={
                            "document_id": source.document_id,
                            "severity": SEVERITY,
                            "suggestion": f"《{suggestion}》" if suggestion else "",
                            "message": message(kind, match.group(1), suggestion, document),
                            "normative_id": document.pk if document else None,
                        },
                    )
                )
        return findings

    def error_message(self, findings):
        return "；".join(finding.extra["message"] for finding in findings)
