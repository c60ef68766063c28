"""条例 第26条: "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。"

Every proactive item of the bureau's own with a 成文日期 (when the information was formed) gets
a due date 20 working days later on the working-day calendar; an item published after it is
late by the working days between. The item's admin shows it (:mod:`.panels`), and the report by
department (``disclosure/columns/timeliness_report.py``) lists the late ones — the annual
report and the inspection indicators read the same figures.

Reference material of other bodies (laws, rules) is not information the bureau forms: it has
no due date (:meth:`DisclosureItemPage.holds_own_information`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from disclosure.workdays.calendar import WorkdayCalendar
from disclosure.workdays.periods import PROACTIVE_DISCLOSURE_WORKDAYS

from .choices import DisclosureAttribute


@dataclass(frozen=True)
class Timeliness:
    """An item's 第26条 figures: due date, publication date (``None`` until published), the
    working days late (0 when on time or not yet due) and whether the due date is 预计."""

    formed_on: dt.date
    due_on: dt.date
    published_on: dt.date | None
    days_late: int
    estimated: bool

    @property
    def late(self) -> bool:
        return self.days_late > 0


def published_on(page) -> dt.date | None:
    """The local date the item was (first) published, or ``None``."""
    moment = page.published_at or page.first_published_at
    return timezone.localtime(moment).date() if moment else None


def applies_to(page) -> bool:
    """第26条 concerns proactive information the bureau forms, with a 成文日期."""
    return bool(
        page.written_on
        and page.disclosure_attribute == DisclosureAttribute.PROACTIVE
        and page.holds_own_information()
    )


def timeliness(page, calendar: WorkdayCalendar | None = None, today=None) -> Timeliness | None:
    """第26条 for ``page``; ``None`` when it does not apply (see :func:`applies_to`). An item
    not published yet is late by the working days from its due date to ``today``."""
    if not applies_to(page):
        return None
    calendar = calendar or WorkdayCalendar()
    due = calendar.add_workdays(page.written_on, PROACTIVE_DISCLOSURE_WORKDAYS)
    published = published_on(page)
    reference = published or today or timezone.localdate()
    return Timeliness(
        formed_on=page.written_on,
        due_on=due,
        published_on=published,
        days_late=calendar.workdays_between(due, reference),
        estimated=calendar.is_estimate(page.written_on, due),
    )
