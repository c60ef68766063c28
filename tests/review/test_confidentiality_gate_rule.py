"""The confidentiality review's rule of the publication gate: its refusal names the reason."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories import client_for
from tests.review.test_moderation_workflow import act, submit_article

pytestmark = pytest.mark.django_db


def test_publishing_an_item_determined_withheld_names_the_determination(site):
    """Issue #12 item 12: after 不予公开, the office's publish button says 不予公开, not that the
    item was never reviewed."""
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    act(
        site["reviewer"],
        page,
        "withhold",
        {"determination": "withhold", "withholding_ground": "state_secret", "comment": "涉密"},
    )
    client = client_for(site["office"])
    form = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    data = querydict_from_html(form, form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    data["action-publish"] = "action-publish"
    html = client.post(f"/admin/pages/{page.pk}/edit/", data).content.decode()
    assert "保密审查结论为“不予公开”" in html
    assert "未经保密审查" not in html
