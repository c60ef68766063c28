"""The outbox: one append-only ChangeEvent per public change, in the change's transaction."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from disclosure.outbox.models import ChangeEvent, ChangeKind
from disclosure.publishing.models import ArticlePage, IndexNumberSequence
from tests.factories import article, column, organisation, publish_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def col():
    organisation()
    return column(title="工作动态", slug="news")


def kinds(page):
    return list(ChangeEvent.objects.filter(object_id=page.pk).values_list("kind", flat=True))


def test_first_publish_then_updates(col):
    page = article(col, title="第一版")
    assert kinds(page) == [ChangeKind.PUBLISH]
    page.title = "第二版"
    publish_revision(page.save_revision())
    page.title = "第三版"
    publish_revision(page.save_revision())
    assert kinds(page) == [ChangeKind.PUBLISH, ChangeKind.UPDATE, ChangeKind.UPDATE]
    last = ChangeEvent.objects.filter(object_id=page.pk).last()
    assert last.title == "第三版"
    assert last.revision_id == ArticlePage.objects.get(pk=page.pk).live_revision_id


def test_saving_a_draft_writes_nothing(col):
    page = article(col, publish=False)
    page.title = "改了但没发布"
    page.save_revision()
    assert kinds(page) == []


def test_unpublish_expire_and_republish(col):
    page = article(col)
    page.unpublish()
    assert kinds(page) == [ChangeKind.PUBLISH, ChangeKind.UNPUBLISH]

    page = ArticlePage.objects.get(pk=page.pk)
    page.get_latest_revision().publish()
    assert kinds(page)[-1] == ChangeKind.PUBLISH

    page = ArticlePage.objects.get(pk=page.pk)
    page.unpublish(set_expired=True)
    assert kinds(page)[-1] == ChangeKind.EXPIRE

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.expired
    page.get_latest_revision().publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.expired
    assert kinds(page) == [
        ChangeKind.PUBLISH,
        ChangeKind.UNPUBLISH,
        ChangeKind.PUBLISH,
        ChangeKind.EXPIRE,
        ChangeKind.PUBLISH,
    ]


def test_unpublishing_a_draft_writes_nothing(col):
    page = article(col, publish=False)
    page.unpublish()
    assert kinds(page) == []


def test_rows_carry_the_item_metadata(col):
    page = article(
        col, title="关于开展抽检的通知", publisher="食品科", document_number="黔市监函〔2024〕5号"
    )
    event = ChangeEvent.objects.get(object_id=page.pk)
    assert event.kind == ChangeKind.PUBLISH
    assert event.title == "关于开展抽检的通知"
    assert event.index_number == page.index_number and event.index_number
    assert event.url_path == page.url_path
    assert event.url_path.endswith("/news/" + page.slug + "/")
    assert event.content_type == ContentType.objects.get_for_model(ArticlePage)
    assert event.revision_id == page.live_revision_id
    assert event.payload["publisher"] == "食品科"
    assert event.payload["document_number"] == "黔市监函〔2024〕5号"
    assert event.payload["index_number"] == page.index_number
    assert event.payload["type"] == "publishing.articlepage"
    assert event.payload["published_at"] == page.published_at.isoformat()

    page.unpublish()
    event = ChangeEvent.objects.filter(object_id=page.pk).last()
    assert event.kind == ChangeKind.UNPUBLISH
    assert event.index_number == page.index_number
    assert event.content_type == ContentType.objects.get_for_model(ArticlePage)


def test_columns_are_recorded_too(col):
    event = ChangeEvent.objects.get(object_id=col.pk)
    assert event.kind == ChangeKind.PUBLISH
    assert event.index_number == ""
    assert event.content_type.model == "columnpage"


def test_rows_are_append_only(col):
    page = article(col)
    event = ChangeEvent.objects.get(object_id=page.pk)
    event.title = "篡改"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    assert ChangeEvent.objects.get(pk=event.pk).title == page.title


def test_a_failing_outbox_write_rolls_back_the_publish(col):
    page = article(col, publish=False)
    with mock.patch(
        "disclosure.outbox.models.ChangeEvent.record", side_effect=RuntimeError("outbox down")
    ):
        with pytest.raises(RuntimeError, match="outbox down"):
            publish_revision(page.get_latest_revision())
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.index_number is None
    assert page.live_revision is None
    assert not IndexNumberSequence.objects.exists()
    assert kinds(page) == []

    # Once the outbox works again, the publish goes through and takes serial 1.
    publish_revision(page.get_latest_revision())
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.index_number.endswith("-00001")
    assert kinds(page) == [ChangeKind.PUBLISH]


def test_a_failing_outbox_write_rolls_back_the_unpublish(col):
    page = article(col)
    with mock.patch(
        "disclosure.outbox.models.ChangeEvent.record", side_effect=RuntimeError("outbox down")
    ):
        with pytest.raises(RuntimeError):
            page.unpublish()
    assert ArticlePage.objects.get(pk=page.pk).live
    assert kinds(page) == [ChangeKind.PUBLISH]


def test_scheduled_publish_writes_the_event_when_it_goes_live(col):
    go_live = timezone.now() + dt.timedelta(hours=2)
    page = article(col, publish=False)
    page.go_live_at = go_live
    revision = page.save_revision()
    publish_revision(revision)
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.index_number is None
    assert kinds(page) == []
    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live

    # Before the time: nothing happens.
    call_command("publish_scheduled")
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert kinds(page) == []

    later = go_live + dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.index_number
    assert kinds(page) == [ChangeKind.PUBLISH]
    event = ChangeEvent.objects.get(object_id=page.pk)
    assert event.index_number == page.index_number
    assert event.revision_id == revision.pk


def test_scheduled_expiry_writes_an_expire_event(col):
    page = article(col)
    page.expire_at = timezone.now() - dt.timedelta(minutes=5)
    page.save(update_fields=["expire_at"])
    call_command("publish_scheduled")
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.expired
    assert kinds(page) == [ChangeKind.PUBLISH, ChangeKind.EXPIRE]
    event = ChangeEvent.objects.filter(object_id=page.pk).last()
    assert event.index_number == page.index_number
    assert event.content_type == ContentType.objects.get_for_model(ArticlePage)


def test_a_copy_is_never_kept_live_and_gets_its_own_number_when_published(col):
    """A copy is a new item that goes through the review (``DisclosureItemPage.copy``)."""
    page = article(col)
    copy = page.copy(update_attrs={"slug": "copy-live", "title": "副本"}, keep_live=True)
    copy = ArticlePage.objects.get(pk=copy.pk)
    assert not copy.live
    assert not ChangeEvent.objects.filter(object_id=copy.pk).exists()
    publish_revision(copy.get_latest_revision())
    copy = ArticlePage.objects.get(pk=copy.pk)
    event = ChangeEvent.objects.get(object_id=copy.pk)
    assert event.kind == ChangeKind.PUBLISH
    assert event.title == "副本"
    assert event.index_number == copy.index_number != page.index_number
    assert kinds(page) == [ChangeKind.PUBLISH]


def test_a_draft_copy_is_not_recorded(col):
    page = article(col)
    copy = page.copy(update_attrs={"slug": "copy-draft", "title": "副本"}, keep_live=False)
    assert kinds(copy) == []
