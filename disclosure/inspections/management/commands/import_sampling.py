from django.core.management.base import BaseCommand, CommandError

from disclosure.departments.models import Department
from disclosure.inspections import io


class Command(BaseCommand):
    help = "从 .csv 或 .xlsx 导入抽检结果（按检验报告编号新增或更新；任一行有错误则不作任何改动）。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--department", help="文件中没有“承办科室”列时使用的科室名称")

    def handle(self, *args, path, department=None, **options):
        default = None
        if department:
            default = Department.objects.filter(name=department).first()
            if default is None:
                raise CommandError(f"科室“{department}”不存在")
        try:
            table = io.read_table(path)
        except io.SamplingFileError as error:
            raise CommandError(str(error)) from error
        result = io.import_table(table, department=default, reason=f"导入：{path}")
        for row, message in result.errors:
            self.stderr.write(f"第 {row} 行：{message}")
        if result.errors:
            raise CommandError(result.summary())
        self.stdout.write(result.summary())
