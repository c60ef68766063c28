from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from disclosure.departments.models import Department
from disclosure.importing.command import ImportCommand
from disclosure.inspections.io import SamplingImporter


class Command(ImportCommand):
    help = "从 .csv 或 .xlsx 导入抽检结果（按检验报告编号新增或更新；任一行有错误则不作任何改动）。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--department", help=_("文件中没有“承办科室”列时使用的科室名称"))
        super().add_arguments(parser)

    def handle(self, *args, path, check, verbosity, department=None, **options):
        default = None
        if department:
            default = Department.objects.filter(name=department).first()
            if default is None:
                raise CommandError(_("科室“%(name)s”不存在") % {"name": department})
        importer = SamplingImporter(department=default, reason=_("导入：%(path)s") % {"path": path})
        self.run_import(importer, path, check=check, verbosity=verbosity)
