"""Periodic review of withheld information (条例 第18条: "行政机关应当建立健全政府信息管理动态
调整机制，对本行政机关不予公开的政府信息进行定期评估审查，对因情势变化可以公开的政府信息应当公开").

An item is *withheld* from the moment a 保密审查员 determines it 不予公开 until a review releases
it. Its review is due ``OrganisationSettings.withheld_review_months`` calendar months after the
determination (民法典 第202条 month counting), or on the date the last review set. A review
either keeps it withheld, with the next review date, or releases it: a new revision marked
主动公开 is saved, and the item then goes through the normal workflow (confidentiality review
included) like any other — the review itself publishes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from disclosure.organisation.models import organisation_for
from disclosure.publishing.choices import DisclosureAttribute, WithholdingGround
from disclosure.workdays.periods import add_months

from .choices import Determination, ReviewOutcome
from .models import ConfidentialityDetermination, WithheldReview

LOG_RELEASE = "review.withheld_release"
LOG_KEEP = "review.withheld_keep"
#: Reviews due within this many days are listed as due soon.
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class WithheldItem:
    page: object
    determination: ConfidentialityDetermination
    last_review: WithheldReview | None
    due_on: dt.date

    @property
    def ground_label(self):
        ground = self.determination.withholding_ground
        return WithholdingGround(ground).label if ground in WithholdingGround.values else ""

    def status(self, today):
        if self.due_on < today:
            return "overdue"
        if self.due_on <= today + dt.timedelta(days=DUE_SOON_DAYS):
            return "due_soon"
        return "later"


def review_months(page=None) -> int:
    settings = organisation_for(page)
    return settings.withheld_review_months if settings else 12


def withheld_items(today=None) -> list[WithheldItem]:
    """Every item whose latest determination is 不予公开 and that no review has released since,
    soonest review first."""
    latest = {}
    for determination in ConfidentialityDetermination.objects.exclude(page=None).order_by("pk"):
        latest[determination.page_id] = determination
    withheld = {
        page_id: d for page_id, d in latest.items() if d.determination == Determination.WITHHOLD
    }
    reviews = {}
    for review in WithheldReview.objects.filter(page_id__in=withheld).order_by("pk"):
        reviews[review.page_id] = review
    items = []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=list(withheld)).specific()}
    for page_id, determination in withheld.items():
        review = reviews.get(page_id)
        if review is not None and review.reviewed_at < determination.created_at:
            review = None  # reviewed before a later determination: counts from that one
        if review is not None and review.outcome == ReviewOutcome.RELEASE:
            continue
        if page_id not in pages:
            continue
        items.append(
            WithheldItem(pages[page_id], determination, review, due_on(determination, review))
        )
    return sorted(items, key=lambda item: (item.due_on, item.page.pk))


def due_on(determination, review=None) -> dt.date:
    """The next review date: the one the last review set, else the determination's date plus
    the organisation's review period."""
    if review is not None and review.next_review_on:
        return review.next_review_on
    determined = timezone.localtime(determination.created_at).date()
    return add_months(determined, review_months(determination.page))


@transaction.atomic
def keep(page, user, reason, next_review_on=None, today=None) -> WithheldReview:
    """The review keeps the item withheld until ``next_review_on`` (default: one review period
    from ``today``)."""
    today = today or timezone.localdate()
    next_review_on = next_review_on or add_months(today, review_months(page))
    review = WithheldReview.objects.create(
        page=page,
        reviewer=user,
        outcome=ReviewOutcome.KEEP,
        reason=reason,
        next_review_on=next_review_on,
    )
    log(page, LOG_KEEP, user=user, data={"reason": reason, "next_review_on": str(next_review_on)})
    return review


@transaction.atomic
def release(page, user, reason) -> WithheldReview:
    """Circumstances changed: a new revision marked 主动公开 (no withholding ground) is saved for
    the normal workflow; nothing is published here."""
    page = page.specific
    draft = page.get_latest_revision_as_object()
    draft.disclosure_attribute = DisclosureAttribute.PROACTIVE
    draft.withholding_ground = ""
    draft.save_revision(user=user, log_action=True)
    if not page.live:
        type(page).objects.filter(pk=page.pk).update(
            disclosure_attribute=DisclosureAttribute.PROACTIVE, withholding_ground=""
        )
    review = WithheldReview.objects.create(
        page=page, reviewer=user, outcome=ReviewOutcome.RELEASE, reason=reason
    )
    log(page, LOG_RELEASE, user=user, data={"reason": reason})
    return review


def release_message(page):
    return _("“%(title)s”已解除不予公开，请提交审核流程（含保密审查）后发布。") % {
        "title": page.title
    }
