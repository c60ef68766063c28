"""Latency of the headless API over HTTP (issue #7, "Measure").

    python -m benchmarks.syndication.latency --database /tmp/big.sqlite3

Serves the app from the given SQLite database with production settings (``DEBUG=False``, a
throwaway ``SECRET_KEY``, stdlib ``wsgiref`` server in a subprocess, single-threaded, one
connection per request — the same server as ``benchmarks/search/latency.py``) and times:

- ``/api/items/`` first page (20 items, default ordering);
- ``/api/items/`` pages deep in the results: cursors for the items at 50 % and at the end of
  the catalogue (made with the server's key, as the server would have issued them);
- ``/api/items/`` filtered (one page type; modified since a date) and at depth;
- ``/api/items/{id}/`` for random public items.

Each case: warm-up requests, then ``--requests`` timed requests; prints p50/p95/p99/max.
The database must have been migrated and synced (``manage.py syndication_sync``) first;
nothing is written to it by the requests (the feed is already caught up).
"""

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.search.latency import get, percentile, serve, server_env, stop

ROOT = Path(__file__).resolve().parents[2]
TARGET_MS = 50


def catalogue_keys(database):
    """(count, [(published_at, page_id) at 0 %, 50 %, last page], random ids, a type label)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        count = conn.execute("SELECT count(*) FROM syndication_catalogueentry").fetchone()[0]
        keys = {}
        for name, offset in (("50%", count // 2), ("end", max(0, count - 21))):
            keys[name] = conn.execute(
                "SELECT published_at, page_id FROM syndication_catalogueentry "
                "ORDER BY published_at DESC, page_id DESC LIMIT 1 OFFSET ?",
                (offset,),
            ).fetchone()
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT page_id FROM syndication_catalogueentry ORDER BY random() LIMIT 500"
            )
        ]
        type_row = conn.execute(
            "SELECT ct.app_label || '.' || ct.model, count(*) FROM syndication_catalogueentry e "
            "JOIN django_content_type ct ON ct.id = e.content_type_id "
            "GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return count, keys, ids, type_row[0]


def cursor_for(params, ordering, key):
    """The cursor the server would issue after the item ``key`` (same secret key); imported
    here, after ``django.setup()`` in :func:`main`."""
    from disclosure.syndication.query import encode_cursor, filter_fingerprint

    published_at = dt.datetime.fromisoformat(str(key[0]).replace(" ", "T"))
    if published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=dt.UTC)
    return encode_cursor(filter_fingerprint(params, ordering), published_at, key[1])


def wait_for_api(process, port, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited early (status {process.returncode})")
        try:
            if get(port, "/api/items/?page_size=1", timeout=10)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {timeout} s")


def measure(port, paths, requests, warmup, timeout):
    for path in paths[:warmup]:
        get(port, path, timeout)
    samples, errors = [], 0
    for number in range(requests):
        path = paths[number % len(paths)]
        status, _body, ms = get(port, path, timeout)
        if status != 200:
            errors += 1
        samples.append(ms)
    values = sorted(samples)
    return {
        "n": len(values),
        "errors": errors,
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    database = Path(args.database).resolve()
    if args.serve:
        serve(args.serve, ROOT)
        return

    env = server_env(database, ROOT / "static")
    env["API_RATE_LIMIT_ANONYMOUS"] = "0"
    os.environ.update(
        DJANGO_SETTINGS_MODULE=env["DJANGO_SETTINGS_MODULE"],
        SECRET_KEY=env["SECRET_KEY"],
        DATABASE_URL=env["DATABASE_URL"],
        ALLOWED_HOSTS=env["ALLOWED_HOSTS"],
    )
    import django

    django.setup()

    count, keys, ids, big_type = catalogue_keys(database)
    cases = {"/api/items/ first page": ["/api/items/?page_size=20"]}
    for name, key in keys.items():
        cursor = cursor_for({}, "-published_at", key)
        cases[f"/api/items/ at {name} of the catalogue"] = [
            "/api/items/?" + urlencode({"page_size": 20, "cursor": cursor})
        ]
    typed = {"type": big_type}
    cases[f"/api/items/?type={big_type} at 50 %"] = [
        "/api/items/?"
        + urlencode({**typed, "cursor": cursor_for(typed, "-published_at", keys["50%"])})
    ]
    cases["/api/items/?ordering=-modified_at first page"] = ["/api/items/?ordering=-modified_at"]
    cases["/api/items/?modified_since=2000-01-01"] = ["/api/items/?modified_since=2000-01-01"]
    cases["/api/items/{id}/ (random items)"] = [f"/api/items/{pk}/" for pk in ids]

    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.syndication.latency"]
        + ["--database", str(database), "--serve", str(args.port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    results = {}
    started = time.monotonic()
    try:
        wait_for_api(process, args.port, 120)
        for name, paths in cases.items():
            results[name] = measure(
                port=args.port,
                paths=paths,
                requests=args.requests,
                warmup=args.warmup,
                timeout=args.timeout,
            )
    finally:
        stop(process)
        server_errors = process.stderr.read() if process.stderr else ""
    elapsed = time.monotonic() - started

    print("Headless API latency (benchmarks/syndication/latency.py)")
    print()
    print(f"Database:  {database} ({count} public items in the catalogue)")
    print(
        "Server:    wsgiref.simple_server (stdlib, single-threaded, HTTP/1.0), "
        "cms.settings.production, DEBUG=False"
    )
    print(
        f"Requests:  {args.requests} timed per case after {args.warmup} warm-up; "
        f"page size 20; wall time {elapsed:.0f} s"
    )
    try:
        load = os.getloadavg()
        print(
            f"Load avg:  {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1/5/15 min, {os.cpu_count()} CPUs)"
        )
    except OSError:
        pass
    print()
    print(f"{'case':<52} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  errors")
    for name, r in results.items():
        print(
            f"{name:<52} {r['p50']:>6.1f}ms {r['p95']:>6.1f}ms {r['p99']:>6.1f}ms "
            f"{r['max']:>6.1f}ms  {r['errors']}"
        )
    worst = max(r["p95"] for r in results.values())
    print()
    print(
        f"Target: p95 <= {TARGET_MS} ms for a 20-item page at any depth and for the detail: "
        + ("met" if worst <= TARGET_MS else f"NOT met (worst p95 {worst:.1f} ms)")
    )
    if server_errors.strip():
        print("\nServer stderr:\n" + server_errors[-3000:])


if __name__ == "__main__":
    main()
