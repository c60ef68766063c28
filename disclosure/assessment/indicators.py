"""网站检查指标: how the portal stands against the single-veto items (单项否决) of the
government-website inspection (政府网站与政务新媒体检查指标, 国办秘函〔2019〕19号), with a
warning well before each trips.

- **Column updates**: a column's last update is the first publication of the newest live item
  in its subtree (a republished correction is not new content); against its update class
  (``UpdateClass.max_interval_days``; irregular columns have no limit) it is ``ok``, ``due``
  (:data:`DUE_SHARE` of the interval gone) or ``overdue``.
- **Blank columns** (空白栏目): a live column with no live page below it but columns.
- **Home page**: the newest item anywhere; not updated for 14 days trips.
- **Late items** (条例 第26条): items of the last 365 days published more than 20 working days
  after their 成文日期 (:mod:`disclosure.publishing.timeliness`).
- **Public messages** (互动交流: valid messages unanswered for more than 3 months trips, for more
  than 2 months warns; :mod:`disclosure.participation`).
- **Reachability** (站点无法访问: the home page not open after 15 s in ≥ 5 % of a week's probes,
  :mod:`disclosure.assessment.reachability`); without probes 未监测.
- **Government new-media accounts** (政务新媒体): an active account of the registry
  (:mod:`disclosure.ledger`) not updated for two weeks trips; one due soon warns.

The single-veto thresholds (:data:`VETOES`): home page 14 days; ≥ 5 news (2 weeks) or notice
and policy (6 months) columns not updated; ≥ 10 columns long not updated (any class); ≥ 5 blank
columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from disclosure.columns.models import ColumnPage, item_models
from disclosure.ledger.dashboard import accounts_needing_update
from disclosure.ledger.models import Freshness
from disclosure.participation import rules as message_rules
from disclosure.participation.models import PublicMessage
from disclosure.publishing.choices import DisclosureAttribute
from disclosure.publishing.timeliness import timeliness
from disclosure.workdays.calendar import WorkdayCalendar

from .reachability import TRIPPED_SHARE, WARNING_SHARE, WINDOW_DAYS, reachability

OK, DUE, OVERDUE, IRREGULAR = "ok", "due", "overdue", "irregular"
PASSED, WARNING, TRIPPED, UNKNOWN = "passed", "warning", "tripped", "unknown"

#: A column is due for an update once this share of its interval has gone.
DUE_SHARE = 0.75
#: 国办秘函〔2019〕19号: the home page not updated for two weeks fails the site.
HOME_DAYS = 14
HOME_WARNING_DAYS = 10
#: Columns whose interval is at most this are of the news (2 weeks) or notice and policy
#: (6 months) kinds the inspection counts in its first column indicator.
NOTICE_KIND_MAX_DAYS = 183
LATE_WINDOW_DAYS = 365

#: (code, label, tripped at, warning at).
VETOES = [
    ("home", gettext_lazy("首页栏目信息更新（2周）"), None, None),
    (
        "news_notice",
        gettext_lazy("动态要闻类（2周）、通知公告和政策文件类（6个月）栏目未更新"),
        5,
        3,
    ),
    ("long", gettext_lazy("应更新但长期未更新的栏目"), 10, 6),
    ("blank", gettext_lazy("空白栏目"), 5, 2),
    ("messages", gettext_lazy("互动交流：有效留言超过3个月未办理"), 1, 1),
    ("reachability", gettext_lazy("网站不可访问（15秒内打不开的比例≥5%）"), None, None),
    ("new_media", gettext_lazy("政务新媒体：2周内无更新的账号"), 1, None),
]


@dataclass
class ColumnState:
    column: ColumnPage
    last_update: dt.date | None
    interval: int | None
    days: int | None  # since the last update; None when never updated
    status: str
    blank: bool

    @property
    def days_over(self):
        if self.interval is None or self.days is None:
            return 0
        return max(self.days - self.interval, 0)


@dataclass
class Indicator:
    code: str
    label: str
    count: int | None
    tripped_at: int | None
    warning_at: int | None
    status: str
    note: str = ""


def _local_day(moment):
    return timezone.localtime(moment).date() if moment else None


def column_states(today=None):
    """Every live column with its last update and status, most overdue first."""
    today = today or timezone.localdate()
    types = item_models()
    states = []
    for column in ColumnPage.objects.live().select_related("update_class").order_by("path"):
        below = Page.objects.live().descendant_of(column)
        newest = below.type(*types).aggregate(newest=Max("first_published_at"))["newest"]
        last = _local_day(newest)
        blank = not below.not_type(ColumnPage).exists()
        interval = column.update_class.max_interval_days if column.update_class else None
        days = (today - last).days if last else None
        if interval is None:
            status = IRREGULAR
        elif days is None or days > interval:
            status = OVERDUE
        elif days >= interval * DUE_SHARE:
            status = DUE
        else:
            status = OK
        states.append(ColumnState(column, last, interval, days, status, blank))
    states.sort(key=lambda s: (s.status != OVERDUE, -s.days_over, s.column.path))
    return states


def home_last_update():
    newest = Page.objects.live().type(*item_models()).aggregate(newest=Max("first_published_at"))
    return _local_day(newest["newest"])


def late_items(today=None, calendar=None):
    """Items published in the last 365 days later than 第26条 allows, latest delay first."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=LATE_WINDOW_DAYS)
    calendar = calendar or WorkdayCalendar()
    found = []
    for model in item_models():
        pages = model.objects.live().filter(
            written_on__isnull=False,
            disclosure_attribute=DisclosureAttribute.PROACTIVE,
            first_published_at__date__gte=since,
        )
        for page in pages:
            figures = timeliness(page, calendar, today=today)
            if figures is not None and figures.late:
                found.append((page, figures))
    found.sort(key=lambda pair: -pair[1].days_late)
    return found


def _counted(code, label, count, tripped_at, warning_at, note=""):
    if count >= tripped_at:
        status = TRIPPED
    elif count >= warning_at:
        status = WARNING
    else:
        status = PASSED
    return Indicator(code, str(label), count, tripped_at, warning_at, status, note)


def vetoes(states, home_day, today=None):
    """The single-veto indicators with their counts and status."""
    today = today or timezone.localdate()
    labels = {code: label for code, label, _t, _w in VETOES}
    limits = {code: (tripped, warning) for code, _l, tripped, warning in VETOES}
    home_days = (today - home_day).days if home_day else None
    if home_days is None or home_days > HOME_DAYS:
        home_status = TRIPPED
    elif home_days >= HOME_WARNING_DAYS:
        home_status = WARNING
    else:
        home_status = PASSED
    home_note = (
        _("最近一次更新：%(day)s（%(days)s 天前）") % {"day": home_day, "days": home_days}
        if home_day
        else _("从未更新")
    )
    overdue = [s for s in states if s.status == OVERDUE]
    notice_kind = [
        s for s in overdue if s.interval is not None and s.interval <= NOTICE_KIND_MAX_DAYS
    ]
    blank = [s for s in states if s.blank]
    return [
        Indicator(
            "home",
            str(labels["home"]),
            home_days,
            HOME_DAYS,
            HOME_WARNING_DAYS,
            home_status,
            home_note,
        ),
        _counted("news_notice", labels["news_notice"], len(notice_kind), *limits["news_notice"]),
        _counted("long", labels["long"], len(overdue), *limits["long"]),
        _counted("blank", labels["blank"], len(blank), *limits["blank"]),
        _messages(labels["messages"], today),
        _new_media(labels["new_media"], today),
        _reachability(labels["reachability"]),
    ]


def _reachability(label):
    """站点无法访问 (国办秘函〔2019〕19号): the share of last week's probes of the home page that
    did not open within 15 seconds (:mod:`disclosure.assessment.reachability`); without probes
    未监测, never passed."""
    found = reachability()
    if not found.probes:
        return Indicator(
            "reachability",
            str(label),
            None,
            None,
            None,
            UNKNOWN,
            _("未监测：请定时运行 manage.py probe_site（如每10分钟一次）探测首页。"),
        )
    if found.share >= TRIPPED_SHARE:
        status = TRIPPED
    elif found.share >= WARNING_SHARE:
        status = WARNING
    else:
        status = PASSED
    note = _("近%(days)s天探测 %(probes)s 次，%(failed)s 次15秒内未打开（%(share).1f%%）。") % {
        "days": WINDOW_DAYS,
        "probes": found.probes,
        "failed": found.failed,
        "share": found.share * 100,
    }
    return Indicator("reachability", str(label), found.failed, None, None, status, note)


def _messages(label, today):
    """互动交流 (国办秘函〔2019〕19号): a valid public message unanswered for more than three months
    fails the site; one unanswered for more than two months warns (:mod:`disclosure.participation`:
    complaints routed to their channel and invalid messages are not counted)."""
    messages = PublicMessage.objects.all()
    late = message_rules.unanswered_for(messages, message_rules.VETO_MONTHS, today)
    soon = message_rules.unanswered_for(messages, message_rules.VETO_WARNING_MONTHS, today)
    if late:
        status, shown = TRIPPED, late
    elif soon:
        status, shown = WARNING, soon
    else:
        status, shown = PASSED, []
    note = "、".join(f"{m.subject}（{m.received_on:%Y-%m-%d}）" for m in shown[:5])
    return Indicator("messages", str(label), len(late), 1, None, status, note)


def _new_media(label, today):
    """政务新媒体检查指标 (国办秘函〔2019〕19号): an account not updated for two weeks fails; one
    due soon or without a recorded update date warns (the registry of :mod:`disclosure.ledger`)."""
    accounts = accounts_needing_update(today)
    overdue = [a for a in accounts if a.freshness(today) == Freshness.OVERDUE]
    if overdue:
        status = TRIPPED
    elif accounts:
        status = WARNING
    else:
        status = PASSED
    note = "、".join(a.name for a in accounts[:5])
    return Indicator("new_media", str(label), len(overdue), 1, None, status, note)


def readiness(today=None):
    """Everything the readiness page and the digest show: ``(vetoes, column states, late
    items, home day)``."""
    today = today or timezone.localdate()
    states = column_states(today)
    home_day = home_last_update()
    return vetoes(states, home_day, today), states, late_items(today), home_day
