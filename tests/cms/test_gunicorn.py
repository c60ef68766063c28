"""The production application server (cms/gunicorn.py, ``make serve``): gunicorn started with
the production settings and nothing but environment variables serves the portal, the API and the
static files (WhiteNoise: hashed names, compressed variants, far-future Cache-Control)."""

import http.client
import json
import os
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


@pytest.fixture
def server(tmp_path, db):
    url = database_url(tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "gunicorn-test-not-secret",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": url,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": "",
    }
    for name in ("CACHE_URL", "PAGE_CACHE_SECONDS", "GUNICORN_BIND", "HOST"):
        env.pop(name, None)
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
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"gunicorn did not start: {process.stdout.read().decode()}")
                time.sleep(0.2)
        yield port, tmp_path / "static"
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        # Shown by pytest when the test fails (the server's tracebacks).
        print(output.decode(errors="replace"))


def get(port, path, **headers):
    # Behind the TLS-terminating proxy (SECURE_PROXY_SSL_HEADER): the request came in on https.
    headers = {"Host": "localhost", "X-Forwarded-Proto": "https", **headers}
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    client.request("GET", path, headers=headers)
    response = client.getresponse()
    body = response.read()
    client.close()
    return response, body


def test_gunicorn_serves_the_portal_the_api_and_compressed_static_files(server):
    port, static_root = server

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
