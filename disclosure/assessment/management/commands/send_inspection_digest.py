"""``python manage.py send_inspection_digest [--to EMAIL ...] [--dry-run]``: the daily digest of
the inspection indicators and quota shortfalls to the disclosure office. Run daily, e.g. cron
``30 7 * * * cd /srv/disclosure && .venv/bin/python manage.py send_inspection_digest``."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.assessment import digest


class Command(BaseCommand):
    help = "向政务公开办公室发送政府网站检查指标和信息发布考核的每日预警。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", nargs="*", default=None, help=_("收件人（默认：政务公开办公室成员）")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("只显示内容，不发送"))

    def handle(self, *args, to=None, dry_run=False, **options):
        recipients, text = digest.send(recipients=to, dry_run=dry_run)
        if not text:
            self.stdout.write(_("各项指标正常，今日无需预警。"))
            return
        self.stdout.write(text)
        if not recipients:
            self.stdout.write(
                self.style.WARNING(_("没有收件人：政务公开办公室成员都未填写电子邮箱。"))
            )
        elif dry_run:
            self.stdout.write(_("（试运行，未发送）"))
        else:
            self.stdout.write(_("已发送给：%(to)s") % {"to": "、".join(recipients)})
