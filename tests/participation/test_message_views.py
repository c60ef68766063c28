"""政民互动 on the portal and in the admin: post a message (Chinese errors, the question, a limit
per address), follow it by query code, see it listed only once answered and approved; the admin's
steps by role, scoped to the department."""

import re

import pytest
from django.core import signing
from django.core.cache import cache

from disclosure.participation.choices import MessageStatus
from disclosure.participation.models import PublicMessage
from disclosure.public_forms import CHALLENGE_SALT
from tests.factories import department, organisation, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site():
    organisation()
    cache.clear()


def form_data(client, **overrides):
    html = client.get("/hudong/write/").content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    a, b, _nonce = signing.loads(token, salt=CHALLENGE_SALT)
    return {
        "category": "consultation",
        "department": "",
        "subject": "网店经营者是否需要办理营业执照",
        "body": "我在网上开店销售自制手工艺品，请问需要办理营业执照吗？",
        "name": "张先生",
        "phone": "13900000000",
        "email": "",
        "challenge": token,
        "answer": str(a + b),
        **overrides,
    }


def test_post_a_message_and_follow_it_by_its_code(client):
    response = client.post("/hudong/write/", form_data(client))
    assert response.status_code == 201
    found = PublicMessage.objects.get()
    html = response.content.decode()
    assert found.query_code in html and "前答复" in html
    status = client.post("/hudong/lookup/", {"code": found.query_code.lower()})
    assert "办理中" in status.content.decode()
    assert "13900000000" not in status.content.decode()


@pytest.mark.parametrize(
    "overrides, text",
    [
        ({"subject": "问"}, "标题太短"),
        ({"body": "请问"}, "留言内容太短"),
        ({"phone": "", "email": ""}, "请至少填写联系电话或电子邮箱"),
        ({"answer": "999"}, "验证问题的答案不正确"),
        ({"name": ""}, "必需字段"),
    ],
)
def test_bad_input_is_explained_in_chinese_and_nothing_is_kept(client, overrides, text):
    response = client.post("/hudong/write/", form_data(client, **overrides))
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not PublicMessage.objects.exists()


def test_a_flood_from_one_address_is_refused(client, settings):
    settings.PUBLIC_MESSAGE_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post("/hudong/write/", form_data(client)).status_code == 201
    refused = client.post("/hudong/write/", form_data(client))
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    assert PublicMessage.objects.count() == 2


def test_a_complaint_is_told_where_it_goes_and_never_listed(client):
    response = client.post(
        "/hudong/write/",
        form_data(client, category="complaint", subject="举报某店销售过期食品"),
    )
    assert response.status_code == 201 and "12315" in response.content.decode()
    assert PublicMessage.objects.get().status == MessageStatus.ROUTED
    assert "举报某店" not in client.get("/hudong/").content.decode()


def test_a_wrong_code_is_explained(client):
    response = client.post("/hudong/lookup/", {"code": "NOSUCHCODE"})
    assert "查询码不正确" in response.content.decode()


def test_the_list_shows_only_published_messages_with_their_answers(client):
    writer = user_with_role("writer", "editor")
    head = user_with_role("head", "department_head")
    listed = PublicMessage.submit(
        subject="已公开的留言", body="请问如何查询食品抽检结果？", name="甲", phone="1"
    )
    listed.write_answer(writer, "请在本站“抽检信息”栏目查询。")
    listed.approve(head, publish=True)
    PublicMessage.submit(
        subject="还在办理的留言", body="请问许可证遗失如何补办？", name="乙", phone="2"
    )
    html = client.get("/hudong/").content.decode()
    assert "已公开的留言" in html and "还在办理的留言" not in html
    detail = client.get(f"/hudong/{listed.pk}/").content.decode()
    assert "请在本站“抽检信息”栏目查询。" in detail and "1</dd>" not in detail
    waiting = PublicMessage.objects.get(subject="还在办理的留言")
    assert client.get(f"/hudong/{waiting.pk}/").status_code == 404
    assert "该类别暂无" in client.get("/hudong/?category=suggestion").content.decode()


def test_the_admin_steps_from_assignment_to_publication(client):
    section = department("食品经营监管科")
    other_section = department("登记注册科")
    office = user_with_role("office", "disclosure_office")
    writer = user_with_role("writer", "editor", department=section)
    head = user_with_role("head", "department_head", department=section)
    outsider = user_with_role("outsider", "editor", department=other_section)
    found = PublicMessage.submit(
        subject="餐饮店后厨卫生标准", body="请问餐饮店后厨卫生有哪些标准？", name="丙", phone="3"
    )
    url = f"/admin/participation/messages/{found.pk}/process/"

    client.force_login(office)
    client.post(url, {"step": "assign", "department": section.pk})
    assert PublicMessage.objects.get().department == section

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert "餐饮店后厨" not in client.get("/admin/participation/messages/").content.decode()

    client.force_login(writer)
    page = client.get(url).content.decode()
    assert "审核答复" not in page and "分办" not in page
    client.post(url, {"step": "answer", "answer": "请参照《餐饮服务食品安全操作规范》。"})
    assert PublicMessage.objects.get().status == MessageStatus.AWAITING_REVIEW
    refused = client.post(url, {"step": "review", "decision": "publish"})
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "no permission"
    assert PublicMessage.objects.get().status == MessageStatus.AWAITING_REVIEW

    client.force_login(head)
    response = client.post(
        url,
        {
            "step": "review",
            "decision": "publish",
            "subject": "餐饮店后厨卫生标准",
            "body": "请问餐饮店后厨卫生有哪些标准？",
            "answer": "请参照《餐饮服务食品安全操作规范》。",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert PublicMessage.objects.get().status == MessageStatus.PUBLISHED
    assert "餐饮店后厨卫生标准" in client.get("/hudong/").content.decode()


def test_the_admin_list_filters_overdue_messages_and_exports(client):
    office = user_with_role("office", "disclosure_office")
    PublicMessage.submit(
        subject="一条新留言", body="请问如何办理食品经营许可？", name="丁", phone="4"
    )
    client.force_login(office)
    assert "一条新留言" in client.get("/admin/participation/messages/").content.decode()
    assert (
        "一条新留言"
        not in client.get("/admin/participation/messages/?sla=overdue").content.decode()
    )
    export = client.get("/admin/participation/messages/?export=csv")
    assert export.status_code == 200 and "一条新留言" in b"".join(export).decode("utf-8-sig")
