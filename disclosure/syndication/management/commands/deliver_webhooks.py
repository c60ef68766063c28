import signal
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.syndication import projection, webhooks


class Command(BaseCommand):
    help = (
        "投递到期的 Webhook（含失败重试）。--loop 作为常驻的投递进程运行（make run 随门户启动；"
        "生产环境作为独立服务运行，见 README）；不带 --loop 时投递一轮后退出（可由 cron 每分钟运行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help=_("常驻运行，每隔 --interval 秒投递一轮")
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help=_("常驻运行时两轮之间的秒数（默认 5）")
        )

    def handle(self, *args, loop, interval, **options):
        if not loop:
            self.stdout.write(_("已送达：%(count)s 条") % {"count": self.run_once()})
            return
        stopping = []
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_args: stopping.append(True))
        self.stdout.write(_("Webhook 投递进程已启动，每 %(s)s 秒一轮。") % {"s": interval})
        while not stopping:
            delivered = self.run_once()
            if delivered:
                self.stdout.write(_("已送达：%(count)s 条") % {"count": delivered})
            waited = 0.0
            while waited < interval and not stopping:
                time.sleep(min(0.5, interval - waited))
                waited += 0.5
        self.stdout.write(_("Webhook 投递进程已停止。"))

    @staticmethod
    def run_once():
        projection.sync()
        return webhooks.deliver_due()
