"""Browser tests: Playwright drives Debian's Chromium (``/usr/bin/chromium``) against
pytest-django's ``live_server``.

Nothing is downloaded at run time (never ``playwright install``): Playwright launches the
system Chromium. Without Chromium or the ``playwright`` package the tests are skipped with the
reason, unless ``REQUIRE_BROWSER=1`` (``.ci/run``), where they fail instead.

Playwright's sync API runs an event loop in the test's thread, and Django refuses ORM calls
from a thread with a running loop (``SynchronousOnlyOperation``). So the data is built first,
outside the loop: a test asks for its data fixtures before ``browser`` (the browser starts
after them and is closed before ``live_server``'s database flush), and the ORM is not used
while the browser runs. The live server answers in its own thread.

``live_server`` makes a test transactional: the database is flushed after it. Serialized
rollback (Django's ``serialized_rollback``) restores what the migrations wrote (the Wagtail
site, the home page) before each browser test.
"""

import io
import os
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the dev extra not installed
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


def _missing_browser():
    """Why the browser tests cannot run here, or None."""
    if sync_playwright is None:
        return "playwright 未安装（pip install -e '.[dev]'）"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} 不存在（apt-get install chromium）"
    return None


@pytest.fixture(autouse=True)
def _browser_available():
    """Skip (or fail, with REQUIRE_BROWSER=1) before any data is built when Chromium or
    Playwright is missing."""
    reason = _missing_browser()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(f"browser test: {reason}")


@pytest.fixture
def browser(live_server, django_db_serialized_rollback):
    """Chromium through Playwright, for one test."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _page(browser, viewport, **options):
    """A new page; after the test, no Content-Security-Policy violation may have been reported
    in its console (the policy of cms/csp.py must not break the portal or the admin)."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert not violations, violations


@pytest.fixture
def phone(browser):
    """A page 360 px wide (the narrowest common phone), JavaScript on."""
    yield from _page(browser, PHONE)


@pytest.fixture
def phone_without_js(browser):
    yield from _page(browser, PHONE, java_script_enabled=False)


@pytest.fixture
def desktop(browser):
    yield from _page(browser, DESKTOP)


#: The demo database after its first build, on SQLite: a copy in memory (sqlite3's backup API).
_demo_snapshot = {}


@pytest.fixture
def demo_portal(transactional_db):
    """The demo site (``load_demo``, two laws): every page type with realistic content.
    Ask for it before ``browser``/``phone`` and before any fixture of a test's own data: the
    copy below replaces the whole database.

    Built once a run: on SQLite the database is copied after the first build and copied back
    for every later test (SQLite's backup API, the whole file: its search index too), where a
    build took 15 s a test; on another database it is built for every test."""
    connection.ensure_connection()
    snapshot = _demo_snapshot.get(connection.alias)
    if snapshot is not None:
        snapshot.backup(connection.connection)
        return
    call_command("load_demo", laws=2, stdout=io.StringIO())
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _demo_snapshot[connection.alias] = copy
