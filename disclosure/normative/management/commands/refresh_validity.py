from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.normative import validity


class Command(BaseCommand):
    help = "按施行日期和版本关系更新规章和规范性文件的有效性，并列出即将到期需清理评估的本机关文件（每日运行）。"

    def handle(self, *args, **options):
        changed = validity.refresh()
        self.stdout.write(_("有效性已更新：%(count)s 件") % {"count": changed})
        due = validity.due_for_review()
        self.stdout.write(_("需清理评估的本机关规范性文件：%(count)s 件") % {"count": len(due)})
        for document, due_on in due:
            self.stdout.write(
                f"  {due_on.isoformat()}  {document.title}  {document.document_number}"
            )
