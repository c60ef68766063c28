"""p50/p95 of service.search over the 134 benchmark queries, in process (no HTTP), on the
database of DATABASE_URL (SQLite or PostgreSQL); ``--stock`` turns the direct path of
PostgreSQL off (modelsearch's query: the figures before issue #21 item 3).

Usage::

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=cms.settings.dev \\
        .venv/bin/python -m benchmarks.search.latency_inprocess [--stock] [--rounds 2]
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stock", action="store_true", help="modelsearch's path on PostgreSQL")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.db import connection

    from search import postgres_fts, service

    if args.stock:
        postgres_fts.available = lambda: False
    queries = json.loads((Path(__file__).parent / "queries.json").read_text())
    for q in queries:  # warm-up
        service.search(q["query"])
    samples = []
    for _ in range(args.rounds):
        for q in queries:
            start = time.perf_counter()
            service.search(q["query"])
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(0.95 * (len(samples) - 1))]
    print(
        f"{connection.vendor} {'stock' if args.stock else 'direct'}: {len(queries)} queries x "
        f"{args.rounds}, p50 {statistics.median(samples):.0f} ms, p95 {p95:.0f} ms, "
        f"max {samples[-1]:.0f} ms, load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
