from django.core.management.base import BaseCommand

from disclosure.publishing import rules


class Command(BaseCommand):
    help = "列出发布关口的全部规则：名称、依据条款、所在模块（审计用）。"

    def handle(self, *args, **options):
        for kind, label in rules.KIND_LABELS.items():
            self.stdout.write(f"{label}（{kind}）")
            for rule in rules.registered_rules(kind):
                self.stdout.write(f"  {rule.name}")
                self.stdout.write(f"    依据：{rule.article}")
                self.stdout.write(f"    模块：{rule.module}.{rule.check.__name__}")
                if rule.summary:
                    self.stdout.write(f"    说明：{rule.summary}")
        missing = rules.missing_rules()
        if missing:
            self.stderr.write("缺少必需的规则：" + "、".join(missing))
