"""The pre-publication checks on every publish path, masking, and the restricted originals."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import PageLogEntry, Revision
from wagtail.test.utils.form_data import querydict_from_html

from disclosure.checks.masking import mask_personal_data
from disclosure.checks.models import MaskedOriginal
from disclosure.checks.registry import publication_errors, registered_checks
from disclosure.checks.scanner import id_check_character
from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DEPARTMENT_HEAD,
    DISCLOSURE_OFFICE,
    EDITOR,
    FOI_CLERK,
)
from disclosure.publishing.models import ArticlePage
from disclosure.review.models import final_approval_refusal
from disclosure.review.workflow import ensure_standard_workflow
from tests.factories import (
    article,
    client_for,
    column,
    department,
    organisation,
    pdf_bytes,
    publish_revision,
    superuser,
    user_with_role,
)
from tests.printing.fonts import needs_chinese_ocr

pytestmark = pytest.mark.django_db

ID = "52020119900307123" + id_check_character("52020119900307123")
BODY = f"<p>当事人张三，公民身份号码{ID}，联系电话13812345678。</p>"


@pytest.fixture
def site():
    organisation()
    dept = department("执法支队")
    col = column(title="行政处罚", slug="chufa", departments=[dept])
    ensure_standard_workflow()
    return {
        "col": col,
        "editor": user_with_role("zhifa_editor", EDITOR, dept),
        "head": user_with_role("zhifa_head", DEPARTMENT_HEAD, dept),
        "reviewer": user_with_role("reviewer", CONFIDENTIALITY_REVIEWER),
        "office": user_with_role("office", DISCLOSURE_OFFICE),
    }


def assert_not_published(page):
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live and page.first_published_at is None


def test_personal_data_is_the_first_registered_check():
    assert [check.name for check in registered_checks()][:1] == ["personal_data"]


def test_the_gate_names_the_field(site):
    page = article(site["col"], publish=False, body=BODY, title="关于张三的处罚决定")
    errors = publication_errors(page)
    assert "正文含未脱敏的个人信息（身份证号 1 处、手机号码 1 处）" in errors["body"]


# --- every publish path -------------------------------------------------------------------


def test_code_and_command_path_refused(site):
    """Imports, the demo and commands publish through publish_with_system_determination."""
    page = article(site["col"], publish=False, body=BODY)
    with pytest.raises(ValidationError) as error:
        publish_revision(page.get_latest_revision())
    assert "个人信息" in error.value.message_dict["body"][0]
    assert_not_published(page)


def test_scheduled_publication_refused(site):
    page = article(site["col"], publish=False, body=BODY)
    revision = page.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - timezone.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    err = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=err)
    assert "个人信息" in err.getvalue()
    assert_not_published(page)


def test_publish_button_refused(site):
    admin = client_for(superuser())
    page = article(site["col"], publish=False, body=BODY)
    response = admin.get(f"/admin/pages/{page.pk}/edit/")
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    data["action-publish"] = "action-publish"
    response = admin.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "含未脱敏的个人信息" in response.content.decode()
    assert_not_published(page)


def _approve(user, page, data=None):
    page = ArticlePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    return client_for(user).post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        data or {"comment": ""},
    )


def _submit(user, page):
    client = client_for(user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    data["action-submit"] = "1"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_submission_refused_until_masked_then_the_workflow_publishes(site):
    from disclosure.review.choices import CHECKLIST_FIELDS

    page = article(site["col"], publish=False, body=BODY, title="处罚决定")
    response = _submit(site["editor"], page)
    assert response.status_code == 200
    assert "正文含未脱敏的个人信息" in response.content.decode()
    assert ArticlePage.objects.get(pk=page.pk).current_workflow_state is None

    # The editor sees the findings, masked, and masks them with one action.
    findings = client_for(site["editor"]).get(f"/admin/checks/page/{page.pk}/")
    html = findings.content.decode()
    assert findings.status_code == 200
    assert "5202**********" + ID[-4:] in html and ID not in html and "138****5678" in html
    assert client_for(site["editor"]).post(f"/admin/checks/page/{page.pk}/mask/").status_code == 302

    assert _submit(site["editor"], page).status_code == 302
    assert _approve(site["head"], page).status_code == 302
    review = {name: "on" for name in CHECKLIST_FIELDS}
    review.update(determination="may_disclose", comment="")
    assert _approve(site["reviewer"], page, review).status_code == 302
    assert _approve(site["office"], page).status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert "5202**********" + ID[-4:] in page.body and ID not in page.body


def test_personal_data_typed_in_at_submission_is_flagged_then_refused_at_approval(site):
    """The edit form checks the stored draft; personal data typed into the submitting request
    itself passes the form, so the submitter is warned and the final approval refuses it."""
    from wagtail.test.utils.form_data import rich_text

    from disclosure.review.choices import CHECKLIST_FIELDS

    page = article(site["col"], publish=False, body="<p>见附件。</p>", title="处罚决定")
    client = client_for(site["editor"])
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    data["body"] = rich_text(BODY)
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    assert "发现 2 处未脱敏的个人信息" in response.content.decode()

    assert _approve(site["head"], page).status_code == 302
    review = {name: "on" for name in CHECKLIST_FIELDS}
    review.update(determination="may_disclose", comment="")
    assert _approve(site["reviewer"], page, review).status_code == 302
    # The final approval publishes the revision: the gate refuses it, with the reason.
    page = ArticlePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    refusal = final_approval_refusal(task_state)
    assert "正文含未脱敏的个人信息" in refusal
    response = _approve(site["office"], page)
    assert response.status_code in (302, 403)
    assert_not_published(page)


# --- masking and the restricted original ----------------------------------------------------


def test_masking_rewrites_every_revision_and_keeps_the_original_apart(site):
    page = article(site["col"], publish=False, body=BODY, summary="联系电话13812345678")
    page.title = "第二版"
    page.save_revision()
    records = mask_personal_data(page, user=site["reviewer"])
    assert {(r.kind, r.original, r.masked) for r in records} == {
        ("id_number", ID, "5202**********" + ID[-4:]),
        ("mobile", "13812345678", "138****5678"),
    }
    assert MaskedOriginal.objects.filter(page=page).count() == 3  # body ×2 kinds, summary
    for revision in Revision.objects.filter(object_id=str(page.pk)):
        dumped = json.dumps(revision.content, ensure_ascii=False)
        assert ID not in dumped and "13812345678" not in dumped
    latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert publication_errors(latest) == {}
    assert PageLogEntry.objects.filter(page=page, action="checks.mask_personal_data").exists()
    # Nothing left: a second run does nothing.
    assert mask_personal_data(page, user=site["reviewer"]) == []


def test_masking_a_live_page_updates_the_live_content(site):
    page = article(site["col"], body="<p>无个人信息。</p>")
    # Personal data that got live before the check (e.g. an old import).
    ArticlePage.objects.filter(pk=page.pk).update(body=BODY)
    page = ArticlePage.objects.get(pk=page.pk)
    mask_personal_data(page, user=site["reviewer"])
    assert ID not in ArticlePage.objects.get(pk=page.pk).body


def test_only_confidentiality_reviewers_read_the_originals(site):
    page = article(site["col"], publish=False, body=BODY)
    mask_personal_data(page, user=site["editor"])
    url = f"/admin/checks/page/{page.pk}/originals/"
    response = client_for(site["reviewer"]).get(url)
    assert response.status_code == 200 and ID in response.content.decode()
    for user in (site["office"], site["editor"], site["head"]):
        response = client_for(user).get(url)
        assert response.status_code in (302, 403)
        assert ID not in response.content.decode()


def test_who_may_mask(site):
    page = article(site["col"], publish=False, body=BODY)
    clerk = user_with_role("foi", FOI_CLERK)
    response = client_for(clerk).post(f"/admin/checks/page/{page.pk}/mask/")
    assert response.status_code in (302, 403)
    assert ID in ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().body
    assert client_for(site["editor"]).post(f"/admin/checks/page/{page.pk}/mask/").status_code == 302
    assert ID not in ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().body


# --- attachments -----------------------------------------------------------------------------


def _docx(text):
    import docx

    document = docx.Document()
    document.add_paragraph("行政处罚决定书")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "身份证号"
    table.rows[0].cells[1].text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx(text):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["姓名", "身份证号"])
    workbook.active.append(["张三", text])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _pdf(text):
    return pdf_bytes(text)


@pytest.mark.parametrize(
    ("name", "build"),
    [
        # A DOCX's pictures are read by OCR: python-docx's template holds a thumbnail.
        pytest.param("a.docx", _docx, marks=needs_chinese_ocr),
        ("a.xlsx", _xlsx),
        ("a.pdf", _pdf),
    ],
)
def test_attachments_are_scanned(site, name, build):
    document = Document.objects.create(
        title=f"决定书{name}", file=ContentFile(build(ID), name=name)
    )
    page = article(
        site["col"], publish=False, body="<p>见附件。</p>", attachments=[("document", document)]
    )
    errors = publication_errors(ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object())
    assert f"附件《决定书{name}》" in errors["attachments"]
    assert "请上传已脱敏的附件" in errors["attachments"]
    clean = Document.objects.create(title="clean", file=ContentFile(build("2026-05-08"), name=name))
    page.attachments = [("document", clean)]
    assert publication_errors(page) == {}


def test_the_editor_screen_shows_the_findings_and_the_link(site):
    page = article(site["col"], publish=False, body=BODY)
    response = client_for(superuser()).get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    assert "发布前检查：发现 2 处未脱敏的个人信息" in html
    assert f"/admin/checks/page/{page.pk}/" in html


def test_the_review_include_renders_the_findings(site, rf):
    from django.template import Context, Template

    page = article(site["col"], publish=False, body=BODY)
    request = rf.get("/")
    request.user = site["reviewer"]
    html = Template("{% load checks_tags %}{% check_findings page %}").render(
        Context({"page": page, "request": request})
    )
    assert "身份证号" in html and "5202**********" + ID[-4:] in html and ID not in html
