"""The zh_Hans overrides in ``locale/`` (LOCALE_PATHS) translate what Wagtail ships untranslated.

The catalogue is compiled by ``python manage.py compilemessages --ignore=.venv`` (``make setup``,
``make test`` and CI do it); the compiled ``.mo`` is not committed."""

from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import superuser

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"


def test_the_locale_folder_holds_the_compiled_overrides():
    assert (CATALOGUE / "django.po").is_file()
    assert (CATALOGUE / "django.mo").is_file(), (
        "locale/ is not compiled: run `python manage.py compilemessages --ignore=.venv`"
    )
    assert (CATALOGUE / "django.mo").stat().st_mtime >= (CATALOGUE / "django.po").stat().st_mtime


def test_strings_wagtail_leaves_untranslated_are_translated_in_zh_hans():
    with translation.override("zh-hans"):
        assert gettext("Privacy and access") == "隐私与访问"
        assert gettext("Locked by workflow") == "被工作流锁定"
        assert ngettext("1 snippet type", "%(counter)s snippet types", 3) % {"counter": 3} == (
            "3 种片段类型"
        )


def test_the_admin_shows_the_overrides(client, db):
    client.force_login(superuser())
    response = client.get("/admin/reports/locked/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "锁定人" in response.content.decode()
    assert "Locked by" not in response.content.decode()
