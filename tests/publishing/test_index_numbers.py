"""索引号 (index number): ``{credit code}/{YYYY}-{serial:05d}``, assigned once on the first
publish and never changed afterwards (政府信息公开目录系统实施指引; ``domain.md``)."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from disclosure.outbox.models import ChangeEvent
from disclosure.publishing.models import ArticlePage, IndexNumberSequence
from tests.factories import (
    CREDIT_CODE,
    article,
    column,
    organisation,
    publish_revision,
    superuser,
)

pytestmark = pytest.mark.django_db

OTHER_CODE = "91110000600037341L"  # a valid code with another check character


def this_year():
    return timezone.localdate().year


@pytest.fixture
def col():
    organisation()
    return column(title="通知公告")


@pytest.fixture
def admin_client(client):
    client.force_login(superuser())
    return client


def test_other_code_is_valid():
    from disclosure.organisation.credit_code import validate_credit_code

    validate_credit_code(OTHER_CODE)


def test_format_and_serials(col):
    first = article(col)
    second = article(col)
    year = this_year()
    assert first.index_number == f"{CREDIT_CODE}/{year}-00001"
    assert second.index_number == f"{CREDIT_CODE}/{year}-00002"
    assert re.fullmatch(r"[0-9A-Z]{18}/\d{4}-\d{5}", first.index_number)
    sequence = IndexNumberSequence.objects.get(credit_code=CREDIT_CODE, year=year)
    assert sequence.last_serial == 2


def test_year_is_the_local_year_of_the_first_publish(col):
    # 2025-12-31 16:30 UTC is already 2026-01-01 00:30 in Asia/Shanghai.
    moment = dt.datetime(2025, 12, 31, 16, 30, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        page = article(col)
    assert page.index_number == f"{CREDIT_CODE}/2026-00001"
    assert page.published_at == moment

    # Republished a year later: the number (and its year) stays.
    later = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page.title = "改过的标题"
        publish_revision(page.save_revision())
    page.refresh_from_db()
    assert page.index_number == f"{CREDIT_CODE}/2026-00001"
    assert page.published_at == moment


def test_serials_count_per_year(col):
    with mock.patch(
        "django.utils.timezone.now", return_value=dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    ):
        a = article(col)
        b = article(col)
    with mock.patch(
        "django.utils.timezone.now", return_value=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    ):
        c = article(col)
    assert [a.index_number, b.index_number, c.index_number] == [
        f"{CREDIT_CODE}/2024-00001",
        f"{CREDIT_CODE}/2024-00002",
        f"{CREDIT_CODE}/2025-00001",
    ]


def test_serial_widens_beyond_99999(col):
    IndexNumberSequence.objects.create(credit_code=CREDIT_CODE, year=this_year(), last_serial=99998)
    assert article(col).index_number.endswith("-99999")
    assert article(col).index_number == f"{CREDIT_CODE}/{this_year()}-100000"
    assert article(col).index_number == f"{CREDIT_CODE}/{this_year()}-100001"


def test_drafts_get_no_index_number(col):
    draft = article(col, publish=False)
    assert draft.index_number is None
    assert draft.published_at is None
    draft.title = "再存一次草稿"
    draft.save_revision()
    draft.refresh_from_db()
    assert draft.index_number is None
    assert not IndexNumberSequence.objects.exists()


def test_republishing_after_edits_keeps_the_number(col):
    page = article(col)
    number = page.index_number
    for n in range(3):
        page = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
        page.title = f"第 {n} 次修改"
        publish_revision(page.save_revision())
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.index_number == number
    assert page.title == "第 2 次修改"
    assert IndexNumberSequence.objects.get().last_serial == 1


def test_publishing_an_old_revision_saved_before_the_first_publish_keeps_it(col):
    page = article(col, publish=False, title="初稿")
    old_revision = page.get_latest_revision()
    assert old_revision.content.get("index_number") is None

    page.title = "定稿"
    publish_revision(page.save_revision())
    page.refresh_from_db()
    number = page.index_number
    published_at = page.published_at
    assert number

    old_revision.refresh_from_db()
    publish_revision(old_revision)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.title == "初稿"
    assert page.index_number == number
    assert page.published_at == published_at
    assert IndexNumberSequence.objects.get().last_serial == 1


def test_changing_the_publisher_keeps_the_number(col):
    page = article(col, publisher="综合科")
    number = page.index_number
    page.publisher = "办公室"
    publish_revision(page.save_revision())
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.publisher == "办公室"
    assert page.index_number == number


def test_changing_the_credit_code_keeps_old_numbers(col):
    old = article(col)
    organisation(credit_code=OTHER_CODE)
    old.title = "更新"
    publish_revision(old.save_revision())
    new = article(col)
    old.refresh_from_db()
    assert old.index_number == f"{CREDIT_CODE}/{this_year()}-00001"
    assert new.index_number == f"{OTHER_CODE}/{this_year()}-00001"


def test_copy_without_keep_live_has_no_number(col):
    page = article(col)
    copy = page.copy(update_attrs={"slug": "copy-1", "title": "副本"}, keep_live=False)
    copy = ArticlePage.objects.get(pk=copy.pk)
    assert not copy.live
    assert copy.index_number is None
    assert copy.published_at is None

    # Publishing the copy gives it its own number.
    publish_revision(copy.save_revision())
    copy.refresh_from_db()
    page.refresh_from_db()
    assert copy.index_number == f"{CREDIT_CODE}/{this_year()}-00002"
    assert page.index_number == f"{CREDIT_CODE}/{this_year()}-00001"


def test_copy_keeping_it_live_gets_its_own_number(col):
    page = article(col)
    copy = page.copy(update_attrs={"slug": "copy-2", "title": "副本"}, keep_live=True)
    copy = ArticlePage.objects.get(pk=copy.pk)
    page.refresh_from_db()
    assert copy.index_number != page.index_number
    assert copy.index_number in (None, f"{CREDIT_CODE}/{this_year()}-00002")
    # Republishing the copy's latest revision (copied from the original, number and all)
    # does not take the original's number either.
    publish_revision(copy.get_latest_revision())
    copy.refresh_from_db()
    assert copy.index_number == f"{CREDIT_CODE}/{this_year()}-00002"
    assert page.index_number == f"{CREDIT_CODE}/{this_year()}-00001"


def _edit_form_data(admin_client, page):
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField is drawn by JavaScript: its management field is not in the HTML.
    data.setdefault("attachments-count", "0")
    return data


def test_editing_in_the_admin_keeps_the_number(admin_client, col):
    page = article(col, title="原标题", body="<p>正文</p>")
    number = page.index_number
    data = _edit_form_data(admin_client, page)
    assert "index_number" not in data
    data["title"] = "管理后台修改"
    data["index_number"] = f"{CREDIT_CODE}/1999-99999"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    # The edited draft goes live after its review (here a system determination).
    publish_revision(ArticlePage.objects.get(pk=page.pk).get_latest_revision())
    page.refresh_from_db()
    assert page.title == "管理后台修改"
    assert page.live
    assert page.index_number == number
    assert ChangeEvent.objects.filter(object_id=page.pk).count() == 2


def test_first_publish_after_review_assigns_the_number(admin_client, col):
    page = article(col, publish=False, title="后台首次发布")
    data = _edit_form_data(admin_client, page)
    data["action-publish"] = "action-publish"
    # The publish button cannot bypass the confidentiality review (a new, unreviewed revision).
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "未经保密审查" in response.content.decode()
    page.refresh_from_db()
    assert not page.live and page.index_number is None
    publish_revision(page.get_latest_revision())
    page.refresh_from_db()
    assert page.live
    assert page.index_number == f"{CREDIT_CODE}/{this_year()}-00001"


def test_index_number_is_not_a_form_field():
    form_class = ArticlePage.get_edit_handler().get_form_class()
    assert "index_number" not in form_class.base_fields


def test_no_credit_code_refuses_the_publish(col):
    organisation(credit_code="")
    page = article(col, publish=False)
    with pytest.raises(ValidationError) as error:
        page.get_latest_revision().publish()
    assert "统一社会信用代码" in " ".join(error.value.messages)
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.index_number is None
    assert page.first_published_at is None
    assert not ChangeEvent.objects.filter(object_id=page.pk).exists()
    assert not IndexNumberSequence.objects.exists()


def test_no_credit_code_refuses_the_publish_in_the_admin(admin_client, col):
    organisation(credit_code="")
    page = article(col, publish=False)
    data = _edit_form_data(admin_client, page)
    data["action-publish"] = "action-publish"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "统一社会信用代码，才能生成索引号" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.index_number is None
    assert not ChangeEvent.objects.filter(object_id=page.pk).exists()
