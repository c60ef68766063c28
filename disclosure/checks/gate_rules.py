"""The pre-publication checks as rules of the publication gate (:mod:`disclosure.publishing.rules`):
one page rule and one record rule per registered check (personal data first: 总局令第45号 第6条 —
personal information is processed before publication; then the content checks, 错敏检测, of
which only severe sensitive terms block)."""

from disclosure.publishing.rules import PAGE, RECORD, register

from . import (  # noqa: F401 - register the checks before their rules
    formatting,
    links,
    official_names,
    personal_data,
    sensitive_terms,
    unreadable,
    wording,
)
from .registry import registered_checks, run_checks
from .sources import Source


def page_rule(check):
    def rule(page, revision):
        """Blocking findings in the item's texts and attachments refuse the publish until they
        are resolved (for personal data: masked)."""
        by_source = {}
        for finding in run_checks(page, checks=[check]):
            if finding.blocking:
                by_source.setdefault(finding.source, []).append(finding)
        return {source: check.error_message(findings) for source, findings in by_source.items()}

    rule.__name__ = f"{check.name}_in_items"

    return rule


def record_rule(check):
    def rule(record, field_names):
        """Records of the public lists are public as soon as they are saved: a blocking finding
        in a public text field refuses the save, with a message on the field."""
        sources = []
        for name in field_names:
            text = str(getattr(record, name, "") or "")
            if text.strip():
                label = str(type(record)._meta.get_field(name).verbose_name)
                sources.append(Source(name=name, label=label, text=text, maskable=False))
        if not sources:
            return {}
        by_source: dict[str, dict[str, int]] = {}
        for finding in check.run(sources):
            if finding.blocking:
                counts = by_source.setdefault(finding.source, {})
                counts[str(finding.kind_label)] = counts.get(str(finding.kind_label), 0) + 1
        return {source: check.record_error_message(counts) for source, counts in by_source.items()}

    rule.__name__ = f"{check.name}_in_records"

    return rule


def register_check_rules(check):
    """The gate rules ``checks.<name>`` and ``checks.<name>.records`` of a registered check; an
    app above the checks (the normative app's law titles) calls it for its own check."""
    register(f"checks.{check.name}", check.article, kind=PAGE)(page_rule(check))
    register(f"checks.{check.name}.records", check.article, kind=RECORD)(record_rule(check))


for _check in registered_checks():
    register_check_rules(_check)
