from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from disclosure.importing.command import ImportCommand
from disclosure.ledger.io import LedgerImporter


class Command(ImportCommand):
    help = (
        "导入工作计划的任务清单（.csv 或 .xlsx，列：序号、工作任务、牵头科室、责任科室、完成时限）"
        "到工作台账；按计划名称和序号新增或更新，任一行有错误则不作任何改动。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("任务清单文件（.csv 或 .xlsx）"))
        parser.add_argument("--plan", required=True, help=_("计划名称，如“2026年政务公开工作要点”"))
        parser.add_argument("--year", type=int, help=_("计划年度；计划名称以年份开头时可省略"))
        super().add_arguments(parser)

    def handle(self, *args, path, plan, year=None, check=False, verbosity=1, **options):
        importer = LedgerImporter(plan=plan, year=year, reason=_("导入：%(path)s") % {"path": path})
        if importer.year is None:
            raise CommandError(_("计划名称不以年份开头，请用 --year 指定年度"))
        if verbosity >= 1:
            self.stdout.write(
                _("导入计划“%(plan)s”（%(year)s 年度）的任务清单：%(path)s")
                % {"plan": importer.plan, "year": importer.year, "path": path}
            )
        self.run_import(importer, path, check=check, verbosity=verbosity)
