"""Precision and recall of the content checks (错敏检测, issue #17 "Measure") on the labelled
set ``content_set.jsonl`` (sentences in the style of a market-supervision bureau's notices,
written for it by ``build_content_set.py``; more than 40 % of them clean).

Run ``python -m benchmarks.checks.content`` from the repository root. The checks run with the
default lists that ship with the project: a throw-away test database is created with the
migrations (which load them), so that what is measured is what a new site starts with. A
finding counts as right when its check, its start and its text are the labelled ones; the table
is printed and written to ``benchmarks/results-content-checks.txt``.
"""

import json
import lzma
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

KINDS = ("wording", "format", "sensitive_terms", "official_names")
RESULTS = HERE.parent / "results-content-checks.txt"


def load():
    with (HERE / "content_set.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def measure(rows):
    from disclosure.checks.registry import get_check
    from disclosure.checks.sources import Source

    counts = {kind: Counter() for kind in KINDS}
    misses = []
    for row in rows:
        source = Source("body", "body", row["text"], maskable=True)
        expected = {(f["kind"], f["start"], f["text"]) for f in row["findings"]}
        found = {
            (kind, finding.start, finding.text)
            for kind in KINDS
            for finding in get_check(kind).run([source])
        }
        for kind, start, text in expected | found:
            key = (kind, start, text)
            if key in expected and key in found:
                counts[kind]["tp"] += 1
            elif key in found:
                counts[kind]["fp"] += 1
                misses.append(f"  FP {kind:16} #{row['id']:<4} {text!r} in {row['text']}")
            else:
                counts[kind]["fn"] += 1
                misses.append(f"  FN {kind:16} #{row['id']:<4} {text!r} in {row['text']}")
    return counts, misses


def corpus_flags():
    """Flags on the law corpus (laws, regulations and rules as published: edited official
    text). Not all are false positives — an old regulation names 工商行政管理局 rightly in its
    time, an old text writes 其它 — so the rate is an upper bound of false alarms on edited text,
    with examples to read."""
    from disclosure.checks.registry import get_check
    from disclosure.checks.sources import Source

    corpus = HERE.parents[1] / "disclosure" / "normative" / "data" / "laws.jsonl.xz"
    if not corpus.exists():
        return ["law corpus: not found, skipped"]
    counts, examples, documents, characters = Counter(), {k: Counter() for k in KINDS}, 0, 0
    started = time.perf_counter()
    with lzma.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            documents += 1
            characters += len(text)
            source = Source("body", "body", text, maskable=False)
            for kind in KINDS:
                for finding in get_check(kind).run([source]):
                    counts[kind] += 1
                    examples[kind][f"{finding.kind}: {finding.text} → {finding.suggestion}"] += 1
    seconds = time.perf_counter() - started
    lines = [
        f"Law corpus ({documents} documents, {characters:,} characters, {seconds:.1f} s): flags "
        "per 100,000 characters (an upper bound of false alarms on edited official text)",
    ]
    for kind in KINDS:
        lines.append(f"  {kind:16} {counts[kind]:>6} ({counts[kind] * 100_000 / characters:.1f})")
        for example, number in examples[kind].most_common(8):
            lines.append(f"      {number:>5} × {example}")
    return lines


def ratio(a, b):
    return a / b if b else 1.0


def table(rows, counts, seconds):
    clean = sum(1 for row in rows if not row["findings"])
    lines = [
        f"Content checks on {len(rows)} labelled sentences ({clean} clean, "
        f"{clean / len(rows):.0%}); {seconds:.2f} s for all four checks.",
        "",
        f"{'kind':16} {'labelled':>8} {'found':>6} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'precision':>9} {'recall':>7}",
    ]
    total = Counter()
    for kind in (*KINDS, "overall"):
        c = total if kind == "overall" else counts[kind]
        if kind != "overall":
            total.update(c)
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        lines.append(
            f"{kind:16} {tp + fn:>8} {tp + fp:>6} {tp:>4} {fp:>4} {fn:>4} "
            f"{ratio(tp, tp + fp):>9.3f} {ratio(tp, tp + fn):>7.3f}"
        )
    return lines


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        rows = load()
        started = time.perf_counter()
        counts, misses = measure(rows)
        seconds = time.perf_counter() - started
        corpus = corpus_flags()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    lines = table(rows, counts, seconds) + ["", *corpus]
    if misses:
        lines += ["", "Misses (FP: found, not labelled; FN: labelled, not found):", *misses]
    output = "\n".join(lines) + "\n"
    print(output, end="")
    RESULTS.write_text(output, encoding="utf-8")


if __name__ == "__main__":
    main()
