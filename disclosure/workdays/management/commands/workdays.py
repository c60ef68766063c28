"""``manage.py workdays`` — query the working-day calendar from the shell.

``workdays add 2026-02-13 1`` prints the ISO date only (``2026-02-14``);
``workdays is 2026-02-14`` prints ``是`` or ``否``, a tab and the reason (``是\t调休上班``).
Fallback warnings (years whose schedule is not entered) go to stderr.
"""

import datetime as dt
import logging
import warnings
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.workdays import calendar


def parse_date(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("日期格式无效：%(value)s（应为 YYYY-MM-DD，如 2026-03-02）。") % {"value": value}
        ) from None


def parse_count(value):
    try:
        count = int(value)
    except ValueError:
        raise CommandError(_("工作日天数必须是整数：%(value)s。") % {"value": value}) from None
    if count < 0:
        raise CommandError(_("工作日天数不能为负数：%(value)s。") % {"value": value})
    return count


class _SkipFallbackRecords(logging.Filter):
    def filter(self, record):
        return not hasattr(record, "workdays_fallback_year")


@contextmanager
def fallback_warnings_to(stream):
    """Write fallback warnings to ``stream`` once, instead of both the warning and the log."""
    log_filter = _SkipFallbackRecords()
    calendar.logger.addFilter(log_filter)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", calendar.FallbackCalendarWarning)
            yield
    finally:
        calendar.logger.removeFilter(log_filter)
    for warning in caught:
        if issubclass(warning.category, calendar.FallbackCalendarWarning):
            stream.write(str(warning.message))
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )


class Command(BaseCommand):
    help = _("工作日历：计算若干个工作日后的日期，或查询某日是否为工作日。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{add,is}")
        add = actions.add_parser("add", help=_("输出某日之后第 N 个工作日的日期（当日不计入）"))
        add.add_argument("date", help=_("起始日期，YYYY-MM-DD"))
        add.add_argument("count", help=_("工作日天数 N（非负整数）"))
        is_ = actions.add_parser("is", help=_("查询某日是否为工作日，输出“是/否”和原因"))
        is_.add_argument("date", help=_("日期，YYYY-MM-DD"))

    def handle(self, *args, action, date, count=None, **options):
        day = parse_date(date)
        n = parse_count(count) if action == "add" else None
        with fallback_warnings_to(self.stderr):
            if action == "add":
                try:
                    due = calendar.add_workdays(day, n)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
                result = due.isoformat()
                if calendar.is_estimate(day, due):
                    result += "\t" + _("预计")
            else:
                kind = calendar.day_kind(day)
                result = f"{_('是') if kind.is_workday else _('否')}\t{kind.reason}"
        self.stdout.write(result)
