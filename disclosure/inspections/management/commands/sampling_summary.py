import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from disclosure.inspections.models import SamplingResult
from disclosure.inspections.summary import summarise


class Command(BaseCommand):
    help = "打印抽检总体情况（批次、合格率、主要问题、不合格产品核查处置情况）。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", help="起始抽样日期 YYYY-MM-DD")
        parser.add_argument("--to", dest="last", help="截止抽样日期 YYYY-MM-DD")
        parser.add_argument("--kind", choices=["food", "product"])

    def handle(self, *args, first=None, last=None, kind=None, **options):
        queryset = SamplingResult.objects.all()
        try:
            if first:
                queryset = queryset.filter(sampled_on__gte=dt.date.fromisoformat(first))
            if last:
                queryset = queryset.filter(sampled_on__lte=dt.date.fromisoformat(last))
        except ValueError as error:
            raise CommandError("日期应为 YYYY-MM-DD 格式") from error
        if kind:
            queryset = queryset.filter(kind=kind)
        summary = summarise(queryset)
        self.stdout.write(summary.text())
        self.stdout.write(
            f"批次 {summary.batches}；合格 {summary.passed}；不合格 {summary.failed}；"
            f"合格率 {summary.pass_rate}%"
        )
        for category in summary.categories:
            self.stdout.write(
                f"  {category.name}：{category.batches} 批次，不合格 {category.failed}，"
                f"合格率 {category.pass_rate}%"
            )
