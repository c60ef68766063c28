"""The manifest of a backup: what the database and the media folders held, in a form that
another instance can be compared with (GB/T 22239-2019 8.1.4.10 数据备份恢复: a restore is
proven, not assumed).

- ``tables``: for every table of an installed model (auto-created many-to-many tables
  included, proxies and unmanaged models left out), its row count and a SHA-256 over its rows
  in primary-key order, each row written as canonical JSON (sorted keys, no spaces) of the
  values the database driver returns. Two instances on the same engine with the same rows
  give the same hash; the hash is not meant to compare SQLite with PostgreSQL.
- ``migrations``: the applied migrations, per app.
- ``files``: per media root (``media`` = MEDIA_ROOT, ``private_media`` = PRIVATE_MEDIA_ROOT,
  the information requests' files), the SHA-256 and size of every file by relative path.
"""

import datetime as dt
import decimal
import hashlib
import json
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = 1
CHUNK = 1 << 20


def media_roots():
    """The folders a backup holds, by their name in the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private_media": Path(settings.PRIVATE_MEDIA_ROOT),
    }


def _canonical(value):
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    raise TypeError(f"{type(value).__name__} is not canonical JSON")


def row_json(row):
    return json.dumps(
        list(row), default=_canonical, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


def backed_up_models():
    """One model per table, in table-name order."""
    by_table = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        by_table.setdefault(meta.db_table, model)
    return dict(sorted(by_table.items()))


def table_digest(model):
    """``(rows, sha256)`` of the model's table, read through the default connection."""
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in meta.local_concrete_fields)
    sql = f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}"  # noqa: S608 (names from the model registry, quoted)
    digest = hashlib.sha256()
    rows = 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(row_json(row).encode())
                digest.update(b"\n")
            rows += len(batch)
    return rows, digest.hexdigest()


def table_states():
    existing = set(connection.introspection.table_names())
    states = {}
    for table, model in backed_up_models().items():
        if table not in existing:
            continue
        rows, sha256 = table_digest(model)
        states[table] = {"model": model._meta.label, "rows": rows, "sha256": sha256}
    return states


def migration_state():
    if not MigrationRecorder(connection).has_table():
        return {}
    state = {}
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name"):
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(root):
    """Relative POSIX path → absolute path of every regular file under ``root``, sorted."""
    root = Path(root)
    if not root.is_dir():
        return {}
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(root).as_posix()] = path
    return found


def file_states(roots=None):
    roots = media_roots() if roots is None else roots
    return {
        name: {
            relative: {"sha256": file_digest(path), "size": path.stat().st_size}
            for relative, path in files_under(root).items()
        }
        for name, root in roots.items()
    }


def instance_state():
    """The current instance in manifest form (tables, migrations, files); read it inside one
    transaction to get one point in time."""
    return {
        "tables": table_states(),
        "migrations": migration_state(),
        "files": file_states(),
    }


def compare(expected, actual):
    """The differences between two states (manifest or :func:`instance_state`), as Chinese
    lines; empty when tables, migrations and files are equal."""
    differences = []
    for table in sorted(set(expected["tables"]) | set(actual["tables"])):
        want, got = expected["tables"].get(table), actual["tables"].get(table)
        if want is None:
            message = _("表 %(table)s：备份中没有，当前实例有 %(got)s 行")
        elif got is None:
            message = _("表 %(table)s：当前实例缺少此表（备份中 %(want)s 行）")
        elif want["rows"] != got["rows"]:
            message = _("表 %(table)s：行数不同（备份 %(want)s，当前 %(got)s）")
        elif want["sha256"] != got["sha256"]:
            message = _("表 %(table)s：行数相同（%(got)s）但内容哈希不同")
        else:
            continue
        differences.append(
            message
            % {
                "table": table,
                "want": want["rows"] if want else 0,
                "got": got["rows"] if got else 0,
            }
        )
    if expected["migrations"] != actual["migrations"]:
        differences.append(_("迁移状态不同：备份与当前实例已应用的迁移不一致"))
    for root in sorted(set(expected["files"]) | set(actual["files"])):
        want, got = expected["files"].get(root, {}), actual["files"].get(root, {})
        for relative in sorted(set(want) | set(got)):
            if relative not in got:
                message = _("文件 %(path)s：当前实例缺少")
            elif relative not in want:
                message = _("文件 %(path)s：备份中没有")
            elif want[relative]["sha256"] != got[relative]["sha256"]:
                message = _("文件 %(path)s：SHA-256 不同")
            else:
                continue
            differences.append(message % {"path": f"{root}/{relative}"})
    return differences


def summary(state):
    """``(tables, rows, files)`` of a state, for the progress lines."""
    tables = state["tables"]
    return (
        len(tables),
        sum(table["rows"] for table in tables.values()),
        sum(len(files) for files in state["files"].values()),
    )
