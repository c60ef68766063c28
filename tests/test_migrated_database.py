"""The kept migrated test database (tests/migrated_database.py): what its key depends on, where
it is kept, how many are kept, and that a kept SQLite database comes back whole."""

import os
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests import migrated_database
from tests.migrated_database import KEPT_PER_VENDOR, CachedDatabase, cache_key

pytestmark = pytest.mark.django_db

MIGRATION = Path(settings.BASE_DIR) / "disclosure/departments/migrations/0001_initial.py"
ROLES = Path(settings.BASE_DIR) / "disclosure/departments/roles.py"


def changed(monkeypatch, path):
    read_bytes = Path.read_bytes

    def read(self):
        content = read_bytes(self)
        return content + b"\n# changed" if self.resolve() == path.resolve() else content

    monkeypatch.setattr(Path, "read_bytes", read)


def test_the_key_is_the_same_for_the_same_migrations():
    assert cache_key() == cache_key()


def test_a_changed_migration_changes_the_key(monkeypatch):
    before = cache_key()
    changed(monkeypatch, MIGRATION)
    assert cache_key() != before


def test_a_changed_post_migrate_handler_changes_the_key(monkeypatch):
    # The roles' permissions are written after migrate (departments' post_migrate).
    before = cache_key()
    changed(monkeypatch, ROLES)
    assert cache_key() != before


def test_off_keeps_nothing(monkeypatch):
    monkeypatch.setenv("TEST_DATABASE_CACHE", "off")
    assert CachedDatabase().path is None


def test_a_snapshot_is_kept_whole_and_only_the_newest_are_kept(monkeypatch, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite snapshot (PostgreSQL's goes through pg_dump, run by CI)")
    monkeypatch.setenv("TEST_DATABASE_CACHE", str(tmp_path))
    for age in range(KEPT_PER_VENDOR + 2):
        older = tmp_path / f"sqlite-old{age}.sqlite3"
        older.write_bytes(b"")
        os.utime(older, (1_000_000 + age, 1_000_000 + age))
    kept = CachedDatabase()
    assert kept.save()

    snapshot = sqlite3.connect(kept.path)
    tables = {row[0] for row in snapshot.execute("SELECT name FROM sqlite_master")}
    assert {"wagtailcore_page", "departments_rolegroup", "django_migrations"} <= tables
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        assert snapshot.execute("SELECT COUNT(*) FROM django_migrations").fetchone() == (
            cursor.fetchone()
        )
    snapshot.close()
    left = sorted(path.name for path in tmp_path.iterdir())
    assert len(left) == KEPT_PER_VENDOR and kept.path.name in left
    assert "sqlite-old0.sqlite3" not in left  # the oldest went first
    assert migrated_database.cache_dir() == tmp_path
