"""Writes ``content_set.jsonl``, the labelled set of the content checks (错敏检测), from the
hand-written sentences of ``content/clean.txt`` (no findings expected) and
``content/errors.txt`` (each expected finding marked ``[[k:text]]``, k one of ``w`` wording,
``f`` format, ``s`` sensitive terms, ``n`` official names).

Run ``python -m benchmarks.checks.build_content_set`` from the repository root after editing
the sentences; ``python -m benchmarks.checks.content`` measures the checks on the set."""

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"w": "wording", "f": "format", "s": "sensitive_terms", "n": "official_names"}
MARK = re.compile(r"\[\[(\w):(.+?)\]\](?!\])")


def parse(line):
    """The sentence without its marks, and the expected findings (kind, start, text)."""
    text, findings, position = "", [], 0
    for match in MARK.finditer(line):
        text += line[position : match.start()]
        findings.append({"kind": KINDS[match.group(1)], "start": len(text), "text": match.group(2)})
        text += match.group(2)
        position = match.end()
    return text + line[position:], findings


def main():
    rows = []
    for name in ("clean.txt", "errors.txt"):
        for line in (HERE / "content" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                text, findings = parse(line.strip())
                rows.append({"id": len(rows) + 1, "text": text, "findings": findings})
    with (HERE / "content_set.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    clean = sum(1 for row in rows if not row["findings"])
    print(f"{len(rows)} sentences, {clean} clean ({clean / len(rows):.0%})")


if __name__ == "__main__":
    main()
