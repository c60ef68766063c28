"""Relevance benchmark for the portal's Chinese site search.

Runs the judged queries of ``queries.json`` (next to this file) through one search backend
and reports, per query kind and overall:

* ``n``           — number of queries;
* ``success@10``  — share of queries for which at least one of the ``expected`` corpus ids
  is among the first 10 results;
* ``MRR@10``      — mean reciprocal rank: for each query 1/r, where r is the rank (1–10) of
  the best-placed ``expected`` id, or 0 when none is in the top 10; averaged over queries.

``acceptable`` ids in the query file are relevant but not required; they do not count.
Each miss is listed with its expected ids and the titles of the top 3 results.

Usage (from the project root; the database is whatever ``DATABASE_URL`` points to, see
``build_db.py`` for building one with the whole corpus)::

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 \\
        .venv/bin/python -m benchmarks.search.relevance --backend stock
    ... --limit-kinds typo,pinyin --json /tmp/stock.json
    ... --backend some.module:search_ids     # any callable, without registering it

A backend is a callable ``(query: str, limit: int) -> list[str]`` returning corpus ids
(``NormativeDocumentPage.corpus_id``) best first. Register one with one line in
``BACKENDS``, either as the callable or as a lazily imported ``"module:function"`` path.

Registered now:

* ``stock``   — Wagtail's ``NormativeDocumentPage.objects.live().search(q)[:10]`` through
  modelsearch's own database backend (``modelsearch.backends.database``), pinned, since
  the project's default has become the Chinese-aware backend;
* ``default`` — the same call through whatever ``WAGTAILSEARCH_BACKENDS["default"]`` is;
* ``chinese_db`` — the same call through the Chinese-aware ``search.backends.database``.

The database backends keep their index in the database itself and the stock and Chinese
ones write different index text into the same tables: benchmark a database whose index
was written by the backend under test (``build_db.py`` indexes with the settings' default;
``DJANGO_SETTINGS_MODULE=benchmarks.search.stock_settings`` makes that the stock one).
"""

import argparse
import importlib
import json
import lzma
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

K = 10
HERE = Path(__file__).resolve().parent
DEFAULT_QUERIES = HERE / "queries.json"
CORPUS = HERE.parents[1] / "disclosure" / "normative" / "data" / "laws.jsonl.xz"


def wagtail_search(backend="default"):
    """A backend function running Wagtail's page search through one modelsearch backend
    (an alias of ``WAGTAILSEARCH_BACKENDS`` or a dotted module path)."""

    def search(query, limit=K):
        from disclosure.normative.models import NormativeDocumentPage

        results = NormativeDocumentPage.objects.live().search(query, backend=backend)[:limit]
        return [page.corpus_id for page in results]

    search.__doc__ = f"NormativeDocumentPage.objects.live().search(q, backend={backend!r})"
    return search


def service_search(query, limit=K):
    """The project's search path (``search.service``): synonyms, AND then OR, re-ranking."""
    from search.service import SearchQueryError, search

    try:
        outcome = search(query, page_size=limit)
    except SearchQueryError:
        return []
    return [getattr(page, "corpus_id", None) for page in outcome.results]


# name -> callable or "module:function" (imported only when chosen).
BACKENDS = {
    "stock": wagtail_search("modelsearch.backends.database"),
    "default": wagtail_search("default"),
    "chinese_db": wagtail_search("search.backends.database"),
    "service": service_search,
    # "opensearch": "benchmarks.search.opensearch:search_ids",  # e.g., once it exists
}


def resolve_backend(name):
    target = BACKENDS.get(name, name)
    if callable(target):
        return target
    if ":" not in target:
        raise SystemExit(f"unknown backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()


def corpus_titles(path=CORPUS):
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        records = (json.loads(line) for line in handle if line.strip())
        return {r["id"]: f"{r['title']}（{r.get('version') or '无版本日期'}）" for r in records}


def with_database_titles(titles, results):
    """``titles`` plus those of returned ids outside the bundled corpus (e.g. the synthetic
    records of the 100k database), read from the database, for the list of misses."""
    from disclosure.normative.models import NormativeDocumentPage

    unknown = {i for r in results for i in r["returned"][:3] if i and i not in titles}
    rows = NormativeDocumentPage.objects.filter(corpus_id__in=unknown).values_list(
        "corpus_id", "title", "version_date"
    )
    extra = {i: f"{title}（{version or '无版本日期'}）" for i, title, version in rows}
    return {**titles, **extra}


def reciprocal_rank(expected, returned, k=K):
    for rank, corpus_id in enumerate(returned[:k], start=1):
        if corpus_id in expected:
            return 1.0 / rank
    return 0.0


def evaluate(queries, search, k=K):
    """Run every query; return one result dict per query."""
    results = []
    for query in queries:
        started = time.perf_counter()
        error = None
        try:
            returned = [str(i) if i is not None else None for i in search(query["query"], k)]
        except Exception as exc:  # a crashing query is a miss, reported with its error
            returned, error = [], f"{type(exc).__name__}: {exc}"
        rr = reciprocal_rank(set(query["expected"]), returned, k)
        results.append(
            {
                "id": query["id"],
                "kind": query["kind"],
                "query": query["query"],
                "expected": query["expected"],
                "returned": returned[:k],
                "hit": rr > 0,
                "rr": rr,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "error": error,
            }
        )
    return results


def summarise(results):
    groups = defaultdict(list)
    for result in results:
        groups[result["kind"]].append(result)
    groups["overall"] = results

    def figures(rows):
        n = len(rows)
        return {
            "n": n,
            "success@10": round(sum(r["hit"] for r in rows) / n, 4) if n else 0.0,
            "MRR@10": round(sum(r["rr"] for r in rows) / n, 4) if n else 0.0,
            "mean_ms": round(sum(r["ms"] for r in rows) / n, 1) if n else 0.0,
        }

    return {kind: figures(rows) for kind, rows in groups.items()}


def report(backend, summary, results, titles, out=sys.stdout):
    print(f"backend: {backend}", file=out)
    print(f"{'kind':<12} {'n':>4} {'success@10':>11} {'MRR@10':>8} {'ms/query':>9}", file=out)
    for kind, f in summary.items():
        if kind == "overall":
            print("-" * 48, file=out)
        print(
            f"{kind:<12} {f['n']:>4} {f['success@10']:>11.3f} {f['MRR@10']:>8.3f} "
            f"{f['mean_ms']:>9.1f}",
            file=out,
        )
    misses = [r for r in results if not r["hit"]]
    print(f"\nmisses ({len(misses)}):", file=out)
    for r in misses:
        expected = "、".join(titles.get(i, i) for i in r["expected"][:2])
        if len(r["expected"]) > 2:
            expected += f" 等 {len(r['expected'])} 条"
        print(f"  {r['id']} [{r['kind']}] {r['query']}", file=out)
        print(f"      expected: {expected}", file=out)
        if r["error"]:
            print(f"      error:    {r['error']}", file=out)
        for rank, corpus_id in enumerate(r["returned"][:3], start=1):
            print(f"      {rank}. {titles.get(corpus_id, corpus_id)}", file=out)
        if not r["returned"] and not r["error"]:
            print("      (no results)", file=out)


def compare(baseline, summary, results, titles, out=sys.stdout):
    """This run beside ``baseline`` (a ``--json`` payload): MRR@10 and success@10 per kind, and
    each query whose reciprocal rank changed, with this run's first result."""
    before = baseline["summary"]
    print(f"\nbeside the baseline ({baseline['backend']}):", file=out)
    print(
        f"{'kind':<12} {'MRR base':>9} {'MRR now':>8} {'delta':>7} {'succ base':>10} "
        f"{'succ now':>9}",
        file=out,
    )
    for kind, f in summary.items():
        b = before.get(kind, {"MRR@10": 0.0, "success@10": 0.0})
        print(
            f"{kind:<12} {b['MRR@10']:>9.3f} {f['MRR@10']:>8.3f} "
            f"{f['MRR@10'] - b['MRR@10']:>+7.3f} {b['success@10']:>10.3f} "
            f"{f['success@10']:>9.3f}",
            file=out,
        )
    old = {r["id"]: r for r in baseline["queries"]}
    changed = [r for r in results if r["id"] in old and abs(r["rr"] - old[r["id"]]["rr"]) > 1e-9]
    print(f"\nreciprocal rank changed ({len(changed)}):", file=out)
    for r in changed:
        first = titles.get(r["returned"][0], r["returned"][0]) if r["returned"] else "（无结果）"
        print(
            f"  {r['id']} [{r['kind']}] {r['query']}: {old[r['id']]['rr']:.3f} -> {r['rr']:.3f}"
            f"  (now 1. {first})",
            file=out,
        )


def warn_missing(queries):
    """Expected ids absent from the database make misses that are not the search's fault."""
    from disclosure.normative.models import NormativeDocumentPage

    wanted = {i for q in queries for i in q["expected"]}
    present = set(
        NormativeDocumentPage.objects.live()
        .filter(corpus_id__in=wanted)
        .values_list("corpus_id", flat=True)
    )
    if wanted - present:
        print(
            f"warning: {len(wanted - present)} of {len(wanted)} expected ids are not live in "
            f"the database (build it with benchmarks/search/build_db.py)",
            file=sys.stderr,
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description="Relevance benchmark: success@10 and MRR@10.")
    parser.add_argument("--backend", default="stock", help="registered name or module:function")
    parser.add_argument("--queries", default=str(DEFAULT_QUERIES), help="judged query file")
    parser.add_argument("--limit-kinds", default="", help="comma-separated kinds to run")
    parser.add_argument("--json", dest="json_path", help="also write the figures to this file")
    parser.add_argument(
        "--baseline",
        help="a --json file of another run (e.g. the 3.5k database): print the figures side by "
        "side and the queries whose reciprocal rank changed",
    )
    args = parser.parse_args(argv)

    setup_django()
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    if args.limit_kinds:
        kinds = {k.strip() for k in args.limit_kinds.split(",") if k.strip()}
        queries = [q for q in queries if q["kind"] in kinds]
    if not queries:
        raise SystemExit("no queries selected")
    warn_missing(queries)

    results = evaluate(queries, resolve_backend(args.backend))
    summary = summarise(results)
    report(args.backend, summary, results, with_database_titles(corpus_titles(), results))
    if args.baseline:
        baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
        compare(baseline, summary, results, with_database_titles(corpus_titles(), results))
    if args.json_path:
        payload = {"backend": args.backend, "k": K, "summary": summary, "queries": results}
        Path(args.json_path).write_text(
            json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
