"""条例 第26条: proactive information of the bureau's own is published within 20 working days of
its 成文日期 (issue #14 item 9)."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing.choices import DisclosureAttribute
from disclosure.publishing.models import ArticlePage
from disclosure.publishing.timeliness import timeliness
from tests.factories import article, column, organisation, publish, superuser

pytestmark = pytest.mark.django_db

# Formed on Monday 2026-04-20: 劳动节 2026-05-01..05 is off and Saturday 2026-05-09 is a make-up
# working day, so the 20th working day is Wednesday 2026-05-20 (05-21 without the Saturday).
FORMED = dt.date(2026, 4, 20)
DUE = dt.date(2026, 5, 20)


@pytest.fixture
def notices(db):
    organisation()
    return column(title="通知公告", slug="notices")


def published_on(page, day):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 30)))
    ArticlePage.objects.filter(pk=page.pk).update(published_at=moment)
    return ArticlePage.objects.get(pk=page.pk)


@pytest.mark.parametrize(
    ("day", "days_late"),
    [(DUE - dt.timedelta(days=1), 0), (DUE, 0), (DUE + dt.timedelta(days=1), 1)],
)
def test_the_day_before_the_day_and_the_day_after_the_due_date(notices, day, days_late):
    page = published_on(article(notices, written_on=FORMED), day)
    figures = timeliness(page)
    assert figures.due_on == DUE
    assert figures.days_late == days_late
    assert figures.late is bool(days_late)
    assert not figures.estimated


def test_an_item_not_yet_published_is_late_from_its_due_date(notices):
    draft = article(notices, written_on=FORMED, publish=False)
    assert timeliness(draft, today=DUE).days_late == 0
    assert timeliness(draft, today=dt.date(2026, 5, 22)).days_late == 2


def test_what_article_26_does_not_cover(notices):
    assert timeliness(article(notices, written_on=None)) is None
    on_request = article(
        notices,
        written_on=FORMED,
        disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        publish=False,
    )
    assert timeliness(on_request) is None
    law = NormativeDocumentPage(
        title="中华人民共和国产品质量法",
        slug="product-quality-law",
        live=False,
        written_on=FORMED,
        issued_here=False,
    )
    notices.add_child(instance=law)
    assert timeliness(publish(law)) is None


def test_the_editor_shows_the_due_date_and_the_delay(notices, client):
    page = published_on(article(notices, written_on=FORMED), DUE + dt.timedelta(days=1))
    client.force_login(superuser())
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "应于 2026-05-20 前公开" in html
    assert "逾期 1 个工作日" in html
