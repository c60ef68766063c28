from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

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
                _("%(code)s\t%(name)s\t缺：%(missing)s")
                % {
                    "code": item.code,
                    "name": item.name,
                    "missing": "、".join(item.missing_guide_elements),
                }
            )
        count = items.count()
        self.stdout.write(_("服务指南要素不全的事项：%(count)s 个") % {"count": count})
        if fail and count:
            raise CommandError(_("%(count)s 个事项的服务指南要素不全") % {"count": count})
