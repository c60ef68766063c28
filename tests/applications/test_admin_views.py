"""The clerk's screens: the list with due dates, registering a letter, handling step by step."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.applications import steps
from disclosure.applications.models import InformationRequest
from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DISCLOSURE_OFFICE,
    EDITOR,
    FOI_CLERK,
)
from tests.applications.test_steps import fields
from tests.factories import client_for, department, organisation, user_with_role
from tests.printing.fonts import needs_cjk_font

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    organisation()
    return user_with_role("foi", FOI_CLERK)


def test_register_a_letter_and_handle_it(clerk):
    client = client_for(clerk)
    data = {**fields(), "channel": "post", "received_on": "2026-09-18"}
    data = {k: str(v) for k, v in data.items()}
    response = client.post("/admin/applications/register/", data, follow=True)
    html = response.content.decode()
    information_request = InformationRequest.objects.get()
    assert f"已登记申请 {information_request.tracking_number}，查询码" in html
    assert "2026-10-22" in html  # the due date on the handling page

    dept = department("食品安全抽检监测科")
    client.post(
        f"/admin/applications/{information_request.pk}/handle/",
        {"step": "assign", "department": dept.pk},
    )
    response = client.post(
        f"/admin/applications/{information_request.pk}/handle/",
        {"step": "consult", "kind": "third_party", "party": "某公司", "on": "2026-09-22"},
        follow=True,
    )
    assert "征求意见中" in response.content.decode()
    consultation = information_request.consultations.get()
    response = client.post(
        f"/admin/applications/{information_request.pk}/handle/",
        {"step": "reply", "outcome": "granted", "summary": "", "on": "2026-10-01"},
        follow=True,
    )
    assert "仍有征求意见未收到答复" in response.content.decode()
    client.post(
        f"/admin/applications/{information_request.pk}/handle/",
        {"step": "opinion", "consultation": consultation.pk, "on": "2026-10-13", "opinion": "同意"},
    )
    response = client.post(
        f"/admin/applications/{information_request.pk}/handle/",
        {"step": "reply", "outcome": "granted", "summary": "予以公开", "on": "2026-10-20"},
        follow=True,
    )
    information_request.refresh_from_db()
    assert information_request.outcome == "granted" and information_request.department == dept
    listing = client.get("/admin/applications/").content.decode()
    assert information_request.tracking_number in listing


def test_the_list_shows_the_due_date_and_overdue(clerk):
    information_request, _code = steps.register(**fields())
    steps.confirm_receipt(information_request, clerk, on=dt.date(2026, 9, 18))
    listing = client_for(clerk).get("/admin/applications/").content.decode()
    assert "2026-10-22" in listing and "已逾期" in listing


def test_only_the_clerk_and_the_office_handle_applications(clerk):
    information_request, _code = steps.register(**fields())
    editor = user_with_role("editor", EDITOR, department("办公室"))
    office = user_with_role("office", DISCLOSURE_OFFICE)
    for url in (
        "/admin/applications/register/",
        f"/admin/applications/{information_request.pk}/handle/",
    ):
        assert client_for(editor).get(url).status_code in (302, 403)
        assert client_for(office).get(url).status_code == 200
    assert client_for(editor).get("/admin/applications/").status_code in (302, 403)


@needs_cjk_font  # the PDF letter
def test_the_reply_letter_downloads_once_there_is_an_outcome(clerk):
    information_request, _code = steps.register(**fields())
    steps.confirm_receipt(information_request, clerk, on=dt.date(2026, 9, 18))
    client = client_for(clerk)
    handle = f"/admin/applications/{information_request.pk}/handle/"
    for extension in ("docx", "pdf"):
        assert (
            client.get(
                f"/admin/applications/{information_request.pk}/letter.{extension}"
            ).status_code
            == 404
        )
    assert "letter.docx" not in client.get(handle).content.decode()

    steps.reply(information_request, clerk, outcome="granted", summary="", on=dt.date(2026, 10, 16))
    html = client.get(handle).content.decode()
    assert f"/admin/applications/{information_request.pk}/letter.docx" in html
    assert f"/admin/applications/{information_request.pk}/letter.pdf" in html
    response = client.get(f"/admin/applications/{information_request.pk}/letter.docx")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert information_request.tracking_number in response["Content-Disposition"]
    response = client.get(f"/admin/applications/{information_request.pk}/letter.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    editor = user_with_role("editor", EDITOR, department("办公室"))
    assert client_for(editor).get(
        f"/admin/applications/{information_request.pk}/letter.pdf"
    ).status_code in (302, 403)


def test_without_a_chinese_font_the_pdf_letter_says_so(clerk, settings, tmp_path):
    settings.PDF_CJK_FONT = str(tmp_path / "none.ttc")
    information_request, _code = steps.register(**fields())
    steps.confirm_receipt(information_request, clerk, on=dt.date(2026, 9, 18))
    steps.reply(information_request, clerk, outcome="granted", summary="", on=dt.date(2026, 10, 16))
    response = client_for(clerk).get(
        f"/admin/applications/{information_request.pk}/letter.pdf", follow=True
    )
    assert "未找到中文字体" in response.content.decode()


def test_the_reviewer_approves_the_reply_on_the_handling_page(clerk):

    reviewer = user_with_role("reviewer", CONFIDENTIALITY_REVIEWER)
    dept = department("食品安全抽检监测科")
    information_request, _code = steps.register(**fields())
    steps.confirm_receipt(information_request, clerk, on=dt.date(2026, 11, 2))
    url = f"/admin/applications/{information_request.pk}/handle/"
    clerk_client = client_for(clerk)
    response = clerk_client.post(
        url,
        {"step": "release", "file": SimpleUploadedFile("a.exe", b"MZ\x90\x00")},
        follow=True,
    )
    assert "不支持的文件类型“a.exe”" in response.content.decode()
    response = clerk_client.post(
        url,
        {"step": "release", "file": SimpleUploadedFile("a.pdf", b"<html>not a pdf")},
        follow=True,
    )
    assert "内容与扩展名不符" in response.content.decode()
    assert not information_request.files.exists()
    clerk_client.post(url, {"step": "reply", "outcome": "granted", "summary": "予以公开"})
    response = clerk_client.post(url, {"step": "approve"}, follow=True)
    assert "答复须由保密审查员审查" in response.content.decode()
    reviewer_client = client_for(reviewer)
    page = reviewer_client.get(url).content.decode()
    assert "答复保密审查" in page and "分办" not in page  # the reviewer only reviews
    response = reviewer_client.post(url, {"step": "assign", "department": dept.pk})
    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect
    information_request.refresh_from_db()
    assert information_request.department is None
    reviewer_client.post(url, {"step": "approve", "note": "同意"})
    information_request.refresh_from_db()
    assert information_request.status == "replied"
    assert information_request.reply_reviewed_by == reviewer
