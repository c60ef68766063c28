"""The editable lists of the content checks (错敏检测), read on every check and cached: the
wording rules, the sensitive terms and the official names (:mod:`disclosure.checks.models`,
edited in the admin with history), and two lists that ship with the code (``lists/``): the
legitimate reduplications and the common words the repeated-character check reads.

The cache lives in the process; saving or deleting a list entry clears it in that process, and
every process reloads its lists at most :data:`MAX_AGE` seconds after another process changed
them."""

from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import OfficialName, SensitiveTerm, WordingRule

LISTS = Path(__file__).resolve().parent / "lists"
#: Seconds a process keeps its lists before reading them again.
MAX_AGE = 60

_cache: dict[str, tuple[float, object]] = {}


@dataclass(frozen=True)
class CompiledRule:
    pattern: re.Pattern
    right: str
    explanation: str
    severity: int


@dataclass(frozen=True)
class Term:
    term: str
    severity: int
    note: str


@dataclass(frozen=True)
class Name:
    kind: str
    name: str
    short_names: tuple[str, ...]
    wrong_names: tuple[str, ...]
    title: str
    outdated_titles: tuple[str, ...]


def _cached(key, load):
    now = time.monotonic()
    found = _cache.get(key)
    if found is None or now - found[0] > MAX_AGE:
        found = (now, load())
        _cache[key] = found
    return found[1]


def clear():
    _cache.clear()


@receiver(post_save, sender=WordingRule)
@receiver(post_save, sender=SensitiveTerm)
@receiver(post_save, sender=OfficialName)
@receiver(post_delete, sender=WordingRule)
@receiver(post_delete, sender=SensitiveTerm)
@receiver(post_delete, sender=OfficialName)
def _list_changed(**kwargs):
    clear()


def wording_rules() -> list[CompiledRule]:
    def load():
        rules = []
        for rule in WordingRule.objects.filter(enabled=True).order_by("pk"):
            try:
                pattern = re.compile(rule.wrong)
            except re.error:
                continue  # refused by the form; an old broken rule is skipped, not a 500
            rules.append(CompiledRule(pattern, rule.right, rule.explanation, rule.severity))
        return rules

    return _cached("wording", load)


def sensitive_terms() -> tuple[re.Pattern | None, dict[str, Term]]:
    """One pattern of every enabled term (longest first; spaces inside a term are optional in
    the text, “内部资料 注意保密” matches 内部资料注意保密) and the terms by their spaceless text."""

    def load():
        terms = {}
        for term in SensitiveTerm.objects.filter(enabled=True):
            key = _spaceless(term.term)
            if key:
                terms[key] = Term(key, term.severity, term.note)
        if not terms:
            return None, {}
        alternatives = [
            r"\s*".join(re.escape(char) for char in key)
            for key in sorted(terms, key=len, reverse=True)
        ]
        return re.compile("|".join(alternatives)), terms

    return _cached("sensitive", load)


def official_names() -> list[Name]:
    def load():
        return [
            Name(
                kind=entry.kind,
                name=entry.name.strip(),
                short_names=tuple(OfficialName.lines(entry.short_names)),
                wrong_names=tuple(OfficialName.lines(entry.wrong_names)),
                title=entry.title.strip(),
                outdated_titles=tuple(OfficialName.lines(entry.outdated_titles)),
            )
            for entry in OfficialName.objects.filter(enabled=True)
        ]

    return _cached("names", load)


def _spaceless(text):
    return re.sub(r"\s+", "", text or "")


@cache
def reduplications() -> tuple[frozenset[str], tuple[str, ...]]:
    """Characters that are doubled on purpose (常常), and longer allowed strings (研究研究)."""
    chars, words = set(), []
    for token in _words("reduplication.txt"):
        if len(token) == 1:
            chars.add(token)
        else:
            words.append(token)
    return frozenset(chars), tuple(words)


@cache
def joins() -> frozenset[str]:
    """Words ending with a function character (目的, 可以): a doubled 的 after 目 is right."""
    return frozenset(_words("joins.txt"))


@cache
def lexicon() -> frozenset[str]:
    return frozenset(_words("lexicon.txt"))


def _words(file_name):
    words = []
    for line in (LISTS / file_name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words += line.split()
    return words


def default_rows(file_name):
    """The rows of a default list shipped in ``lists/`` (read by the data migration)."""
    with (LISTS / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
