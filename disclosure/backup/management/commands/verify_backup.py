"""``manage.py verify_backup ARCHIVE`` — check an archive against its manifest and the current
instance against the manifest; exit status 1 when anything differs (GB/T 22239-2019 8.1.4.10)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.backup.archive import verify_backup
from disclosure.backup.errors import BackupError


class Command(BaseCommand):
    help = _("校验备份文件是否完整，并与当前实例比较各表行数、内容哈希和文件哈希。")

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("backup_site 写出的归档文件"))

    def handle(self, archive, **options):
        try:
            differences = verify_backup(archive, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if differences:
            raise CommandError(_("当前实例与备份清单不一致。"))
