"""Finding the PostgreSQL client for a backup: a missing or older ``pg_dump`` is a clear error
before anything is written (a dump by an older pg_dump than the server is refused)."""

import pytest

from disclosure.backup import database
from disclosure.backup.errors import BackupError


@pytest.fixture
def bin_dir(settings, monkeypatch, tmp_path):
    settings.BACKUP_PG_BIN_DIR = str(tmp_path)
    monkeypatch.setattr(database.shutil, "which", lambda name: None)
    return tmp_path


def fake_tool(folder, name, version):
    tool = folder / name
    tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version}'\n")
    tool.chmod(0o755)
    return tool


def test_a_missing_pg_dump_says_what_to_install(bin_dir):
    with pytest.raises(
        BackupError, match="找不到 pg_dump.*postgresql-client-99.*BACKUP_PG_BIN_DIR"
    ):
        database.pg_tool("pg_dump", 99)


def test_an_older_pg_dump_is_refused(bin_dir):
    fake_tool(bin_dir, "pg_dump", "13.2")
    with pytest.raises(BackupError, match="pg_dump 版本过低：需要 99 或更新版本"):
        database.pg_tool("pg_dump", 99)


def test_a_pg_dump_as_new_as_the_server_is_used(bin_dir):
    tool = fake_tool(bin_dir, "pg_restore", "99.1 (Debian 99.1-1)")
    assert database.pg_tool("pg_restore", 99) == (tool, 99)
