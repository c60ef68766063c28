import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search.models import Synonym

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "synonyms.json"


class Command(BaseCommand):
    help = "导入同义词组（JSON：由词组成的列表的列表），已有的词组不重复导入。"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT))

    def handle(self, *args, path, **options):
        try:
            groups = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(
                _("无法读取同义词文件 %(path)s：%(error)s") % {"path": path, "error": error}
            ) from error
        created = Synonym.load_groups(groups)
        self.stdout.write(
            _("同义词：新增 %(created)s 组，共 %(total)s 组。")
            % {"created": created, "total": Synonym.objects.count()}
        )
