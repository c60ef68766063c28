from django.core.management.base import BaseCommand, CommandError

from disclosure.licensing import rules
from disclosure.licensing.models import LicensingItem


class Command(BaseCommand):
    help = "列出服务指南要素不全的保留事项；--fail 时有不全的即以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("--fail", action="store_true")

    def handle(self, *args, fail=False, **options):
        items = LicensingItem.objects.filter(rules.incomplete_guide_q()).order_by("code")
        for item in items:
            self.stdout.write(
                f"{item.code}\t{item.name}\t缺：{'、'.join(item.missing_guide_elements)}"
            )
        count = items.count()
        self.stdout.write(f"服务指南要素不全的事项：{count} 个")
        if fail and count:
            raise CommandError(f"{count} 个事项的服务指南要素不全")
