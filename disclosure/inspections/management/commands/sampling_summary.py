import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.inspections.models import SamplingResult
from disclosure.inspections.summary import summarise


class Command(BaseCommand):
    help = "打印抽检总体情况（批次、合格率、主要问题、不合格产品核查处置情况）。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", help=_("起始抽样日期 YYYY-MM-DD"))
        parser.add_argument("--to", dest="last", help=_("截止抽样日期 YYYY-MM-DD"))
        parser.add_argument("--kind", choices=["food", "product"])

    def handle(self, *args, first=None, last=None, kind=None, **options):
        queryset = SamplingResult.objects.all()
        try:
            if first:
                queryset = queryset.filter(sampled_on__gte=dt.date.fromisoformat(first))
            if last:
                queryset = queryset.filter(sampled_on__lte=dt.date.fromisoformat(last))
        except ValueError as error:
            raise CommandError(_("日期应为 YYYY-MM-DD 格式")) from error
        if kind:
            queryset = queryset.filter(kind=kind)
        summary = summarise(queryset)
        self.stdout.write(summary.text())
        self.stdout.write(
            _("批次 %(batches)s；合格 %(passed)s；不合格 %(failed)s；合格率 %(rate)s%%")
            % {
                "batches": summary.batches,
                "passed": summary.passed,
                "failed": summary.failed,
                "rate": summary.pass_rate,
            }
        )
        for category in summary.categories:
            self.stdout.write(
                _("  %(name)s：%(batches)s 批次，不合格 %(failed)s，合格率 %(rate)s%%")
                % {
                    "name": category.name,
                    "batches": category.batches,
                    "failed": category.failed,
                    "rate": category.pass_rate,
                }
            )
