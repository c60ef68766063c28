"""Latency benchmark for the portal's site search, over real HTTP.

Usage (from the project root, on a database holding the whole corpus, see ``build_db.py``)::

    .venv/bin/python -m benchmarks.search.latency --database /tmp/bench-chinese.sqlite3 \\
        [--port 8765] [--rounds 3] [--json out.json] \\
        [--index-build-seconds S | --measure-index-build] [--profile QUERY]

What it does:

1. Queries: every judged query of ``queries.json`` plus the 50 most frequent words of the
   corpus (``frequent_words.py``, cached in ``frequent_words.json``). A frequent word matches
   most of the corpus, the worst case for the count, the facets and the BM25 ordering.
2. Server: the app as it runs in production, ``DJANGO_SETTINGS_MODULE=cms.settings.production``
   (``DEBUG=False``), with a throwaway ``SECRET_KEY`` generated at run time,
   ``ALLOWED_HOSTS=127.0.0.1``, ``DATABASE_URL=sqlite:///<database>``, ``SECURE_COOKIES=0``,
   ``SECURE_SSL_REDIRECT=0`` (plain HTTP, as behind a TLS-terminating proxy);
   ``CACHE_URL``, ``SEARCH_BACKEND``, ``SEARCH_URL`` and ``DEBUG`` are removed from the
   server's environment, so the search backend is the default (``search.backends.database``,
   which takes the direct FTS5 path of ``search/fts.py``) and no cache is configured.
   Production settings store static files with ``ManifestStaticFilesStorage``, whose
   ``{% static %}`` needs a manifest: ``collectstatic`` is run first into a temporary
   ``STATIC_ROOT`` (deleted at the end), as a deployment would.
   It is served by the standard library's ``wsgiref.simple_server`` (``cms.wsgi.application``)
   in a subprocess: single-threaded, one request per connection (HTTP/1.0), no reloader, no
   request logging, ``TCP_NODELAY`` on each connection (as production servers set it: without
   it a response waited for the client's delayed ACK, up to 40 ms). Requests are sequential, so one thread is what a latency measurement
   wants; it says nothing about throughput under concurrency.
   No result cache is involved: nothing in the project caches a search result or a
   response (no cache framework use in ``search/``, ``cms/``, ``home/``, ``disclosure/``; no
   per-view cache, no cache middleware). Without ``CACHE_URL`` Django's default cache is the
   per-process local-memory one, which Wagtail uses only for small lookups such as the site
   root paths behind page URLs. What stays warm across requests, as in production, is
   per-process state: the segmenter's dictionary (``lru_cache`` in ``analysis.py``), OpenCC,
   Django's compiled templates and URL resolver, and SQLite's page cache / the OS file cache.
3. Measurement: one warm-up pass over all queries (API and page), then ``--rounds`` passes
   of every query, sequentially, to ``/api/search/?q=…``, then, separately, to the portal page
   ``/search/?q=…``. Wall time per request is ``time.perf_counter`` around an
   ``http.client`` request to 127.0.0.1 (connect, request, full response body read).
   Every status must be 200; any other is reported (and the exit status is 1).
4. Report: corpus size (live pages in the database), number of queries, p50/p95/p99/max in
   ms (nearest-rank percentiles over all timed requests), the 5 slowest queries (by their
   median over the rounds), the machine. Optionally the index build time: given
   (``--index-build-seconds``) or measured (``--measure-index-build``: a consistent copy of
   the database through SQLite's backup API into a temporary file, then
   ``manage.py update_index`` on the copy, timed; the copy is deleted).
   ``--profile QUERY`` (repeatable) runs ``search.service.search(QUERY)`` under cProfile in
   a separate process with the server's settings and database, and prints the top functions.

The report names the code measured (git commit and uncommitted changes). The working tree
may be mid-edit by others: ``--project-root`` serves another tree instead, e.g. a snapshot
of the last commit (``git archive HEAD | tar -x -C /tmp/snapshot``; the venv's editable
install does not get in the way, the tree's own directory comes first on ``sys.path``).
The machine may be shared: the report gives the load and the CPU pressure
(``/proc/pressure/cpu``, the share of time runnable tasks waited for a CPU) before and
after, and ``--wait-quiet SECONDS`` first waits (bounded) for the pressure to drop.

Each search logs one row to ``search_querylog`` (that write is part of what is measured);
the rows this run added are deleted at the end unless ``--keep-query-log``.

Everything is bounded: ``--request-timeout`` per request, ``--server-start-timeout`` for the
server to answer, ``--max-seconds`` for the whole measurement (the run stops early and says
so), timeouts on every subprocess.
"""

import argparse
import contextlib
import cProfile
import http.client
import io
import json
import math
import os
import platform
import pstats
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parents[1]
QUERIES = HERE / "queries.json"
HOST = "127.0.0.1"
TARGET_P95_MS = 50
ENDPOINTS = {"api": "/api/search/?q={}", "page": "/search/?q={}"}


# --- the server (runs in the subprocess) --------------------------------------------------


def use_project(root):
    """Import the project from ``root`` (this process was started as a script)."""
    os.chdir(root)
    sys.path.insert(0, str(root))


def serve(port, root):
    """Serve ``cms.wsgi.application`` with wsgiref on 127.0.0.1:``port`` until killed."""
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    use_project(root)
    from cms.wsgi import application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):  # no per-request logging on stderr
            pass

    class Server(WSGIServer):
        allow_reuse_address = True

        def get_request(self):
            connection, address = super().get_request()
            # wsgiref writes the headers and the body in separate sends; with Nagle's algorithm
            # the body then waits for the client's delayed ACK (up to 40 ms on Linux). Servers
            # meant for production turn it off (nginx: ``tcp_nodelay on``), so does this one.
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return connection, address

    with make_server(
        HOST, port, application, server_class=Server, handler_class=QuietHandler
    ) as httpd:
        print(f"serving on http://{HOST}:{port}/", flush=True)
        httpd.serve_forever()


# --- helpers ------------------------------------------------------------------------------


#: ``--search-url``: the server's engine (``SEARCH_BACKEND=opensearch2``); None = the embedded default.
SEARCH_URL = None


def server_env(database, static_root):
    env = dict(os.environ)
    for name in ("CACHE_URL", "SEARCH_BACKEND", "SEARCH_URL", "DEBUG", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    if SEARCH_URL:
        env.update(SEARCH_BACKEND="opensearch2", SEARCH_URL=SEARCH_URL)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url(database),
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on 127.0.0.1, as behind a TLS-terminating proxy
        STATIC_ROOT=str(static_root),
        API_RATE_LIMIT_ANONYMOUS="0",  # the server is measured, not its rate limit
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(root, env, *args, timeout):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def port_free(port):
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) != 0


def get(port, path, timeout):
    """(status, body bytes, wall ms) of one GET on a fresh connection."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        conn.close()
    return response.status, body, elapsed


def wait_for_server(process, port, timeout):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited early (status {process.returncode})")
        try:
            status, _body, _ms = get(port, "/search/", timeout=5)
            if status == 200:
                return
            last_error = f"status {status}"
        except OSError as error:
            last_error = error
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {timeout} s ({last_error})")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summary(samples):
    values = sorted(s["ms"] for s in samples)
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1] if values else float("nan"),
        "mean": statistics.fmean(values) if values else float("nan"),
    }


def slowest(samples, k=5):
    by_query = {}
    for s in samples:
        by_query.setdefault((s["query"], s["source"]), []).append(s)
    rows = [
        {
            "query": query,
            "source": source,
            "median_ms": statistics.median(x["ms"] for x in runs),
            "max_ms": max(x["ms"] for x in runs),
            "count": runs[0].get("count"),
        }
        for (query, source), runs in by_query.items()
    ]
    rows.sort(key=lambda r: r["median_ms"], reverse=True)
    return rows[:k]


def is_url(database):
    """``--database`` names a PostgreSQL database (a ``postgres://`` URL) rather than a SQLite
    file."""
    return str(database).startswith(("postgres://", "postgresql://"))


def database_url(database):
    return str(database) if is_url(database) else f"sqlite:///{database}"


def shown_database(database):
    """``database`` without the password of a URL."""
    if not is_url(database):
        return str(database)
    parts = urllib.parse.urlsplit(str(database))
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


@contextlib.contextmanager
def connect(database):
    """A DB-API connection to ``database`` and its parameter mark."""
    if is_url(database):
        conn, mark = psycopg.connect(str(database)), "%s"
    else:
        conn, mark = sqlite3.connect(database, timeout=30), "?"
    try:
        yield conn, mark
    finally:
        conn.close()


def corpus_size(database):
    with connect(database) as (conn, _mark):
        live = conn.execute("SELECT COUNT(*) FROM wagtailcore_page WHERE live").fetchone()[0]
        laws = conn.execute(
            "SELECT COUNT(*) FROM normative_normativedocumentpage n "
            "JOIN wagtailcore_page p ON p.id = n.page_ptr_id WHERE p.live"
        ).fetchone()[0]
        entries = conn.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry").fetchone()[0]
    return {"live_pages": live, "live_laws": laws, "index_entries": entries}


def query_log_max_id(database):
    with connect(database) as (conn, _mark):
        return conn.execute("SELECT COALESCE(MAX(id), 0) FROM search_querylog").fetchone()[0]


def delete_query_log(database, after_id):
    with connect(database) as (conn, mark):
        with conn:
            cursor = conn.execute(
                f"DELETE FROM search_querylog WHERE id > {mark} "  # noqa: S608
                "AND source IN ('api', 'portal')",
                [after_id],
            )
        return cursor.rowcount


def cpu_pressure():
    """``some avg10`` and ``avg60`` of /proc/pressure/cpu (share of time some task waited for
    a CPU: other work on the machine), or None."""
    try:
        with open("/proc/pressure/cpu", encoding="utf-8") as handle:
            fields = dict(item.split("=") for item in handle.readline().split()[1:])
        return float(fields["avg10"]), float(fields["avg60"])
    except (OSError, KeyError, ValueError):
        return None


def wait_quiet(limit, seconds):
    """Wait (at most ``seconds``) until the CPU pressure's avg10 is below ``limit`` %."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pressure = cpu_pressure()
        if pressure is None or pressure[0] < limit:
            return True
        time.sleep(5)
    return False


def load_text():
    pressure = cpu_pressure()
    text = f"load {os.getloadavg()[0]:.2f}"
    if pressure:
        text += f", CPU pressure some avg10={pressure[0]:.0f}% avg60={pressure[1]:.0f}%"
    return text


def machine():
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    try:
        nproc = subprocess.run(
            ["nproc"], capture_output=True, text=True, timeout=5, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        nproc = str(len(os.sched_getaffinity(0)))
    import django

    return {
        "nproc": nproc,
        "cpu_model": model,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "platform": platform.platform(),
    }


def load_queries(top_words):
    from .frequent_words import frequent_words

    judged = [item["query"] for item in json.loads(QUERIES.read_text(encoding="utf-8"))]
    words = frequent_words(top_words)
    queries = [(q, "judged") for q in judged]
    seen = set(judged)
    queries += [(w, "frequent") for w in words if w not in seen]
    return queries


# --- the measurement ----------------------------------------------------------------------


class OutOfTime(Exception):
    pass


def run_pass(port, queries, endpoint, round_no, args, deadline, samples, failures):
    template = ENDPOINTS[endpoint]
    for query, source in queries:
        if time.monotonic() > deadline:
            raise OutOfTime
        path = template.format(urllib.parse.quote(query))
        try:
            status, body, ms = get(port, path, args.request_timeout)
        except OSError as error:  # a timeout included
            failures.append({"endpoint": endpoint, "query": query, "error": repr(error)})
            continue
        sample = {
            "endpoint": endpoint,
            "query": query,
            "source": source,
            "round": round_no,
            "status": status,
            "ms": ms,
            "bytes": len(body),
        }
        if endpoint == "api" and status == 200:
            sample["count"] = json.loads(body)["count"]
        if status != 200:
            failures.append({"endpoint": endpoint, "query": query, "status": status})
        if round_no > 0:
            samples.append(sample)


def measure_index_build(root, database, env, timeout):
    """Seconds for ``manage.py update_index`` on a copy of ``database``, and the copy's
    number of index entries afterwards."""
    with tempfile.TemporaryDirectory(prefix="latency-index-") as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        env = dict(env, DATABASE_URL=f"sqlite:///{copy}")
        started = time.perf_counter()
        result = manage(root, env, "update_index", timeout=timeout)
        seconds = time.perf_counter() - started
        conn = sqlite3.connect(copy)
        try:
            entries = conn.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry").fetchone()[0]
        finally:
            conn.close()
    return {"seconds": seconds, "index_entries": entries, "output": result.stdout.strip()}


def profile_query(query, root, top=30):
    """cProfile of ``search.service.search(query, log_source="api")`` in this process (the
    environment is the server's), after one warm-up; 3 profiled runs."""
    use_project(root)
    import django

    django.setup()
    from django.db import connection

    from search import service

    service.search(query)  # warm-up: segmenter, OpenCC, connection
    profiler = cProfile.Profile()
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        profiler.enable()
        service.search(query, log_source="api")
        profiler.disable()
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue().replace(str(Path(sys.prefix)) + "/", "").replace(f"{root}/", "")
    return (
        f"3 runs: {', '.join(f'{t:.1f}' for t in timings)} ms (profiler overhead included)\n"
        + "\n".join(line for line in text.splitlines() if line.strip())
    )


def run_profile(query, root, database, timeout):
    """:func:`profile_query` in a subprocess with the server's environment."""
    static_root = Path(tempfile.mkdtemp(prefix="latency-static-"))
    try:
        result = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--database", str(database)]
            + ["--project-root", str(root), "--profile-worker", query],
            env=server_env(database, static_root),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    return result.stdout


def code_description(root, label):
    """Which code was measured: the git commit and uncommitted changes, or a label."""
    parts = [label] if label else []
    if (root / ".git").exists():

        def git(*args):
            return subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, timeout=30
            ).stdout.strip()

        changed = git("diff", "--name-only", "HEAD").splitlines()
        parts.append(
            f"git {git('rev-parse', '--short', 'HEAD')} ({git('log', '-1', '--format=%s')[:70]})"
            + (f" + uncommitted changes in {', '.join(changed)}" if changed else ", clean")
        )
    parts.append(str(root))
    return "; ".join(parts)


def fmt(stats):
    return (
        f"n={stats['n']}  p50={stats['p50']:.1f}  p95={stats['p95']:.1f}  "
        f"p99={stats['p99']:.1f}  max={stats['max']:.1f}  mean={stats['mean']:.1f}  (ms)"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", required=True, help="SQLite file, or postgres:// URL, with the corpus"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", help="write the samples and the summary to this file")
    parser.add_argument("--top-words", type=int, default=50)
    parser.add_argument("--index-build-seconds", type=float)
    parser.add_argument("--measure-index-build", action="store_true")
    parser.add_argument("--index-build-timeout", type=float, default=3600)
    parser.add_argument("--profile", metavar="QUERY", action="append", default=[])
    parser.add_argument("--request-timeout", type=float, default=30)
    parser.add_argument("--server-start-timeout", type=float, default=120)
    parser.add_argument("--max-seconds", type=float, default=1800)
    parser.add_argument("--keep-query-log", action="store_true")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="SECONDS",
        help="first wait up to SECONDS for the machine to be quiet (CPU pressure avg10 < 10%%)",
    )
    parser.add_argument(
        "--project-root",
        default=str(PROJECT_ROOT),
        help="the project tree to serve (e.g. a `git archive` snapshot); default: this one",
    )
    parser.add_argument("--label", help="a note on the code measured, printed in the report")
    parser.add_argument(
        "--search-url",
        help="serve with SEARCH_BACKEND=opensearch2 and this SEARCH_URL (an engine; or a port "
        "nothing listens on, to measure the search with the engine down)",
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # the server subprocess
    parser.add_argument("--profile-worker", help=argparse.SUPPRESS)  # the profile subprocess
    args = parser.parse_args(argv)
    root = Path(args.project_root).resolve()
    global SEARCH_URL
    SEARCH_URL = args.search_url

    if args.serve:
        serve(args.serve, root)
        return 0
    if args.profile_worker:
        print(profile_query(args.profile_worker, root))
        return 0

    database = args.database if is_url(args.database) else Path(args.database).resolve()
    if not is_url(database) and not database.exists():
        raise SystemExit(f"no database at {database}")
    if is_url(database) and args.measure_index_build:
        raise SystemExit("--measure-index-build copies a SQLite file; not for PostgreSQL")
    if not port_free(args.port):
        raise SystemExit(f"port {args.port} is in use; pass --port")
    started_run = time.monotonic()
    deadline = started_run + args.max_seconds
    queries = load_queries(args.top_words)
    size = corpus_size(database)
    info = machine()
    samples, failures, warmup = [], [], []
    truncated = False
    index_build = None
    profiles = {}
    log_start = query_log_max_id(database)
    quiet = wait_quiet(10, args.wait_quiet) if args.wait_quiet else None
    load_before = load_text()

    static_root = Path(tempfile.mkdtemp(prefix="latency-static-"))
    process = None
    server_errors = ""
    collect_seconds = float("nan")
    try:
        env = server_env(database, static_root)
        collect_started = time.perf_counter()
        manage(root, env, "collectstatic", "--noinput", "-v0", timeout=600)
        collect_seconds = time.perf_counter() - collect_started
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--database", str(database)]
            + ["--project-root", str(root), "--serve", str(args.port)],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for_server(process, args.port, args.server_start_timeout)
        try:
            for endpoint in ENDPOINTS:
                run_pass(args.port, queries, endpoint, 0, args, deadline, warmup, failures)
            for endpoint in ENDPOINTS:
                for round_no in range(1, args.rounds + 1):
                    run_pass(
                        args.port, queries, endpoint, round_no, args, deadline, samples, failures
                    )
        except OutOfTime:
            truncated = True
    finally:
        if process is not None:
            stop(process)
            server_errors = process.stderr.read() if process.stderr else ""
            if process.stderr:
                process.stderr.close()
        shutil.rmtree(static_root, ignore_errors=True)
    load_after = load_text()
    measure_seconds = time.monotonic() - started_run
    removed_logs = 0 if args.keep_query_log else delete_query_log(database, log_start)

    if args.measure_index_build:
        env = server_env(database, static_root)
        index_build = measure_index_build(root, database, env, args.index_build_timeout)
    for query in args.profile:
        profiles[query] = run_profile(query, root, database, timeout=600)
    if args.profile and not args.keep_query_log:
        removed_logs += delete_query_log(database, log_start)

    by_endpoint = {e: [s for s in samples if s["endpoint"] == e] for e in ENDPOINTS}
    stats = {e: summary(v) for e, v in by_endpoint.items()}
    judged = sum(1 for _q, source in queries if source == "judged")

    lines = [
        "Search latency benchmark (benchmarks/search/latency.py)",
        "",
        f"Code:          {code_description(root, args.label)}",
        f"Search:        {'opensearch2 at ' + SEARCH_URL if SEARCH_URL else 'the embedded default'}",
        f"Database:      {shown_database(database)}",
        f"Corpus:        {size['live_pages']} live pages ({size['live_laws']} live laws), "
        f"{size['index_entries']} search index entries",
        f"Queries:       {len(queries)} ({judged} judged from queries.json + "
        f"{len(queries) - judged} most frequent corpus words)",
        f"Rounds:        {args.rounds} timed (+1 warm-up pass); requests timed per endpoint: "
        + ", ".join(f"{e} {stats[e]['n']}" for e in ENDPOINTS),
        "Server:        wsgiref.simple_server (stdlib, single-threaded, HTTP/1.0), "
        "cms.settings.production, DEBUG=False, no result cache",
        "Client:        sequential http.client GETs to 127.0.0.1, fresh connection each, "
        "time.perf_counter around request + full body read",
        f"Machine:       nproc={info['nproc']}, CPU {info['cpu_model']}, Python {info['python']}, "
        f"SQLite {info['sqlite']}, Django {info['django']}",
        f"               {info['platform']}",
        f"Other load:    before: {load_before}; after: {load_after}"
        + ("" if quiet is None else f" (waited for quiet: {'yes' if quiet else 'gave up'})"),
        f"Wall time:     {measure_seconds:.0f} s (collectstatic {collect_seconds:.0f} s)",
        "",
        f"API  /api/search/?q=…  {fmt(stats['api'])}",
        f"Page /search/?q=…      {fmt(stats['page'])}",
        f"Target: p95 <= {TARGET_P95_MS} ms -> API "
        + ("met" if stats["api"]["p95"] <= TARGET_P95_MS else "NOT met")
        + ", page "
        + ("met" if stats["page"]["p95"] <= TARGET_P95_MS else "NOT met"),
    ]
    for source in ("judged", "frequent"):
        sub = {e: summary([s for s in by_endpoint[e] if s["source"] == source]) for e in ENDPOINTS}
        lines.append(
            f"  {source:<8} queries: API p50={sub['api']['p50']:.1f} p95={sub['api']['p95']:.1f}"
            f"  page p50={sub['page']['p50']:.1f} p95={sub['page']['p95']:.1f} (ms)"
        )
    for endpoint in ENDPOINTS:
        lines += ["", f"5 slowest queries, {endpoint} (median over rounds; ms; API result count):"]
        counts = {s["query"]: s.get("count") for s in by_endpoint["api"]}
        for row in slowest(by_endpoint[endpoint]):
            lines.append(
                f"  {row['median_ms']:8.1f}  max {row['max_ms']:8.1f}  "
                f"count {counts.get(row['query'])!s:>5}  [{row['source']}] {row['query']}"
            )
    lines.append("")
    if failures:
        lines.append(f"NON-200 / FAILED REQUESTS: {len(failures)}")
        lines += [f"  {f}" for f in failures[:20]]
    else:
        lines.append("Status codes: all 200 (warm-up included).")
    if server_errors.strip():
        lines += ["Server stderr (last 20 lines):"] + [
            "  " + line for line in server_errors.strip().splitlines()[-20:]
        ]
    if truncated:
        lines.append(f"TRUNCATED: stopped at --max-seconds {args.max_seconds:.0f}")
    if not args.keep_query_log:
        lines.append(f"search_querylog: removed the {removed_logs} rows this run added.")
    if args.index_build_seconds is not None:
        lines.append(f"Index build (given): {args.index_build_seconds:.1f} s")
    if index_build:
        per_second = index_build["index_entries"] / index_build["seconds"]
        lines += [
            "",
            f"Index build (measured, manage.py update_index on a copy of the database): "
            f"{index_build['seconds']:.1f} s for {index_build['index_entries']} index entries "
            f"= {per_second:.1f} documents/s",
        ]
        lines += ["  " + line for line in index_build["output"].splitlines()[-15:]]
    for query, text in profiles.items():
        lines += ["", f"cProfile of search.service.search({query!r}) in-process:", text]
    report = "\n".join(lines)
    print(report)

    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "code": code_description(root, args.label),
                    "corpus": size,
                    "machine": info,
                    "load": {"before": load_before, "after": load_after},
                    "queries": [{"query": q, "source": s} for q, s in queries],
                    "summary": stats,
                    "failures": failures,
                    "truncated": truncated,
                    "index_build": index_build,
                    "samples": samples,
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 1 if failures or truncated else 0


if __name__ == "__main__":
    sys.exit(main())
