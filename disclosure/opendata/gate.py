"""The pre-publication gate for records of the public lists.

Records of the public lists (licence decisions, sampling results, list entries, …) are public
as soon as they are saved, so the registered pre-publication checks of ``disclosure.checks``
(personal data first: 总局令第45号 第6条 — personal information is processed before
publication) run in their ``clean``: the admin's forms and every import call ``full_clean``,
and a finding refuses the save with a message on the field. When the checks app is not
installed the gate passes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def public_text_errors(instance, field_names) -> dict[str, list[str]]:
    """``{field: [messages]}`` for the blocking findings of the registered checks in the text
    of ``field_names`` of ``instance``."""
    try:
        from disclosure.checks.registry import registered_checks
        from disclosure.checks.sources import Source
    except ImportError:  # the checks app is optional
        return {}
    sources = []
    for name in field_names:
        text = str(getattr(instance, name, "") or "")
        if text.strip():
            label = str(type(instance)._meta.get_field(name).verbose_name)
            sources.append(Source(name=name, label=label, text=text, maskable=False))
    if not sources:
        return {}
    errors: dict[str, list[str]] = {}
    for check in registered_checks():
        by_source: dict[str, dict[str, int]] = {}
        for finding in check.run(sources):
            if finding.blocking:
                counts = by_source.setdefault(finding.source, {})
                counts[str(finding.kind_label)] = counts.get(str(finding.kind_label), 0) + 1
        for source, counts in by_source.items():
            summary = "、".join(f"{label} {count} 处" for label, count in counts.items())
            errors.setdefault(source, []).append(
                _(
                    "%(check)s检查未通过：含%(summary)s，请删除或脱敏后再保存（总局令第45号第六条）。"
                )
                % {"check": check.label, "summary": summary}
            )
    return errors


def check_public_text(instance, field_names) -> None:
    """Raise ``ValidationError`` keyed by field when a registered check finds something."""
    errors = public_text_errors(instance, field_names)
    if errors:
        raise ValidationError(errors)
