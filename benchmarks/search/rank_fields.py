"""What re-ranking's reads cost (``service.rank_fields``) for candidates of many page types, in
process, on the database of DATABASE_URL: a search re-ranks up to 200 candidates, and on a
bureau's site they are laws, notices, policies, penalties and reports mixed.

Usage (the demo database of benchmarks/production/page_cache.py holds every page type)::

    DATABASE_URL=sqlite:////tmp/pc-bench/demo.sqlite3 DJANGO_SETTINGS_MODULE=cms.settings.dev \\
        .venv/bin/python -m benchmarks.search.rank_fields [--sets 5] [--size 200] [--repeat 7]

It draws ``--sets`` random sets of ``--size`` live pages of the item types (seed 1) and prints
the candidates' mix of types and the best of ``--repeat`` timings of ``rank_fields`` per set.
"""

import argparse
import os
import random
import time
from collections import Counter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", type=int, default=5)
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from search import service

    types = {ContentType.objects.get_for_model(m).pk: m.__name__ for m in service.item_models()}
    pages = list(
        Page.objects.filter(live=True, content_type__in=types).values_list("pk", "content_type")
    )
    mix = Counter(types[content_type] for _pk, content_type in pages)
    print(f"{len(pages)} live pages of the item types: {dict(mix.most_common())}")
    rng = random.Random(1)
    sets = [
        {pk for pk, _ct in rng.sample(pages, min(args.size, len(pages)))} for _ in range(args.sets)
    ]
    for ids in sets:  # warm-up
        service.rank_fields(ids)
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        for ids in sets:
            service.rank_fields(ids)
        best = min(best, (time.perf_counter() - started) / len(sets))
    print(
        f"rank_fields, {args.size} candidates: {best * 1000:.2f} ms a call (best of {args.repeat})"
    )


if __name__ == "__main__":
    main()
