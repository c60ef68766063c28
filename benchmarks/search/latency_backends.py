"""Search latency on the embedded default and through an engine, in one run (issue #21 item 1).

Usage (an engine running, e.g. ``OPENSEARCH_PORT=9271 bash .ci/opensearch.sh start``)::

    .venv/bin/python -m benchmarks.search.latency_backends --database /tmp/bench/sqlite-3k.sqlite3 \\
        [--engine-url http://127.0.0.1:9271] [--postgres-url postgres://…/bench3k] \\
        [--rounds 1] [--build-engine-index]

It runs :mod:`benchmarks.search.latency` over the same queries and server: first with the
embedded default on the SQLite file (FTS5), then, given ``--postgres-url`` (a database built
from the same corpus, ``build_db.py --db postgres://…``), with the embedded default on
PostgreSQL (``tsvector``), then with ``SEARCH_BACKEND=opensearch2`` at
``--engine-url`` (index prefix ``--index-prefix``; ``--build-engine-index`` runs
``update_index`` into it first, timed). It prints each report and then one table of p50/p95
per endpoint and backend, and whether each met the API target (p95 <= 50 ms at 3.5k
documents, <= 100 ms at 100k: ``--target-ms``).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.search import latency

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def build_engine_index(database, engine_url, prefix, root):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        SEARCH_BACKEND="opensearch2",
        SEARCH_URL=engine_url,
        SEARCH_INDEX_PREFIX=prefix,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "update_index", "--backend", "default"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        timeout=7200,
    )
    return time.perf_counter() - started


def run(database, extra, rounds, port, root, label):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        path = handle.name
    argv = ["--database", str(database), "--rounds", str(rounds), "--port", str(port)]
    argv += ["--json", path, "--project-root", str(root), "--label", label, *extra]
    status = latency.main(argv)
    result = json.loads(Path(path).read_text(encoding="utf-8"))
    Path(path).unlink()
    return status, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="SQLite file with the corpus")
    parser.add_argument("--engine-url", help="an OpenSearch node (leave out: no engine run)")
    parser.add_argument(
        "--postgres-url", help="postgres://… holding the same corpus (the production database)"
    )
    parser.add_argument("--index-prefix", default="bench_")
    parser.add_argument("--build-engine-index", action="store_true")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--project-root", default=str(PROJECT_ROOT))
    parser.add_argument("--target-ms", type=float, default=50)
    args = parser.parse_args(argv)
    database = Path(args.database).resolve()
    root = Path(args.project_root).resolve()
    os.environ["SEARCH_INDEX_PREFIX"] = args.index_prefix

    build_seconds = None
    if args.build_engine_index and args.engine_url:
        build_seconds = build_engine_index(database, args.engine_url, args.index_prefix, root)
    runs = [("embedded default (SQLite)", database, [])]
    if args.postgres_url:
        runs.append(("embedded default (PostgreSQL)", args.postgres_url, []))
    if args.engine_url:
        runs.append((f"engine {args.engine_url}", database, ["--search-url", args.engine_url]))
    statuses, results = [], []
    for number, (name, where, extra) in enumerate(runs):
        status, result = run(where, extra, args.rounds, args.port + number, root, name)
        statuses.append(status)
        results.append((name, result))

    lines = ["", "Side by side (ms; same corpus, queries and server):", ""]
    lines.append(f"{'backend':<36}{'endpoint':<10}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}")
    for name, result in results:
        for endpoint in latency.ENDPOINTS:
            s = result["summary"][endpoint]
            lines.append(
                f"{name:<36}{endpoint:<10}{s['n']:>6}{s['p50']:>9.1f}{s['p95']:>9.1f}{s['p99']:>9.1f}"
            )
    lines += ["", f"Corpus: {results[0][1]['corpus']['live_pages']} live pages."]
    for name, result in results:
        api_p95 = result["summary"]["api"]["p95"]
        verdict = "met" if api_p95 <= args.target_ms else "NOT met"
        lines.append(
            f"{name}: API p95 {api_p95:.1f} ms, target <= {args.target_ms:.0f} ms: {verdict}."
        )
    if build_seconds is not None:
        lines.append(f"Engine index build (update_index): {build_seconds:.1f} s")
    print("\n".join(lines))
    return max(statuses)


if __name__ == "__main__":
    sys.exit(main())
