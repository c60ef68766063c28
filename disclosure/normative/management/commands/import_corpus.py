import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from disclosure.normative.bulk import bulk_import, is_new_chain
from disclosure.normative.corpus import (
    DEFAULT_CORPUS,
    CorpusDocument,
    ImportReport,
    import_chain,
    read_records,
)
from disclosure.normative.models import NormativeDocumentPage
from disclosure.normative.setup import corpus_column


class Command(BaseCommand):
    help = "导入法律法规语料（laws.jsonl.xz），按 id 幂等更新，同名不同版本日期的记录链接为同一文件的各版本。"

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(DEFAULT_CORPUS),
            help=_("语料文件（.jsonl 或 .jsonl.xz）"),
        )
        parser.add_argument(
            "--column", default="laws", help=_("导入到的栏目 slug（不存在时在首页下创建）")
        )
        parser.add_argument(
            "--limit", type=int, default=None, help=_("只导入前 N 份文件（按版本链计）")
        )
        parser.add_argument(
            "--issued-here", action="store_true", help=_("标记为本机关制发（默认为参考法规）")
        )
        parser.add_argument("--no-progress", action="store_true", help=_("不显示进度条"))
        parser.add_argument(
            "--no-bulk",
            action="store_true",
            help=_("新文件也逐页创建（默认成批创建库中尚无的文件，快得多）"),
        )

    def handle(self, *args, path, column, limit, issued_here, no_progress, no_bulk, **options):
        started = time.monotonic()
        report = ImportReport()
        documents = []
        try:
            records = list(read_records(path))
        except OSError as error:
            raise CommandError(
                _("无法读取语料文件 %(path)s：%(error)s") % {"path": path, "error": error}
            ) from error
        for line, record in records:
            if isinstance(record, Exception):
                report.errors.append((_("第 %(line)s 行") % {"line": line}, str(record)))
                continue
            try:
                documents.append(CorpusDocument.from_record(record))
            except ValueError as error:
                report.errors.append((_("第 %(line)s 行") % {"line": line}, str(error)))

        from disclosure.normative.corpus import version_chains

        chains = version_chains(documents)
        if limit is not None:
            chains = chains[:limit]
        parent = corpus_column(column)
        bulk_chains, page_chains = [], chains
        if not no_bulk:
            existing = set(
                NormativeDocumentPage.objects.exclude(corpus_id=None).values_list(
                    "corpus_id", flat=True
                )
            )
            bulk_chains, page_chains, seen = [], [], set()
            for chain in chains:
                if is_new_chain(chain, existing, seen):
                    bulk_chains.append(chain)
                else:
                    page_chains.append(chain)
                seen.update(document.corpus_id for document in chain)
        to_import = sum(len(chain) for chain in chains)
        with tqdm(
            total=to_import,
            desc=_("导入"),
            unit=_("件"),
            disable=no_progress,
            file=sys.stderr,
            dynamic_ncols=True,
        ) as progress:
            if bulk_chains:
                bulk_import(
                    bulk_chains,
                    parent,
                    report,
                    issued_here=issued_here,
                    progress=progress.update,
                )
            for chain in page_chains:
                import_chain(chain, parent, report, issued_here=issued_here)
                progress.update(len(chain))

        for where, message in report.errors:
            self.stderr.write(
                _("跳过 %(where)s：%(message)s") % {"where": where, "message": message}
            )
        self.stdout.write(
            _(
                "导入完成：新增 %(created)d，更新 %(updated)d，未变 %(unchanged)d，错误 %(errors)d；库中共 %(total)d 份。"
            )
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "errors": len(report.errors),
                "total": NormativeDocumentPage.objects.count(),
            }
        )
        elapsed = time.monotonic() - started
        self.stdout.write(
            _("用时 %(seconds).1f 秒，%(rate).0f 份/秒。")
            % {"seconds": elapsed, "rate": to_import / elapsed if elapsed else 0}
        )
