"""The test database, migrated once for a set of migrations and kept for the next runs.

Creating the test database runs every migration (~280 of them): ~65 s on SQLite on the CI
machine, ~120 s with the SQLite and PostgreSQL suites side by side, and again in every other
pytest run of `.ci/run` (the engine's tests, the cluster fault test) and of a developer. Almost
all of it is Django rendering model states, and what it leaves is the same for the same
migrations on the same database. So after a run has migrated, the database is kept in
``TEST_DATABASE_CACHE`` (default ``~/.cache/disclosure/test-databases``; ``off`` migrates every
time), under a key of:

- every migration file's content (ours and the installed packages');
- the versions of every installed package (pip and the like aside) and the files of our apps
  that write data after ``migrate`` (their ``post_migrate`` handlers: the roles and their
  permissions);
- the database vendor and its server version.

The next run with the same key restores it (SQLite: the backup API into the in-memory test
database; PostgreSQL: ``pg_restore`` into a new test database) and then creates the test
database as always, with ``keepdb``: Django's ``migrate`` still runs, finds nothing to apply
and sends ``post_migrate`` (content types, permissions, roles), so a key that missed something
is caught up by the migrations themselves. Anything that fails on the way falls back to
migrating from nothing.
"""

import hashlib
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.db.migrations.loader import MigrationLoader

logger = logging.getLogger(__name__)

#: Our apps whose ``post_migrate`` handlers write data (their whole package is in the key).
POST_MIGRATE_APPS = ("disclosure.departments", "disclosure.opendata")
#: Packages that install the others (a new pip changes no table).
INSTALLERS = {"pip", "setuptools", "wheel"}
#: Snapshots kept per database vendor (the newest; older keys are for older migrations).
KEPT_PER_VENDOR = 4


def cache_dir():
    configured = os.environ.get("TEST_DATABASE_CACHE", "")
    if configured.lower() == "off":
        return None
    return Path(configured or Path.home() / ".cache" / "disclosure" / "test-databases")


def cache_key():
    """What the migrated database depends on, as a hex digest."""
    digest = hashlib.sha256()
    digest.update(connection.vendor.encode())
    if connection.vendor == "sqlite":
        digest.update(sqlite3.sqlite_version.encode())
    elif connection.vendor == "postgresql":
        digest.update(str(connection.pg_version).encode())
    digest.update(repr(settings.INSTALLED_APPS).encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    installed = {(dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions()}
    # A set: the project's own is found twice when the working directory is on the path.
    for name, version in sorted(installed):
        if name.lower() not in INSTALLERS:
            digest.update(f"{name}=={version}".encode())
    root = Path(settings.BASE_DIR)
    for app in POST_MIGRATE_APPS:
        for path in sorted((root / app.replace(".", "/")).rglob("*.py")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _test_name():
    """The test database's name, as Django's database creation names it."""
    name = connection.settings_dict["TEST"].get("NAME")
    if connection.vendor == "sqlite":
        if not name or name == ":memory:":
            return f"file:memorydb_{connection.alias}?mode=memory&cache=shared"
        return name
    return name or TEST_DATABASE_PREFIX + connection.settings_dict["NAME"]


class CachedDatabase:
    """One snapshot of the migrated test database (``restore`` before ``setup_databases``,
    ``save`` after it when nothing was restored)."""

    def __init__(self):
        self.directory = cache_dir()
        self.path = None
        self._held = None  # SQLite: keeps the restored in-memory database alive
        if self.directory is None or connection.vendor not in ("sqlite", "postgresql"):
            return
        if connection.vendor == "postgresql" and not _postgres_tool("pg_restore"):
            return
        suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
        try:
            self.path = self.directory / f"{connection.vendor}-{cache_key()}.{suffix}"
        except Exception:
            logger.exception("no key for the migrated test database: it is not kept")

    def restore(self):
        """Put the snapshot in place of the test database; True when it did."""
        if self.path is None or not self.path.exists():
            return False
        try:
            if connection.vendor == "sqlite":
                return self._restore_sqlite()
            return self._restore_postgres()
        except Exception:
            logger.exception("the kept test database %s could not be restored", self.path)
            self.release()  # SQLite: the only connection, so the half-restored database goes
            return False

    def save(self):
        """Keep the migrated test database; True when it is kept."""
        if self.path is None:
            return False
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if connection.vendor == "sqlite":
                target = sqlite3.connect(partial)
                with target:
                    connection.ensure_connection()
                    connection.connection.backup(target)
                target.close()
            else:
                name = connection.settings_dict["NAME"]  # the test database's, by now
                _run_postgres("pg_dump", "--format=custom", "--file", str(partial), name)
            partial.replace(self.path)  # atomic: a parallel run reads a whole file or none
        except Exception:
            logger.exception("the migrated test database could not be kept in %s", self.path)
            partial.unlink(missing_ok=True)
            return False
        older = sorted(
            self.directory.glob(f"{connection.vendor}-*{self.path.suffix}"),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
        for path in older[KEPT_PER_VENDOR:]:
            path.unlink(missing_ok=True)
        return True

    def release(self):
        if self._held is not None:
            self._held.close()
            self._held = None

    def _restore_sqlite(self):
        name = _test_name()
        if "mode=memory" not in name:
            return False  # a file test database: Django deletes it first; not worth it
        source = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        self._held = sqlite3.connect(name, uri=True, check_same_thread=False)
        with source:
            source.backup(self._held)
        source.close()
        return True

    def _restore_postgres(self):
        name = _test_name()
        _run_postgres("dropdb", "--if-exists", name)
        _run_postgres("createdb", name)
        _run_postgres(
            "pg_restore",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            name,
            str(self.path),
        )
        return True


def _postgres_tool(name):
    """The newest Debian PostgreSQL's client program (as .ci/postgres.sh finds the server),
    else the one on PATH."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=_major_version)
    if found:
        return str(found[-1])
    return shutil.which(name)


def _major_version(path):
    try:
        return int(path.parent.parent.name)
    except ValueError:
        return 0


def _run_postgres(tool, *arguments):
    database = connection.settings_dict
    environment = {
        **os.environ,
        "PGHOST": str(database.get("HOST") or ""),
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": str(database.get("USER") or ""),
        "PGPASSWORD": str(database.get("PASSWORD") or ""),
    }
    subprocess.run(  # noqa: S603 - a PostgreSQL client program and our own arguments
        [_postgres_tool(tool), *arguments],
        env={key: value for key, value in environment.items() if value},
        check=True,
        capture_output=True,
        timeout=600,
    )
