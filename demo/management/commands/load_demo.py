from django.core.management.base import BaseCommand

from demo.site import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "生成演示数据（可重复运行）：机构、科室、标准目录与栏目、法律法规、栏目信息和各角色演示用户。"

    def add_arguments(self, parser):
        parser.add_argument("--laws", type=int, default=300, help="导入的法律法规件数（默认 300）")

    def handle(self, *args, laws, **options):
        report = load_demo(laws=laws, write=self.stdout.write)
        self.stdout.write(
            f"法律法规：新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}，错误 {len(report.errors)}"
        )
        for where, message in report.errors:
            self.stderr.write(f"  跳过 {where}：{message}")
        self.stdout.write(
            self.style.SUCCESS(f"演示数据已就绪。演示账号（密码均为 {DEMO_PASSWORD}）：")
        )
        for username, (full_name, role, department) in USERS.items():
            self.stdout.write(
                f"  {username:16} {role}{'（' + department + '）' if department else ''} {full_name}"
            )
