import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from disclosure.checks import site_scan


class Command(BaseCommand):
    help = (
        "全站检查：用全部检查项（个人信息、无法检查的附件、错敏等）检查所有已发布信息；"
        "--new 只检查上次检查以来新发布的信息（供每日定时任务）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--new", action="store_true", help=_("只检查上次全站检查以来新发布的信息")
        )
        parser.add_argument("--csv", help=_("把本次检查结果写入 CSV 文件（整改报告用）"))

    def handle(self, *args, new=False, csv=None, **options):
        bar = tqdm(
            desc=_("检查信息"), unit=_("条"), file=sys.stderr, disable=options["verbosity"] < 1
        )
        run = site_scan.scan(
            site_scan.NEW if new else site_scan.ALL, progress=lambda n: bar.update(1)
        )
        bar.close()
        counts = site_scan.summary(run)
        self.stdout.write(
            _("检查 %(items)s 条信息，发现 %(findings)s 个问题，用时 %(seconds)s 秒。")
            % {"items": run.items_scanned, "findings": run.findings.count(), "seconds": run.seconds}
        )
        for label, number in counts["kind"].most_common():
            self.stdout.write(f"  {label}: {number}")
        if csv:
            with open(csv, "w", encoding="utf-8-sig", newline="") as stream:
                site_scan.write_csv(stream, run)
            self.stdout.write(_("结果已写入 %(path)s") % {"path": csv})
