"""Scale-out proof: two application servers behind nginx share the database, the cache and the
search engine, and what one publishes the other serves at once (issue #18 item 5).

Usage (from the project root), with a PostgreSQL database, an OpenSearch node, ``nginx`` and
``redis-server`` on the machine::

    url=$(CI_PG_PORT=54362 CI_PG_DIR=/tmp/scaleout-pg bash .ci/postgres.sh start)
    search=$(OPENSEARCH_PORT=9261 bash .ci/opensearch.sh start)
    .venv/bin/python -m benchmarks.load.scale_out --db "$url" --search-url "$search"

What it starts (each its own process, on free loopback ports, all stopped at the end):

* ``redis-server`` (no persistence): the shared cache, ``CACHE_URL=redis://…/0``;
* two gunicorn servers ``cms.wsgi`` with ``cms.settings.production``, **A** and **B**, with the
  same environment: ``DATABASE_URL``, ``CACHE_URL``, ``SEARCH_BACKEND=opensearch2``,
  ``SEARCH_URL``, a unique ``SEARCH_INDEX_PREFIX``, ``TRUSTED_PROXIES=127.0.0.1``;
* the delivery worker ``manage.py deliver_webhooks --loop`` (the service production runs beside
  the web servers);
* ``nginx`` in the foreground with a config written to a temporary directory: one ``upstream``
  of A and B (round robin), ``proxy_pass`` of every path.

Then it migrates the database, indexes it into the fresh prefix (``update_index``), creates the
organisation, a column, a staff user and a partner with an API key, warms every page and API
answer it will check through A, B and nginx (so that the page cache holds the old state), and:

1. publishes an article **through A's settings** (``--act publish``: a process with A's
   environment saves a revision and publishes it with a confidentiality determination, the
   code path of the admin's publish and of the publication gate);
2. at once, through nginx (twice: round robin reaches A and B) and directly through B: the
   article's page answers 200 with its title, the column lists it, the site search and the
   search API find it, the change feed (API key) lists its ``publish``, ``/api/items/{id}/``
   answers it;
3. withdraws it **through B's settings** (``--act withdraw``: 总局令第45号 第11条 withdrawal,
   the code path of the admin's 撤回);
4. at once, through nginx and directly through A: the page answers 410, the column no longer
   lists it, search does not find it, the feed lists the ``withdraw`` tombstone, the item
   answers 410 (withdrawn; 404 accepted too).

Every check prints PASS/FAIL with its time; a check that fails at once is retried for up to
``--settle`` seconds (default 0: "at once" means at once) and the time it took is printed. Exit
status 1 if any check failed.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PARTNER = "横向扩展验证合作方"
STAFF = "scaleout-editor"

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    upstream disclosure {{
        server 127.0.0.1:{port_a};
        server 127.0.0.1:{port_b};
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 50m;
        location / {{
            proxy_pass http://disclosure;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


# --- actions run in a process with one server's environment (``--act``) ----------------------


def act(name, args):
    import django

    sys.path.insert(0, str(PROJECT_ROOT))
    django.setup()
    from django.contrib.auth import get_user_model

    from disclosure.publishing.models import ArticlePage
    from disclosure.publishing.withdrawal import withdraw
    from disclosure.review.models import publish_with_system_determination
    from disclosure.syndication.models import ApiKey, FeedEntry, Partner
    from tests.factories import column, organisation

    if name == "setup":
        from disclosure.columns.models import ColumnPage

        # Idempotent: a second run on the same database reuses what the first made.
        organisation()
        notices = ColumnPage.objects.filter(slug="scale-out").first() or column(
            title="横向扩展验证栏目", slug="scale-out"
        )
        user = get_user_model().objects.filter(username=STAFF).first()
        if user is None:
            user = get_user_model().objects.create_superuser(STAFF, f"{STAFF}@example.com", None)
        partner, _created = Partner.objects.get_or_create(
            name=PARTNER, defaults={"rate_limit": 100000}
        )
        _key, raw = ApiKey.issue(partner, label="scale-out")
        result = {"column": notices.url, "api_key": raw, "user": user.pk}
    elif name == "feed-head":
        last = FeedEntry.objects.order_by("-position").values_list("position", flat=True).first()
        result = {"head": last or 0}
    elif name == "publish":
        from disclosure.columns.models import ColumnPage

        notices = ColumnPage.objects.get(slug="scale-out")
        user = get_user_model().objects.get(username=STAFF)
        page = ArticlePage(title=args.title, slug=args.slug, live=False)
        notices.add_child(instance=page)
        started = time.perf_counter()
        revision = page.save_revision(user=user)
        publish_with_system_determination(revision, "横向扩展验证：系统认定", user=user)
        page = ArticlePage.objects.get(pk=page.pk)
        result = {"id": page.pk, "url": page.url, "ms": (time.perf_counter() - started) * 1000}
    elif name == "withdraw":
        user = get_user_model().objects.get(username=STAFF)
        page = ArticlePage.objects.get(slug=args.slug)
        started = time.perf_counter()
        withdraw(page, user=user, reason="横向扩展验证：撤回")
        result = {"id": page.pk, "ms": (time.perf_counter() - started) * 1000}
    else:
        raise SystemExit(f"unknown action {name}")
    print(json.dumps(result, ensure_ascii=False))


# --- the orchestrator ---------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Services:
    def __init__(self):
        self.processes = []

    def start(self, name, command, **kwargs):
        log = open(kwargs.pop("log"), "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        self.processes.append((name, process, log))
        return process

    def stop(self):
        for _name, process, _log in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process, log in reversed(self.processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log.close()


def get(base, path, headers=None):
    """(status, body text, ms) of a GET; never raises on HTTP errors."""
    url = base + urllib.parse.quote(path, safe="/?=&%:")
    request = urllib.request.Request(url, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, body = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode("utf-8", "replace")
    return status, body, (time.perf_counter() - started) * 1000


def wait_until_up(base, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get(base, "/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{base} did not come up in {timeout}s")


class Checker:
    def __init__(self, settle):
        self.settle = settle
        self.results = []

    def check(self, label, probe):
        """``probe()`` returns (ok, detail, ms of the request). Retried up to ``settle`` s."""
        started = time.perf_counter()
        attempts = 0
        while True:
            attempts += 1
            ok, detail, ms = probe()
            waited = (time.perf_counter() - started) * 1000
            if ok or waited >= self.settle * 1000:
                break
            time.sleep(0.1)
        when = "at once" if attempts == 1 else f"after {waited:.0f} ms, {attempts} tries"
        print(
            f"  {'PASS' if ok else 'FAIL'}  {label:58} {ms:7.1f} ms  ({when}){'' if ok else '  ' + detail}",
            flush=True,
        )
        self.results.append(ok)
        return ok


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="PostgreSQL DATABASE_URL (an empty database is migrated)")
    parser.add_argument("--search-url", help="OpenSearch URL")
    parser.add_argument("--settle", type=float, default=0.0, help="retry a failed check (s)")
    parser.add_argument("--act", help=argparse.SUPPRESS)
    parser.add_argument("--title", help=argparse.SUPPRESS)
    parser.add_argument("--slug", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.act:
        return act(args.act, args)
    if not args.db or not args.search_url:
        parser.error("--db and --search-url are required")
    return 0 if orchestrate(args) else 1


def orchestrate(args):
    work = Path(tempfile.mkdtemp(prefix="scale-out-"))
    ports = {name: free_port() for name in ("redis", "a", "b", "nginx")}
    prefix = f"scaleout_{secrets.token_hex(4)}_"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.db,
        CACHE_URL=f"redis://127.0.0.1:{ports['redis']}/0",
        SEARCH_BACKEND="opensearch2",
        SEARCH_URL=args.search_url,
        SEARCH_INDEX_PREFIX=prefix,
        TRUSTED_PROXIES="127.0.0.1",
        API_RATE_LIMIT_ANONYMOUS="0",
        SECURE_COOKIES="0",
        # Plain HTTP on loopback: no TLS proxy in front to redirect to.
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(work / "static"),
        BASE_URL=f"http://127.0.0.1:{ports['nginx']}",
    )
    env_a = dict(env, SERVER_NAME_FOR_LOGS="A")
    env_b = dict(env, SERVER_NAME_FOR_LOGS="B")

    def manage(*command, environment=env):
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=PROJECT_ROOT, env=environment, check=True
        )
        print(f"+ manage.py {' '.join(command)}  ({time.monotonic() - started:.1f} s)", flush=True)

    def action(name, environment, **extra):
        command = [sys.executable, "-m", "benchmarks.load.scale_out", "--act", name]
        for key, value in extra.items():
            command += [f"--{key}", value]
        out = subprocess.run(
            command, cwd=PROJECT_ROOT, env=environment, check=True, capture_output=True, text=True
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    services = Services()
    try:
        print(f"work dir {work}; index prefix {prefix}", flush=True)
        services.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(ports["redis"]),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(work),
            ],
            log=work / "redis.log",
        )
        manage("migrate", "--noinput", "-v", "0")
        manage("collectstatic", "--noinput", "-v", "0")
        setup = action("setup", env)
        manage("update_index")
        for name, port, environment in (("a", ports["a"], env_a), ("b", ports["b"], env_b)):
            services.start(
                f"gunicorn-{name}",
                [
                    str(BIN / "gunicorn"),
                    "cms.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "60",
                ],
                cwd=PROJECT_ROOT,
                env=environment,
                log=work / f"gunicorn-{name}.log",
            )
        services.start(
            "worker",
            [sys.executable, "manage.py", "deliver_webhooks", "--loop"],
            cwd=PROJECT_ROOT,
            env=env,
            log=work / "worker.log",
        )
        conf = work / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(dir=work, port=ports["nginx"], port_a=ports["a"], port_b=ports["b"]),
            encoding="utf-8",
        )
        services.start("nginx", ["nginx", "-p", str(work), "-c", str(conf)], log=work / "nginx.log")
        server_a = f"http://127.0.0.1:{ports['a']}"
        server_b = f"http://127.0.0.1:{ports['b']}"
        proxy = f"http://127.0.0.1:{ports['nginx']}"
        for base in (server_a, server_b, proxy):
            wait_until_up(base)
        print(
            f"redis :{ports['redis']}, gunicorn A :{ports['a']}, B :{ports['b']} (2 workers "
            f"each), nginx :{ports['nginx']} -> A, B; OpenSearch {args.search_url}",
            flush=True,
        )

        token = f"kuozhan{secrets.token_hex(3)}"
        title = f"横向扩展验证通知 {token}"
        slug = f"scale-out-{token}"
        feed_key = {"Authorization": f"Bearer {setup['api_key']}"}
        column_url = setup["column"]
        search_page = f"/search/?q={token}"
        search_api = f"/api/search/?q={token}"
        head = action("feed-head", env)["head"]
        feed = f"/api/feed/?after={head}&limit=100"
        # Warm: the pages and answers checked below, through every path, so that a cache
        # holding the old state would show it.
        for base in (server_a, server_b, proxy, proxy):
            for path in ("/", column_url, search_page, search_api):
                get(base, path)
            get(base, feed, feed_key)

        marker = {}
        checker = Checker(args.settle)
        check = checker.check

        def page_shows(base, url, want):
            def probe():
                status, body, ms = get(base, url)
                ok = (status == 200 and title in body) if want else status == 410
                return ok, f"HTTP {status}, title {'in' if title in body else 'not in'} body", ms

            return probe

        def contains(base, path, want, headers=None):
            # The item's own path, not the token: the search page repeats the query.
            def probe():
                status, body, ms = get(base, path, headers)
                found = marker["path"] in body
                return (status == 200 and found == want), f"HTTP {status}, found {found}", ms

            return probe

        def feed_lists(base, page_id, kind):
            def probe():
                status, body, ms = get(base, feed, feed_key)
                events = json.loads(body)["events"] if status == 200 else []
                kinds = [e["kind"] for e in events if e["id"] == page_id]
                return kind in kinds, f"HTTP {status}, kinds {kinds}", ms

            return probe

        def item(base, page_id, want_statuses):
            def probe():
                status, _body, ms = get(base, f"/api/items/{page_id}/")
                return status in want_statuses, f"HTTP {status}", ms

            return probe

        print(f"\n1. publish “{title}” through A's settings (admin code path, publication gate)")
        published = action("publish", env_a, title=title, slug=slug)
        page_id, page_url = published["id"], published["url"]
        marker["path"] = page_url
        print(f"   published page {page_id} at {page_url} in {published['ms']:.0f} ms")
        routes = [("nginx", proxy), ("nginx", proxy), ("B", server_b)]
        print("2. at once, through nginx (twice: A and B by round robin) and B directly")
        for label, base in routes:
            check(f"{label}: page shows the new item", page_shows(base, page_url, True))
            check(
                f"{label}: column lists it (cached listing invalidated)",
                contains(base, column_url, True),
            )
            check(f"{label}: site search finds it", contains(base, search_page, True))
            check(f"{label}: search API finds it", contains(base, search_api, True))
            check(f"{label}: change feed lists the publish", feed_lists(base, page_id, "publish"))
            check(f"{label}: /api/items/{{id}}/ answers it", item(base, page_id, {200}))

        print("\n3. withdraw it through B's settings (总局令第45号 第11条)")
        withdrawn = action("withdraw", env_b, slug=slug)
        print(f"   withdrawn in {withdrawn['ms']:.0f} ms")
        routes = [("nginx", proxy), ("nginx", proxy), ("A", server_a)]
        print("4. at once, through nginx (twice) and A directly")
        for label, base in routes:
            check(f"{label}: page answers 410 (withdrawn)", page_shows(base, page_url, False))
            check(f"{label}: column no longer lists it", contains(base, column_url, False))
            check(f"{label}: site search no longer finds it", contains(base, search_page, False))
            check(f"{label}: search API no longer finds it", contains(base, search_api, False))
            check(
                f"{label}: change feed lists the withdrawal", feed_lists(base, page_id, "withdraw")
            )
            check(
                f"{label}: /api/items/{{id}}/ answers 410 or 404", item(base, page_id, {404, 410})
            )
        passed = sum(checker.results)
        print(f"\n{passed}/{len(checker.results)} checks passed")
        return passed == len(checker.results)
    finally:
        services.stop()
        print(f"stopped redis, gunicorn A and B, the worker and nginx (logs in {work})")


if __name__ == "__main__":
    sys.exit(main())
