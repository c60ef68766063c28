from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.publishing.scheduling import run_due


class Command(BaseCommand):
    help = "到期发布和到期下线（经发布检查；可每分钟由 cron 运行，重复运行无副作用）"

    def handle(self, *args, **options):
        report = run_due()
        for obj, reason in report.refused:
            self.stderr.write(_("拒绝发布“%(item)s”：%(reason)s") % {"item": obj, "reason": reason})
        self.stdout.write(report.summary())
