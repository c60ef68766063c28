"""Relevance with pooled judgments (issue #21 item 6): the judged set was written for the 3.5k
law corpus and lists the national text a query should find; at 103k the bureau's own notices,
announcements and penalty decisions on the subject come first, and the judged set cannot say
whether a citizen would be served by them. Pooling (as TREC does) judges what the systems
returned: every document any run put in its first 10 for a query is judged once, blind (no
rank, no run, no hint of which one the judged set expects), and the runs are scored again.

    # 1. the pool: the first 10 of every run (relevance.py --json), titles read from a database
    #    holding every returned document (the 100k one holds the 3.5k corpus too)
    DATABASE_URL=sqlite:////tmp/bench/100k.sqlite3 python -m benchmarks.search.pooled pool \\
        --runs /tmp/rel/*.json --out /tmp/pool.json
    # 2. an assessor grades each candidate (0 not relevant, 1 related, 2 answers the query),
    #    into benchmarks/search/judgments-pooled.json: {"q001": {"<corpus id>": 2, ...}, ...}
    # 3. every run scored strictly (the judged set) and pooled (the judged set or graded 2)
    python -m benchmarks.search.pooled score --runs /tmp/rel/*.json
    # a later run returning documents never graded: pool those alone, grade them, merge
    ... pooled pool --runs /tmp/new/*.json --out /tmp/pool2.json --unjudged-only
    python -m benchmarks.search.pooled merge /tmp/grades2.json

The judged set's own expected documents are in the pool too, unmarked: how the assessor
grades them (``agreement``) says how far the two judgments agree. A document no run returned
is not judged; a later run that returns a new one counts it as not relevant until it is.
"""

import argparse
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.search import relevance

HERE = Path(__file__).resolve().parent
JUDGMENTS = HERE / "judgments-pooled.json"
EXCERPT = 160
ANSWERS = 2


def _runs(paths):
    runs = []
    for path in paths:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
        runs.append((Path(path), payload))
    return runs


def _blind_order(query_id, corpus_id):
    return hashlib.sha256(f"{query_id}:{corpus_id}".encode()).hexdigest()


def _excerpt(body):
    text = re.sub(r"[#>*_`|\-]+", " ", body or "")
    text = re.sub(r"\s+", " ", text).strip()
    return text[:EXCERPT]


def pool(run_paths, out, judged=None):
    """Every query's candidates (the first 10 of each run and the judged set's expected ids),
    in an order that tells nothing of rank or run, with title and opening words; with
    ``judged`` (earlier judgments) only those not graded yet."""
    relevance.setup_django()
    from disclosure.normative.models import NormativeDocumentPage

    queries, candidates = {}, defaultdict(set)
    for _path, payload in _runs(run_paths):
        for result in payload["queries"]:
            queries[result["id"]] = result["query"]
            candidates[result["id"]].update(i for i in result["returned"][:10] if i)
            candidates[result["id"]].update(result["expected"])
    for query_id, graded in (judged or {}).items():
        candidates[query_id] -= graded.keys()
    queries = {query_id: text for query_id, text in queries.items() if candidates[query_id]}
    wanted = {i for ids in candidates.values() for i in ids}
    rows = {
        corpus_id: (title, publisher, number, body)
        for corpus_id, title, publisher, number, body in NormativeDocumentPage.objects.filter(
            corpus_id__in=wanted
        ).values_list("corpus_id", "title", "publisher", "document_number", "body")
    }
    missing = wanted - rows.keys()
    if missing:
        print(f"warning: {len(missing)} returned ids not in this database", file=sys.stderr)
    items = []
    for query_id in sorted(queries):
        listed = []
        for corpus_id in sorted(candidates[query_id], key=lambda c: _blind_order(query_id, c)):
            if corpus_id not in rows:
                continue
            title, publisher, number, body = rows[corpus_id]
            listed.append(
                {
                    "key": corpus_id,
                    "title": title,
                    "publisher": publisher,
                    "document_number": number,
                    "excerpt": _excerpt(body),
                }
            )
        items.append({"id": query_id, "query": queries[query_id], "candidates": listed})
    Path(out).write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    total = sum(len(i["candidates"]) for i in items)
    print(f"{len(items)} queries, {total} candidates to judge -> {out}")


def merge(path, judgments=JUDGMENTS):
    """Add the grades of ``path`` (the same form) to ``judgments``; a document graded already
    keeps its grade (reported)."""
    judged = json.loads(Path(judgments).read_text(encoding="utf-8"))
    added, kept = 0, 0
    for query_id, grades in json.loads(Path(path).read_text(encoding="utf-8")).items():
        known = judged.setdefault(query_id, {})
        for corpus_id, grade in grades.items():
            if corpus_id in known:
                kept += 1
                continue
            known[corpus_id] = int(grade)
            added += 1
    Path(judgments).write_text(
        json.dumps(judged, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{added} grades added, {kept} already graded (kept)")


def _relevant(result, judged, min_grade):
    return set(result["expected"]) | {
        corpus_id for corpus_id, grade in judged.get(result["id"], {}).items() if grade >= min_grade
    }


def score_run(payload, judged, min_grade=ANSWERS):
    """{kind: (n, strict success, strict MRR, pooled success, pooled MRR, unjudged)} of one run."""
    per_kind = defaultdict(list)
    for result in payload["queries"]:
        returned = result["returned"][: relevance.K]
        relevant = _relevant(result, judged, min_grade)
        strict = relevance.reciprocal_rank(set(result["expected"]), returned)
        pooled = relevance.reciprocal_rank(relevant, returned)
        known = judged.get(result["id"], {})
        unjudged = sum(1 for i in returned if i and i not in known and i not in result["expected"])
        per_kind[result["kind"]].append((strict, pooled, unjudged))
        per_kind["overall"].append((strict, pooled, unjudged))
    table = {}
    for kind, rows in per_kind.items():
        n = len(rows)
        table[kind] = (
            n,
            sum(1 for s, _p, _u in rows if s > 0) / n,
            sum(s for s, _p, _u in rows) / n,
            sum(1 for _s, p, _u in rows if p > 0) / n,
            sum(p for _s, p, _u in rows) / n,
            sum(u for _s, _p, u in rows),
        )
    return table


def agreement(judged, runs):
    """How the assessor graded the judged set's expected documents (blind): grade -> count."""
    counts, seen = defaultdict(int), set()
    for _path, payload in runs:
        for result in payload["queries"]:
            for corpus_id in result["expected"]:
                key = (result["id"], corpus_id)
                if key in seen or corpus_id not in judged.get(result["id"], {}):
                    continue
                seen.add(key)
                counts[judged[result["id"]][corpus_id]] += 1
    return dict(sorted(counts.items()))


def score(run_paths, judgments=JUDGMENTS, min_grade=ANSWERS, out=sys.stdout):
    judged = json.loads(Path(judgments).read_text(encoding="utf-8"))
    runs = _runs(run_paths)
    print(
        f"pooled judgments: {Path(judgments).name}, "
        f"{sum(len(v) for v in judged.values())} graded documents over {len(judged)} queries; "
        f"pooled = expected or graded >= {min_grade}",
        file=out,
    )
    print(
        f"the judged set's expected documents graded (blind): {agreement(judged, runs)}", file=out
    )
    print(
        f"\n{'run':<34} {'kind':<12} {'n':>4} {'strict s@10':>11} {'MRR':>6} "
        f"{'pooled s@10':>11} {'MRR':>6} {'unjudged':>8}",
        file=out,
    )
    for path, payload in runs:
        table = score_run(payload, judged, min_grade)
        for kind in sorted(table, key=lambda k: (k == "overall", k)):
            n, s_success, s_mrr, p_success, p_mrr, unjudged = table[kind]
            print(
                f"{path.stem[:34]:<34} {kind:<12} {n:>4} {s_success:>11.3f} {s_mrr:>6.3f} "
                f"{p_success:>11.3f} {p_mrr:>6.3f} {unjudged:>8}",
                file=out,
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description="Pooled relevance judgments.")
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("pool", help="write the blind pool of candidates to judge")
    make.add_argument("--runs", nargs="+", required=True, help="relevance.py --json files")
    make.add_argument("--out", required=True)
    make.add_argument("--unjudged-only", action="store_true", help="leave out what is graded")
    rate = sub.add_parser("score", help="score runs strictly and with the pooled judgments")
    rate.add_argument("--runs", nargs="+", required=True, help="relevance.py --json files")
    rate.add_argument("--judgments", default=str(JUDGMENTS))
    rate.add_argument("--min-grade", type=int, default=ANSWERS, choices=(1, 2))
    add = sub.add_parser("merge", help="add an assessor's grades to the judgments")
    add.add_argument("grades")
    args = parser.parse_args(argv)
    if args.command == "pool":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
        judged = json.loads(JUDGMENTS.read_text(encoding="utf-8")) if args.unjudged_only else None
        pool(args.runs, args.out, judged)
    elif args.command == "merge":
        merge(args.grades)
    else:
        score(args.runs, Path(args.judgments), args.min_grade)


if __name__ == "__main__":
    main()
