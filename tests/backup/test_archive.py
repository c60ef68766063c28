"""Backup and restore of database and media (issue #18 item 6; GB/T 22239-2019 8.1.4.10):
a site with real data is backed up, restored into a fresh instance (a separate ``manage.py``
process with its own database and media folders) and found equal, table by table and file by
file; a tampered archive is refused."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from disclosure.applications.choices import FileKind
from disclosure.applications.models import RequestFile
from disclosure.applications.steps import attach
from disclosure.applications.steps import register as register_application
from tests import factories
from tests.applications.test_steps import fields as application_fields

ROOT = Path(__file__).resolve().parents[2]
SECRET_PDF = factories.pdf_bytes("identity")

# Committed data: a backup runs outside any transaction, as ``manage.py backup_site`` does.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # A SQLite instance restored into a SQLite file; PostgreSQL: test_archive_postgres.py.
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup and restore"),
]


def build_site():
    """An instance with something in every part a backup must hold."""
    factories.organisation()
    column = factories.column(title="通知公告")
    factories.article(column, title="关于开展食品安全抽检的通告")
    information_request, _code = register_application(**application_fields())
    attach(
        information_request,
        None,
        kind=FileKind.SUBMITTED,
        name="身份证明.pdf",
        content=ContentFile(SECRET_PDF),
    )
    picture = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(picture, "PNG")
    get_image_model().objects.create(
        title="局徽", file=ImageFile(io.BytesIO(picture.getvalue()), name="emblem.png")
    )
    get_document_model().objects.create(
        title="抽检结果", file=ContentFile(factories.pdf_bytes("results"), name="results.pdf")
    )


def fresh_instance(tmp_path, database_url=None):
    """The environment of a fresh instance: its own database and media folders."""
    base = tmp_path / "fresh"
    base.mkdir()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": database_url or f"sqlite:///{base / 'db.sqlite3'}",
        "MEDIA_ROOT": str(base / "media"),
        "PRIVATE_MEDIA_ROOT": str(base / "private_media"),
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def rewrite(archive, target, change):
    """A copy of ``archive`` with ``change(name, data) -> data`` applied to every member."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


@pytest.fixture
def backup(tmp_path):
    build_site()
    archive = tmp_path / "site.tar.gz"
    out = io.StringIO()
    call_command("backup_site", str(archive), stdout=out)
    assert "备份完成" in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    return archive, manifest


def test_the_manifest_describes_the_site(backup):
    _archive, manifest = backup
    tables = manifest["tables"]
    assert tables["publishing_articlepage"]["rows"] == 1
    assert tables["applications_informationrequest"]["rows"] == 1
    assert tables["applications_requestfile"]["rows"] == 1
    assert tables["wagtailimages_image"]["rows"] == 1
    assert tables["wagtaildocs_document"]["rows"] == 1
    assert all(len(table["sha256"]) == 64 for table in tables.values())
    private = manifest["files"]["private_media"][RequestFile.objects.get().file.name]
    assert private["size"] == len(SECRET_PDF)
    assert {Path(name).suffix for name in manifest["files"]["media"]} >= {".png", ".pdf"}
    assert manifest["migrations"]["applications"]
    assert manifest["database"]["engine"] == "sqlite"
    assert manifest["versions"]["django"] and manifest["versions"]["wagtail"]


def test_restore_into_a_fresh_instance_gives_equal_counts_and_hashes(backup, tmp_path):
    archive, manifest = backup
    env = fresh_instance(tmp_path)

    restored = manage(env, "restore_site", str(archive))

    assert restored.returncode == 0, restored.stderr
    tables = len(manifest["tables"])
    files = sum(len(root) for root in manifest["files"].values())
    assert files >= 3  # the image, the document, the request's file
    assert f"行数一致、内容哈希一致：{tables} 张表，{files} 个文件" in restored.stdout
    assert "update_index" in restored.stdout
    relative = RequestFile.objects.get().file.name
    assert (Path(env["PRIVATE_MEDIA_ROOT"]) / relative).read_bytes() == SECRET_PDF
    # Checked once more from outside the restore, and a second restore is refused.
    verified = manage(env, "verify_backup", str(archive))
    assert verified.returncode == 0, verified.stderr
    assert "行数一致、内容哈希一致" in verified.stdout
    again = manage(env, "restore_site", str(archive))
    assert again.returncode == 1
    assert "目标数据库不是空的" in again.stderr


def test_a_changed_file_in_the_archive_fails_verification(backup, tmp_path):
    archive, _manifest = backup
    relative = RequestFile.objects.get().file.name
    tampered = rewrite(
        archive,
        tmp_path / "tampered.tar.gz",
        lambda name, data: b"forged" if name == f"private_media/{relative}" else data,
    )
    with pytest.raises(CommandError, match="SHA-256 与清单不符"):
        call_command("verify_backup", str(tampered), stdout=io.StringIO())
    env = fresh_instance(tmp_path)
    refused = manage(env, "restore_site", str(tampered))
    assert refused.returncode == 1
    assert "被改动或损坏" in refused.stderr
    assert not Path(env["PRIVATE_MEDIA_ROOT"]).exists()  # nothing written
    assert "SHA-256 与清单不符" in refused.stderr


def test_a_changed_manifest_fails_against_the_instance(backup, tmp_path):
    archive, _manifest = backup

    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["tables"]["publishing_articlepage"]["rows"] = 2
        manifest["tables"]["wagtailimages_image"]["sha256"] = "0" * 64
        return json.dumps(manifest).encode()

    tampered = rewrite(archive, tmp_path / "tampered.tar.gz", change)
    out = io.StringIO()
    with pytest.raises(CommandError, match="不一致"):
        call_command("verify_backup", str(tampered), stdout=out)
    assert "表 publishing_articlepage：行数不同（备份 2，当前 1）" in out.getvalue()
    assert "表 wagtailimages_image：行数相同（1）但内容哈希不同" in out.getvalue()
    # Unchanged, the archive matches the instance it was taken from.
    call_command("verify_backup", str(archive), stdout=io.StringIO())


def test_refusals_are_clear_and_write_nothing(backup, tmp_path):
    archive, _manifest = backup
    with pytest.raises(CommandError, match="目标已存在"):
        call_command("backup_site", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="目标数据库不是空的"):
        call_command("restore_site", str(archive), stdout=io.StringIO())

    def newer(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["applications"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    with pytest.raises(CommandError, match="较新的代码版本.*9999_from_the_future"):
        call_command("restore_site", str(rewrite(archive, tmp_path / "n.tar.gz", newer)))
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="损坏或不完整"):
        call_command("verify_backup", str(truncated), stdout=io.StringIO())
    assert connection.introspection.table_names()  # the instance is untouched
