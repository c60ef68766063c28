"""The PostgreSQL round trip (GB/T 22239-2019 8.1.4.10): ``pg_dump --format=custom`` of the test
database, restored with ``pg_restore`` into a new, empty database on the same cluster by a
separate ``manage.py`` process, equal table by table and file by file. Runs in CI's PostgreSQL
pass (``REQUIRE_POSTGRES=1``), skipped on SQLite."""

import io
import json
import tarfile
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests.backup.test_archive import build_site, fresh_instance, manage


# On the function, not the module: tests/conftest.py adds a plain django_db mark to every
# postgres test, and a module mark would lose to it.
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_into_a_new_database_gives_equal_counts_and_hashes(tmp_path):
    build_site()
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert "database/db.dump" in tar.getnames()
    assert manifest["database"]["engine"] == "postgresql"
    assert manifest["versions"]["pg_dump"] >= connection.pg_version // 10000

    params = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = {
        "host": params["HOST"],
        "port": params["PORT"],
        "user": params["USER"],
        "password": params["PASSWORD"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as cluster:
        cluster.execute(f'CREATE DATABASE "{name}"')
    try:
        target = f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:{params['PORT']}/{name}"
        env = fresh_instance(tmp_path, database_url=target)
        restored = manage(env, "restore_site", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert f"行数一致、内容哈希一致：{len(manifest['tables'])} 张表" in restored.stdout
        verified = manage(env, "verify_backup", str(archive))
        assert verified.returncode == 0, verified.stderr
    finally:
        with psycopg.connect(**admin) as cluster:
            cluster.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
