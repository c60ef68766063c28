"""One review panel on the dashboard (issue #12 item 12)."""

import pytest

from tests.factories import client_for
from tests.review.test_moderation_workflow import submit_article

pytestmark = pytest.mark.django_db


def test_one_review_panel_naming_the_submitter(site):
    site["editor"].first_name = "小王"
    site["editor"].save()
    page = submit_article(site["editor"], site["col_a"])
    html = client_for(site["head"]).get("/admin/").content.decode()
    assert "awaiting-my-review-section" in html and "awaiting-review-section" not in html
    assert html.count(f"/admin/pages/{page.pk}/edit/") == 1
    assert "小王" in html
