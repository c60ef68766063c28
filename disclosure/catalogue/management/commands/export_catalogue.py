from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.catalogue.io import export_csv, export_xlsx
from disclosure.catalogue.models import CatalogueItem

WRITERS = {".csv": export_csv, ".xlsx": export_xlsx}


class Command(BaseCommand):
    help = "导出标准目录（基层政务公开标准目录格式），格式由扩展名 .csv 或 .xlsx 决定。"

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("导出文件（.csv 或 .xlsx）"))

    def handle(self, *args, path, **options):
        writer = WRITERS.get(Path(path).suffix.lower())
        if writer is None:
            raise CommandError(_("不支持的文件格式，请使用 .csv 或 .xlsx 扩展名。"))
        try:
            writer(path)
        except OSError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("已导出 %(count)s 条标准目录事项到 %(path)s")
            % {"count": CatalogueItem.objects.count(), "path": path}
        )
