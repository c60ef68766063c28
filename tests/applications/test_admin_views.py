"""The clerk's screens: the list with due dates, registering a letter, handling step by step."""

import datetime as dt

import pytest

from disclosure.applications import steps
from disclosure.applications.models import Application
from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR, FOI_CLERK
from tests.applications.test_steps import fields
from tests.factories import client_for, department, organisation, user_with_role

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
    application = Application.objects.get()
    assert f"已登记申请 {application.tracking_number}，查询码" in html
    assert "2026-10-22" in html  # the due date on the handling page

    dept = department("食品安全抽检监测科")
    client.post(
        f"/admin/applications/{application.pk}/handle/", {"step": "assign", "department": dept.pk}
    )
    response = client.post(
        f"/admin/applications/{application.pk}/handle/",
        {"step": "consult", "kind": "third_party", "party": "某公司", "on": "2026-09-22"},
        follow=True,
    )
    assert "征求意见中" in response.content.decode()
    consultation = application.consultations.get()
    response = client.post(
        f"/admin/applications/{application.pk}/handle/",
        {"step": "reply", "outcome": "granted", "summary": "", "on": "2026-10-01"},
        follow=True,
    )
    assert "仍有征求意见未收到答复" in response.content.decode()
    client.post(
        f"/admin/applications/{application.pk}/handle/",
        {"step": "opinion", "consultation": consultation.pk, "on": "2026-10-13", "opinion": "同意"},
    )
    response = client.post(
        f"/admin/applications/{application.pk}/handle/",
        {"step": "reply", "outcome": "granted", "summary": "予以公开", "on": "2026-10-20"},
        follow=True,
    )
    application.refresh_from_db()
    assert application.outcome == "granted" and application.department == dept
    listing = client.get("/admin/applications/").content.decode()
    assert application.tracking_number in listing


def test_the_list_shows_the_due_date_and_overdue(clerk):
    application, _code = steps.register(**fields())
    steps.confirm_receipt(application, clerk, on=dt.date(2026, 9, 18))
    listing = client_for(clerk).get("/admin/applications/").content.decode()
    assert "2026-10-22" in listing and "已逾期" in listing


def test_only_the_clerk_and_the_office_handle_applications(clerk):
    application, _code = steps.register(**fields())
    editor = user_with_role("editor", EDITOR, department("办公室"))
    office = user_with_role("office", DISCLOSURE_OFFICE)
    for url in ("/admin/applications/register/", f"/admin/applications/{application.pk}/handle/"):
        assert client_for(editor).get(url).status_code in (302, 403)
        assert client_for(office).get(url).status_code == 200
    assert client_for(editor).get("/admin/applications/").status_code in (302, 403)


def test_the_reply_letter_downloads_once_there_is_an_outcome(clerk):
    application, _code = steps.register(**fields())
    steps.confirm_receipt(application, clerk, on=dt.date(2026, 9, 18))
    client = client_for(clerk)
    handle = f"/admin/applications/{application.pk}/handle/"
    for extension in ("docx", "pdf"):
        assert (
            client.get(f"/admin/applications/{application.pk}/letter.{extension}").status_code
            == 404
        )
    assert "letter.docx" not in client.get(handle).content.decode()

    steps.reply(application, clerk, outcome="granted", summary="", on=dt.date(2026, 10, 16))
    html = client.get(handle).content.decode()
    assert f"/admin/applications/{application.pk}/letter.docx" in html
    assert f"/admin/applications/{application.pk}/letter.pdf" in html
    response = client.get(f"/admin/applications/{application.pk}/letter.docx")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert application.tracking_number in response["Content-Disposition"]
    response = client.get(f"/admin/applications/{application.pk}/letter.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    editor = user_with_role("editor", EDITOR, department("办公室"))
    assert client_for(editor).get(
        f"/admin/applications/{application.pk}/letter.pdf"
    ).status_code in (302, 403)


def test_without_a_chinese_font_the_pdf_letter_says_so(clerk, settings, tmp_path):
    settings.PDF_CJK_FONT = str(tmp_path / "none.ttc")
    application, _code = steps.register(**fields())
    steps.confirm_receipt(application, clerk, on=dt.date(2026, 9, 18))
    steps.reply(application, clerk, outcome="granted", summary="", on=dt.date(2026, 10, 16))
    response = client_for(clerk).get(
        f"/admin/applications/{application.pk}/letter.pdf", follow=True
    )
    assert "未找到中文字体" in response.content.decode()
