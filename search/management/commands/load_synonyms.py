import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from search.models import Synonym

DATA = Path(__file__).resolve().parents[2] / "data"
DEFAULT = DATA / "synonyms.json"
DEFAULT_EVERYDAY = DATA / "everyday_terms.json"


class Command(BaseCommand):
    help = (
        "导入同义词组（JSON：由词组成的列表的列表）和口语词（JSON：everyday 群众的说法、legal "
        "法律用语的列表），已有的不重复导入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT))
        parser.add_argument("--everyday", default=str(DEFAULT_EVERYDAY))

    def handle(self, *args, path, everyday, **options):
        groups = self.read(path)
        words = self.read(everyday)
        try:
            everyday_groups = [[entry["everyday"], *entry["legal"]] for entry in words]
        except (KeyError, TypeError) as error:
            raise CommandError(
                _("口语词文件 %(path)s 的每一项须有 everyday 和 legal：%(error)s")
                % {"path": everyday, "error": error}
            ) from error
        with transaction.atomic():
            created = Synonym.load_groups(groups)
            created_everyday = Synonym.load_groups(everyday_groups, kind=Synonym.Kind.EVERYDAY)
        self.stdout.write(
            _("同义词：新增 %(created)s 组，口语词 %(everyday)s 个，共 %(total)s 组。")
            % {
                "created": created,
                "everyday": created_everyday,
                "total": Synonym.objects.count(),
            }
        )

    def read(self, path):
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(
                _("无法读取同义词文件 %(path)s：%(error)s") % {"path": path, "error": error}
            ) from error
