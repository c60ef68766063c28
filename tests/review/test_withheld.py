"""条例 第18条: withheld (不予公开) information is reviewed periodically and released through the
normal workflow when circumstances change (issue #14 item 10)."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, EDITOR
from disclosure.organisation.models import organisation_for
from disclosure.publishing.choices import DisclosureAttribute, WithholdingGround
from disclosure.publishing.models import ArticlePage
from disclosure.publishing.rules import publication_errors
from disclosure.review import withheld
from disclosure.review.choices import Determination, ReviewOutcome
from disclosure.review.models import ConfidentialityDetermination, WithheldReview
from tests.factories import article, column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(15)))


def withhold(page, day, user=None):
    """What the 保密审查员's 不予公开 does to the item (see ConfidentialityReviewTask.withhold)."""
    revision = page.save_revision(user=user)
    ArticlePage.objects.filter(pk=page.pk).update(
        disclosure_attribute=DisclosureAttribute.WITHHELD,
        withholding_ground=WithholdingGround.STATE_SECRET,
    )
    return ConfidentialityDetermination.objects.create(
        page=page,
        revision=revision,
        reviewer=user,
        determination=Determination.WITHHOLD,
        withholding_ground=WithholdingGround.STATE_SECRET,
        created_at=at(day) if day else timezone.now(),
    )


@pytest.fixture
def item():
    organisation()
    notices = column(title="通知公告", slug="notices")
    return article(notices, title="某内部事项", publish=False)


@pytest.fixture
def reviewer():
    return user_with_role("baomi", CONFIDENTIALITY_REVIEWER)


def test_the_review_is_due_one_period_after_the_determination(item):
    withhold(item, dt.date(2026, 3, 15))
    [entry] = withheld.withheld_items()
    assert entry.page.pk == item.pk
    assert entry.due_on == dt.date(2027, 3, 15)  # 12 months by default


def test_the_period_is_an_organisation_setting_counted_in_calendar_months(item):
    settings = organisation_for(item)
    settings.withheld_review_months = 6
    settings.save()
    withhold(item, dt.date(2025, 8, 31))
    # 民法典 第202条: no 31 February: the month's last day.
    assert withheld.withheld_items()[0].due_on == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (dt.date(2027, 3, 14), "due_soon"),
        (dt.date(2027, 3, 15), "due_soon"),
        (dt.date(2027, 3, 16), "overdue"),
        (dt.date(2027, 2, 1), "later"),
    ],
)
def test_due_list_status_the_day_before_of_and_after(item, today, status):
    withhold(item, dt.date(2026, 3, 15))
    assert withheld.withheld_items()[0].status(today) == status


def test_keeping_it_withheld_sets_the_next_review(item, reviewer):
    withhold(item, dt.date(2025, 1, 10))
    withheld.keep(item, reviewer, "仍涉及国家秘密", today=dt.date(2026, 1, 12))
    [entry] = withheld.withheld_items()
    assert entry.due_on == dt.date(2027, 1, 12)
    assert entry.last_review.outcome == ReviewOutcome.KEEP


def test_release_goes_through_the_normal_workflow(item, reviewer):
    withhold(item, dt.date(2025, 1, 10))
    withheld.release(item, reviewer, "相关事项已办结，不再涉密")
    assert withheld.withheld_items() == []
    page = ArticlePage.objects.get(pk=item.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.disclosure_attribute == DisclosureAttribute.PROACTIVE
    assert draft.withholding_ground == ""
    assert not page.live
    # Nothing is published by the review: the new revision still needs its own review.
    assert publication_errors(draft, page.latest_revision)
    assert WithheldReview.objects.get().reason == "相关事项已办结，不再涉密"


def test_withheld_again_after_a_release_is_listed_again(item, reviewer):
    withhold(item, dt.date(2025, 1, 10))
    withheld.release(item, reviewer, "情势变化")
    again = withhold(ArticlePage.objects.get(pk=item.pk), None, reviewer)
    [entry] = withheld.withheld_items()
    assert entry.determination == again
    assert entry.last_review is None  # the release came before this determination


def test_the_admin_list_and_form(client, item, reviewer):
    withhold(item, dt.date(2025, 1, 10))
    client.force_login(reviewer)
    html = client.get("/admin/review/withheld/").content.decode()
    assert "某内部事项" in html and "已逾期" in html
    bad = client.post(f"/admin/review/withheld/{item.pk}/", {"outcome": "keep", "reason": ""})
    assert "请填写审查理由。" in bad.content.decode()
    assert not WithheldReview.objects.exists()
    response = client.post(
        f"/admin/review/withheld/{item.pk}/", {"outcome": "release", "reason": "情势变化"}
    )
    assert response.status_code == 302
    assert WithheldReview.objects.get().outcome == ReviewOutcome.RELEASE


def test_editors_do_not_review_withheld_information(client, item):
    editor = user_with_role("bianji", EDITOR, department=department("综合科"))
    client.force_login(editor)
    response = client.get("/admin/review/withheld/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail: no permission
