"""The publication gate (``disclosure.publishing.rules``) and the metadata validators."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils.form_data import querydict_from_html

from disclosure.organisation.credit_code import credit_code_check_character, validate_credit_code
from disclosure.outbox.models import ChangeEvent
from disclosure.publishing.choices import DisclosureAttribute, WithholdingGround
from disclosure.publishing.models import ArticlePage
from disclosure.publishing.rules import publication_errors
from disclosure.publishing.validators import validate_document_number
from disclosure.review.models import ConfidentialityDetermination
from tests.factories import article, column, organisation, publish_revision, superuser

NOT_PUBLISHABLE = [DisclosureAttribute.ON_REQUEST, DisclosureAttribute.WITHHELD]


@pytest.fixture
def col(db):
    organisation()
    return column(title="政策文件")


@pytest.fixture
def admin_client(client, db):
    client.force_login(superuser())
    return client


def _assert_untouched(page):
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.index_number is None
    assert page.first_published_at is None
    assert not ChangeEvent.objects.filter(object_id=page.pk).exists()


# --- the model ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("attribute", NOT_PUBLISHABLE)
def test_model_publish_refuses_non_proactive_items(col, attribute):
    page = article(
        col,
        publish=False,
        disclosure_attribute=attribute,
        withholding_ground=WithholdingGround.INTERNAL_AFFAIRS,
    )
    with pytest.raises(ValidationError) as error:
        page.get_latest_revision().publish()
    assert "只有主动公开的信息才能发布" in " ".join(error.value.messages)
    assert "disclosure_attribute" in error.value.message_dict
    _assert_untouched(page)


@pytest.mark.django_db
def test_a_live_item_turned_non_proactive_cannot_be_republished(col):
    page = article(col)
    page.disclosure_attribute = DisclosureAttribute.ON_REQUEST
    revision = page.save_revision()
    with pytest.raises(ValidationError):
        revision.publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.disclosure_attribute == DisclosureAttribute.PROACTIVE
    assert ChangeEvent.objects.filter(object_id=page.pk).count() == 1


@pytest.mark.django_db
def test_withheld_needs_a_withholding_ground(col):
    page = ArticlePage(
        title="内部文件", slug="internal", disclosure_attribute=DisclosureAttribute.WITHHELD
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "不予公开的信息必须选择不公开依据" in " ".join(
        error.value.message_dict["withholding_ground"]
    )
    page.withholding_ground = WithholdingGround.STATE_SECRET
    page.clean()


@pytest.mark.django_db
def test_proactive_items_name_no_withholding_ground(col):
    page = ArticlePage(
        title="通知",
        slug="notice",
        disclosure_attribute=DisclosureAttribute.PROACTIVE,
        withholding_ground=WithholdingGround.STATE_SECRET,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "withholding_ground" in error.value.message_dict


@pytest.mark.django_db
def test_future_written_on_refused_on_publish_but_a_draft_may_be_saved(col):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = article(col, publish=False, written_on=tomorrow)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.written_on == tomorrow
    assert page.get_latest_revision().as_object().written_on == tomorrow
    with pytest.raises(ValidationError) as error:
        page.get_latest_revision().publish()
    assert "成文日期" in " ".join(error.value.message_dict["written_on"])
    _assert_untouched(page)

    page.written_on = timezone.localdate()
    publish_revision(page.save_revision())
    assert ArticlePage.objects.get(pk=page.pk).live


@pytest.mark.django_db
def test_publication_errors_of_a_proactive_item_with_todays_date():
    page = ArticlePage(title="x", index_number="已分配", written_on=timezone.localdate())
    assert publication_errors(page) == {}


# --- the admin form -----------------------------------------------------------------------


def _post_edit(admin_client, page, **changes):
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    for name, value in changes.items():
        data[name.replace("_", "-") if name.startswith("action") else name] = value
    return admin_client.post(f"/admin/pages/{page.pk}/edit/", data)


@pytest.mark.django_db
@pytest.mark.parametrize("attribute", NOT_PUBLISHABLE)
def test_admin_publish_of_non_proactive_item_shows_the_error(admin_client, col, attribute):
    page = article(col, publish=False, title="依申请的信息")
    response = _post_edit(
        admin_client,
        page,
        disclosure_attribute=attribute,
        withholding_ground=WithholdingGround.THIRD_PARTY_RIGHTS,
        action_publish="action-publish",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "只有主动公开的信息才能发布" in html
    _assert_untouched(page)


@pytest.mark.django_db
def test_admin_publish_button_refuses_an_unreviewed_item_even_for_a_superuser(admin_client, col):
    """Item 3: the publish button (editing an existing draft, and on creation) does not bypass
    the confidentiality review, superusers included."""
    page = article(col, publish=False, title="未经审核的信息")
    response = _post_edit(admin_client, page, action_publish="action-publish")
    assert response.status_code == 200
    assert "未经保密审查" in response.content.decode()
    _assert_untouched(page)

    response = admin_client.get(f"/admin/pages/add/publishing/articlepage/{col.pk}/")
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "新建即发布",
            "slug": "created-and-published",
            "publisher": "示范市市场监督管理局",
            "written_on": timezone.localdate().isoformat(),
            "disclosure_attribute": DisclosureAttribute.PROACTIVE,
            "validity": "in_force",
            "action-publish": "action-publish",
        }
    )
    data.setdefault("attachments-count", "0")
    response = admin_client.post(f"/admin/pages/add/publishing/articlepage/{col.pk}/", data)
    assert response.status_code == 200
    assert "未经保密审查" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="created-and-published", live=True).exists()


@pytest.mark.django_db
def test_admin_scheduling_an_unreviewed_item_is_refused(admin_client, col):
    """Item 3, scheduled publishing: "publish" with a future 发布时间 schedules nothing without
    a determination for the revision."""
    page = article(col, publish=False, title="想定时发布的信息")
    go_live = timezone.localtime() + dt.timedelta(days=2)
    response = _post_edit(
        admin_client,
        page,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        action_publish="action-publish",
    )
    assert response.status_code == 200
    assert "未经保密审查" in response.content.decode()
    _assert_untouched(page)
    assert not Revision.objects.filter(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    ).exists()


@pytest.mark.django_db
def test_admin_may_save_a_non_proactive_draft(admin_client, col):
    page = article(col, publish=False)
    response = _post_edit(
        admin_client,
        page,
        disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        withholding_ground=WithholdingGround.THIRD_PARTY_RIGHTS,
    )
    assert response.status_code == 302
    latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.disclosure_attribute == DisclosureAttribute.ON_REQUEST
    _assert_untouched(page)


@pytest.mark.django_db
def test_admin_refuses_withheld_without_ground(admin_client, col):
    page = article(col, publish=False)
    response = _post_edit(
        admin_client, page, disclosure_attribute=DisclosureAttribute.WITHHELD, withholding_ground=""
    )
    assert response.status_code == 200
    assert "不予公开的信息必须选择不公开依据" in response.content.decode()


@pytest.mark.django_db
def test_admin_publish_with_future_written_on_shows_the_error(admin_client, col):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = article(col, publish=False)
    response = _post_edit(
        admin_client, page, written_on=tomorrow.isoformat(), action_publish="action-publish"
    )
    assert response.status_code == 200
    assert f"成文日期 {tomorrow.isoformat()} 晚于今天，不能发布。" in response.content.decode()
    _assert_untouched(page)

    # Saving the same draft is fine.
    response = _post_edit(admin_client, page, written_on=tomorrow.isoformat())
    assert response.status_code == 302
    latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.written_on == tomorrow
    _assert_untouched(page)


@pytest.mark.django_db
def test_admin_refuses_a_bad_document_number(admin_client, col):
    page = article(col, publish=False)
    response = _post_edit(admin_client, page, document_number="2020年23号")
    assert response.status_code == 200
    assert "格式不正确" in response.content.decode()


# --- the approval workflow ----------------------------------------------------------------


def _current_task_state(page):
    return page.current_workflow_state.current_task_state


@pytest.mark.django_db
@pytest.mark.parametrize("attribute", NOT_PUBLISHABLE)
def test_submitting_a_non_proactive_item_for_approval_is_refused(admin_client, col, attribute):
    page = article(col, publish=False)
    assert page.has_workflow  # Wagtail's default "Moderators approval" on the root
    response = _post_edit(
        admin_client,
        page,
        disclosure_attribute=attribute,
        withholding_ground=WithholdingGround.THIRD_PARTY_RIGHTS,
        action_submit="1",
    )
    assert response.status_code == 200
    assert "只有主动公开的信息才能发布" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_state is None
    _assert_untouched(page)


def _approve(admin_client, page):
    task_state = _current_task_state(ArticlePage.objects.get(pk=page.pk))
    return admin_client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )


@pytest.mark.django_db
def test_final_approval_without_a_determination_is_refused(admin_client, col):
    """Wagtail's stock "Moderators approval" has no confidentiality review: its approval would
    publish a revision without a determination, so the gate refuses it (403, in Chinese)."""
    page = article(col, publish=False, title="走审核流程的信息")
    assert _post_edit(admin_client, page, action_submit="1").status_code == 302
    before = _current_task_state(ArticlePage.objects.get(pk=page.pk))
    response = _approve(admin_client, page)
    assert response.status_code == 403
    assert "未经保密审查" in response.content.decode()
    _assert_untouched(page)
    after = _current_task_state(ArticlePage.objects.get(pk=page.pk))
    assert (after.pk, after.status) == (before.pk, before.STATUS_IN_PROGRESS)

    # With a determination for the revision under review, the approval publishes it.
    latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision()
    ConfidentialityDetermination.system(latest, "测试：系统认定")
    response = _approve(admin_client, page)
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.index_number
    assert ChangeEvent.objects.filter(object_id=page.pk).count() == 1


@pytest.mark.django_db
def test_approval_refused_by_the_gate_shows_a_message(admin_client, col):
    page = article(col, publish=False)
    assert _post_edit(admin_client, page, action_submit="1").status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    ConfidentialityDetermination.system(page.get_latest_revision(), "测试：系统认定")
    organisation(credit_code="")
    response = _approve(admin_client, page)
    assert response.status_code == 403
    assert "统一社会信用代码" in response.content.decode()
    _assert_untouched(page)
    assert _current_task_state(ArticlePage.objects.get(pk=page.pk)).status == "in_progress"


# --- validators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "黔府办函〔2020〕23号",
        "黔府办函[2020]23号",
        "黔府办函(2020)23号",
        "黔府办函（2020）23号",
        "国务院令第711号",
        "国家市场监督管理总局令第45号",
        "",
        None,
    ],
)
def test_good_document_numbers(value):
    validate_document_number(value)


@pytest.mark.parametrize(
    "value", ["abc", "2020年23号", "黔府办函2020年23号", "〔2020〕23号", "黔府办函〔20〕23号"]
)
def test_bad_document_numbers(value):
    with pytest.raises(ValidationError) as error:
        validate_document_number(value)
    assert "文号" in error.value.messages[0]


@pytest.mark.django_db
def test_document_number_is_validated_by_full_clean(col):
    page = article(col, publish=False)
    page.document_number = "abc"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "document_number" in error.value.message_dict


@pytest.mark.parametrize("value", ["11520200MB15762018", "91110000600037341L", "", None])
def test_good_credit_codes(value):
    validate_credit_code(value)


def test_lower_case_credit_code_is_accepted():
    validate_credit_code("91110000600037341l")


@pytest.mark.parametrize(
    "value",
    [
        "11520200MB15762019",  # wrong check digit
        "11520200MB1576201",  # 17 characters
        "11520200MB1576201I",  # I is not in the alphabet
    ],
)
def test_bad_credit_codes(value):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)
    assert "统一社会信用代码" in error.value.messages[0]


def test_check_character():
    assert credit_code_check_character("11520200MB1576201") == "8"


# --- every publish path (issue item 3) ----------------------------------------------------


@pytest.mark.django_db
def test_bulk_publish_refuses_items_without_a_determination(admin_client, col):
    unreviewed = article(col, publish=False, title="未审的信息")
    reviewed = article(col, publish=False, title="已审的信息")
    ConfidentialityDetermination.system(reviewed.get_latest_revision(), "测试：系统认定")
    url = f"/admin/bulk/wagtailcore/page/publish/?id={unreviewed.pk}&id={reviewed.pk}"
    response = admin_client.post(url)
    assert response.status_code == 302
    messages = admin_client.get(response["Location"]).content.decode()
    assert "未通过发布检查" in messages and "未审的信息" in messages
    _assert_untouched(unreviewed)
    assert not ArticlePage.objects.get(pk=reviewed.pk).live  # nothing at all is published

    response = admin_client.post(f"/admin/bulk/wagtailcore/page/publish/?id={reviewed.pk}")
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=reviewed.pk).live


@pytest.mark.django_db
def test_copy_with_publish_copies_is_refused_and_a_draft_copy_is_allowed(admin_client, col):
    page = article(col, title="原件")
    url = f"/admin/pages/{page.pk}/copy/"
    form = {
        "new_title": "副本",
        "new_slug": "copy-of-original",
        "new_parent_page": col.pk,
        "publish_copies": "on",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302 and response["Location"] == url
    assert not ArticlePage.objects.filter(slug="copy-of-original").exists()

    del form["publish_copies"]
    response = admin_client.post(url, form)
    assert response.status_code == 302
    copy = ArticlePage.objects.get(slug="copy-of-original")
    assert not copy.live and copy.index_number is None
    assert not ChangeEvent.objects.filter(object_id=copy.pk).exists()


@pytest.mark.django_db
def test_copying_a_column_with_published_items_cannot_publish_them(admin_client, col):
    article(col, title="栏目里的信息")
    home = col.get_parent()
    response = admin_client.post(
        f"/admin/pages/{col.pk}/copy/",
        {
            "new_title": "栏目副本",
            "new_slug": "column-copy",
            "new_parent_page": home.pk,
            "copy_subpages": "on",
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    assert ArticlePage.objects.filter(title="栏目里的信息").count() == 1  # nothing copied


@pytest.mark.django_db
def test_publishing_an_old_version_from_the_revisions_screen_needs_its_review(admin_client, col):
    page = article(col, title="第一版")
    page.title = "第二版（未审）"
    page.save_revision()
    old = ArticlePage.objects.get(pk=page.pk).revisions.order_by("pk").first()
    response = _post_edit(admin_client, page, title="第一版", action_publish="action-publish")
    assert response.status_code == 200
    assert "未经保密审查" in response.content.decode()
    # Publishing the reviewed revision itself is allowed.
    old.publish()
    assert ArticlePage.objects.get(pk=page.pk).live_revision_id == old.pk
