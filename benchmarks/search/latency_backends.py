"""Search latency on the embedded default and through an engine, in one run (issue #21 item 1).

Usage (an engine running, e.g. ``OPENSEARCH_PORT=9271 bash .ci/opensearch.sh start``)::

    .venv/bin/python -m benchmarks.search.latency_backends --database /tmp/bench/sqlite-3k.sqlite3 \\
        --engine-url http://127.0.0.1:9271 [--rounds 1] [--build-engine-index]

It runs :mod:`benchmarks.search.latency` twice over the same database, queries and server:
first with the embedded default (FTS5), then with ``SEARCH_BACKEND=opensearch2`` at
``--engine-url`` (index prefix ``--index-prefix``; ``--build-engine-index`` runs
``update_index`` into it first, timed). It prints both reports and then one table of p50/p95
per endpoint and backend, and whether the engine met its target (p95 <= 50 ms at 3.5k
documents, <= 100 ms at 100k).
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
    parser.add_argument("--database", required=True)
    parser.add_argument("--engine-url", required=True)
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
    if args.build_engine_index:
        build_seconds = build_engine_index(database, args.engine_url, args.index_prefix, root)
    status_a, embedded = run(database, [], args.rounds, args.port, root, "embedded default")
    extra = ["--search-url", args.engine_url]
    status_b, engine = run(database, extra, args.rounds, args.port + 1, root, "engine")

    lines = ["", "Side by side (ms; same database, queries and server):", ""]
    lines.append(f"{'backend':<36}{'endpoint':<10}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}")
    for name, result in (("embedded default", embedded), (f"engine {args.engine_url}", engine)):
        for endpoint in latency.ENDPOINTS:
            s = result["summary"][endpoint]
            lines.append(
                f"{name:<36}{endpoint:<10}{s['n']:>6}{s['p50']:>9.1f}{s['p95']:>9.1f}{s['p99']:>9.1f}"
            )
    corpus = embedded["corpus"]["live_pages"]
    api_p95 = engine["summary"]["api"]["p95"]
    lines += [
        "",
        f"Corpus: {corpus} live pages. Engine API p95 {api_p95:.1f} ms, target <= "
        f"{args.target_ms:.0f} ms: {'met' if api_p95 <= args.target_ms else 'NOT met'}.",
    ]
    if build_seconds is not None:
        lines.append(f"Engine index build (update_index): {build_seconds:.1f} s")
    print("\n".join(lines))
    return status_a or status_b


if __name__ == "__main__":
    sys.exit(main())
