"""How long a database connection is kept (cms/settings/base.py): a PostgreSQL connection
opened per request cost ~12 ms of every search request (issue #21 item 3), an SQLite one ~2.5 ms
of every uncached page (issue #16)."""

import json
import subprocess
import sys

from django.conf import settings

from tests.cms.test_deploy_settings import production_environment

READ = (
    "import json, django; django.setup(); from django.conf import settings; "
    "d = settings.DATABASES['default']; "
    "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
)


def kept(**extra):
    environment = production_environment(**extra)
    environment.pop("DATABASE_CONN_MAX_AGE", None)
    environment.update(extra)
    result = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_postgresql_connection_is_kept_a_minute_and_checked_before_reuse():
    assert kept(DATABASE_URL="postgres://u:p@db:5432/disclosure") == [60, True]


def test_an_sqlite_connection_is_kept_too():
    assert kept(DATABASE_URL="sqlite:////tmp/x.sqlite3") == [60, True]


def test_the_environment_sets_how_long():
    url = "postgres://u:p@db:5432/disclosure"
    assert kept(DATABASE_URL=url, DATABASE_CONN_MAX_AGE="0") == [0, True]
    assert kept(DATABASE_URL=url, DATABASE_CONN_MAX_AGE="300") == [300, True]
