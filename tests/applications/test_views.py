"""在线申请 and 申请查询 on the portal: Chinese errors that keep nothing, a limit per address, and
a lookup that reveals nothing without the right code."""

import datetime as dt
import io
import re

import docx
import pytest
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from disclosure.applications import steps
from disclosure.applications.choices import FileKind, Outcome
from disclosure.applications.models import InformationRequest
from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, FOI_CLERK
from disclosure.public_forms import CHALLENGE_SALT
from tests.applications.test_steps import fields
from tests.factories import organisation, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site():
    organisation()
    cache.clear()


def form_data(client, **overrides):
    html = client.get("/yisqgk/apply/").content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    a, b, _nonce = signing.loads(token, salt=CHALLENGE_SALT)
    return {
        "requester_type": "natural_person",
        "requester_name": "李明",
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
    information_request = InformationRequest.objects.get()
    assert information_request.tracking_number in html
    code = re.search(r"查询码</dt><dd><strong>([A-Z0-9]+)<", html).group(1)
    assert information_request.code_matches(code) and information_request.status == "submitted"

    status = client.post(
        "/yisqgk/track/", {"tracking_number": information_request.tracking_number, "code": code}
    ).content.decode()
    assert "已提交，待确认收到" in status and "待工作人员确认" in status

    steps.confirm_receipt(
        information_request, user_with_role("foi", FOI_CLERK), on=dt.date(2026, 9, 18)
    )
    status = client.post(
        "/yisqgk/track/", {"tracking_number": information_request.tracking_number, "code": code}
    ).content.decode()
    assert "2026-10-22" in status


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"identity_number": "110101199003077513"}, "居民身份证号码不正确"),
        ({"requester_type": "commercial"}, "法人或者其他组织请提供统一社会信用代码"),
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
    assert not InformationRequest.objects.exists()


def test_a_flood_from_one_address_is_refused(client, settings):
    settings.APPLICATION_RATE_LIMIT = 2
    for _n in range(2):
        assert client.post("/yisqgk/apply/", form_data(client)).status_code == 201
    response = client.post("/yisqgk/apply/", form_data(client))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert InformationRequest.objects.count() == 2


def test_a_wrong_code_and_an_unknown_number_answer_alike(client):
    client.post("/yisqgk/apply/", form_data(client))
    information_request = InformationRequest.objects.get()
    wrong = client.post(
        "/yisqgk/track/",
        {"tracking_number": information_request.tracking_number, "code": "AAAAAAAA"},
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


def test_behind_the_proxy_each_citizen_has_their_own_limit(client, settings):
    # Behind the site's reverse proxy every request comes from the proxy's address: the limit
    # counts the client the trusted proxy names, and only a trusted proxy is believed.
    settings.APPLICATION_RATE_LIMIT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    first = client.post(
        "/yisqgk/apply/", form_data(client), **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    second = client.post(
        "/yisqgk/apply/", form_data(client), **proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert (first.status_code, second.status_code) == (201, 201)
    again = client.post(
        "/yisqgk/apply/", form_data(client), **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert again.status_code == 429
    assert InformationRequest.objects.count() == 2


def test_an_untrusted_client_cannot_escape_the_limit_with_a_forged_header(client, settings):
    settings.APPLICATION_RATE_LIMIT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    forger = {"REMOTE_ADDR": "192.0.2.1"}
    first = client.post(
        "/yisqgk/apply/", form_data(client), **forger, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    forged = client.post(
        "/yisqgk/apply/", form_data(client), **forger, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert (first.status_code, forged.status_code) == (201, 429)
    assert InformationRequest.objects.count() == 1


def test_the_refused_form_still_labels_its_question(client, settings):
    # A flood refused with 429 shows the form again: its question field keeps a label (a new
    # question), not an empty one.
    settings.APPLICATION_RATE_LIMIT = 1
    client.post("/yisqgk/apply/", form_data(client))
    html = client.post("/yisqgk/apply/", form_data(client)).content.decode()
    assert "提交过于频繁" in html
    assert re.search(r'<label for="id_answer">\d 加 \d 等于几？', html)


def test_the_requester_sees_the_reply_only_once_reviewed_and_downloads_its_files(client):
    clerk = user_with_role("foi", FOI_CLERK)
    reviewer = user_with_role("reviewer", CONFIDENTIALITY_REVIEWER)
    information_request, code = steps.register(**fields())
    steps.confirm_receipt(information_request, clerk, on=dt.date(2026, 11, 2))
    released = steps.attach(
        information_request,
        clerk,
        kind=FileKind.RELEASED,
        name="抽检结果.txt",
        content=ContentFile("2025年抽检结果汇总".encode()),
    )
    steps.reply(information_request, clerk, outcome=Outcome.GRANTED, summary="草稿：予以公开")
    lookup = {"tracking_number": information_request.tracking_number, "code": code}
    page = client.post("/yisqgk/track/", lookup).content.decode()
    assert "已收到，办理中" in page
    assert "草稿" not in page and "抽检结果.txt" not in page and "答复待保密审查" not in page
    assert client.get(f"/yisqgk/track/files/{released.pk}/").status_code == 404
    assert client.get("/yisqgk/track/letter/").status_code == 404  # draft: no letter yet
    steps.approve_reply(information_request, reviewer)
    page = client.post("/yisqgk/track/", lookup).content.decode()
    assert "草稿：予以公开" in page and "抽检结果.txt" in page
    download = client.get(f"/yisqgk/track/files/{released.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).decode() == "2025年抽检结果汇总"
    assert Client().get(f"/yisqgk/track/files/{released.pk}/").status_code == 404
    letter = client.get("/yisqgk/track/letter/")
    assert letter.status_code == 200 and letter.content.startswith((b"%PDF", b"PK"))
    assert Client().get("/yisqgk/track/letter/").status_code == 404


def test_an_attachment_of_the_wrong_type_is_refused_and_nothing_is_kept(client):
    data = form_data(client)
    data["attachment"] = SimpleUploadedFile("身份证.jpg", b"<script>alert(1)</script>")
    response = client.post("/yisqgk/apply/", data)
    assert "内容与扩展名不符" in response.content.decode()
    assert not InformationRequest.objects.exists()
    data = form_data(client)
    data["attachment"] = SimpleUploadedFile("身份证.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100)
    response = client.post("/yisqgk/apply/", data)
    assert response.status_code == 201
    kept = InformationRequest.objects.get().files.get()
    assert kept.kind == "submitted" and kept.name == "身份证.jpg"
