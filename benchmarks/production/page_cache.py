"""The page cache's effect on public pages, in-process (issue #18): p50/p95 of the home page, a
column, an article and a law page with the cache off and served from it.

    python -m benchmarks.production.page_cache                      # builds /tmp/pc-bench/demo.sqlite3
    python -m benchmarks.production.page_cache --db /tmp/x.sqlite3 --requests 300
    python -m benchmarks.production.page_cache --redis       # the cache in a private redis-server

The database is the demo (``manage.py migrate`` and ``load_demo`` into a SQLite file, made on
the first run in a subprocess; reused afterwards). Requests go through Django's test client
with the production settings (``DEBUG`` off, a throwaway ``SECRET_KEY``, the portal's static
files collected beside the database) and the page cache in local memory (one process here), or
with ``--redis`` in a redis-server started for the run on a free local port (``CACHE_URL``, as
production shares it: two round trips per cached request, the generation and the page): the whole middleware stack and the view, no HTTP server and no network.
Uncached: ``PAGE_CACHE_SECONDS=0``. Cached: the first request stores the page (``X-Cache:
miss``), the timed ones are hits (checked). Each case: 10 warm-up requests, then ``--requests``.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = Path("/tmp/pc-bench/demo.sqlite3")


def build(db):
    db.parent.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    }
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def pages():
    """(label, path) of the pages measured: the first live page of each kind."""
    from wagtail.models import Page

    from disclosure.columns.models import ColumnPage
    from disclosure.normative.models import NormativeDocumentPage
    from disclosure.publishing.models import ArticlePage
    from home.models import HomePage

    def path_of(model, **filters):
        page = model.objects.live().public().filter(**filters).order_by("path").first()
        return page.get_url_parts()[2]

    column = (
        ColumnPage.objects.live()
        .public()
        .filter(depth=3)
        .order_by("path")
        .first()
        .get_url_parts()[2]
    )
    return [
        ("home", path_of(HomePage)),
        ("column", column),
        ("article", path_of(ArticlePage)),
        ("law", path_of(NormativeDocumentPage)),
    ], Page.objects.live().count()


def measure(client, path, count, expect, vary=False):
    """``count`` timed requests of ``path`` after 10 warm-up ones; ``vary``: each with a query
    string of its own (a page not yet in the page cache)."""
    times = []
    for index in range(10 + count):
        start = time.perf_counter()
        response = client.get(f"{path}?miss={index}" if vary else path, secure=True)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (path, response.status_code)
        assert response.get("X-Cache") == expect or index == 0, (path, response.get("X-Cache"))
        if index >= 10:
            times.append(elapsed * 1000)
    return times, len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--redis", action="store_true", help="the cache in a private redis-server")
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db)
    redis = start_redis() if args.redis else None
    try:
        run(args)
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=30)


def start_redis():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    os.environ["CACHE_URL"] = f"redis://127.0.0.1:{port}/0"
    return process


def configure(db, redis=False):
    """Django set up in this process as in production (the demo database ``db``, the page cache
    in local memory, or in Redis with ``redis``), the portal's static files collected."""
    os.environ.update(
        DATABASE_URL=f"sqlite:///{db}",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="benchmark-only-not-secret",  # noqa: S105
        ALLOWED_HOSTS="localhost",
        # An hour, longer than a run: a cached page must not expire in the middle of one.
        PAGE_CACHE_SECONDS="3600",
        # The test client speaks plain HTTP: no TLS proxy in front to redirect to.
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(db.parent / "static"),
    )
    if not redis:
        os.environ.pop("CACHE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    if not (db.parent / "static" / "staticfiles.json").exists():
        from django.core.management import call_command

        # The portal's static files (hashed names for the templates; the admin's left out).
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["admin", "rest_framework", "wagtail*"],
        )


def run(args):
    configure(args.db, args.redis)
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()  # the test client's response attributes; changes no setting read here
    cases, live = pages()
    client = Client(HTTP_HOST="localhost")
    print(
        f"page cache benchmark — demo database {args.db} ({live} live pages), "
        f"{args.requests} requests per case after 10 warm-up, Django test client in-process, "
        f"production settings, cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )
    print(
        f"{'page':8} {'path':48} {'bytes':>7} {'uncached p50/p95 ms':>20} {'cached p50/p95 ms':>18}"
    )
    for label, path in cases:
        with override_settings(PAGE_CACHE_SECONDS=0):
            uncached, size = measure(client, path, args.requests, expect=None)
        cached, _ = measure(client, path, args.requests, expect="hit")
        print(
            f"{label:8} {path[:48]:48} {size:7d} "
            f"{statistics.median(uncached):9.2f} / {percentile(uncached, 0.95):7.2f} "
            f"{statistics.median(cached):8.2f} / {percentile(cached, 0.95):6.2f}"
        )


if __name__ == "__main__":
    main()
