import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosure.checks.extraction import extract
from disclosure.checks.scanner import KIND_LABELS, mask, scan


class Command(BaseCommand):
    help = (
        "检查一个附件文件：提取文字（PDF、DOCX、XLSX、DOC/WPS、图片和扫描件经文字识别），"
        "列出其中的个人信息；无法读取的文件报告“无法检查”及原因。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("文件路径"))
        parser.add_argument(
            "--json",
            action="store_true",
            help=_(
                '输出 JSON 数组：[{"kind", "start", "end", "text"}]（text 已遮盖），'
                '无法读取时含 {"kind": "unreadable", "reason"}'
            ),
        )

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        extraction = extract(file.name, file.read_bytes())
        findings = [
            {**match.as_json(), "text": mask(match.kind, match.text)}
            for match in scan(extraction.text)
        ]
        if extraction.unreadable:
            findings.append({"kind": "unreadable", "reason": extraction.unreadable})
        if options["json"]:
            self.stdout.write(json.dumps(findings, ensure_ascii=False))
            return
        for finding in findings:
            if finding["kind"] == "unreadable":
                self.stdout.write(_("无法检查：%(reason)s") % {"reason": finding["reason"]})
            else:
                self.stdout.write(
                    f"{finding['start']}-{finding['end']}\t{KIND_LABELS[finding['kind']]}"
                    f"\t{finding['text']}"
                )
        if extraction.ocr:
            self.stdout.write(_("（部分文字经文字识别读取）"))
        self.stdout.write(_("共发现 %(count)s 处。") % {"count": len(findings)})
