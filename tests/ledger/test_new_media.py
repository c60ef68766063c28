"""The government new-media registry: freshness at the boundary of 国办秘函〔2019〕19号's two
weeks, the interval's limit, the "已更新" action, filters and export."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure.departments import roles
from disclosure.ledger.dashboard import accounts_needing_update
from disclosure.ledger.models import (
    NEW_MEDIA_MAX_INTERVAL_DAYS,
    AccountStatus,
    Freshness,
    NewMediaAccount,
    Platform,
    due_soon_from,
)
from tests.factories import client_for, department, superuser, user_with_role

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 15)


def account(name="示范市市场监管", days_ago=None, **fields):
    last = TODAY - dt.timedelta(days=days_ago) if days_ago is not None else None
    return NewMediaAccount.objects.create(
        platform=fields.pop("platform", Platform.WECHAT),
        name=name,
        owner_department=fields.pop("owner_department", None) or department(),
        last_updated_on=last,
        **fields,
    )


@pytest.mark.parametrize(
    ("days", "freshness"),
    [
        (0, Freshness.OK),
        (10, Freshness.OK),
        (11, Freshness.DUE_SOON),
        (13, Freshness.DUE_SOON),
        (14, Freshness.DUE_SOON),  # still within the two weeks before the check
        (15, Freshness.OVERDUE),
    ],
)
def test_freshness_at_the_two_week_boundary(days, freshness):
    assert NEW_MEDIA_MAX_INTERVAL_DAYS == 14
    assert due_soon_from(14) == 11
    assert account(days_ago=days).freshness(TODAY) == freshness


def test_a_shorter_interval_and_unknown_and_closed():
    assert account("a", days_ago=7, max_interval_days=7).freshness(TODAY) == Freshness.DUE_SOON
    assert account("b", days_ago=8, max_interval_days=7).freshness(TODAY) == Freshness.OVERDUE
    assert account("c").freshness(TODAY) == Freshness.UNKNOWN
    closed = account("d", days_ago=100, status=AccountStatus.CLOSED)
    assert closed.freshness(TODAY) == Freshness.NOT_CHECKED


def test_the_interval_cannot_exceed_two_weeks():
    item = account(days_ago=1, max_interval_days=30)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "不能超过 14 天" in str(error.value)


def test_last_update_cannot_be_in_the_future():
    item = account()
    item.last_updated_on = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "最近更新日期不能晚于今天" in str(error.value)


def test_accounts_needing_update_most_urgent_first():
    account("ok", days_ago=3)
    soon = account("soon", days_ago=12)
    overdue = account("overdue", days_ago=20)
    unknown = account("unknown")
    account("closed", days_ago=60, status=AccountStatus.CLOSED)
    assert accounts_needing_update(TODAY) == [overdue, unknown, soon]


def test_mark_updated_records_today_in_the_history():
    user = superuser()
    item = account(days_ago=20)
    item.mark_updated(user, today=TODAY)
    item.refresh_from_db()
    assert item.last_updated_on == TODAY
    assert item.freshness(TODAY) == Freshness.OK
    record = item.history.first()
    assert record.history_user == user and record.history_change_reason == "登记更新"


def test_mark_updated_view_and_list():
    office = department("办公室")
    item = account("示范市场监管微博", days_ago=0, owner_department=office)
    NewMediaAccount.objects.filter(pk=item.pk).update(
        last_updated_on=timezone.localdate() - dt.timedelta(days=20)
    )
    client = client_for(superuser())
    page = client.get("/admin/new_media_accounts/").content.decode()
    assert "需要关注的账号" in page and "已超期未更新" in page
    listed = client.get("/admin/new_media_accounts/?freshness=overdue").context["object_list"]
    assert [a.pk for a in listed] == [item.pk]

    url = f"/admin/new_media_accounts/{item.pk}/updated/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    item.refresh_from_db()
    assert item.last_updated_on == timezone.localdate()
    assert not client.get("/admin/new_media_accounts/?freshness=overdue").context["object_list"]


def test_mark_updated_only_for_the_owner_department():
    own, other = department("办公室"), department("执法支队")
    editor = user_with_role("editor", roles.EDITOR, own)
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ledger",
            codename__in=["view_newmediaaccount", "change_newmediaaccount"],
        )
    )
    theirs = account("执法微博", days_ago=20, owner_department=other)
    mine = account("办公室公众号", days_ago=20, owner_department=own)
    client = client_for(editor)
    response = client.post(f"/admin/new_media_accounts/{theirs.pk}/updated/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's refusal
    theirs.refresh_from_db()
    assert theirs.last_updated_on == TODAY - dt.timedelta(days=20)
    response = client.post(f"/admin/new_media_accounts/{mine.pk}/updated/")
    assert response.url == "/admin/new_media_accounts/"
    mine.refresh_from_db()
    assert mine.last_updated_on == timezone.localdate()


def test_export():
    item = account("示范市场监管", platform=Platform.DOUYIN)
    item.last_updated_on = timezone.localdate() - dt.timedelta(days=20)
    item.save()
    response = client_for(superuser()).get("/admin/new_media_accounts/?export=csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    header, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert header[:3] == ["平台", "账号名称", "主办科室"]
    assert row[0] == "抖音"
    assert row[-1] == "已超期未更新"
