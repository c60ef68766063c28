"""Scheduled publishing and expiry from the command (``publish_due``) and the task worker."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from disclosure.outbox.models import ChangeEvent, ChangeKind
from disclosure.publishing.models import ArticlePage
from disclosure.publishing.tasks import publish_due
from tests.factories import article, column, organisation, publish_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def col():
    organisation()
    return column(title="通知公告", slug="notices")


def run_at(moment, command="publish_due"):
    out = StringIO()
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command(command, stdout=out, stderr=out)
    return out.getvalue()


def events(page):
    return list(ChangeEvent.objects.filter(object_id=page.pk).values_list("kind", flat=True))


def test_a_scheduled_item_goes_live_when_due_and_only_once(col):
    go_live = timezone.now() + dt.timedelta(hours=2)
    page = article(col, publish=False, go_live_at=go_live)
    publish_revision(page.get_latest_revision())  # reviewed; scheduled, not live yet
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live and page.index_number is None
    assert events(page) == []

    assert "到期发布 0 条" in run_at(go_live - dt.timedelta(minutes=1))
    assert not ArticlePage.objects.get(pk=page.pk).live

    output = run_at(go_live + dt.timedelta(minutes=1))
    assert "到期发布 1 条" in output
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.index_number
    assert events(page) == [ChangeKind.PUBLISH]

    assert "到期发布 0 条" in run_at(go_live + dt.timedelta(minutes=2))
    assert events(page) == [ChangeKind.PUBLISH]


def test_a_scheduled_revision_without_determination_is_refused_once(col):
    page = article(col, publish=False)
    revision = page.get_latest_revision()
    past = timezone.now() - dt.timedelta(minutes=5)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past)

    output = run_at(timezone.now())
    assert "拒绝发布 1 条" in output and "未经保密审查" in output
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None
    entry = PageLogEntry.objects.get(page=page, action="publishing.schedule_refused")
    assert "未经保密审查" in entry.data["reason"]
    # Not retried every minute.
    assert "拒绝发布 0 条" in run_at(timezone.now())


def test_expiry_unpublishes_keeps_the_record_and_writes_expire(col):
    expire_at = timezone.now() + dt.timedelta(days=1)
    page = article(col, expire_at=expire_at, slug="short-lived")
    assert page.live

    output = run_at(expire_at + dt.timedelta(minutes=1))
    assert "到期下线 1 条" in output
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert page.index_number
    event = ChangeEvent.objects.filter(object_id=page.pk).order_by("-pk").first()
    assert event.kind == ChangeKind.EXPIRE
    assert "公示期满" in event.reason
    entry = PageLogEntry.objects.get(page=page, action="publishing.expire")
    assert "公示期满" in entry.data["reason"]

    # Idempotent: nothing more the next minute.
    assert "到期下线 0 条" in run_at(expire_at + dt.timedelta(minutes=2))
    assert events(page) == [ChangeKind.PUBLISH, ChangeKind.EXPIRE]


def test_wagtails_publish_scheduled_name_runs_the_same_gate(col):
    expire_at = timezone.now() + dt.timedelta(days=1)
    page = article(col, expire_at=expire_at)
    assert "到期下线 1 条" in run_at(expire_at + dt.timedelta(minutes=1), "publish_scheduled")
    assert events(page)[-1] == ChangeKind.EXPIRE


def test_the_task_worker_runs_it(col):
    expire_at = timezone.now() + dt.timedelta(days=1)
    article(col, expire_at=expire_at)
    with mock.patch("django.utils.timezone.now", return_value=expire_at + dt.timedelta(hours=1)):
        result = publish_due.enqueue()
    assert result.return_value == {"published": 0, "expired": 1, "refused": 0}
