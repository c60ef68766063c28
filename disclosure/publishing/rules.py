"""The publication gate: the one list of rules that can refuse a publish.

Every path that makes something public — the admin's publish button and the workflow's last
approval (``DisclosureItemPage.publish``), scheduled publishing, copies, imports, and the records
of the public lists (``disclosure.opendata``) — asks :func:`publication_errors` or
:func:`record_errors`, which are loops over this registry (``design.md``, "Contracts").

A rule is registered from the app that owns it, in that app's ``gate_rules`` module, with a name,
the article it enforces and a function:

- a *page rule* takes the page (the revision's object, about to go live) and the revision being
  published, and returns ``{field: message}``; a rule registered with ``needs_revision=True``
  (the confidentiality determination) only runs when the revision is known;
- a *record rule* takes a list record and the names of its fields that become public, and
  returns ``{field: message}``.

``PublishingConfig.ready`` imports every installed app's ``gate_rules`` module and then checks
that every rule named in ``settings.PUBLICATION_GATE_RULES`` is registered: a missing rule
module is an error at start-up, never a silent pass. ``python manage.py gate_rules`` prints the
list (name, article, module) for an auditor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

PAGE = "page"
RECORD = "record"
KIND_LABELS = {PAGE: _("信息发布"), RECORD: _("公开清单记录")}


@dataclass(frozen=True)
class GateRule:
    name: str
    article: str
    kind: str
    check: Callable[..., dict]
    needs_revision: bool = False

    @property
    def module(self):
        return self.check.__module__

    @property
    def summary(self):
        """The first paragraph of the rule function's docstring: what it refuses."""
        return " ".join((self.check.__doc__ or "").strip().split("\n\n")[0].split())


_RULES: dict[str, GateRule] = {}


def register(name, article, *, kind=PAGE, needs_revision=False):
    """Decorator: add the function as the gate rule ``name`` enforcing ``article``."""

    def decorator(check):
        _RULES[name] = GateRule(name, article, kind, check, needs_revision)
        return check

    return decorator


def registered_rules(kind=None):
    """The registered rules (optionally of one kind) in the order of
    ``settings.PUBLICATION_GATE_RULES``, then any others in registration order: the order in
    which their messages are joined."""
    listed = [_RULES[name] for name in settings.PUBLICATION_GATE_RULES if name in _RULES]
    rules = listed + [rule for rule in _RULES.values() if rule not in listed]
    return [rule for rule in rules if kind is None or rule.kind == kind]


def missing_rules():
    """Rules named in ``settings.PUBLICATION_GATE_RULES`` that no app registered."""
    return [name for name in settings.PUBLICATION_GATE_RULES if name not in _RULES]


def check_required_rules():
    missing = missing_rules()
    if missing:
        raise ImproperlyConfigured(
            "The publication gate is missing required rules "
            f"({', '.join(missing)}): an app's gate_rules module is missing or not installed. "
            "See settings.PUBLICATION_GATE_RULES and `manage.py gate_rules`."
        )


def merge_errors(errors, more):
    """Add ``more`` to ``errors`` (field → message), joining two messages for one field."""
    for field, message in more.items():
        message = str(message)
        errors[field] = f"{errors[field]} {message}" if field in errors else message


def publication_errors(page, revision=None, *, unsaved_revision=False):
    """Reasons why ``page`` (``revision``'s object, about to go live) may not be published, as
    ``{field: message}``: every registered page rule, in order.

    ``revision`` ``None`` means the revision is not known yet (a form being validated): rules
    that need it are skipped, unless ``unsaved_revision`` says it is a revision that does not
    exist yet (the editor's publish button), which those rules see as ``None``.
    """
    errors = {}
    for rule in registered_rules(PAGE):
        if rule.needs_revision and revision is None and not unsaved_revision:
            continue
        merge_errors(errors, rule.check(page, revision))
    return errors


def check_publishable(page, revision=None):
    errors = publication_errors(page, revision)
    if errors:
        raise ValidationError(errors)


def record_errors(record, field_names) -> dict[str, list[str]]:
    """``{field: [messages]}`` of every registered record rule for the public fields
    ``field_names`` of a list record (licence decisions, sampling results, list entries, …)."""
    errors: dict[str, list[str]] = {}
    for rule in registered_rules(RECORD):
        for field, message in rule.check(record, field_names).items():
            errors.setdefault(field, []).append(str(message))
    return errors


def check_record(record, field_names):
    """Raise ``ValidationError`` keyed by field when a record rule refuses ``record``."""
    errors = record_errors(record, field_names)
    if errors:
        raise ValidationError(errors)
