"""Precision and recall of the law-title check (issue #17) on its labelled set.

Run ``python -m benchmarks.checks.law_titles`` from the repository root. Without ``--db`` it
builds a temporary SQLite database holding the whole law corpus, the way the search benchmarks
do (:mod:`benchmarks.search.build_db`: ``migrate``, the organisation's credit code,
``manage.py import_corpus``), measures in a subprocess on it and deletes it; ``--db URL`` reuses
a database that already holds the corpus (it is left as it was). The output is written to
``benchmarks/results-law-titles.txt``.

The corpus records no repealed law, so the script marks the documents of :data:`REPEALED`
废止 or 失效 (as a cleanup decision would), in a transaction it rolls back.

``law_titles_set.jsonl``: one sentence a line, in the style of government notices, with its
category (correct full titles, short forms, edition notes of the current version, titles of
amended versions, misspelt titles, invented titles, repealed documents, 《…》 that are not laws)
and the findings expected (``cited``, ``kind``: ``not_found`` / ``amended`` / ``repealed``, and
for a misspelt title the ``suggestion``). A finding is correct when its cited text and kind equal
a labelled one. Caveat: the set is written by the author of the check.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SET = HERE / "law_titles_set.jsonl"
RESULTS = ROOT / "benchmarks" / "results-law-titles.txt"
KINDS = ("not_found", "amended", "repealed")
#: Documents of the corpus marked 废止 / 失效 for the measure: (title, validity).
REPEALED = (
    ("上海市文化娱乐市场管理条例", "repealed"),
    ("铁路货物运输合同实施细则", "expired"),
    ("外国公司船舶运输收入征税办法", "repealed"),
    ("中华人民共和国海关对出口加工区监管的暂行办法", "repealed"),
    ("上海市技术市场条例", "expired"),
    ("杭州市生活饮用水源保护条例", "repealed"),
)
KIND_NAMES = {
    "law_title_not_found": "not_found",
    "law_title_amended": "amended",
    "law_title_repealed": "repealed",
}


def ratio(numerator, denominator):
    return f"{numerator / denominator:.3f}" if denominator else "—"


def short(title):
    return title.strip("《》").removeprefix("中华人民共和国")


def corpus_citations(check, source_class, model):
    """Unlabelled: the check over the bodies of the corpus itself, whose citations are real
    (many name laws the corpus does not hold, which the check rightly reports as not found)."""
    import re

    citation = re.compile(r"《([^《》\n]{2,120})》")
    counts, cited, started = Counter(), 0, time.perf_counter()
    bodies = model.objects.values_list("body", flat=True)
    documents = 0
    for body in bodies.iterator():
        documents += 1
        cited += len(citation.findall(body or ""))
        for finding in check.run([source_class("body", "正文", body or "", maskable=True)]):
            counts[KIND_NAMES[finding.kind]] += 1
    seconds = time.perf_counter() - started
    flagged = sum(counts.values())
    return (
        f"unlabelled, the corpus's own texts ({documents} bodies, {cited} 《…》 citations): "
        f"{flagged} flagged ("
        + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
        + f"), {cited - flagged} found or not a law's title; {seconds:.1f} s in all, "
        f"{seconds / documents * 1000:.1f} ms per document"
    )


def measure():
    import django

    django.setup()
    from django.db import transaction

    from disclosure.checks.sources import Source
    from disclosure.normative import title_check
    from disclosure.normative.models import NormativeDocumentPage

    samples = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line]
    check = title_check.LawTitleCheck()
    lines = []
    with transaction.atomic():
        for title, validity in REPEALED:
            changed = NormativeDocumentPage.objects.filter(title=title).update(validity=validity)
            assert changed, title
        documents = NormativeDocumentPage.objects.count()
        started = time.perf_counter()
        title_check.invalidate()
        title_check.title_index()
        build_seconds = time.perf_counter() - started
        tp, fp, fn = Counter(), Counter(), Counter()
        suggestions = Counter()
        errors = []
        started = time.perf_counter()
        found_by_sample = []
        for sample in samples:
            source = Source("body", "正文", sample["text"], maskable=True)
            found_by_sample.append(check.run([source]))
        per_item = (time.perf_counter() - started) / len(samples)
        corpus = corpus_citations(check, Source, NormativeDocumentPage)
        transaction.set_rollback(True)
    for sample, found in zip(samples, found_by_sample, strict=True):
        expected = list(sample["findings"])
        for finding in found:
            kind = KIND_NAMES[finding.kind]
            match = next(
                (e for e in expected if e["cited"] == finding.text and e["kind"] == kind), None
            )
            if match is None:
                fp[kind] += 1
                errors.append(f"  FP {kind} {finding.text}: {sample['text']}")
                continue
            expected.remove(match)
            tp[kind] += 1
            if match.get("suggestion"):
                wanted = short(match["suggestion"])
                got = short(finding.extra["suggestion"])
                suggestions["right" if wanted == got else "wrong"] += 1
                if wanted != got:
                    errors.append(
                        f"  suggestion for {finding.text}: {finding.extra['suggestion'] or '—'}"
                        f" (expected {match['suggestion']})"
                    )
        for missed in expected:
            fn[missed["kind"]] += 1
            errors.append(f"  FN {missed['kind']} {missed['cited']}: {sample['text']}")
    categories = Counter(sample["category"] for sample in samples)
    labelled = Counter(f["kind"] for s in samples for f in s["findings"])
    lines += [
        f"labelled set: {len(samples)} sentences ("
        + ", ".join(f"{name} {count}" for name, count in sorted(categories.items()))
        + f"), {sum(labelled.values())} labelled findings",
        f"database: {documents} normative documents (the whole corpus), "
        f"{len(REPEALED)} marked 废止/失效 for the measure",
        "",
        f"{'kind':<10} {'labelled':>8} {'TP':>5} {'FP':>5} {'FN':>5} {'precision':>10} {'recall':>8}",
    ]
    for kind in (*KINDS, "all"):
        t = sum(tp.values()) if kind == "all" else tp[kind]
        f_p = sum(fp.values()) if kind == "all" else fp[kind]
        f_n = sum(fn.values()) if kind == "all" else fn[kind]
        count = sum(labelled.values()) if kind == "all" else labelled[kind]
        lines.append(
            f"{kind:<10} {count:>8} {t:>5} {f_p:>5} {f_n:>5} "
            f"{ratio(t, t + f_p):>10} {ratio(t, t + f_n):>8}"
        )
    total = suggestions["right"] + suggestions["wrong"]
    lines += [
        "",
        f"suggested title for the misspelt titles: {suggestions['right']} / {total} right",
        f"title index built in {build_seconds * 1000:.0f} ms; "
        f"{per_item * 1000:.2f} ms per sentence with the index built",
        "",
        corpus,
        "",
        "errors:" if errors else "errors: none",
        *errors,
    ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="DATABASE_URL of a database holding the corpus")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        sys.stdout.write(measure())
        return
    temporary = None
    database = args.db
    if not database:
        temporary = Path(tempfile.mkdtemp()) / "law-titles.sqlite3"
        database = f"sqlite:///{temporary}"
        from benchmarks.search import build_db

        build_db.main(["--db", database, "--fresh"])
    env = dict(os.environ, DATABASE_URL=database)
    env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    try:
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.checks.law_titles", "--measure"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
            temporary.parent.rmdir()
    RESULTS.write_text(output, encoding="utf-8")
    sys.stdout.write(output)


if __name__ == "__main__":
    main()
