from django.utils.translation import gettext as _

from disclosure.catalogue.io import SHIPPED_CATALOGUE, CatalogueImporter
from disclosure.importing.command import ImportCommand


class Command(ImportCommand):
    help = "导入标准目录（基层政务公开标准目录格式的 .csv 或 .xlsx），按序号新增或更新；任一行有错误则不作任何改动。"

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(SHIPPED_CATALOGUE),
            help=_("目录文件（.csv 或 .xlsx），默认为随项目提供的标准目录"),
        )
        super().add_arguments(parser)

    def handle(self, *args, path, check, verbosity, **options):
        importer = CatalogueImporter(reason=_("导入（命令行）"))
        self.run_import(importer, path, check=check, verbosity=verbosity)
