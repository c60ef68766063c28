import json
import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.checks.scanner import KIND_LABELS, scan


class Command(BaseCommand):
    help = "扫描标准输入中的个人信息（身份证号、手机号码、银行卡号、电子邮箱、家庭住址）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--json",
            action="store_true",
            help=_('输出 JSON 数组：[{"kind", "start", "end"}]，位置为字符偏移'),
        )

    def handle(self, *args, **options):
        text = sys.stdin.buffer.read().decode("utf-8")
        matches = scan(text)
        if options["json"]:
            self.stdout.write(json.dumps([m.as_json() for m in matches], ensure_ascii=False))
            return
        for match in matches:
            self.stdout.write(f"{match.start}-{match.end}\t{KIND_LABELS[match.kind]}\t{match.text}")
        self.stdout.write(_("共发现 %(count)s 处个人信息。") % {"count": len(matches)})
