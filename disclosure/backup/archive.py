"""One backup archive of the site (GB/T 22239-2019 8.1.4.10 数据备份恢复), a ``.tar.gz``:

- ``database/db.sqlite3`` or ``database/db.dump`` (``pg_dump --format=custom``);
- ``media/…`` (MEDIA_ROOT) and ``private_media/…`` (PRIVATE_MEDIA_ROOT: the information
  requests' files);
- ``manifest.json``, last: when, from which code (git commit, Django and Wagtail versions), the
  database's engine and the dump's SHA-256, the applied migrations, every table's row count and
  content hash, every file's SHA-256 (:mod:`.manifest`).

An archive is written under a temporary name beside the destination and renamed when complete,
so a failed backup leaves no archive that looks whole. A restore checks the whole archive
against its manifest before it writes anything, and the restored instance against the manifest
afterwards.
"""

import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from . import database
from . import manifest as manifests
from .errors import BackupError

MANIFEST = "manifest.json"
#: What an archive may hold; anything else (absolute paths, ``..``, links) is refused.
MEMBER = re.compile(
    r"^(?:manifest\.json|database/db\.(?:sqlite3|dump)|(?:media|private_media)/.+)$"
)


def _quiet(_message):
    pass


def git_commit():
    """The commit of the running code, if it is a git checkout."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 (git from PATH, read only)
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def code_versions():
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
    }


class _HashingReader:
    """Reads a file once for both the archive and its SHA-256."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_file(tar, path, name):
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def create_backup(destination, log=_quiet):
    """Write the archive ``destination`` (must not exist); returns the manifest."""
    destination = Path(destination)
    if destination.exists():
        raise BackupError(
            _("目标已存在：%(path)s。备份不会覆盖已有文件，请换一个文件名。")
            % {"path": destination}
        )
    if not destination.parent.is_dir():
        raise BackupError(_("目标目录不存在：%(path)s。") % {"path": destination.parent})
    engine = database.engine()
    if connection.in_atomic_block:
        # SQLite's backup API waits forever for the connection's own uncommitted writes, and
        # pg_dump cannot see them: a backup is taken outside any transaction.
        raise BackupError(_("备份须在事务之外运行（请直接用 manage.py backup_site）。"))
    started = time.monotonic()
    manifest = {
        "format": manifests.FORMAT,
        "created_at": timezone.now().isoformat(),
        "git_commit": git_commit(),
        "versions": {**code_versions(), "database": database.server_version()},
        "database": {"engine": engine, "file": database.DUMP_NAMES[engine]},
    }
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=destination.parent) as staging:
            dump_path = Path(staging) / "db"
            log(_("正在导出数据库（%(version)s）…") % {"version": manifest["versions"]["database"]})
            with database.snapshot() as snapshot_id:
                dumped_by = database.dump(dump_path, snapshot_id)
                log(_("正在计算各表行数和内容哈希…"))
                manifest["migrations"] = manifests.migration_state()
                manifest["tables"] = manifests.table_states()
            if dumped_by is not None:
                manifest["versions"]["pg_dump"] = dumped_by
            with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
                manifest["database"].update(_add_file(tar, dump_path, manifest["database"]["file"]))
                manifest["files"] = {}
                for root_name, root in manifests.media_roots().items():
                    files = manifests.files_under(root)
                    log(
                        _("正在打包 %(root)s（%(count)s 个文件）…")
                        % {"root": root_name, "count": len(files)}
                    )
                    manifest["files"][root_name] = {
                        relative: _add_file(tar, path, f"{root_name}/{relative}")
                        for relative, path in files.items()
                    }
                data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(time.time())
                tar.addfile(info, io.BytesIO(data))
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    tables, rows, files = manifests.summary(manifest)
    log(
        _(
            "备份完成：%(path)s，%(size)s 字节，%(tables)s 张表 %(rows)s 行，%(files)s 个文件，用时 %(seconds).1f 秒。"
        )
        % {
            "path": destination,
            "size": destination.stat().st_size,
            "tables": tables,
            "rows": rows,
            "files": files,
            "seconds": time.monotonic() - started,
        }
    )
    return manifest


def read_archive(path, extract_to=None):
    """Read the archive ``path`` in one pass, hashing every member (and writing it under
    ``extract_to`` when given); returns the manifest after checking that the archive holds
    exactly what its manifest lists, byte for byte. A tampered or truncated archive is a
    :class:`BackupError` listing what differs."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("备份文件不存在：%(path)s。") % {"path": path})
    digests, manifest_data = {}, None
    try:
        with tarfile.open(path, "r|*") as tar:
            for member in tar:
                if member.isdir():
                    continue
                if (
                    not member.isfile()
                    or not MEMBER.match(member.name)
                    or ".." in member.name.split("/")
                ):
                    raise BackupError(
                        _("备份中有不应有的成员：%(name)s，拒绝读取。") % {"name": member.name}
                    )
                source = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest_data = source.read()
                    continue
                digest = hashlib.sha256()
                target = None
                if extract_to is not None:
                    target_path = Path(extract_to, *member.name.split("/"))
                    target_path.parent.mkdir(parents=True, exist_ok=True)
                    target = open(target_path, "xb")  # noqa: SIM115 (closed below)
                try:
                    while chunk := source.read(manifests.CHUNK):
                        digest.update(chunk)
                        if target is not None:
                            target.write(chunk)
                finally:
                    if target is not None:
                        target.close()
                digests[member.name] = digest.hexdigest()
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(
            _("备份文件无法读取（损坏或不完整）：%(path)s：%(error)s")
            % {"path": path, "error": error}
        ) from error
    if manifest_data is None:
        raise BackupError(_("备份不完整：缺少 manifest.json。"))
    try:
        manifest = json.loads(manifest_data)
    except ValueError as error:
        raise BackupError(
            _("manifest.json 不是有效的 JSON：%(error)s") % {"error": error}
        ) from error
    if manifest.get("format") != manifests.FORMAT:
        raise BackupError(
            _("不支持的备份格式版本：%(format)s。") % {"format": manifest.get("format")}
        )
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    for root_name, files in manifest["files"].items():
        for relative, state in files.items():
            expected[f"{root_name}/{relative}"] = state["sha256"]
    problems = []
    for name in sorted(set(expected) | set(digests)):
        if name not in digests:
            problems.append(_("缺少 %(name)s") % {"name": name})
        elif name not in expected:
            problems.append(_("清单中没有 %(name)s") % {"name": name})
        elif expected[name] != digests[name]:
            problems.append(_("%(name)s 的 SHA-256 与清单不符") % {"name": name})
    if problems:
        raise BackupError(
            _("备份文件与其清单不符（被改动或损坏）：%(problems)s")
            % {"problems": "；".join(problems[:20])}
        )
    return manifest


def _code_warnings(manifest, log):
    current = code_versions()
    for key in ("django", "wagtail"):
        if manifest["versions"].get(key) != current[key]:
            log(
                _("注意：备份来自 %(name)s %(theirs)s，当前为 %(ours)s。")
                % {
                    "name": key.capitalize(),
                    "theirs": manifest["versions"].get(key),
                    "ours": current[key],
                }
            )


def _unknown_migrations(manifest):
    """Migrations the backup had applied that this code does not have: a backup of newer code."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]


def _report(manifest, state, log):
    differences = manifests.compare(manifest, state)
    tables, _rows, files = manifests.summary(manifest)
    if differences:
        log(_("校验失败：%(count)s 处不同：") % {"count": len(differences)})
        for line in differences[:50]:
            log(f"  - {line}")
        if len(differences) > 50:
            log(_("  …… 另有 %(count)s 处") % {"count": len(differences) - 50})
    else:
        log(
            _("行数一致、内容哈希一致：%(tables)s 张表，%(files)s 个文件。")
            % {"tables": tables, "files": files}
        )
    return differences


def verify_backup(path, log=_quiet):
    """Check the archive against its manifest, then the current instance against the manifest;
    returns the differences (empty: equal)."""
    log(_("正在检查备份文件…"))
    manifest = read_archive(path)
    log(_("备份文件完整，与清单一致。正在与当前实例比较…"))
    _code_warnings(manifest, log)
    with database.snapshot():
        state = manifests.instance_state()
    return _report(manifest, state, log)


def _has_files(root):
    return root.is_dir() and any(root.iterdir())


def restore_backup(path, force=False, log=_quiet):
    """Restore the archive ``path`` into this instance (its database and media roots must be
    empty unless ``force``), then verify it against the manifest; returns the differences."""
    media_roots = manifests.media_roots()
    with tempfile.TemporaryDirectory(prefix="restore-") as staging:
        staging = Path(staging)
        log(_("正在读取并检查备份文件…"))
        manifest = read_archive(path, extract_to=staging)
        log(
            _("备份创建于 %(created)s（代码 %(commit)s）。")
            % {"created": manifest["created_at"], "commit": manifest.get("git_commit") or "-"}
        )
        engine = database.engine()
        if manifest["database"]["engine"] != engine:
            raise BackupError(
                _("数据库类型不符：备份是 %(theirs)s，当前实例是 %(ours)s，不能直接恢复。")
                % {"theirs": manifest["database"]["engine"], "ours": engine}
            )
        _code_warnings(manifest, log)
        unknown = _unknown_migrations(manifest)
        if unknown and not force:
            raise BackupError(
                _(
                    "备份来自较新的代码版本（当前代码没有这些迁移：%(names)s）。请先部署对应版本的代码，或用 --force 强制恢复。"
                )
                % {"names": "、".join(unknown[:10])}
            )
        if not force:
            if not database.is_empty():
                raise BackupError(
                    _("目标数据库不是空的。恢复只写入全新的空实例；确要覆盖请加 --force。")
                )
            for root_name, root in media_roots.items():
                if _has_files(root):
                    raise BackupError(
                        _("目标目录不是空的：%(root)s（%(path)s）。确要覆盖请加 --force。")
                        % {"root": root_name, "path": root}
                    )
        log(_("正在恢复数据库…"))
        database.restore(
            staging / manifest["database"]["file"],
            dumped_by=manifest["versions"].get("pg_dump"),
            replace=force,
        )
        stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
        for root_name, root in media_roots.items():
            log(_("正在恢复 %(root)s 到 %(path)s…") % {"root": root_name, "path": root})
            root.mkdir(parents=True, exist_ok=True)
            if _has_files(root):
                aside = root.with_name(f"{root.name}.before-restore-{stamp}")
                aside.mkdir()
                for child in root.iterdir():
                    shutil.move(child, aside / child.name)
                log(_("原有文件已移到 %(path)s。") % {"path": aside})
            staged = staging / root_name
            if staged.is_dir():
                for child in staged.iterdir():
                    shutil.move(child, root / child.name)
    log(_("正在校验恢复结果…"))
    state = manifests.instance_state()
    return _report(manifest, state, log)
