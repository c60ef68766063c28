from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.publishing import rules


class Command(BaseCommand):
    help = "列出发布关口的全部规则：名称、依据条款、所在模块（审计用）。"

    def handle(self, *args, **options):
        for kind, label in rules.KIND_LABELS.items():
            self.stdout.write(f"{label}（{kind}）")
            for rule in rules.registered_rules(kind):
                self.stdout.write(f"  {rule.name}")
                self.stdout.write(_("    依据：%(article)s") % {"article": rule.article})
                self.stdout.write(
                    _("    模块：%(module)s") % {"module": f"{rule.module}.{rule.check.__name__}"}
                )
                if rule.summary:
                    self.stdout.write(_("    说明：%(summary)s") % {"summary": rule.summary})
        missing = rules.missing_rules()
        if missing:
            self.stderr.write(_("缺少必需的规则：%(names)s") % {"names": "、".join(missing)})
