"""The daily digest: mailed to the office when an indicator warns, silent when all is well."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from disclosure.assessment import digest
from disclosure.columns.models import UpdateClass
from disclosure.departments.roles import DISCLOSURE_OFFICE
from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, organisation, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    organisation()
    return user_with_role("office", DISCLOSURE_OFFICE)


def test_an_overdue_column_is_mailed_to_the_office(office):
    news = UpdateClass.objects.create(name="测试动态类", max_interval_days=14)
    page = article(column(title="工作动态", slug="gzdt", update_class=news))
    old = timezone.now() - dt.timedelta(days=30)
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=old, published_at=old)
    out = io.StringIO()
    call_command("send_inspection_digest", stdout=out)
    (message,) = mail.outbox
    assert message.to == ["office@example.com"]
    assert "【栏目更新】" in message.body and "工作动态：超期未更新" in message.body
    assert "已发送给：office@example.com" in out.getvalue()


def test_nothing_is_sent_when_all_is_well(office, monkeypatch):
    monkeypatch.setattr(digest, "body", lambda today=None: "")
    out = io.StringIO()
    call_command("send_inspection_digest", stdout=out)
    assert mail.outbox == []
    assert "各项指标正常" in out.getvalue()


def test_dry_run_sends_nothing(office):
    out = io.StringIO()
    call_command("send_inspection_digest", "--dry-run", stdout=out)
    assert mail.outbox == []
