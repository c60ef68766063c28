"""Build a benchmark database holding the whole law corpus (3,471 records).

Usage (from the project root)::

    .venv/bin/python -m benchmarks.search.build_db                 # -> /tmp/bench.sqlite3
    .venv/bin/python -m benchmarks.search.build_db --db sqlite:////tmp/other.sqlite3
    .venv/bin/python -m benchmarks.search.build_db --fresh         # delete the SQLite file first
    .venv/bin/python -m benchmarks.search.build_db --settings benchmarks.search.stock_settings \
        --db sqlite:////tmp/bench-stock.sqlite3 --fresh            # indexed by the stock backend
    .venv/bin/python -m benchmarks.search.build_db --reindex       # only rebuild the search index
    .venv/bin/python -m benchmarks.search.build_db --db sqlite:////tmp/bench/sqlite-100k.sqlite3 \
        --fresh --synthetic 100000                                 # + 100k synthetic (generate.py)

It runs, in a subprocess with ``DATABASE_URL`` set to ``--db`` and
``DJANGO_SETTINGS_MODULE`` defaulting to ``cms.settings.dev``, the same steps one would
type by hand::

    export DATABASE_URL=sqlite:////tmp/bench.sqlite3 DJANGO_SETTINGS_MODULE=cms.settings.dev
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python manage.py shell -c '
    from wagtail.models import Site
    from disclosure.organisation.models import OrganisationSettings
    s = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    s.credit_code = "11520200MB15762018"; s.save()'
    .venv/bin/python manage.py load_synonyms
    .venv/bin/python manage.py import_corpus --no-progress

and with ``--synthetic N``::

    .venv/bin/python -m benchmarks.search.generate --count N --out /tmp/synthetic.jsonl
    .venv/bin/python manage.py import_corpus /tmp/synthetic.jsonl --column synthetic --no-progress

The synonym groups (``search/data/synonyms.json``) are part of the judged set's figures
(消法, 电商法, …: the ``synonym`` kind). The organisation credit code is needed because
publishing a page derives its 索引号 from it. The import takes roughly 7 minutes on the 2-core machine; it is idempotent (keyed on
the corpus ``id``), so re-running only updates what changed.

Pages are indexed as they are published, by the search backend the settings name: the
database backends keep their index in the same tables with backend-specific index text, so
a database is benchmarked with the backend that indexed it. ``--reindex`` runs only
``manage.py update_index`` (e.g. after switching ``--settings`` or changing the analysis).
Then::

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python -m benchmarks.search.relevance --backend default

Any ``DATABASE_URL`` works (e.g. ``postgres://...``); ``--fresh`` only deletes SQLite files.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.search.generate import main as generate_main

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = "sqlite:////tmp/bench.sqlite3"
CREDIT_CODE = "11520200MB15762018"

SET_CREDIT_CODE = f"""
from wagtail.models import Site
from disclosure.organisation.models import OrganisationSettings
s = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
s.credit_code = "{CREDIT_CODE}"
s.regions = "示范省，示范市"  # generate.py's bureau: its documents are of its own region
s.save()
"""


def run(env, *args):
    command = [sys.executable, "manage.py", *args]
    print("+", " ".join(command[1:3]), "…" if len(command) > 3 else "", flush=True)
    started = time.monotonic()
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True)
    print(f"  done in {time.monotonic() - started:.0f}s", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB, help=f"DATABASE_URL (default {DEFAULT_DB})")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    parser.add_argument("--corpus", default=None, help="corpus file (default: the bundled one)")
    parser.add_argument(
        "--settings",
        default=os.environ.get("DJANGO_SETTINGS_MODULE", "cms.settings.dev"),
        help="DJANGO_SETTINGS_MODULE (default: $DJANGO_SETTINGS_MODULE or cms.settings.dev)",
    )
    parser.add_argument("--reindex", action="store_true", help="only run update_index")
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        metavar="N",
        help="then import N synthetic records of generate.py (seed 1), e.g. 100000",
    )
    args = parser.parse_args(argv)

    env = dict(os.environ, DATABASE_URL=args.db, DJANGO_SETTINGS_MODULE=args.settings)
    if args.reindex:
        run(env, "update_index")
        return
    if args.fresh and args.db.startswith("sqlite:///"):
        path = Path(args.db.removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    run(env, "migrate", "--noinput", "-v", "0")
    run(env, "shell", "-v", "0", "-c", SET_CREDIT_CODE)
    run(env, "load_synonyms")
    run(env, "import_corpus", "--no-progress", *([args.corpus] if args.corpus else []))
    if args.synthetic:
        with tempfile.TemporaryDirectory() as directory:
            synthetic = str(Path(directory) / "synthetic.jsonl")
            generate_main(["--count", str(args.synthetic), "--out", synthetic])
            run(env, "import_corpus", synthetic, "--column", "synthetic", "--no-progress")


if __name__ == "__main__":
    main()
