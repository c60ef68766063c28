from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.syndication import projection, webhooks


class Command(BaseCommand):
    help = "投递到期的 Webhook（含失败重试）；生产环境由 cron 每分钟运行。"

    def handle(self, *args, **options):
        projection.sync()
        delivered = webhooks.deliver_due()
        self.stdout.write(_("已送达：%(count)s 条") % {"count": delivered})
