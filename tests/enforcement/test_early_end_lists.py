"""总局令第45号 第14条第1款第四项: early end of publicity needs the party to be on neither the
经营异常名录 nor the 严重违法失信名单 — checked against the lists by 统一社会信用代码, with the
entries found shown and kept in the refusal."""

import datetime as dt

import pytest
from django.urls import reverse
from enforcement_testutils import penalty_list, penalty_notice, publicity_settings

from disclosure.credit.models import ListKind
from disclosure.enforcement import services
from disclosure.enforcement.choices import RequestStatus
from disclosure.enforcement.models import EarlyEndApplication, PenaltyNoticePage
from tests.records import list_entry

pytestmark = pytest.mark.django_db

CODE = "91110000600037341L"  # the party of enforcement_testutils.notice_fields


@pytest.fixture
def notice():
    listing = penalty_list()
    publicity_settings(early_end_months=0)
    return penalty_notice(listing)


def apply(notice):
    return EarlyEndApplication.objects.create(
        notice=notice,
        applicant=notice.party_name,
        obligations_fulfilled=True,
        harm_eliminated=True,
        no_repeat_violation=True,
    )


def decide(application, user):
    services.decide_early_end(application, user=user)
    application.refresh_from_db()
    return application


def test_a_party_on_the_abnormal_list_is_refused_with_the_entry(notice, admin_user):
    list_entry(credit_code=CODE, kind=ListKind.ABNORMAL, entry_on=dt.date(2025, 7, 10))
    application = decide(apply(notice), admin_user)
    assert application.status == RequestStatus.REJECTED
    assert application.not_on_lists is False
    assert "未在经营异常名录和严重违法失信名单中" in application.refusal_reason
    assert "经营异常名录（2025-07-10 列入" in application.refusal_reason
    assert PenaltyNoticePage.objects.get(pk=notice.pk).live


def test_a_party_on_the_serious_list_is_refused(notice, admin_user):
    list_entry(credit_code=CODE, kind=ListKind.SERIOUS)
    assert decide(apply(notice), admin_user).status == RequestStatus.REJECTED


def test_a_party_removed_from_the_list_may_end_early(notice, admin_user):
    entry = list_entry(credit_code=CODE)
    entry.remove(
        reason="已补报年度报告", removed_on=dt.date(2025, 9, 1), authority="示范市市场监督管理局"
    )
    list_entry()  # another party's entry does not count
    application = decide(apply(notice), admin_user)
    assert application.status == RequestStatus.ACCEPTED
    assert application.not_on_lists is True
    assert not PenaltyNoticePage.objects.get(pk=notice.pk).live


def test_the_decision_page_shows_the_entries_found(notice, admin_client):
    list_entry(credit_code=CODE, entry_reason="通过登记的住所无法联系")
    application = apply(notice)
    html = admin_client.get(reverse("enforcement_decide_early_end", args=[application.pk]))
    html = html.content.decode()
    assert "通过登记的住所无法联系" in html and "不予同意" in html


def test_the_fourth_condition_is_not_a_checkbox(admin_client):
    html = admin_client.get(reverse("enforcement_early_end:add")).content.decode()
    assert 'name="not_on_lists"' not in html
    assert 'name="obligations_fulfilled"' in html
