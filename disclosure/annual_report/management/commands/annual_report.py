"""``python manage.py annual_report YEAR --docx PATH [--pdf PATH]``: write the year's annual
report. The published report of that year is written as published; without one, the figures are
counted from the records now and the narrative sections are left empty (a draft to start from).
The 勾稽 checks are printed; ``--strict`` exits with status 1 when one fails."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.annual_report import consistency, layout
from disclosure.annual_report import figures as f
from disclosure.annual_report.models import AnnualReportPage
from disclosure.organisation.models import organisation_for
from disclosure.printing import docx, pdf


class Command(BaseCommand):
    help = "生成某年度的政府信息公开工作年度报告（Word、PDF）。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help=_("报告年度，如 2025"))
        parser.add_argument(
            "--docx", dest="docx_path", metavar="PATH", help=_("Word 文件的保存路径")
        )
        parser.add_argument("--pdf", dest="pdf_path", metavar="PATH", help=_("PDF 文件的保存路径"))
        parser.add_argument(
            "--strict", action="store_true", help=_("勾稽关系检查未通过时以状态码 1 退出")
        )

    def handle(self, *args, year, docx_path=None, pdf_path=None, strict=False, **options):
        if not (docx_path or pdf_path):
            raise CommandError(_("请至少指定 --docx 或 --pdf 之一。"))
        page = AnnualReportPage.objects.live().filter(year=year).first()
        if page is not None:
            self.stdout.write(
                _("使用已发布的 %(year)s 年度报告：%(title)s") % {"year": year, "title": page.title}
            )
            document = page.document()
            problems = page.consistency_errors()
        else:
            self.stdout.write(
                _("%(year)s 年度报告尚未发布：按现有记录统计数据，文字部分留空。") % {"year": year}
            )
            values = f.compute(year)
            organisation = organisation_for()
            document = layout.document(
                organisation_name=(organisation.name if organisation else "") or "",
                year=year,
                values=values,
            )
            previous = AnnualReportPage.objects.live().filter(year=year - 1).first()
            problems = consistency.errors(
                values, f.from_json(previous.figures) if previous and previous.figures else None
            )
        for problem in problems:
            self.stdout.write(self.style.WARNING(problem))
        if not problems:
            self.stdout.write(_("勾稽关系检查通过。"))
        self._write(docx_path, document, docx.render, "Word")
        self._write(pdf_path, document, pdf.render, "PDF")
        if strict and problems:
            raise CommandError(_("勾稽关系检查未通过。"), returncode=1)

    def _write(self, path, document, render, label):
        if not path:
            return
        try:
            content = render(document)
        except pdf.PrintingUnavailable as error:
            raise CommandError(str(error)) from error
        with open(path, "wb") as handle:
            handle.write(content)
        self.stdout.write(_("已写入 %(label)s：%(path)s") % {"label": label, "path": path})
