"""The demo's penalty notices: published through the gate, idempotent."""

import pytest

from demo.enforcement import COLUMN_TITLE, load
from disclosure.enforcement.models import PenaltyListPage, PenaltyNoticePage
from tests.factories import column, organisation

pytestmark = pytest.mark.django_db


def test_demo_penalties_are_published_once(client):
    organisation()
    leaf = column(title=COLUMN_TITLE, slug="xzcfgs")
    assert load({"行政处罚/行政处罚公示": leaf}, "演示数据") == 3
    assert load({"行政处罚/行政处罚公示": leaf}, "演示数据") == 0
    assert PenaltyListPage.objects.count() == 1
    notices = PenaltyNoticePage.objects.live()
    assert notices.count() == 3
    assert all(n.index_number and n.expire_at for n in notices)
    listing = PenaltyListPage.objects.get()
    response = client.get(listing.url)
    assert response.status_code == 200
    assert "张某" in response.content.decode()


def test_each_demo_fine_is_the_fine_its_decision_text_states():
    # Issue #12 item 14 "(check)": the demo's amounts agree with their texts.
    from demo.enforcement import NOTICES

    for spec in NOTICES:
        if spec.get("fine_amount") is not None:
            assert f"罚款 {spec['fine_amount']:,.0f} 元" in spec["penalty_content"], spec["slug"]
