"""The production application server (cms/gunicorn.py, ``make serve``): gunicorn started with
the production settings and nothing but environment variables serves the portal, the API and the
static files (WhiteNoise: hashed names, compressed variants, far-future Cache-Control)."""

import contextlib
import http.client
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(tmp_path):
    """The suite's migrated test database, for a process of its own: a copy of the SQLite
    database (in memory), or the URL of the PostgreSQL test database (what the migrations
    committed: the home page and the site)."""
    connection.ensure_connection()
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(tmp_path / "db.sqlite3")
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@contextlib.contextmanager
def gunicorn(tmp_path, **extra_env):
    """gunicorn with the production settings and only environment variables; yields (port,
    static root, environment)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "gunicorn-test-not-secret",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": "",
    }
    for name in ("CACHE_URL", "PAGE_CACHE_SECONDS", "GUNICORN_BIND", "HOST"):
        env.pop(name, None)
    env.update(extra_env)
    # The portal's own static files (the admin's thousands are compressed the same way; left
    # out here for time).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        + ["--ignore", "admin", "--ignore", "rest_framework", "--ignore", "wagtail*"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "cms/gunicorn.py", "cms.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port, process)
        yield port, tmp_path / "static", env
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        # Shown by pytest when the test fails (the server's tracebacks).
        print(output.decode(errors="replace"))


def wait_for(port, process, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{process.args[0]} did not start")
            time.sleep(0.2)


@contextlib.contextmanager
def redis_server():
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port, path, **headers):
    # Behind the TLS-terminating proxy (SECURE_PROXY_SSL_HEADER): the request came in on https.
    headers = {"Host": "localhost", "X-Forwarded-Proto": "https", **headers}
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    client.request("GET", path, headers=headers)
    response = client.getresponse()
    body = response.read()
    client.close()
    return response, body


@pytest.mark.django_db
def test_gunicorn_serves_the_portal_the_api_and_compressed_static_files(tmp_path):
    with gunicorn(tmp_path) as (port, static_root, _env):
        check_portal_api_and_static(port, static_root)


def check_portal_api_and_static(port, static_root):

    response, body = get(port, "/")
    assert response.status == 200, body[:500]
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    css = manifest["css/portal.css"]
    assert css != "css/portal.css"  # the content's hash in the name
    assert f"/static/{css}" in body.decode()

    response, body = get(port, f"/static/{css}", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "max-age=315360000" in response.getheader("Cache-Control")
    assert "immutable" in response.getheader("Cache-Control")
    assert "Accept-Encoding" in response.getheader("Vary")
    if (static_root / f"{css}.br").exists():
        response, _ = get(port, f"/static/{css}", **{"Accept-Encoding": "gzip, br"})
        assert response.getheader("Content-Encoding") == "br"
    response, body = get(port, f"/static/{css}")
    assert response.getheader("Content-Encoding") is None and b"{" in body

    response, body = get(port, "/api/items/")
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("application/json")
    json.loads(body)


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_workers_and_another_process_share_the_page_cache_through_redis(tmp_path):
    """Two gunicorn workers share the page cache in Redis; a change committed by a third
    process (as publish_due in cron) is seen by the next request, whichever worker answers."""
    if connection.vendor != "sqlite":
        pytest.skip("changes the database: only on the suite's SQLite copy")
    with (
        redis_server() as cache_url,
        gunicorn(tmp_path, CACHE_URL=cache_url, WEB_CONCURRENCY="2", PAGE_CACHE_SECONDS="300") as (
            port,
            _static_root,
            env,
        ),
    ):
        # The first requests of each worker may create rows (a site's settings on first
        # read), which is a public change: those pages are stored under the old generation.
        seen = [get(port, "/")[0].getheader("X-Cache") for _ in range(8)]
        assert seen[0] == "miss" and seen[-4:] == ["hit"] * 4, seen
        response, _ = get(port, "/")
        assert response.getheader("Cache-Control") == "public, max-age=60"
        unpublish = "from home.models import HomePage; HomePage.objects.get().unpublish()"
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", unpublish],
            cwd=ROOT,
            env=env,
            check=True,
        )
        for _ in range(4):
            response, _ = get(port, "/")
            assert response.status == 404 and response.getheader("X-Cache") is None


def test_the_wsgi_module_loads_the_analysers_and_leaves_no_database_connection():
    # gunicorn forks its workers after importing cms.wsgi (preload_app): the dictionaries are
    # loaded once there, and no database connection may be inherited by the workers.
    script = (
        "import cms.wsgi\n"
        "from django.db import connections\n"
        "from search import analysis\n"
        "assert analysis.segmenter.cache_info().currsize == 1\n"
        "assert all(c.connection is None for c in connections.all(initialized_only=True))\n"
        "print('ok')\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "ok", done.stderr
