"""有效性 of normative documents and the review of the bureau's own documents, written once.

- Derived where dates and relations decide (``domain.md``, 规章和规范性文件数据库): a document
  with a newer version is 已修改; one whose 施行日期 lies in the future is 尚未生效; one that came
  into force since is 有效 again. 失效 and 废止 are decided by people (in the page editor, whose
  revisions keep the history, or by a cleanup decision) and are never overridden by dates.
- Every change made here, outside the editor, is written to :class:`ValidityChange`.
- The bureau's own 行政规范性文件 (``issued_here``) are reviewed before their term ends
  *(practice: valid for at most 5 years; configurable in 设置 → 规范性文件清理)*; the term runs
  from the 施行日期 (else the 公布日期 or 成文日期) or from the last cleanup decision that kept the
  document in force. Laws of other bodies are reference material: never reviewed, never counted.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.publishing.choices import Validity

HAND_SET = (Validity.EXPIRED, Validity.REPEALED)


def derive(effective_on, superseded, current, today=None):
    """The validity a document should have: ``current`` (its stored value) is kept when it was
    set by hand (失效/废止) and nothing newer replaced the document."""
    from .models import NormativeDocumentPage

    if current in HAND_SET and not superseded:
        return current
    return NormativeDocumentPage.derive_validity(effective_on, superseded, today=today)


def live_superseded():
    """The ids (a subquery) of the documents that a *live* newer version supersedes. A draft
    of a newer version, or a withdrawn one, replaces nothing: the older version stays the
    current one on the portal."""
    from .models import NormativeDocumentPage

    return (
        NormativeDocumentPage.objects.live()
        .filter(supersedes__isnull=False)
        .values("supersedes_id")
    )


def superseded_ids(pages=None):
    """Ids of the documents (of ``pages``, or all) that a live newer version supersedes."""
    newer = live_superseded()
    if pages is not None:
        newer = newer.filter(supersedes__in=pages.values("pk"))
    return set(newer.values_list("supersedes_id", flat=True))


@transaction.atomic
def refresh(pages=None, today=None, reason="", keep_amended=False):
    """Bring the stored validity of ``pages`` (a queryset; every document by default) in line
    with dates and relations; returns the number changed. Run daily (``manage.py
    refresh_validity``) so that a document whose 施行日期 arrives shows 有效. With
    ``keep_amended`` a document stored as 已修改 stays so (an import publishes the older
    version of a chain before the newer one that supersedes it)."""
    from .models import NormativeDocumentPage, ValidityChange

    today = today or timezone.localdate()
    newer = superseded_ids(pages)
    pages = NormativeDocumentPage.objects.all() if pages is None else pages
    changed = 0
    for pk, current, effective_on in pages.values_list("pk", "validity", "effective_on"):
        wanted = derive(effective_on, pk in newer, current, today=today)
        if keep_amended and current == Validity.AMENDED:
            wanted = current
        if wanted != current:
            ValidityChange.objects.create(
                document_id=pk,
                old_validity=current,
                new_validity=wanted,
                source=ValidityChange.Source.DERIVED,
                reason=reason or _derived_reason(wanted),
            )
            _store(pk, wanted)
            changed += 1
    return changed


def _derived_reason(validity):
    return {
        Validity.AMENDED: _("已有新版本"),
        Validity.NOT_YET_IN_FORCE: _("施行日期未到"),
        Validity.IN_FORCE: _("已到施行日期"),
    }.get(validity, "")


def set_by_hand(document, validity, source, reason="", user=None):
    """Record a decision (失效/废止/继续有效) on ``document`` and store it."""
    from .models import ValidityChange

    if document.validity == validity:
        return None
    change = ValidityChange.objects.create(
        document=document,
        old_validity=document.validity,
        new_validity=validity,
        source=source,
        reason=reason,
        changed_by=user,
    )
    _store(document.pk, validity)
    document.validity = validity
    return change


def _store(pk, validity):
    """Write the validity of one document where the public sees it: the page row, the search
    index (filters and facets) and, for a live page, an ``update`` event in the outbox so
    that partners following the change feed learn of it."""
    from modelsearch.index import insert_or_update_object

    from disclosure.outbox.models import ChangeEvent, ChangeKind

    from .models import NormativeDocumentPage

    NormativeDocumentPage.objects.filter(pk=pk).update(validity=validity)
    page = NormativeDocumentPage.objects.get(pk=pk)
    if page.live:
        ChangeEvent.record(
            page,
            ChangeKind.UPDATE,
            reason=_("有效性：%(validity)s") % {"validity": page.get_validity_display()},
        )
        insert_or_update_object(page)


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def review_due_on(document, term_years, last_kept_on=None):
    """The day the term of ``document`` ends, or None when nothing dates it."""
    start = last_kept_on or document.effective_on or document.promulgated_on or document.written_on
    return add_years(start, term_years) if start else None


def due_for_review(today=None, settings=None):
    """``(document, due_on)`` for the bureau's own documents in force whose term ends within
    the reminder period (or has ended), soonest first."""
    from .models import CleanupDecision, NormativeDocumentPage, NormativeSettings

    today = today or timezone.localdate()
    settings = settings or NormativeSettings.load()
    horizon = today + dt.timedelta(days=settings.reminder_days)
    kept = {}
    for document_id, decided_on in CleanupDecision.objects.filter(
        outcome=CleanupDecision.Outcome.CONTINUE
    ).values_list("document_id", "decided_on"):
        kept[document_id] = max(decided_on, kept.get(document_id, decided_on))
    documents = NormativeDocumentPage.objects.live().filter(
        issued_here=True, validity__in=[Validity.IN_FORCE, Validity.NOT_YET_IN_FORCE]
    )
    due = []
    for document in documents:
        due_on = review_due_on(document, settings.review_term_years, kept.get(document.pk))
        if due_on and due_on <= horizon:
            due.append((document, due_on))
    due.sort(key=lambda pair: (pair[1], pair[0].pk))
    return due


def on_document_published(sender, instance, **kwargs):
    """A published version may make the one it supersedes 已修改, and its own dates decide
    whether it is in force yet."""
    from .models import NormativeDocumentPage

    refresh(NormativeDocumentPage.objects.filter(pk=instance.pk), keep_amended=True)
    if instance.supersedes_id:
        refresh(NormativeDocumentPage.objects.filter(pk=instance.supersedes_id))


def on_document_unpublished(sender, instance, **kwargs):
    """A newer version taken off the portal (unpublished or withdrawn) no longer amends the
    one it superseded: that one is derived again from its own dates."""
    from .models import NormativeDocumentPage

    if instance.supersedes_id:
        refresh(NormativeDocumentPage.objects.filter(pk=instance.supersedes_id))
