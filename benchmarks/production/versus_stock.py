"""This project's public pages against a stock Wagtail 8 site serving the same law texts, in one run
on one machine (issue #16, "Measure"): p50/p95 of the home page, a column, an article and a law
page — ours from the page cache and uncached, stock (uncached: it has no page cache) — in-process
(Django's test client) and over HTTP through the same server (gunicorn, ``cms/gunicorn.py``).

    python -m benchmarks.production.versus_stock                  # 200 requests per case
    python -m benchmarks.production.versus_stock --requests 500 --laws 50 --block 25

Ours: the demo database of benchmarks/production/page_cache.py (built on the first run), the
production settings (DEBUG off), the page cache in local memory (``PAGE_CACHE_SECONDS=3600``,
longer than a run; uncached: ``PAGE_CACHE_SECONDS=0``). The law page is the demo's first law of the corpus
(``disclosure/normative/data/laws.jsonl.xz``), the column its first top-level column, the article
its first article.

Stock (benchmarks/production/stock_site): ``wagtail start``'s settings and middleware with DEBUG
off, its home page (listing its children) and a plain page type with a RichText body, in a SQLite
file of a temporary directory: a column-like index page holding ``--laws`` laws of the corpus
(the law measured among them), their text as the RichText HTML our law page renders (one
``<p>`` a paragraph), and an article holding our article's body.

Each site is set up in-process in a subprocess of its own (Django's test client); then each is
served by gunicorn with the same options (``-c cms/gunicorn.py``; ``WEB_CONCURRENCY``/
``GUNICORN_THREADS`` as given here, no access log) on a free port, and one client
(``http.client``, one keep-alive connection a server) asks each page ``--requests`` times after
10 warm-up requests. The cases are **alternated** in blocks of ``--block`` requests (stock, ours
uncached, ours cached, ours on a miss; then the next block), the sites' processes all started
at once: a machine whose speed drifts during the run (a shared one drifted by 1.5× between
runs of a few minutes) then slows every case alike, and the ratios hold. The parent prints one
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


class Worker:
    """A site set up in a child process (``--child``), measuring blocks of requests when asked
    (:func:`serve_blocks`): its first answer describes the site."""

    def __init__(self, *arguments):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.production.versus_stock", *arguments],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.info = self._read()

    def _read(self):
        lines = []
        for line in self.process.stdout:
            if line.startswith("RESULT "):
                return json.loads(line[len("RESULT ") :])
            lines.append(line)
        sys.exit(f"child {self.process.args[3:5]} ended: {''.join(lines)[-3000:]}")

    def block(self, label, mode, count):
        self.process.stdin.write(json.dumps({"label": label, "mode": mode, "count": count}) + "\n")
        self.process.stdin.flush()
        return self._read()["times"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def serve_blocks(client, paths, override_settings):
    """The child's loop: each line on stdin asks for ``count`` timed requests of one page in one
    mode (``uncached``: page cache and fragments off; ``cached``: from the page cache; ``miss``:
    a query string of its own each, the fragments kept); 10 warm-up requests before a page's
    first block in a mode, and before a cached block one untimed request (the page back in the
    local-memory cache if a miss block's entries culled it). Answers the times (ms)."""
    warmed, missed = set(), 0
    for line in sys.stdin:
        asked = json.loads(line)
        path, mode, count = paths[asked["label"]], asked["mode"], asked["count"]
        settings = {"PAGE_CACHE_SECONDS": 0} if mode == "uncached" else {}
        expect = {"uncached": None, "cached": "hit", "miss": "miss"}.get(mode)
        times = []
        with override_settings(**settings):
            if (path, mode) not in warmed:
                for _ in range(WARM_UP):
                    missed += 1
                    client.get(f"{path}?miss=w{missed}" if mode == "miss" else path, secure=True)
                warmed.add((path, mode))
            if mode == "cached":
                client.get(path, secure=True)  # back in the cache if a miss block culled it
            for _ in range(count):
                missed += 1
                asked_path = f"{path}?miss={missed}" if mode == "miss" else path
                start = time.perf_counter()
                response = client.get(asked_path, secure=True)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, response.status_code)
                assert expect is None or response.get("X-Cache") == expect, (path, mode)
        _emit({"times": times})


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
    sizes = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for label, path in paths.items():
            sizes[label] = len(client.get(path, secure=True).content)
    _emit(
        {
            "paths": paths,
            "bytes": sizes,
            "law_corpus_id": law.corpus_id,
            "law_title": law.title,
            "article": {"title": article.title, "body": str(article.body)},
        }
    )
    serve_blocks(client, paths, override_settings)


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
    from django.test.utils import override_settings, setup_test_environment

    call_command("migrate", interactive=False, verbosity=0)
    paths = build_stock(json.loads(args.ours))
    importlib.import_module("benchmarks.production.stock_site.wsgi")  # as gunicorn starts it
    setup_test_environment()
    client = Client(HTTP_HOST="localhost")
    sizes = {label: len(client.get(path, secure=True).content) for label, path in paths.items()}
    _emit({"paths": paths, "bytes": sizes})
    serve_blocks(client, paths, override_settings)


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
        # No worker replaced during a run (production's default: after 2,000 requests): a new
        # worker's empty local-memory cache would answer a "cached" block with misses.
        "GUNICORN_MAX_REQUESTS": "1000000",
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


class HttpSite:
    """A site served by gunicorn, asked for blocks of requests as :class:`Worker` is: one
    keep-alive connection, 10 warm-up requests before a page's first block in a mode (gunicorn's
    workers each fill their own local-memory cache then)."""

    def __init__(self, port, paths):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.paths, self.warmed, self.missed = paths, set(), 0

    def _get(self, path):
        # Behind the TLS-terminating proxy, as in production (SECURE_PROXY_SSL_HEADER).
        self.connection.request(
            "GET", path, headers={"Host": "localhost", "X-Forwarded-Proto": "https"}
        )
        response = self.connection.getresponse()
        response.read()
        assert response.status == 200, (path, response.status)
        return response

    def block(self, label, mode, count):
        path = self.paths[label]
        if (path, mode) not in self.warmed:
            for _ in range(WARM_UP):
                self.missed += 1
                self._get(f"{path}?miss=w{self.missed}" if mode == "miss" else path)
            self.warmed.add((path, mode))
        if mode == "cached":
            self._get(
                path
            )  # back in the cache if a miss block culled it (local memory, 300 entries)
        expect = {"cached": "hit", "miss": "miss"}.get(mode)
        times = []
        for _ in range(count):
            self.missed += 1
            start = time.perf_counter()
            response = self._get(f"{path}?miss={self.missed}" if mode == "miss" else path)
            times.append((time.perf_counter() - start) * 1000)
            assert expect is None or response.getheader("X-Cache") == expect, (path, mode)
        return times

    def close(self):
        self.connection.close()


def alternate(cases, requests, block):
    """p50/p95 (ms) per case and page: ``cases`` are (site, mode, name); every case asked
    ``block`` requests of a page in turn, page after page, until each has ``requests``."""
    times = {name: {label: [] for label in PAGES} for _site, _mode, name in cases}
    done = 0
    while done < requests:
        count = min(block, requests - done)
        for label in PAGES:
            for site, mode, name in cases:
                times[name][label] += site.block(label, mode, count)
        done += count
    return {
        name: {label: percentiles(t) for label, t in pages.items()} for name, pages in times.items()
    }


# --- the parent -----------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--block", type=int, default=20, help="requests a case asks in turn")
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
    common = ["--db", str(args.db)]
    ours_env = {
        "DATABASE_URL": f"sqlite:///{args.db}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "localhost",
        "STATIC_ROOT": str(args.db.parent / "static"),
    }
    with tempfile.TemporaryDirectory(prefix="stock-wagtail-") as tmp:
        stock_db = Path(tmp) / "stock.sqlite3"
        ours = Worker("--child", "ours", *common)
        handed = {"laws": args.laws, **{k: ours.info[k] for k in ("law_corpus_id", "article")}}
        stock = Worker(
            "--child",
            "stock",
            *common,
            "--stock-db",
            str(stock_db),
            "--ours",
            json.dumps(handed, ensure_ascii=False),
        )
        in_process = alternate(
            [
                (stock, "uncached", "stock"),
                (ours, "uncached", "uncached"),
                (ours, "cached", "cached"),
                (ours, "miss", "miss"),
            ],
            args.requests,
            args.block,
        )
        ours.close()
        stock.close()
        stock_env = {
            "DJANGO_SETTINGS_MODULE": STOCK_SETTINGS,
            "STOCK_DB": str(stock_db),
            "STOCK_STATIC_ROOT": str(Path(tmp) / "static"),
        }
        with contextlib.ExitStack() as servers:
            stock_port = servers.enter_context(
                gunicorn("benchmarks.production.stock_site.wsgi", stock_env, args)
            )
            uncached_port = servers.enter_context(
                gunicorn("cms.wsgi", {**ours_env, "PAGE_CACHE_SECONDS": "0"}, args)
            )
            cached_port = servers.enter_context(
                gunicorn("cms.wsgi", {**ours_env, "PAGE_CACHE_SECONDS": "3600"}, args)
            )
            sites = [
                HttpSite(stock_port, stock.info["paths"]),
                HttpSite(uncached_port, ours.info["paths"]),
                HttpSite(cached_port, ours.info["paths"]),
            ]
            over_http = alternate(
                [
                    (sites[0], "uncached", "stock"),
                    (sites[1], "uncached", "uncached"),
                    (sites[2], "cached", "cached"),
                    (sites[2], "miss", "miss"),
                ],
                args.requests,
                args.block,
            )
            for site in sites:
                site.close()
    report(args, ours.info, stock.info, in_process, over_http)


def report(args, ours, stock, in_process, over_http):
    def cell(value):
        return f"{value['p50']:7.2f} /{value['p95']:7.2f}"

    print(
        f"ours vs stock Wagtail 8 — {args.requests} requests per case after {WARM_UP} warm-up, "
        f"the cases alternated in blocks of {args.block}; "
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
        for measured in (in_process, over_http):
            for name in ("cached", "miss", "uncached", "stock"):
                row += f" {cell(measured[name][label]):>18}"
        print(row)
    print(
        "(miss: a page not in the page cache, the shared fragments — navigation, footer — in it:"
        " every page but the first after a change; uncached: page cache and fragments off)"
    )
    print("targets (p50, every page):")
    targets = (
        (
            "cached >= 10x faster than stock, in-process",
            in_process["cached"],
            in_process["stock"],
            10,
        ),
        ("cached >= 3x faster than stock, over HTTP", over_http["cached"], over_http["stock"], 3),
    )
    for text, mine, theirs, factor in targets:
        ratios = {label: theirs[label]["p50"] / mine[label]["p50"] for label in PAGES}
        met = all(ratio >= factor for ratio in ratios.values())
        shown = ", ".join(f"{label} {ratio:.1f}x" for label, ratio in ratios.items())
        print(f"  {text}: {shown} — {'met' if met else 'NOT MET'}")
    for text, mine, theirs in (
        ("page-cache miss <= 2x stock, in-process", in_process["miss"], in_process["stock"]),
        ("page-cache miss <= 2x stock, over HTTP", over_http["miss"], over_http["stock"]),
        ("uncached <= 2x stock, in-process", in_process["uncached"], in_process["stock"]),
        ("uncached <= 2x stock, over HTTP", over_http["uncached"], over_http["stock"]),
    ):
        ratios = {label: mine[label]["p50"] / theirs[label]["p50"] for label in PAGES}
        met = all(ratio <= 2 for ratio in ratios.values())
        shown = ", ".join(f"{label} {ratio:.2f}x" for label, ratio in ratios.items())
        print(f"  {text}: {shown} — {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
