from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from demo.site import DEMO_PASSWORD, USERS, load_demo
from disclosure.departments.roles import ROLE_NAMES


class Command(BaseCommand):
    help = "生成演示数据（可重复运行）：机构、科室、标准目录与栏目、法律法规、栏目信息和各角色演示用户。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--laws", type=int, default=300, help=_("导入的法律法规件数（默认 300）")
        )

    def handle(self, *args, laws, **options):
        report = load_demo(laws=laws, write=self.stdout.write)
        self.stdout.write(
            _("法律法规：新增 %(created)s，更新 %(updated)s，未变 %(unchanged)s，错误 %(errors)s")
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "errors": len(report.errors),
            }
        )
        for where, message in report.errors:
            self.stderr.write(
                _("  跳过 %(where)s：%(message)s") % {"where": where, "message": message}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("演示数据已就绪。演示账号（密码均为 %(password)s）：")
                % {"password": DEMO_PASSWORD}
            )
        )
        for username, (full_name, role, department) in USERS.items():
            self.stdout.write(
                f"  {username:16} {ROLE_NAMES[role]}{'（' + department + '）' if department else ''} {full_name}"
            )
