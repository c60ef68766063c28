"""An attachment the checks cannot read blocks publication until a 保密审查员 clears that very
file with a reason (issue #17: "无法检查：<reason>", never a silent pass)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageLogEntry

from disclosure.checks.models import UnreadableClearance
from disclosure.checks.registry import publication_errors
from disclosure.publishing.models import ArticlePage
from tests.checks.test_extraction import encrypted_pdf, needs_ocr, scanned_pdf
from tests.factories import article, client_for

pytestmark = pytest.mark.django_db


def item_with(site, name, data):
    document = Document.objects.create(title="决定书", file=ContentFile(data, name=name))
    page = article(
        site["col"], publish=False, body="<p>见附件。</p>", attachments=[("document", document)]
    )
    return ArticlePage.objects.get(pk=page.pk), document


def errors_of(page):
    return publication_errors(ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object())


def clear(user, page, document, reason="已逐页人工核对，无个人信息。"):
    return client_for(user).post(
        f"/admin/checks/page/{page.pk}/unreadable/{document.pk}/clear/", {"reason": reason}
    )


def test_an_encrypted_attachment_blocks_until_a_reviewer_clears_it(site):
    page, document = item_with(site, "a.pdf", encrypted_pdf())
    assert "附件《决定书》无法检查：PDF 已加密，无法读取" in errors_of(page)["attachments"]

    findings = client_for(site["reviewer"]).get(f"/admin/checks/page/{page.pk}/").content.decode()
    assert "确认已人工核对" in findings

    for user in (site["editor"], site["head"], site["office"]):
        assert clear(user, page, document).status_code in (302, 403)
    assert not UnreadableClearance.objects.exists()
    assert clear(site["reviewer"], page, document, reason="  ").status_code == 302
    assert not UnreadableClearance.objects.exists()

    assert clear(site["reviewer"], page, document).status_code == 302
    assert errors_of(page) == {}
    clearance = UnreadableClearance.objects.get()
    assert clearance.cleared_by == site["reviewer"] and clearance.unreadable.startswith(
        "PDF 已加密"
    )
    entry = PageLogEntry.objects.get(page=page, action="checks.clear_unreadable")
    assert entry.data["reason"] == "已逐页人工核对，无个人信息。"


def test_a_changed_file_must_be_cleared_again(site):
    page, document = item_with(site, "a.pdf", encrypted_pdf())
    clear(site["reviewer"], page, document)
    assert errors_of(page) == {}
    document.file.save("b.pdf", ContentFile(encrypted_pdf() + b"\n% changed"), save=False)
    document.file_hash = ""
    document.save()
    document.refresh_from_db()
    from disclosure.upstream.wagtail import set_document_file_metadata

    set_document_file_metadata(document)
    document.save()
    assert "无法检查" in errors_of(page)["attachments"]


def test_a_readable_file_cannot_be_cleared(site):
    page, document = item_with(site, "a.txt", b"no personal data here")
    response = clear(site["reviewer"], page, document)
    assert response.status_code == 302
    assert not UnreadableClearance.objects.exists()


@needs_ocr
def test_a_scanned_decision_with_an_id_number_is_refused(site):
    """The issue's case: a scanned 处罚决定书 with ID numbers was published unchecked."""
    page, _document = item_with(site, "scan.pdf", scanned_pdf())
    message = errors_of(page)["attachments"]
    assert "附件《决定书》含个人信息" in message and "请上传已脱敏的附件" in message
