"""One action masks every maskable personal-data finding of an item (总局令第45号 第6条).

The originals go to :class:`~disclosure.checks.models.MaskedOriginal` (readable only by
confidentiality reviewers); every stored copy of the item's content — the page row and all its
Wagtail revisions — is rewritten with the masked text, so that no revision keeps the original.
"""

import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Page

from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, is_member

from .models import MaskedOriginal
from .personal_data import PersonalDataCheck
from .sources import texts_of

LOG_MASK = "checks.mask_personal_data"


def can_mask(page, user):
    """Who may mask: whoever may edit the item, and the confidentiality reviewers."""
    if not user.is_active:
        return False
    if is_member(user, CONFIDENTIALITY_REVIEWER):
        return True
    return page.permissions_for_user(user).can_edit()


def can_read_originals(user):
    """Only members of the 保密审查员 group read the unmasked originals."""
    return is_member(user, CONFIDENTIALITY_REVIEWER)


def maskable_findings(page):
    return [f for f in PersonalDataCheck().run(texts_of(page)) if f.maskable]


def _replace(text, replacements):
    for original in sorted(replacements, key=len, reverse=True):
        text = text.replace(original, replacements[original])
    return text


def _replace_in(node, replacements):
    """``node`` (JSON data) with every original replaced, also inside JSON-encoded strings (a
    revision stores a StreamField as a JSON string with ASCII escapes)."""
    if isinstance(node, str):
        stripped = node.lstrip()
        if stripped.startswith(("[", "{")):
            try:
                decoded = json.loads(node)
            except ValueError:
                decoded = None
            if isinstance(decoded, list | dict):
                return json.dumps(_replace_in(decoded, replacements))
        return _replace(node, replacements)
    if isinstance(node, dict):
        return {key: _replace_in(value, replacements) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace_in(value, replacements) for value in node]
    return node


@transaction.atomic
def mask_personal_data(page, *, user):
    """Mask the personal data of ``page``'s latest content everywhere it is stored; returns the
    :class:`MaskedOriginal` rows written (empty when there was nothing to mask)."""
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    if not can_mask(page, user):
        raise PermissionDenied(_("您没有对该信息执行个人信息脱敏的权限。"))
    latest = page.get_latest_revision_as_object()
    findings = maskable_findings(latest)
    if page.live:
        findings += maskable_findings(page)
    if not findings:
        return []
    replacements = {f.text: f.replacement for f in findings}

    # The page row (the live content when live).
    model = type(page)
    changed = {}
    for field in model._meta.concrete_fields:
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            raw = field.get_prep_value(getattr(page, field.name))
            new = _replace_in(json.loads(raw) if isinstance(raw, str) else raw, replacements)
            if new != (json.loads(raw) if isinstance(raw, str) else raw):
                changed[field.name] = field.to_python(new)
        elif isinstance(value, str) and value:
            new = _replace(value, replacements)
            if new != value:
                changed[field.attname] = new
    if changed:
        for name, value in changed.items():
            setattr(page, name, value)
        page.save(update_fields=list(changed), clean=False)

    # Every revision, the latest included.
    for revision in page.revisions.all():
        content = _replace_in(revision.content, replacements)
        if content != revision.content:
            type(revision).objects.filter(pk=revision.pk).update(content=content)

    seen = set()
    records = []
    for finding in findings:
        key = (finding.source, finding.text)
        if key in seen:
            continue
        seen.add(key)
        records.append(
            MaskedOriginal.objects.create(
                page=page,
                field_name=finding.source,
                field_label=finding.source_label,
                kind=finding.kind,
                original=finding.text,
                masked=finding.replacement,
                masked_by=user,
            )
        )
    counts = {}
    for record in records:
        counts[record.get_kind_display()] = counts.get(record.get_kind_display(), 0) + 1
    log(instance=page, action=LOG_MASK, user=user, data={"counts": counts})

    if page.live and changed:
        from wagtail.search.index import insert_or_update_object

        from disclosure.outbox.models import ChangeEvent, ChangeKind

        transaction.on_commit(lambda: insert_or_update_object(page))
        ChangeEvent.record(page, ChangeKind.UPDATE, reason=_("个人信息脱敏"))
    return records
