"""Backup and restore of a whole site, measured (issue #18 item 6; GB/T 22239-2019 8.1.4.10).

Run ``python -m benchmarks.production.backup_restore`` from the repository root. It builds a
source instance in a temporary folder (SQLite, its own media folders: ``migrate`` and
``load_demo``), or copies an existing SQLite database with ``--source-db PATH`` (e.g. the demo
plus the law corpus), optionally adds ``--files N`` incompressible filler files of
``--file-kb`` KiB to each media folder (the demo has no media; the files are not referenced by
any row, they measure the file part), then runs, as an operator would, each in its own process:

1. ``manage.py backup_site`` on the source;
2. ``manage.py restore_site`` into a fresh instance (an empty database file, empty media
   folders), which verifies every table's row count and content hash and every file's SHA-256
   against the archive's manifest;

and prints the database and media sizes, the archive's size, the wall time of both commands
(Python start-up included) and the restore's verdict. Keep the output in
``results-backup.txt``.
"""

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def instance(base):
    base.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{base / 'db.sqlite3'}",
        "MEDIA_ROOT": str(base / "media"),
        "PRIVATE_MEDIA_ROOT": str(base / "private_media"),
    }


def manage(env, *args):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    seconds = time.monotonic() - started
    if result.returncode != 0 and args[0] != "restore_site":
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result, seconds


def folder_size(path):
    files = [p for p in Path(path).rglob("*") if p.is_file()] if Path(path).exists() else []
    return len(files), sum(p.stat().st_size for p in files)


def megabytes(size):
    return f"{size / 1e6:.1f} MB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-db", help="copy this SQLite database instead of load_demo")
    parser.add_argument("--laws", type=int, default=300, help="load_demo --laws (default 300)")
    parser.add_argument(
        "--files",
        type=int,
        default=0,
        help="add this many incompressible filler files to each media folder (the demo has none)",
    )
    parser.add_argument("--file-kb", type=int, default=256, help="size of a filler file in KiB")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="backup-bench-"))
    try:
        source = instance(work / "source")
        if options.source_db:
            # The online backup API: a consistent copy even of a database in use.
            with (
                sqlite3.connect(options.source_db) as origin,
                sqlite3.connect(work / "source" / "db.sqlite3") as copy,
            ):
                origin.backup(copy)
            label = f"copy of {options.source_db}"
            manage(source, "migrate", "-v0")
        else:
            manage(source, "migrate", "-v0")
            manage(source, "load_demo", f"--laws={options.laws}")
            label = f"demo (load_demo --laws={options.laws})"
        for folder in ("media/documents", "private_media/applications/2026"):
            target = work / "source" / folder
            target.mkdir(parents=True, exist_ok=True)
            for number in range(options.files):
                (target / f"filler-{number:05}.pdf").write_bytes(os.urandom(options.file_kb * 1024))
        db_size = (work / "source" / "db.sqlite3").stat().st_size
        media = folder_size(work / "source" / "media")
        private = folder_size(work / "source" / "private_media")

        archive = work / "site.tar.gz"
        backup, backup_seconds = manage(source, "backup_site", str(archive))
        fresh = instance(work / "fresh")
        restore, restore_seconds = manage(fresh, "restore_site", str(archive))
        verdict = re.search(r"行数一致、内容哈希一致：(\d+) 张表，(\d+) 个文件", restore.stdout)

        print(f"source: {label}, SQLite {sqlite3.sqlite_version}")
        print(f"database file: {megabytes(db_size)}")
        print(f"media: {media[0]} files, {megabytes(media[1])}")
        print(f"private media: {private[0]} files, {megabytes(private[1])}")
        print(f"archive (tar.gz): {megabytes(archive.stat().st_size)}")
        print(f"backup_site: {backup_seconds:.1f} s wall")
        print(f"restore_site (restore + verification): {restore_seconds:.1f} s wall")
        print([line for line in backup.stdout.splitlines() if line.startswith("备份完成")][-1])
        if verdict and restore.returncode == 0:
            print(f"counts equal / hashes equal: {verdict[1]} tables, {verdict[2]} files")
        else:
            print(
                f"restore FAILED (exit {restore.returncode}):\n{restore.stdout}\n{restore.stderr}"
            )
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
