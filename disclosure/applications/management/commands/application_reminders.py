from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.applications import reminders


class Command(BaseCommand):
    help = "发送依申请公开到期提醒邮件（已逾期、即将到期、网上申请待确认），供每日定时任务运行。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("只显示将发送的提醒，不发送"))

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for recipients, subject, text in reminders.messages():
                self.stdout.write(f"{', '.join(recipients)}\n{subject}\n{text}\n")
            return
        sent = reminders.send()
        self.stdout.write(_("已发送 %(n)s 封提醒邮件。") % {"n": sent})
