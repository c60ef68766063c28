import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.applications.clock import (
    Pause,
    clarification_request_due,
    format_due,
    reply_due,
)
from disclosure.workdays.calendar import WorkdayCalendar


def date_argument(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("日期格式应为 YYYY-MM-DD：%(value)s") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "计算依申请公开的答复期限（条例第三十至三十四条）：收到申请之日起 20 个工作日，"
        "补正后重新起算，征求意见的时间不计算在内，可延长不超过 20 个工作日。"
    )

    def add_arguments(self, parser):
        parser.add_argument("received", help=_("收到申请之日（YYYY-MM-DD，条例第三十一条）"))
        parser.add_argument("--correction-asked", help=_("发出补正告知之日"))
        parser.add_argument("--correction-received", help=_("收到补正材料之日"))
        parser.add_argument(
            "--pause",
            nargs=2,
            action="append",
            default=[],
            metavar=("SENT", "ANSWERED"),
            help=_("征求第三方或其他机关意见：发出之日、收到意见之日（未收到写 -）；可重复"),
        )
        parser.add_argument(
            "--extend", type=int, default=0, help=_("经批准延长的工作日数（不超过 20）")
        )

    def handle(
        self, *args, received, correction_asked, correction_received, pause, extend, **options
    ):
        calendar = WorkdayCalendar()
        received_on = date_argument(received)
        if bool(correction_asked) != bool(correction_received):
            raise CommandError(_("--correction-asked 和 --correction-received 须同时给出。"))
        if correction_asked:
            asked_on = date_argument(correction_asked)
            latest = clarification_request_due(received_on, calendar)
            if asked_on > latest:
                self.stderr.write(
                    _(
                        "注意：补正告知应在收到申请之日起 7 个工作日内（%(date)s 前）发出（条例第三十条）。"
                    )
                    % {"date": latest.isoformat()}
                )
        pauses = [
            Pause(date_argument(sent), None if answered == "-" else date_argument(answered))
            for sent, answered in pause
        ]
        try:
            due = reply_due(
                received_on,
                clarification_received_on=date_argument(correction_received)
                if correction_received
                else None,
                pauses=pauses,
                extension_workdays=extend,
                calendar=calendar,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(format_due(due))
        if due.paused_days:
            self.stdout.write(
                _("（征求意见期间 %(days)s 个工作日不计入）") % {"days": due.paused_days}
            )
