"""In-process latency of ``search.service.search`` on whatever database ``DATABASE_URL`` names.

The HTTP benchmark (``latency.py``) serves a SQLite file; this one times the search path itself
on any database — PostgreSQL in particular (issue #21 item 3) — with the same queries (the judged
set plus the most frequent corpus words), one warm-up pass, then ``--rounds`` timed passes::

    DATABASE_URL=postgres://… python -m benchmarks.search.service_latency [--rounds 2] [--slowest 8]

It prints the database, the corpus size, p50/p95/p99/max in ms (nearest rank) and the slowest
queries by their median. No HTTP, template or middleware time is included: add what
``latency.py`` measures over HTTP on SQLite for the rest (a few ms).
"""

import argparse
import os
import statistics
import time


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--slowest", type=int, default=8)
    parser.add_argument("--top-words", type=int, default=50)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.db import connection
    from wagtail.models import Page

    from search import service
    from search.models import QueryLog

    from .latency import load_queries, percentile

    queries = [query for query, _source in load_queries(args.top_words)]
    log_start = QueryLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for query in queries:
        service.search(query)
    times = {query: [] for query in queries}
    for _round in range(args.rounds):
        for query in queries:
            started = time.perf_counter()
            service.search(query)
            times[query].append((time.perf_counter() - started) * 1000)
    QueryLog.objects.filter(pk__gt=log_start).delete()

    samples = sorted(ms for values in times.values() for ms in values)
    print("Search service latency (benchmarks/search/service_latency.py)")
    print(f"Database:   {connection.vendor} {connection.settings_dict.get('NAME')}")
    print(f"Backend:    {django.conf.settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}")
    print(f"Corpus:     {Page.objects.live().count()} live pages")
    print(f"Queries:    {len(queries)} × {args.rounds} rounds (+1 warm-up pass)")
    print(f"Load:       {os.getloadavg()[0]:.2f} (1-minute load average at the end)")
    p50, p95, p99 = (percentile(samples, p) for p in (50, 95, 99))
    print(
        f"Latency:    p50 {p50:.1f} ms  p95 {p95:.1f} ms  p99 {p99:.1f} ms  max {samples[-1]:.1f} ms"
    )
    print("Slowest (median ms):")
    slowest = sorted(times.items(), key=lambda item: -statistics.median(item[1]))
    for query, values in slowest[: args.slowest]:
        print(f"  {statistics.median(values):8.1f}  {query}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
