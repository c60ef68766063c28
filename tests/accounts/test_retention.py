"""Retention of the security log: at least six months (《网络安全法》第二十一条)."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from disclosure.accounts.events import record
from disclosure.accounts.models import SecurityEvent, SecurityEventKind

pytestmark = pytest.mark.django_db


def aged(kind, days):
    event = record(kind, username="u")
    SecurityEvent.objects.filter(pk=event.pk).update(
        occurred_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.fixture
def log():
    SecurityEvent.objects.all().delete()
    aged(SecurityEventKind.LOGIN, 400)
    aged(SecurityEventKind.LOGIN, 366)
    aged(SecurityEventKind.LOGIN_FAILED, 370)
    aged(SecurityEventKind.LOGIN, 364)
    aged(SecurityEventKind.LOGOUT, 1)


def test_dry_run_counts_and_deletes_nothing(log, capsys):
    call_command("prune_security_log", "--dry-run")
    out = capsys.readouterr().out
    assert "（试运行）将删除" in out and "3 条" in out
    assert "登录成功：2 条" in out and "登录失败：1 条" in out
    assert SecurityEvent.objects.count() == 5


def test_prune_deletes_what_is_older_than_the_retention(log, capsys):
    call_command("prune_security_log")
    assert "已删除" in capsys.readouterr().out
    assert SecurityEvent.objects.count() == 2


@override_settings(SECURITY_LOG_RETENTION_DAYS=182)
def test_less_than_six_months_is_refused(log):
    with pytest.raises(CommandError, match="六个月"):
        call_command("prune_security_log")
    assert SecurityEvent.objects.count() == 5


@override_settings(SECURITY_LOG_RETENTION_DAYS=183)
def test_six_months_is_the_floor(log):
    call_command("prune_security_log")
    assert SecurityEvent.objects.count() == 1
