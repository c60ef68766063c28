"""A document is downloadable only while a publicly visible page uses it; staff who may see it
keep access for the admin's preview and review (issue #11, finding 2)."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, ReferenceIndex
from wagtail.test.utils.form_data import streamfield

from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE, EDITOR
from disclosure.gazette.models import GazetteArchivePage, GazetteIssuePage
from disclosure.publishing.choices import DisclosureAttribute
from disclosure.publishing.models import ArticlePage
from disclosure.publishing.withdrawal import withdraw
from tests.factories import (
    article,
    column,
    department,
    organisation,
    pdf_bytes,
    publish,
    superuser,
    user_with_role,
)
from tests.review.test_moderation_workflow import act, article_form, client_for, site  # noqa: F401

pytestmark = pytest.mark.django_db

CONTENT = pdf_bytes("attachment content")


@pytest.fixture
def notices():
    organisation()
    return column(title="通知公告", slug="notices", departments=[department("办公室")])


def document(name="fujian.pdf"):
    return get_document_model().objects.create(title="附件", file=ContentFile(CONTENT, name=name))


def download(client, doc):
    return client.get(f"/documents/{doc.pk}/{doc.filename}")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_documents_are_served_through_django():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_the_attachment_of_a_live_public_item_is_served(client, notices):
    doc = document()
    article(notices, title="抽检公告", attachments=[("document", doc)])
    response = download(client, doc)
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_a_document_linked_from_rich_text_is_served_while_its_item_is_live(client, notices):
    doc = document()
    page = article(notices, body=f'<p><a linktype="document" id="{doc.pk}">附件</a></p>')
    assert download(client, doc).status_code == 200
    page.unpublish()
    assert download(client, doc).status_code == 404


def test_the_attachment_of_a_withdrawn_item_is_gone(client, notices):
    doc = document()
    page = article(notices, title="处罚决定", attachments=[("document", doc)])
    withdraw(page, user=superuser(), reason="决定已撤销")
    response = download(client, doc)
    assert response.status_code == 410
    assert CONTENT not in body(response)
    # Still used by another live item: still public.
    article(notices, title="另一条信息", attachments=[("document", doc)])
    assert download(client, doc).status_code == 200


def test_a_draft_on_request_items_attachment_is_for_staff_only(client, notices):
    doc = document()
    article(
        notices,
        title="依申请公开答复",
        publish=False,
        disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        attachments=[("document", doc)],
    )
    response = download(client, doc)
    assert response.status_code == 404
    assert CONTENT not in body(response)
    # An admin user without any right on the document or its page does not get it.
    client.force_login(user_with_role("baomi", CONFIDENTIALITY_REVIEWER))
    assert download(client, doc).status_code == 404
    for username, role in (("office", DISCLOSURE_OFFICE), ("editor", EDITOR)):
        client.force_login(user_with_role(username, role))
        response = download(client, doc)
        assert response.status_code == 200, username
        assert body(response) == CONTENT


def test_an_unused_document_is_not_served(client):
    assert download(client, document()).status_code == 404


def test_the_attachment_of_a_restricted_item_is_not_served(client, notices):
    doc = document()
    page = article(notices, attachments=[("document", doc)])
    PageViewRestriction.objects.create(page=notices, restriction_type=PageViewRestriction.LOGIN)
    assert download(client, doc).status_code == 404
    PageViewRestriction.objects.all().delete()
    assert download(client, doc).status_code == 200
    assert page.live


def test_the_reference_index_records_every_way_a_page_uses_a_document(client, notices):
    """Attachments (StreamField), rich-text links, and the gazette's PDF (a foreign key on a
    page that is not a disclosure item)."""
    attached, linked, pdf = document("a.pdf"), document("b.pdf"), document("c.pdf")
    page = article(
        notices,
        attachments=[("document", attached)],
        body=f'<p><a linktype="document" id="{linked.pk}">b</a></p>',
    )
    for doc in (attached, linked):
        referrers = ReferenceIndex.get_references_to(doc).values_list("object_id", flat=True)
        assert str(page.pk) in set(referrers)
    archive = publish_page(GazetteArchivePage(title="政府公报", slug="gazette"), notices)
    issue = GazetteIssuePage(title="2025年第6期", slug="2025-6", year=2025, number=6, pdf=pdf)
    assert download(client, pdf).status_code == 404
    publish_page(issue, archive)
    assert download(client, pdf).status_code == 200


def publish_page(page, parent):
    page.live = False
    parent.add_child(instance=page)
    return publish(page)


def test_the_reviewer_gets_the_attachment_while_the_item_is_at_their_step(site):  # noqa: F811
    """The review screen: the 保密审查员 holds no document permission, but may open the
    attachment of the draft awaiting their determination, and only then."""
    doc = document()
    data = article_form(
        "企业登记信息公告", "notice", attachments=streamfield([("document", doc.pk)])
    )
    data["action-submit"] = "action-submit"
    editor = client_for(site["editor"])
    response = editor.post(f"/admin/pages/add/publishing/articlepage/{site['col_a'].pk}/", data)
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="notice")
    reviewer = client_for(site["reviewer"])
    assert download(reviewer, doc).status_code == 404
    assert download(Client(), doc).status_code == 404
    act(site["head"], page, "approve")
    assert download(reviewer, doc).status_code == 200
    assert download(Client(), doc).status_code == 404
    assert download(editor, doc).status_code == 200
