"""Production settings pass Django's deployment checks (issue #18: HSTS, SSL redirect, secure
cookies, frame options) and every response carries the Content-Security-Policy (cms/csp.py)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from disclosure.departments.roles import EDITOR
from tests.factories import home_page, organisation, user_with_role


def production_environment(**extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SEARCH_", "CACHE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="scjgj.example.gov.cn",
        **extra,
    )
    return environment


def check_deploy(**extra):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production_environment(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_https_is_turned_off():
    result = check_deploy(SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


def directives(response):
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_the_portal_allows_no_inline_script_nor_framing(client):
    organisation()
    home_page()
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_admin_allows_wagtails_inline_widgets_and_its_own_preview_frame(client):
    client.force_login(user_with_role("csp_editor", EDITOR))
    policy = directives(client.get("/admin/"))
    assert "'unsafe-inline'" in policy["script-src"] and "'self'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
