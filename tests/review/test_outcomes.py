"""After a workflow action the admin says what happened (issue #12 item 12): sent back,
passed on, published, or determined 不予公开 — never only "页面…已被更新"."""

import pytest

from tests.factories import client_for
from tests.review.test_moderation_workflow import (
    action_url,
    review_data,
    submit_article,
    task_state_of,
)

pytestmark = pytest.mark.django_db


def act_and_read(user, page, action, data=None):
    url = action_url(page, action, task_state_of(page))
    response = client_for(user).post(url, data or {"comment": ""}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_sent_back(site):
    page = submit_article(site["editor"], site["col_a"])
    html = act_and_read(site["head"], page, "reject", {"comment": "请补充文号"})
    assert "已将“企业登记信息公告”退回修改" in html


def test_passed_on_then_published(site):
    page = submit_article(site["editor"], site["col_a"])
    assert "已转入“保密审查”环节" in act_and_read(site["head"], page, "approve")
    assert "已转入“政务公开办公室终审”环节" in act_and_read(
        site["reviewer"], page, "approve", review_data()
    )
    assert "已终审通过，“企业登记信息公告”已发布" in act_and_read(site["office"], page, "approve")


def test_withheld(site):
    page = submit_article(site["editor"], site["col_a"])
    act_and_read(site["head"], page, "approve")
    html = act_and_read(
        site["reviewer"],
        page,
        "withhold",
        {"determination": "withhold", "withholding_ground": "state_secret", "comment": "涉密"},
    )
    assert "已认定“企业登记信息公告”不予公开（" in html and "该信息不会发布" in html
