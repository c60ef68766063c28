"""Precision and recall of the personal-data scanner on the labelled set, per kind.

Run ``python -m benchmarks.checks.measure`` (from the repository root); it prints the table
and writes it to ``results.txt`` beside this script. A finding is correct when its kind and
span equal a labelled one; addresses (whose ends are a matter of judgement) are also scored
by overlap, and reported as their own figure. Targets (issue #6): recall 1.0 and precision
≥ 0.95 on ID and mobile numbers.

Caveat: the set is generated from templates (``build_samples.py``) by the author of the scanner,
so a perfect score says the scanner handles the forms in the set, not every real decision; add
real (redacted-by-hand) snippets to ``samples.jsonl`` as they are found.
"""

import json
import lzma
import os
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

from disclosure.checks.scanner import ADDRESS, KINDS, scan  # noqa: E402


def overlaps(a, b):
    return a["kind"] == b["kind"] and a["start"] < b["end"] and b["start"] < a["end"]


def score(samples, exact=True):
    tp, fp, fn = Counter(), Counter(), Counter()
    misses = []
    for sample in samples:
        expected = list(sample["findings"])
        found = [m.as_json() for m in scan(sample["text"])]
        for finding in found:
            match = next(
                (e for e in expected if (e == finding if exact else overlaps(e, finding))), None
            )
            if match is not None:
                expected.remove(match)
                tp[finding["kind"]] += 1
            else:
                fp[finding["kind"]] += 1
                misses.append(("FP", finding, sample["text"]))
        for missed in expected:
            fn[missed["kind"]] += 1
            misses.append(("FN", missed, sample["text"]))
    return tp, fp, fn, misses


def corpus_false_positives():
    """The law corpus holds no personal data: every finding in it is a false positive."""
    corpus = HERE.parents[1] / "disclosure" / "normative" / "data" / "laws.jsonl.xz"
    if not corpus.exists():
        return ["law corpus: not found, skipped"]
    counts, examples, documents, characters = Counter(), [], 0, 0
    with lzma.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            documents += 1
            characters += len(text)
            for match in scan(text):
                counts[match.kind] += 1
                context = text[max(0, match.start - 15) : match.end + 5].replace("\n", " ")
                examples.append(f"  FP {match.kind}: …{context}…")
    summary = ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
    return [
        f"law corpus ({documents} documents, {characters:,} characters, no personal data): "
        f"false positives {summary}",
        *examples[:20],
    ]


def ratio(numerator, denominator):
    return f"{numerator / denominator:.3f}" if denominator else "—"


def main():
    samples = [
        json.loads(line)
        for line in (HERE / "samples.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    labelled = Counter(f["kind"] for s in samples for f in s["findings"])
    negatives = sum(1 for s in samples if not s["findings"])
    lines = [
        f"labelled set: {len(samples)} snippets, {negatives} without personal data, "
        f"{sum(labelled.values())} labelled findings",
        "",
        f"{'kind':<10} {'labelled':>8} {'TP':>5} {'FP':>5} {'FN':>5} {'precision':>10} {'recall':>8}",
    ]
    tp, fp, fn, misses = score(samples)
    for kind in KINDS:
        lines.append(
            f"{kind:<10} {labelled[kind]:>8} {tp[kind]:>5} {fp[kind]:>5} {fn[kind]:>5} "
            f"{ratio(tp[kind], tp[kind] + fp[kind]):>10} {ratio(tp[kind], tp[kind] + fn[kind]):>8}"
        )
    otp, ofp, ofn, _ = score(samples, exact=False)
    lines += [
        "",
        f"address, scored by overlap: precision {ratio(otp[ADDRESS], otp[ADDRESS] + ofp[ADDRESS])}, "
        f"recall {ratio(otp[ADDRESS], otp[ADDRESS] + ofn[ADDRESS])}",
        "",
        "errors (exact spans):" if misses else "errors: none",
    ]
    for what, finding, text in misses:
        lines.append(f"  {what} {finding['kind']} [{finding['start']}:{finding['end']}] {text}")
    lines += ["", *corpus_false_positives()]
    output = "\n".join(lines) + "\n"
    (HERE / "results.txt").write_text(output, encoding="utf-8")
    sys.stdout.write(output)


if __name__ == "__main__":
    main()
