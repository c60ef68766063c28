"""回应关切 (issue #16 item 3): a response to a public concern is an item of its column, linked to
the policies it explains; the policy shows it beside its interpretations and the response lists
its live policies; the API carries the concern."""

import pytest

from disclosure.policies.models import ConcernPolicyLink, ConcernResponsePage
from tests.factories import column, organisation, publish
from tests.policies.test_policies_interpretations import policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    organisation()
    policies = column(title="政策文件", slug="zcwj")
    responses = column(title="回应关切", slug="hygq")
    explained = policy(policies, title="关于规范预付式消费经营行为的通知")
    draft_policy = policy(policies, title="尚未发布的政策", live=False)
    page = ConcernResponsePage(
        title="关于健身房“跑路”退费问题的回应",
        slug="jsf",
        concern="近期多家健身房停业，消费者预付费用难以退回。",
        concern_source="网民留言",
        body="<p>我局已约谈相关经营者，并将依据通知规范预付式消费。</p>",
        live=False,
    )
    responses.add_child(instance=page)
    page.policy_links.add(ConcernPolicyLink(policy=explained))
    page.policy_links.add(ConcernPolicyLink(policy=draft_policy))
    return publish(page), explained


def test_the_response_is_listed_in_its_column_and_links_its_live_policies(client, linked):
    page, explained = linked
    assert "关于健身房“跑路”退费问题的回应" in client.get("/hygq/").content.decode()
    html = client.get(page.url).content.decode()
    assert "近期多家健身房停业" in html and "来源：网民留言" in html
    assert f'<a href="{explained.url}">关于规范预付式消费经营行为的通知</a>' in html
    assert "尚未发布的政策" not in html


def test_the_policy_shows_the_response_beside_its_interpretations(client, linked):
    page, explained = linked
    html = client.get(explained.url).content.decode()
    assert "回应关切" in html and f'<a href="{page.url}">{page.title}</a>' in html
    assert html.index("interpretations-heading") < html.index("responses-heading")


def test_the_api_carries_the_concern(client, linked):
    page, _explained = linked
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["concern"].startswith("近期多家健身房停业") and data["concern_source"] == "网民留言"
