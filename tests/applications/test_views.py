"""在线申请 and 申请查询 on the portal: Chinese errors that keep nothing, a limit per address, and
a lookup that reveals nothing without the right code."""

import datetime as dt
import io
import re

import docx
import pytest
from django.core import signing
from django.core.cache import cache

from disclosure.applications import steps
from disclosure.applications.forms import CHALLENGE_SALT
from disclosure.applications.models import Application
from disclosure.departments.roles import FOI_CLERK
from tests.factories import organisation, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site():
    organisation()
    cache.clear()


def form_data(client, **overrides):
    html = client.get("/yisqgk/apply/").content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    a, b = signing.loads(token, salt=CHALLENGE_SALT)
    return {
        "applicant_type": "natural_person",
        "applicant_name": "李明",
        "identity_type": "id_card",
        "identity_number": "110101199003077512",
        "contact_phone": "13800000000",
        "contact_email": "",
        "contact_address": "",
        "description": "2025年本局食品抽检不合格产品的处置情况",
        "form_wanted": "electronic",
        "delivery": "email",
        "challenge": token,
        "answer": str(a + b),
        **overrides,
    }


def test_apply_online_then_look_it_up(client):
    response = client.post("/yisqgk/apply/", form_data(client))
    assert response.status_code == 201
    html = response.content.decode()
    application = Application.objects.get()
    assert application.tracking_number in html
    code = re.search(r"查询码</dt><dd><strong>([A-Z0-9]+)<", html).group(1)
    assert application.code_matches(code) and application.status == "submitted"

    status = client.post(
        "/yisqgk/track/", {"tracking_number": application.tracking_number, "code": code}
    ).content.decode()
    assert "已提交，待确认收到" in status and "待工作人员确认" in status

    steps.confirm_receipt(application, user_with_role("foi", FOI_CLERK), on=dt.date(2026, 9, 18))
    status = client.post(
        "/yisqgk/track/", {"tracking_number": application.tracking_number, "code": code}
    ).content.decode()
    assert "2026-10-22" in status


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"identity_number": "110101199003077513"}, "居民身份证号码不正确"),
        ({"applicant_type": "commercial"}, "法人或者其他组织请提供统一社会信用代码"),
        ({"description": "  "}, "必需字段"),
        ({"description": "查"}, "条例第二十九条"),
        ({"contact_phone": ""}, "必需字段"),
        ({"answer": "99"}, "验证问题的答案不正确"),
        ({"challenge": "forged"}, "验证问题已过期"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_kept(client, overrides, message):
    response = client.post("/yisqgk/apply/", form_data(client, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_flood_from_one_address_is_refused(client, settings):
    settings.APPLICATION_RATE_LIMIT = 2
    for _n in range(2):
        assert client.post("/yisqgk/apply/", form_data(client)).status_code == 201
    response = client.post("/yisqgk/apply/", form_data(client))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Application.objects.count() == 2


def test_a_wrong_code_and_an_unknown_number_answer_alike(client):
    client.post("/yisqgk/apply/", form_data(client))
    application = Application.objects.get()
    wrong = client.post(
        "/yisqgk/track/", {"tracking_number": application.tracking_number, "code": "AAAAAAAA"}
    ).content.decode()
    unknown = client.post(
        "/yisqgk/track/", {"tracking_number": "YSQ202699999", "code": "AAAAAAAA"}
    ).content.decode()
    assert "申请编号或查询码不正确" in wrong and "申请编号或查询码不正确" in unknown
    assert "李明" not in wrong and "110101199003077512" not in wrong
    strip = re.compile(r'value="[^"]*"|csrfmiddlewaretoken[^>]*')
    assert strip.sub("", wrong) == strip.sub("", unknown)


def test_anyone_downloads_the_blank_form_for_letters(client):
    assert "/yisqgk/apply/form.docx" in client.get("/yisqgk/apply/").content.decode()
    response = client.get("/yisqgk/apply/form.docx")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''"
        "%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E7%94%B3%E8%AF%B7%E8%A1%A8.docx"
    )  # 政府信息公开申请表.docx (RFC 5987)
    text = "".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "政府信息公开申请表" in text
