"""This project's public pages against a stock Wagtail 8 site serving the same law texts, in one run
on one machine (issue #16, "Measure"): p50/p95 of the home page, a column, an article and a law
page — ours from the page cache and uncached, stock (uncached: it has no page cache) — in-process
(Django's test client) and over HTTP through the same server (gunicorn, ``cms/gunicorn.py``).

    python -m benchmarks.production.versus_stock                  # 200 requests per case
    python -m benchmarks.production.versus_stock --requests 500 --laws 50

Ours: the demo database of benchmarks/production/page_cache.py (built on the first run), the
production settings (DEBUG off), the page cache in local memory (``PAGE_CACHE_SECONDS=300``;
uncached: ``PAGE_CACHE_SECONDS=0``). The law page is the demo's first law of the corpus
(``disclosure/normative/data/laws.jsonl.xz``), the column its first top-level column, the article
its first article.

Stock (benchmarks/production/stock_site): ``wagtail start``'s settings and middleware with DEBUG
off, its home page (listing its children) and a plain page type with a RichText body, in a SQLite
file of a temporary directory: a column-like index page holding ``--laws`` laws of the corpus
(the law measured among them), their text as the RichText HTML our law page renders (one
``<p>`` a paragraph), and an article holding our article's body.

Each site is set up and measured in-process in a subprocess of its own; then each is served by
gunicorn with the same options (``-c cms/gunicorn.py``; ``WEB_CONCURRENCY``/``GUNICORN_THREADS``
as given here, no access log) on a free port, and one client (``http.client``, one keep-alive
connection) asks each page ``--requests`` times after 10 warm-up requests. The parent prints one
table and the targets of the issue:

- cached ≥ 10× faster than stock (uncached) in-process, and ≥ 3× over HTTP;
- our uncached page no slower than 2× stock's: measured two ways — a page-cache miss (the page
  not in the cache, the shared fragments of every page — navigation, footer — in it, as for every
  page but the first after a change) and with the cache off altogether (nothing kept).
"""

import argparse
import contextlib
import http.client
import importlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.production import page_cache

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
STOCK_SETTINGS = "benchmarks.production.stock_site.settings"
PAGES = ("home", "column", "article", "law")
WARM_UP = 10


def percentiles(times):
    return {"p50": statistics.median(times), "p95": page_cache.percentile(times, 0.95)}


def _emit(result):
    """The child's answer: one JSON line on stdout, after whatever Django printed."""
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


def _answer(output):
    for line in output.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(output[-3000:])


def _child(*arguments, env=None):
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.production.versus_stock", *arguments],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        sys.exit(completed.stdout[-3000:] + completed.stderr[-5000:])
    return _answer(completed.stdout)


# --- ours, in-process ---------------------------------------------------------------------


def ours_in_process(args):
    page_cache.configure(args.db)
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from disclosure.columns.models import ColumnPage
    from disclosure.normative.models import NormativeDocumentPage
    from disclosure.publishing.models import ArticlePage
    from home.models import HomePage

    def first(queryset):
        return queryset.live().public().order_by("path").first()

    law = first(NormativeDocumentPage.objects.exclude(corpus_id="").exclude(corpus_id=None))
    article = first(ArticlePage.objects)
    paths = {
        "home": first(HomePage.objects).get_url_parts()[2],
        "column": first(ColumnPage.objects.filter(depth=3)).get_url_parts()[2],
        "article": article.get_url_parts()[2],
        "law": law.get_url_parts()[2],
    }
    # Started as gunicorn starts it: the WSGI module loads the analysis dictionaries and
    # freezes the start-up objects out of the garbage collector's passes (cms/wsgi.py).
    importlib.import_module("cms.wsgi")
    setup_test_environment()
    client = Client(HTTP_HOST="localhost")
    result = {"paths": paths, "law_corpus_id": law.corpus_id, "law_title": law.title}
    result["article"] = {"title": article.title, "body": str(article.body)}
    result["uncached"], result["cached"], result["miss"], result["bytes"] = {}, {}, {}, {}
    for label, path in paths.items():
        with override_settings(PAGE_CACHE_SECONDS=0):
            uncached, size = page_cache.measure(client, path, args.requests, expect=None)
        cached, _ = page_cache.measure(client, path, args.requests, expect="hit")
        result["uncached"][label] = percentiles(uncached)
        result["cached"][label] = percentiles(cached)
        # A page not in the page cache while the site's shared fragments are (every page but
        # the first after a change): each request a query string of its own.
        misses, _ = page_cache.measure(client, path, args.requests, expect="miss", vary=True)
        result["miss"][label] = percentiles(misses)
        result["bytes"][label] = size
    _emit(result)


# --- stock, built and measured in-process ---------------------------------------------------


def stock_in_process(args):
    """Build the stock site in ``args.stock_db`` and measure it with the test client."""
    os.environ["DJANGO_SETTINGS_MODULE"] = STOCK_SETTINGS
    os.environ["STOCK_DB"] = str(args.stock_db)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    call_command("migrate", interactive=False, verbosity=0)
    paths = build_stock(json.loads(args.ours))
    importlib.import_module("benchmarks.production.stock_site.wsgi")  # as gunicorn starts it
    setup_test_environment()
    client = Client(HTTP_HOST="localhost")
    result = {"paths": paths, "uncached": {}, "bytes": {}}
    for label, path in paths.items():
        times, size = page_cache.measure(client, path, args.requests, expect=None)
        result["uncached"][label] = percentiles(times)
        result["bytes"][label] = size
    _emit(result)


def build_stock(ours):
    """The stock pages: a home, a column of ``--laws`` corpus laws (ours among them), an
    article. Returns their paths."""
    from django.db import transaction
    from wagtail.models import Page, Site

    from benchmarks.production.stock_site.models import ContentPage, HomePage
    from disclosure.normative.corpus import CorpusDocument, read_records
    from disclosure.publishing import markdown_body

    wanted = ours["law_corpus_id"]
    laws = []
    for _number, record in read_records():
        if isinstance(record, Exception):
            continue
        document = CorpusDocument.from_record(record)
        if document.corpus_id == wanted:
            laws.insert(0, document)
        elif len(laws) < ours["laws"] - 1:
            laws.append(document)
        if laws and laws[0].corpus_id == wanted and len(laws) >= ours["laws"]:
            break
    assert laws[0].corpus_id == wanted, wanted

    with transaction.atomic():
        root = Page.get_first_root_node()
        for page in root.get_children():
            page.delete()
        home = root.add_child(instance=HomePage(title="首页", slug="home"))
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        column = home.add_child(instance=ContentPage(title="法律法规", slug="laws"))
        article = home.add_child(
            instance=ContentPage(
                title=ours["article"]["title"], slug="article", body=ours["article"]["body"]
            )
        )
        law = None
        for document in laws:
            page = column.add_child(
                instance=ContentPage(
                    title=document.title[:255],
                    slug=document.corpus_id,
                    body=str(markdown_body.to_html(document.body)),
                )
            )
            page.save_revision().publish()
            law = law or page
        for page in (home, column, article):
            page.save_revision().publish()
    return {
        "home": home.url_path.removeprefix("/home"),
        "column": column.url_path.removeprefix("/home"),
        "article": article.url_path.removeprefix("/home"),
        "law": law.url_path.removeprefix("/home"),
    }


# --- over HTTP, through gunicorn ------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(wsgi, env, args):
    port = free_port()
    env = {
        **os.environ,
        **env,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_THREADS": str(args.threads),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    for name in ("CACHE_URL", "GUNICORN_BIND", "HOST"):
        env.pop(name, None)
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "cms/gunicorn.py", wsgi], cwd=ROOT, env=env, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    sys.exit(f"gunicorn {wsgi}: {process.stderr.read().decode()[-3000:]}")
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=60)


def over_http(port, paths, count, expect=None, miss=False):
    """p50/p95 (ms) per page: one keep-alive connection, ``count`` requests after the warm-up;
    with ``miss``, each request a query string of its own (a page not yet in the cache)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    # Behind the TLS-terminating proxy, as in production (SECURE_PROXY_SSL_HEADER).
    headers = {"Host": "localhost", "X-Forwarded-Proto": "https"}
    results = {}
    for label, path in paths.items():
        times = []
        for index in range(WARM_UP + count):
            start = time.perf_counter()
            asked = f"{path}?miss={index}" if miss else path
            connection.request("GET", asked, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            assert response.status == 200, (port, path, response.status)
            if index >= WARM_UP:
                # (gunicorn's workers each fill their own local-memory cache in the warm-up.)
                assert expect is None or response.getheader("X-Cache") == expect, (path, expect)
                times.append(elapsed * 1000)
        results[label] = percentiles(times)
    connection.close()
    return results


# --- the parent -----------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--laws", type=int, default=20, help="corpus laws in the stock site")
    parser.add_argument("--db", type=Path, default=page_cache.DEFAULT_DB, help="our demo database")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's WEB_CONCURRENCY")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn's GUNICORN_THREADS")
    parser.add_argument("--child", choices=["ours", "stock"], help=argparse.SUPPRESS)
    parser.add_argument("--stock-db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ours", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "ours":
        return ours_in_process(args)
    if args.child == "stock":
        return stock_in_process(args)

    if not args.db.exists():
        page_cache.build(args.db)
    common = ["--requests", str(args.requests), "--db", str(args.db)]
    ours = _child("--child", "ours", *common)
    with tempfile.TemporaryDirectory(prefix="stock-wagtail-") as tmp:
        stock_db = Path(tmp) / "stock.sqlite3"
        handed = {"laws": args.laws, **{k: ours[k] for k in ("law_corpus_id", "article")}}
        stock = _child(
            "--child",
            "stock",
            *common,
            "--stock-db",
            str(stock_db),
            "--ours",
            json.dumps(handed, ensure_ascii=False),
        )
        stock_env = {
            "DJANGO_SETTINGS_MODULE": STOCK_SETTINGS,
            "STOCK_DB": str(stock_db),
            "STOCK_STATIC_ROOT": str(Path(tmp) / "static"),
        }
        with gunicorn("benchmarks.production.stock_site.wsgi", stock_env, args) as port:
            stock["http"] = over_http(port, stock["paths"], args.requests)
    ours_env = {
        "DATABASE_URL": f"sqlite:///{args.db}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "localhost",
        "STATIC_ROOT": str(args.db.parent / "static"),
    }
    with gunicorn("cms.wsgi", {**ours_env, "PAGE_CACHE_SECONDS": "0"}, args) as port:
        ours["http_uncached"] = over_http(port, ours["paths"], args.requests)
    with gunicorn("cms.wsgi", {**ours_env, "PAGE_CACHE_SECONDS": "300"}, args) as port:
        ours["http_cached"] = over_http(port, ours["paths"], args.requests, expect="hit")
        ours["http_miss"] = over_http(port, ours["paths"], args.requests, "miss", miss=True)
    report(args, ours, stock)


def report(args, ours, stock):
    def cell(value):
        return f"{value['p50']:7.2f} /{value['p95']:7.2f}"

    print(
        f"ours vs stock Wagtail 8 — {args.requests} requests per case after {WARM_UP} warm-up; "
        f"ours: demo database, production settings, page cache in local memory; stock: "
        f"`wagtail start` settings, DEBUG off, {args.laws} corpus laws; HTTP: gunicorn "
        f"-c cms/gunicorn.py, {args.workers} workers x {args.threads} threads, one keep-alive "
        f"client; {os.cpu_count()} cores"
    )
    print(f"law: {ours['law_title']} (corpus {ours['law_corpus_id']})")
    print("p50 / p95 ms")
    header = f"{'page':8} {'ours bytes':>10} {'stock bytes':>11}"
    names = ("ours cached", "ours miss", "ours uncached", "stock")
    for where in ("proc", "http"):
        for name in names:
            header += f" {name + f' ({where})':>18}"
    print(header)
    for label in PAGES:
        row = f"{label:8} {ours['bytes'][label]:10d} {stock['bytes'][label]:11d}"
        for value in (ours["cached"], ours["miss"], ours["uncached"], stock["uncached"]):
            row += f" {cell(value[label]):>18}"
        for value in (ours["http_cached"], ours["http_miss"], ours["http_uncached"], stock["http"]):
            row += f" {cell(value[label]):>18}"
        print(row)
    print(
        "(miss: a page not in the page cache, the shared fragments — navigation, footer — in it:"
        " every page but the first after a change; uncached: page cache and fragments off)"
    )
    print("targets (p50, every page):")
    targets = (
        ("cached >= 10x faster than stock, in-process", ours["cached"], stock["uncached"], 10),
        ("cached >= 3x faster than stock, over HTTP", ours["http_cached"], stock["http"], 3),
    )
    for text, mine, theirs, factor in targets:
        ratios = {label: theirs[label]["p50"] / mine[label]["p50"] for label in PAGES}
        met = all(ratio >= factor for ratio in ratios.values())
        shown = ", ".join(f"{label} {ratio:.1f}x" for label, ratio in ratios.items())
        print(f"  {text}: {shown} — {'met' if met else 'NOT MET'}")
    for text, mine, theirs in (
        ("page-cache miss <= 2x stock, in-process", ours["miss"], stock["uncached"]),
        ("page-cache miss <= 2x stock, over HTTP", ours["http_miss"], stock["http"]),
        ("uncached <= 2x stock, in-process", ours["uncached"], stock["uncached"]),
        ("uncached <= 2x stock, over HTTP", ours["http_uncached"], stock["http"]),
    ):
        ratios = {label: mine[label]["p50"] / theirs[label]["p50"] for label in PAGES}
        met = all(ratio <= 2 for ratio in ratios.values())
        shown = ", ".join(f"{label} {ratio:.2f}x" for label, ratio in ratios.items())
        print(f"  {text}: {shown} — {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
