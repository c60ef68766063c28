"""``manage.py restore_site ARCHIVE`` — restore a backup into a fresh, empty instance and verify
it against the archive's manifest; exit status 1 when anything differs (GB/T 22239-2019
8.1.4.10 数据备份恢复; see disclosure/backup)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.backup.archive import restore_backup
from disclosure.backup.errors import BackupError


class Command(BaseCommand):
    help = _("把备份恢复到全新的空实例（数据库和文件目录须为空），并按清单校验行数和内容哈希。")

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("backup_site 写出的归档文件"))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("目标数据库或文件目录不空时仍然恢复（覆盖数据库；原有文件移到旁边的目录）"),
        )
        parser.add_argument(
            "--reindex", action="store_true", help=_("恢复后重建搜索索引（update_index）")
        )

    def handle(self, archive, force, reindex, **options):
        try:
            differences = restore_backup(archive, force=force, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if differences:
            raise CommandError(_("恢复结果与备份清单不一致。"))
        if reindex:
            self.stdout.write(_("正在重建搜索索引…"))
            call_command("update_index", stdout=self.stdout, stderr=self.stderr)
        else:
            self.stdout.write(
                _("请接着运行 manage.py update_index 重建搜索索引（外部搜索引擎不在备份内）。")
            )
