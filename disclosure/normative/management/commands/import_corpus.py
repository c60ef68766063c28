import lzma
import sys
import time

from django.core.exceptions import ValidationError
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
    version_chains,
)
from disclosure.normative.models import NormativeDocumentPage
from disclosure.normative.setup import corpus_column
from disclosure.publishing.index_numbers import organisation_credit_code


def within_limit(chains, limit):
    """The first version chains holding at most ``limit`` records in all: a chain is never
    split (its versions link to each other), so fewer may be taken, never more."""
    taken, count = [], 0
    for chain in chains:
        if count + len(chain) > limit:
            break
        taken.append(chain)
        count += len(chain)
    return taken


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
            "--limit", type=int, default=None, help=_("最多导入 N 条记录（整条版本链导入，不拆分）")
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
        if limit is not None and limit < 1:
            raise CommandError(_("--limit 必须是正整数。"))
        if issued_here:
            # The bureau's own documents take its 索引号, which starts with its credit code:
            # checked once, before anything is read (reference laws need none).
            try:
                organisation_credit_code()
            except ValidationError as error:
                raise CommandError(error.messages[0]) from error
        report = ImportReport()
        documents = []
        records = self.read(path)
        first_line = {}
        for line, record in records:
            where = _("第 %(line)s 行") % {"line": line}
            if isinstance(record, Exception):
                report.errors.append((where, str(record)))
                continue
            try:
                document = CorpusDocument.from_record(record)
            except ValueError as error:
                report.errors.append((where, str(error)))
                continue
            if document.corpus_id in first_line:
                # Two records with one id: the first is imported, the later one refused.
                report.errors.append(
                    (
                        where,
                        _("id %(id)s 与第 %(first)s 行重复，已跳过本行。")
                        % {"id": document.corpus_id, "first": first_line[document.corpus_id]},
                    )
                )
                continue
            first_line[document.corpus_id] = line
            documents.append(document)
        chains = version_chains(documents)
        if limit is not None:
            chains = within_limit(chains, limit)
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
        written = report.created + report.updated
        if written and elapsed:
            # A rate only for what was written: records refused or unchanged are not imports.
            self.stdout.write(
                _("用时 %(seconds).1f 秒，%(rate).0f 份/秒。")
                % {"seconds": elapsed, "rate": written / elapsed}
            )
        else:
            self.stdout.write(_("用时 %(seconds).1f 秒。") % {"seconds": elapsed})
        if report.errors and not written and not report.unchanged:
            raise CommandError(
                _("没有导入任何文件：%(errors)d 条记录有错误。") % {"errors": len(report.errors)}
            )

    def read(self, path):
        """Every record of the file, or one Chinese error for a file that cannot be read."""
        try:
            return list(read_records(path))
        except OSError as error:
            raise CommandError(
                _("无法读取语料文件 %(path)s：%(error)s") % {"path": path, "error": error}
            ) from error
        except (lzma.LZMAError, EOFError) as error:  # EOFError: a truncated .xz file
            raise CommandError(
                _("语料文件 %(path)s 不是有效的 xz 压缩文件；未压缩的文件请去掉 .xz 扩展名。")
                % {"path": path}
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                _(
                    "语料文件 %(path)s 不是 UTF-8 编码（第 %(byte)s 字节）；"
                    "GB18030/GBK 文件请先转换为 UTF-8。"
                )
                % {"path": path, "byte": error.start}
            ) from error
