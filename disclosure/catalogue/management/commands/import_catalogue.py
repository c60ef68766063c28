from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.catalogue.io import (
    SHIPPED_CATALOGUE,
    CatalogueFileError,
    import_rows,
    read_table,
    validate_rows,
)


class Command(BaseCommand):
    help = "导入标准目录（基层政务公开标准目录格式的 .csv 或 .xlsx），按序号新增或更新；任一行有错误则不作任何改动。"

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(SHIPPED_CATALOGUE),
            help=_("目录文件（.csv 或 .xlsx），默认为随项目提供的标准目录"),
        )
        parser.add_argument("--check", action="store_true", help=_("只检查文件，不导入"))

    def handle(self, *args, path, check, **options):
        try:
            table = read_table(path)
        except (CatalogueFileError, OSError) as error:
            raise CommandError(str(error)) from error
        if check:
            errors = validate_rows(table)
        else:
            result = import_rows(table, reason=_("导入（命令行）"))
            errors = result.errors
        for row_number, message in errors:
            self.stderr.write(
                _("第 %(row)s 行：%(message)s") % {"row": row_number, "message": message}
            )
        if errors:
            raise CommandError(
                _("导入失败：共 %(count)s 处错误，未作任何改动。") % {"count": len(errors)}
            )
        if check:
            self.stdout.write(_("检查通过：%(count)s 行均可导入。") % {"count": len(table)})
        else:
            self.stdout.write(self.style.SUCCESS(result.summary()))
