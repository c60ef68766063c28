"""How long the full-history site-wide scan takes (issue #17, Measure): every published item of
the demo site with the whole law corpus imported, through every registered check (personal
data, unreadable attachments and whatever else is registered), as ``manage.py scan_site`` runs
it.

Usage (from the project root), on a copy of a database built by ``benchmarks.search.build_db``::

    cp /tmp/bench.sqlite3 /tmp/scan-bench.sqlite3
    DATABASE_URL=sqlite:////tmp/scan-bench.sqlite3 .venv/bin/python -m benchmarks.checks.site_scan --demo

``--demo`` first migrates and loads the demo site into it (idempotent). Prints the items scanned,
the findings by kind, the seconds and the items per second.
"""

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from disclosure.checks import site_scan  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", action="store_true", help="migrate and load the demo first")
    args = parser.parse_args()
    if args.demo:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        print(f"migrate + load_demo: {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    run = site_scan.scan()
    seconds = time.perf_counter() - started
    counts = site_scan.summary(run)
    print(f"database: {os.environ.get('DATABASE_URL', '(default)')}")
    print(f"items scanned: {run.items_scanned}")
    print(f"findings: {run.findings.count()}")
    for label, number in counts["kind"].most_common():
        print(f"  {label}: {number}")
    print(f"full-history scan: {seconds:.1f} s ({run.items_scanned / seconds:.1f} items/s)")


if __name__ == "__main__":
    main()
