"""The database part of a backup, with each engine's own tool (GB/T 22239-2019 8.1.4.10).

- **SQLite**: the SQLite online backup API, from the site's own connection inside the read
  transaction the manifest is computed in, so the copy and its counts and hashes are one point in
  time while the site keeps running.
- **PostgreSQL**: ``pg_dump --format=custom`` of the database at ``DATABASE_URL``, run on the
  snapshot exported by the transaction the manifest is computed in (``pg_export_snapshot``), with
  a ``pg_dump`` at least as new as the server (``BACKUP_PG_BIN_DIR``, else the Debian
  ``/usr/lib/postgresql/<major>/bin``, else ``PATH``). Restored with ``pg_restore
  --single-transaction``: all or nothing.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.utils.translation import gettext as _

from .errors import BackupError

DUMP_NAMES = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.dump"}


def engine():
    """``sqlite`` or ``postgresql``; any other engine is refused."""
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            _("不支持的数据库：%(vendor)s（只支持 SQLite 和 PostgreSQL）。")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def server_version():
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        number = connection.pg_version
        return f"PostgreSQL {number // 10000}.{number % 10000}"
    return f"SQLite {sqlite3.sqlite_version}"


def _tool_major(path):
    try:
        output = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(found.group(1)) if found else None


def pg_tool(name, at_least):
    """``(path, major)`` of the PostgreSQL client ``name`` (``pg_dump``, ``pg_restore``) whose
    major version is at least ``at_least``; a dump made by an older ``pg_dump`` than the server
    is refused by PostgreSQL, so an older tool is an error here, before anything is written."""
    candidates = []
    if settings.BACKUP_PG_BIN_DIR:
        candidates.append(Path(settings.BACKUP_PG_BIN_DIR) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{at_least}/bin") / name)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    found = []
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            major = _tool_major(path)
            if major is not None and major >= at_least:
                return path, major
            found.append(f"{path}（{major}）")
    if found:
        raise BackupError(
            _(
                "%(tool)s 版本过低：需要 %(need)s 或更新版本，找到 %(found)s。"
                "请安装匹配的客户端（如 postgresql-client-%(need)s）或设置 BACKUP_PG_BIN_DIR。"
            )
            % {"tool": name, "need": at_least, "found": "、".join(found)}
        )
    raise BackupError(
        _(
            "找不到 %(tool)s：请安装 PostgreSQL %(need)s 的客户端"
            "（如 postgresql-client-%(need)s），或设置 BACKUP_PG_BIN_DIR 指向其 bin 目录。"
        )
        % {"tool": name, "need": at_least}
    )


def _libpq_env():
    """The environment that points libpq tools at the default database: the password travels
    in the environment, never on the command line."""
    params = connection.settings_dict
    _args, extra = DatabaseClient.settings_to_cmd_args_env(params, [])
    env = {**os.environ, **(extra or {})}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGDATABASE", "NAME"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _run(command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s 失败（退出码 %(code)s）：%(error)s")
            % {
                "tool": Path(command[0]).name,
                "code": result.returncode,
                "error": (result.stderr or result.stdout).strip()[-2000:],
            }
        )


@contextmanager
def snapshot():
    """One read transaction on the default connection: what the dump copies and what the
    manifest reads in it are the same point in time. Yields ``None`` on SQLite, the exported
    snapshot's id on PostgreSQL (``None`` too inside an enclosing transaction, whose own
    uncommitted rows no other process could see)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        snapshot_id = None
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and outermost:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
            elif connection.vendor == "sqlite":
                # A deferred BEGIN takes its snapshot at the first read.
                cursor.execute("SELECT count(*) FROM sqlite_master")
        yield snapshot_id


def dump(target, snapshot_id=None):
    """Write the database to ``target`` (call inside :func:`snapshot`); returns the tool's
    version for the manifest (``None`` for SQLite)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return None
    path, major = pg_tool("pg_dump", connection.pg_version // 10000)
    command = [str(path), "--format=custom", f"--file={target}"]
    if snapshot_id:
        command.append(f"--snapshot={snapshot_id}")
    _run(command, env=_libpq_env())
    return major


def is_empty():
    """No table at all in the default database (a fresh instance, before ``migrate``)."""
    return not connection.introspection.table_names()


def restore(source, dumped_by=None, replace=False):
    """Load a dump written by :func:`dump` into the default database. ``replace`` drops the
    objects the dump holds first (``--force``); without it the database must be empty."""
    source = Path(source)
    if connection.vendor == "sqlite":
        connection.close()
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        connection.close()
        return
    path, _major = pg_tool("pg_restore", max(dumped_by or 0, connection.pg_version // 10000))
    command = [
        str(path),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    if replace:
        command += ["--clean", "--if-exists"]
    connection.close()
    env = _libpq_env()
    _run([*command, f"--dbname={env['PGDATABASE']}", str(source)], env=env)
