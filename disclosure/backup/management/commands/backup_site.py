"""``manage.py backup_site DEST`` — write one backup archive (database, media, private media and
a manifest) to ``DEST`` (GB/T 22239-2019 8.1.4.10 数据备份恢复; see disclosure/backup)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.backup.archive import create_backup
from disclosure.backup.errors import BackupError


class Command(BaseCommand):
    help = _("备份数据库、媒体文件和申请材料到一个归档文件（.tar.gz），附清单（行数、内容哈希）。")

    def add_arguments(self, parser):
        parser.add_argument("destination", help=_("归档文件路径，如 /backup/site-20261204.tar.gz"))

    def handle(self, destination, **options):
        try:
            create_backup(destination, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
