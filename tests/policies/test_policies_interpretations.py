"""Policy documents and interpretations: the interpretation guard (never live before its
policy, never for a missing or withdrawn one), the warning and the report of policies
without interpretations."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from disclosure.catalogue.models import CatalogueItem
from disclosure.departments.models import Department
from disclosure.policies.models import InterpretationPage, PolicyDocumentPage
from disclosure.policies.rules import (
    missing_interpretation_warning,
    policies_without_interpretations,
)
from disclosure.publishing.rules import publication_errors
from tests.factories import column, organisation, publish, publish_revision, superuser


@pytest.fixture
def policy_column(db):
    organisation()
    return column(title="政策文件")


def _catalogue_item(number, item, category="政策文件"):
    department = Department.objects.get_or_create(name="政策法规科")[0]
    return CatalogueItem.objects.create(
        number=number,
        category=category,
        item=item,
        content_elements="文件全文",
        legal_basis="《政府信息公开条例》第二十条",
        time_limit="20个工作日",
        lead_department=department,
    )


def policy(parent, title="关于促进个体工商户发展的若干措施", live=True):
    page = PolicyDocumentPage(
        title=title, slug=f"p{PolicyDocumentPage.objects.count()}", live=False
    )
    parent.add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision()
    return PolicyDocumentPage.objects.get(pk=page.pk)


def interpretation(parent, target, kind="text", live=False, **fields):
    page = InterpretationPage(
        title=f"《{target.title if target else '某政策'}》解读",
        slug=f"i{InterpretationPage.objects.count()}",
        kind=kind,
        policy=target,
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision()
    return InterpretationPage.objects.get(pk=page.pk)


def test_interpretation_without_policy_is_refused(policy_column):
    page = InterpretationPage(title="解读", slug="orphan", kind="text")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "请选择所解读的政策文件" in str(error.value.message_dict["policy"])


def test_interpretation_of_a_page_that_is_no_policy_is_refused(policy_column):
    page = InterpretationPage(title="解读", slug="wrong", kind="text", policy=policy_column)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "不是政策文件" in str(error.value.message_dict["policy"])


def test_interpretation_cannot_go_live_before_its_policy(policy_column):
    draft_policy = policy(policy_column, live=False)
    page = interpretation(policy_column, draft_policy)  # a draft may name a draft policy
    with pytest.raises(ValidationError) as error:
        publish_revision(page.get_latest_revision())
    assert "政策解读不能先于政策文件发布" in str(error.value)
    assert not InterpretationPage.objects.get(pk=page.pk).live

    publish(draft_policy)
    publish_revision(InterpretationPage.objects.get(pk=page.pk).get_latest_revision())
    assert InterpretationPage.objects.get(pk=page.pk).live


def test_interpretation_of_a_withdrawn_policy_is_refused(policy_column):
    live_policy = policy(policy_column)
    live_policy.unpublish()
    page = interpretation(policy_column, live_policy)
    errors = publication_errors(page.get_latest_revision().as_object())
    assert "尚未发布或已撤回" in errors["policy"]


def test_interpretation_of_a_deleted_policy_is_refused(policy_column):
    live_policy = policy(policy_column)
    page = interpretation(policy_column, live_policy)
    revision = page.get_latest_revision()
    live_policy.delete()
    errors = publication_errors(revision.as_object())
    # The revision's link to the deleted page reads as no policy at all.
    assert "政策解读必须关联一件政策文件" in errors["policy"] or "不存在" in errors["policy"]


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("graphic", "image", "图解图片"),
        ("video", "video_url", "视频地址"),
        ("expert", "expert_name", "解读专家"),
    ],
)
def test_each_kind_needs_its_content(policy_column, kind, field, message):
    page = InterpretationPage(
        title="解读", slug="k", kind=kind, policy=policy(policy_column, live=False)
    )
    page.path, page.depth = "00010001ZZZZ", 3  # full_clean without a tree position
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert message in str(error.value.message_dict[field])


def test_linked_both_ways(policy_column):
    live_policy = policy(policy_column)
    page = interpretation(
        policy_column, live_policy, kind="expert", expert_name="张教授", live=True
    )
    assert list(live_policy.live_interpretations()) == [page]
    assert page.interpreted_page() == live_policy


def test_the_admin_form_refuses_publishing_before_the_policy(policy_column, client):
    client.force_login(superuser())
    draft_policy = policy(policy_column, live=False)
    page = interpretation(policy_column, draft_policy)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    data["action-publish"] = "publish"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "政策解读不能先于政策文件发布" in response.content.decode()
    assert not InterpretationPage.objects.get(pk=page.pk).live


# --- the warning and the report -----------------------------------------------------------


@pytest.fixture
def catalogue_column(policy_column):
    item = _catalogue_item(6, "规范性文件")
    _catalogue_item(7, "政策解读")
    policy_column.catalogue_items.set([item])
    return publish(policy_column)


def test_policy_whose_catalogue_calls_for_interpretation_warns(catalogue_column):
    live_policy = policy(catalogue_column)
    assert live_policy.requires_interpretation()
    assert "要求同步发布政策解读" in missing_interpretation_warning(live_policy)
    assert policies_without_interpretations() == [live_policy]

    interpretation(catalogue_column, live_policy, live=True)
    assert missing_interpretation_warning(live_policy) is None
    assert policies_without_interpretations() == []


def test_policy_outside_such_catalogue_items_does_not_warn(policy_column):
    item = _catalogue_item(20, "财政预决算", category="财政信息")
    policy_column.catalogue_items.set([item])
    publish(policy_column)
    live_policy = policy(policy_column)
    assert not live_policy.requires_interpretation()
    assert missing_interpretation_warning(live_policy) is None
    assert policies_without_interpretations() == []


@pytest.mark.parametrize(
    ("action", "warned"),
    [({"action-publish": "1"}, True), ({"action-submit": "1"}, True), ({}, False)],
)
def test_publishing_or_submitting_in_the_admin_warns(catalogue_column, rf, action, warned):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from disclosure.policies.wagtail_hooks import warn_policy_without_interpretation

    draft = policy(catalogue_column, live=False)
    request = rf.post("/", action)
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_policy_without_interpretation(request, draft)
    texts = [str(m) for m in get_messages(request)]
    assert any("要求同步发布政策解读" in t for t in texts) is warned


def test_report_lists_policies_without_interpretations(catalogue_column, client):
    client.force_login(superuser())
    live_policy = policy(catalogue_column, title="关于规范涉企收费的通知")
    response = client.get(reverse("policies_missing_interpretations"))
    assert response.status_code == 200
    assert live_policy.title in response.content.decode()


def test_withdrawing_a_policy_warns_about_its_live_interpretations(policy_column):
    from disclosure.policies.rules import live_interpretations_warning

    live_policy = policy(policy_column)
    interpretation(policy_column, live_policy, live=True)
    assert live_interpretations_warning(live_policy) is None
    live_policy.unpublish()
    live_policy.refresh_from_db()
    assert "仍在网站上" in live_interpretations_warning(live_policy)
