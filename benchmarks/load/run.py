"""Load test of the production server: gunicorn with the production settings under locust.

Usage (from the project root)::

    .venv/bin/python -m benchmarks.load.run --db postgres://disclosure:disclosure@127.0.0.1:54361/load
    .venv/bin/python -m benchmarks.load.run --db ... --prepare      # migrate + demo + law corpus first
    .venv/bin/python -m benchmarks.load.run --db ... --users 100 --spawn-rate 20 --time 60s \\
        --workers 5 --wait 0.5-2.5 --out /tmp/load
    .venv/bin/python -m benchmarks.load.run --db ... --warm-up 60s    # warm caches first

Steps, each printed as it runs:

1. ``--prepare``: ``migrate``, ``load_demo`` and ``import_corpus`` (the demo and the whole
   law corpus, 3,471 documents, by the bulk path: ``load_demo --laws 4000`` imports page by
   page, ~4 documents/s) into ``--db``; then, always, ``syndication_sync`` (the feed and the
   read model caught up with the outbox, as after any bulk import).
2. ``collectstatic`` into a temporary ``STATIC_ROOT`` (the production settings use the manifest
   storage, which needs it).
3. :mod:`benchmarks.load.sample` picks the URLs (every column and article, 500 laws, 500 API
   items, the 127 search queries) and issues an API key for the change feed.
4. gunicorn ``cms.wsgi`` with the project's ``cms/gunicorn.py`` (gthread, 4 threads) and
   ``cms.settings.production`` (``DEBUG`` off, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
   ``DATABASE_URL`` and whatever else the environment sets: ``CACHE_URL`` turns the page cache
   on), ``--workers`` workers (default cores + 1), on a free loopback port, no access log.
   ``API_RATE_LIMIT_ANONYMOUS=0``: every locust user comes from 127.0.0.1, and the per-address
   limit (120/min) would otherwise answer 429 to the test, not measure the server.
5. One warm-up request per group (``--warm-up 60s``: the whole scenario for that long first,
   printed apart and not counted, so the measured run sees the caches a running site has),
   then locust headless (:mod:`benchmarks.load.locustfile`)
   with ``--users`` users for ``--time``, while the resident memory (``VmRSS``) of every
   worker is read from ``/proc`` each second.
6. The figures: requests, failures, throughput and p50/p95/p99/max per endpoint group (from
   locust's CSV), and the largest worker RSS seen.

Client and server share the machine's cores, so the figures are a floor for the server.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GROUPS = [
    "page:home",
    "page:column",
    "page:article",
    "page:law",
    "search",
    "api:items",
    "api:item",
    "api:feed",
]


def log(message):
    print(message, flush=True)


def manage(env, *args, capture=False):
    command = [sys.executable, "manage.py", *args]
    log(f"+ manage.py {' '.join(args)}")
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, check=True, capture_output=capture, text=True
    )
    log(f"  done in {time.monotonic() - started:.0f}s")
    return result.stdout if capture else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid):
    """Child process ids of ``pid`` (the gunicorn workers of the master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


class RssSampler(threading.Thread):
    def __init__(self, master):
        super().__init__(daemon=True)
        self.master = master
        self.samples = {}  # worker pid -> list of KiB
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(1.0):
            for pid in children(self.master):
                kib = rss_kib(pid)
                if kib:
                    self.samples.setdefault(pid, []).append(kib)


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise SystemExit(f"server did not answer {url} in {timeout}s")


def report(prefix, elapsed_label):
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = row
    log("")
    log(
        f"{'group':14} {'requests':>9} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7}  (ms)"
    )
    worst = 0
    for name in [*GROUPS, "Aggregated"]:
        row = rows.get(name)
        if row is None:
            continue
        p95 = float(row["95%"])
        if name != "Aggregated":
            worst = max(worst, p95)
        log(
            f"{name:14} {int(row['Request Count']):>9} {int(row['Failure Count']):>5} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):>7.0f}"
        )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        lines = failures.read_text(encoding="utf-8").splitlines()[1:]
        for line in lines[:10]:
            log(f"  failure: {line}")
    return worst


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="DATABASE_URL of the database to serve")
    parser.add_argument(
        "--prepare", action="store_true", help="migrate + load_demo + import_corpus first"
    )
    parser.add_argument("--no-sync", action="store_true", help="skip syndication_sync")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=int, default=20)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--wait", default="0.5-2.5", help="think time per user, s (or 0)")
    parser.add_argument(
        "--warm-up",
        default="",
        help="run the scenario this long first (e.g. 60s), printed apart and not counted",
    )
    parser.add_argument("--out", default=None, help="CSV prefix (default: a temp dir)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="load-"))
    prefix = args.out or str(work / "load")
    build_env = dict(
        os.environ, DATABASE_URL=args.db, DJANGO_SETTINGS_MODULE="cms.settings.dev", DEBUG="0"
    )
    log(f"database: {args.db}")
    if args.prepare:
        manage(build_env, "migrate", "--noinput", "-v", "0")
        manage(build_env, "load_demo")
        manage(build_env, "import_corpus", "--no-progress")
    if not args.no_sync:
        manage(build_env, "syndication_sync")

    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=args.db,
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(work / "static"),
        SECURE_COOKIES="0",
        # Plain HTTP on loopback: no TLS proxy in front to redirect to.
        SECURE_SSL_REDIRECT="0",
        API_RATE_LIMIT_ANONYMOUS="0",
        GUNICORN_ACCESS_LOG="",
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")
    log("+ python -m benchmarks.load.sample")
    urls = subprocess.run(
        [sys.executable, "-m", "benchmarks.load.sample"],
        cwd=PROJECT_ROOT,
        env=build_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (work / "urls.json").write_text(urls, encoding="utf-8")
    sample = json.loads(urls)
    log(
        f"  {len(sample['columns'])} columns, {len(sample['articles'])} articles, "
        f"{len(sample['laws'])} laws, {len(sample['items'])} API items, "
        f"{len(sample['queries'])} queries, feed head {sample['feed_last']}"
    )

    command = [
        str(BIN / "gunicorn"),
        "cms.wsgi",
        "--config",
        str(PROJECT_ROOT / "cms" / "gunicorn.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--error-logfile",
        str(work / "gunicorn.log"),
    ]
    log(
        f"+ {' '.join(command[1:])}  (cms.settings.production, {args.workers} gthread workers, "
        f"CACHE_URL={env.get('CACHE_URL', '-')}, PAGE_CACHE_SECONDS={env.get('PAGE_CACHE_SECONDS', 'default')})"
    )
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, start_new_session=True)
    sampler = None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/")
        for path in ["/", sample["columns"][0], sample["laws"][0], "/search/?q=食品"]:
            urllib.request.urlopen(base + urllib.request.quote(path, safe="/?=&"), timeout=60)
        if args.warm_up:
            log(
                f"+ warm-up: locust -u {args.users} -r {args.spawn_rate} -t {args.warm_up}, "
                "the same scenario; its figures are printed and not counted (cold caches: every "
                "page, law and query seen for the first time)"
            )
            started = time.monotonic()
            run_locust(args, args.warm_up, base, prefix + "_warmup", work)
            report(prefix + "_warmup", time.monotonic() - started)
            log("")
        sampler = RssSampler(server.pid)
        sampler.start()
        log(
            f"+ locust --headless -u {args.users} -r {args.spawn_rate} -t {args.time}  (wait {args.wait} s)"
        )
        started = time.monotonic()
        run_locust(args, args.time, base, prefix, work)
        elapsed = time.monotonic() - started
        sampler.stop.set()
        sampler.join()
        worst = report(prefix, elapsed)
        peaks = sorted(max(v) for v in sampler.samples.values())
        log("")
        log(f"locust ran {elapsed:.0f}s; worst group p95 {worst:.0f} ms (target ≤ 1000 ms)")
        if peaks:
            log(
                f"worker RSS under load (VmRSS, {len(peaks)} workers): largest {peaks[-1] / 1024:.0f} MiB, "
                f"smallest peak {peaks[0] / 1024:.0f} MiB"
            )
        log(f"CSV: {prefix}_stats.csv")
    finally:
        if sampler is not None:
            sampler.stop.set()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def run_locust(args, duration, base, prefix, work):
    command = [
        str(BIN / "locust"),
        "-f",
        str(PROJECT_ROOT / "benchmarks" / "load" / "locustfile.py"),
        "--headless",
        "-u",
        str(args.users),
        "-r",
        str(args.spawn_rate),
        "-t",
        duration,
        "--host",
        base,
        "--csv",
        prefix,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=dict(os.environ, LOAD_URLS=str(work / "urls.json"), LOAD_WAIT=args.wait),
        check=False,
        stdout=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    main()
