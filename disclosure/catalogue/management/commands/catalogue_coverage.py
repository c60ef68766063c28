from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.catalogue.coverage import coverage_report


class Command(BaseCommand):
    help = "检查标准目录事项是否都有已发布的栏目，以及哪些栏目未关联标准目录事项。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail",
            action="store_true",
            help=_("有标准目录事项未对应已发布栏目时以状态码 1 退出（供持续集成使用）"),
        )

    def handle(self, *args, fail, **options):
        report = coverage_report()
        self.stdout.write(
            _(
                "标准目录覆盖检查：共 %(items)s 个事项，其中 %(covered)s 个已有栏目；共 %(columns)s 个已发布栏目。"
            )
            % {
                "items": report.item_count,
                "covered": report.covered_item_count,
                "columns": report.column_count,
            }
        )
        if report.uncovered_items:
            self.stdout.write(
                _("未对应栏目的标准目录事项（%(count)s 个）：")
                % {"count": len(report.uncovered_items)}
            )
            for item in report.uncovered_items:
                line = _("  %(item)s（牵头科室：%(lead)s）") % {
                    "item": item,
                    "lead": item.lead_department,
                }
                column = report.suggestions.get(item.pk)
                if column is not None:
                    line += _("，建议关联栏目“%(column)s”") % {"column": column.title}
                self.stdout.write(line)
        else:
            self.stdout.write(_("所有标准目录事项均已对应栏目。"))
        if report.empty_columns:
            self.stdout.write(
                _("未关联标准目录事项的栏目（%(count)s 个）：")
                % {"count": len(report.empty_columns)}
            )
            for column in report.empty_columns:
                self.stdout.write(f"  {column.title}（{column.url_path}）")
        else:
            self.stdout.write(_("所有栏目均已关联标准目录事项。"))
        if fail and not report.complete:
            raise CommandError(
                _("有 %(count)s 个标准目录事项未对应已发布栏目。")
                % {"count": len(report.uncovered_items)},
                returncode=1,
            )
