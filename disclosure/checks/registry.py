"""Pre-publication checks as a registry (``design.md``, "Contracts": every publish path goes
through the same redaction and content checks).

A check is a class with a ``name``, a Chinese ``label`` and ``run(sources)``, registered with
:func:`register`; it receives the texts of an item (title, body and other text fields,
metadata, text extracted from attachments, see :mod:`disclosure.checks.sources`) and returns
:class:`Finding` objects. Each registered check is a rule of the publication gate
(:mod:`disclosure.checks.gate_rules`); :func:`run_checks` is what the review screen and the
submission message show.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_REGISTRY: dict[str, Check] = {}

#: How serious a finding is: 提示 (a note), 警告 (a warning, shown to reviewers), 严重 (blocks
#: publication when the check says so).
SEVERITY_NOTE = 1
SEVERITY_WARNING = 2
SEVERITY_SEVERE = 3
SEVERITY_LABELS = {
    SEVERITY_NOTE: gettext_lazy("提示"),
    SEVERITY_WARNING: gettext_lazy("警告"),
    SEVERITY_SEVERE: gettext_lazy("严重"),
}


@dataclass(frozen=True)
class Finding:
    """One finding of one check in one source text."""

    check: str
    kind: str
    kind_label: str
    source: str  # the field name, or "attachments"
    source_label: str
    start: int
    end: int
    text: str
    replacement: str = ""  # what masking puts in its place; empty: cannot be masked in place
    blocking: bool = True
    extra: dict = field(default_factory=dict, compare=False)
    severity: int = 3  # SEVERITY_NOTE, SEVERITY_WARNING or SEVERITY_SEVERE
    suggestion: str = ""  # the suggested fix (the right wording), if there is one
    fingerprint: str = ""  # set by run_checks (disclosure.checks.decisions.fingerprint)

    @property
    def maskable(self):
        return bool(self.replacement)

    @property
    def severity_label(self):
        return SEVERITY_LABELS.get(self.severity, "")


def context(text, start, end, width=15):
    """The finding in its surroundings: ``(before, found, after)``, at most ``width`` characters
    on each side, with "…" where the text goes on."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start - width > 0:
        before = "…" + before
    if end + width < len(text):
        after += "…"
    return before, text[start:end], after


class Check:
    """Base of a registered check."""

    name = ""
    label = ""
    article = ""  # what the check enforces, listed by ``manage.py gate_rules``
    order = 100  # checks run, and their findings are listed, in this order
    #: Only on what the bureau writes itself: the content checks (错敏检测) judge the bureau's
    #: wording, not the text of laws and rules of other bodies held as reference material
    #: (``holds_own_information()`` false); personal data and unreadable files are checked on
    #: everything that goes out.
    own_content_only = False

    def run(self, sources) -> list[Finding]:
        raise NotImplementedError

    def error_message(self, findings) -> str:
        return _("%(check)s：发现 %(count)s 处问题。") % {
            "check": self.label,
            "count": len(findings),
        }

    def record_error_message(self, counts) -> str:
        """The message on a record's field with blocking findings (``counts``: kind label →
        how many)."""
        return _(
            "%(check)s检查未通过：含%(summary)s，请删除或脱敏后再保存（总局令第45号第六条）。"
        ) % {
            "check": self.label,
            "summary": "、".join(
                _("%(label)s %(count)s 处") % {"label": label, "count": count}
                for label, count in counts.items()
            ),
        }


def register(check_class):
    """Class decorator: add a check to the registry (one instance per name)."""
    _REGISTRY[check_class.name] = check_class()
    return check_class


def registered_checks():
    return sorted(_REGISTRY.values(), key=lambda check: check.order)


def get_check(name):
    return _REGISTRY[name]


def run_checks(page, checks=None, include_ignored=False) -> list[Finding]:
    """Every finding of the registered checks on ``page`` (a page or a revision's object), each
    with its fingerprint; findings someone ignored (:mod:`disclosure.checks.decisions`) are left
    out unless ``include_ignored``."""
    from . import decisions
    from .sources import texts_of

    own = getattr(page, "holds_own_information", None)
    checks = [
        check
        for check in (checks or registered_checks())
        if not (check.own_content_only and own is not None and not own())
    ]
    if not checks:
        return []
    sources = texts_of(page)
    findings = []
    for check in checks:
        for source in sources:
            for finding in check.run([source]):
                key = decisions.fingerprint(finding, source.text)
                findings.append(replace(finding, fingerprint=key))
    if include_ignored or not findings or not getattr(page, "pk", None):
        return findings
    skipped = decisions.ignored(page.pk)
    return [finding for finding in findings if finding.fingerprint not in skipped]


def publication_errors(page) -> dict[str, str]:
    """Blocking findings as ``{field: message}``, merged into the gate's errors: the item is not
    published until they are resolved (for personal data: masked)."""
    findings = [finding for finding in run_checks(page) if finding.blocking]
    errors: dict[str, list[str]] = {}
    for check in registered_checks():
        by_source: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.check == check.name:
                by_source.setdefault(finding.source, []).append(finding)
        for source, source_findings in by_source.items():
            errors.setdefault(source, []).append(check.error_message(source_findings))
    return {source: " ".join(messages) for source, messages in errors.items()}
