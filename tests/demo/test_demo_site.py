"""The demo loader builds a usable site, is idempotent, and every demo user can log in and
sees only their own columns."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from demo.site import DEMO_PASSWORD, USERS
from disclosure.catalogue.models import CatalogueItem
from disclosure.columns.models import ColumnPage
from disclosure.normative.models import NormativeDocumentPage
from disclosure.outbox.models import ChangeEvent
from disclosure.publishing.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    call_command("load_demo", laws=6)


def test_demo_builds_a_site_idempotently(demo_site, client):
    assert CatalogueItem.objects.count() == 36
    assert ColumnPage.objects.live().count() > 20
    assert NormativeDocumentPage.objects.live().count() >= 6
    assert ArticlePage.objects.live().count() > 20
    assert all(p.index_number for p in ArticlePage.objects.live())
    # Every publish of the demo went through the outbox.
    live_items = ArticlePage.objects.live().count() + NormativeDocumentPage.objects.live().count()
    assert (
        ChangeEvent.objects.filter(kind="publish").values("object_id").distinct().count()
        >= live_items
    )

    # Idempotent: a second run updates, never duplicates.
    counts = (Page.objects.count(), CatalogueItem.objects.count(), ChangeEvent.objects.count())
    call_command("load_demo", laws=6)
    assert (Page.objects.count(), CatalogueItem.objects.count()) == counts[:2]

    # The portal renders the demo.
    assert client.get("/").status_code == 200
    column = ColumnPage.objects.live().filter(title="行政处罚公示").first()
    assert client.get(column.url).status_code == 200
    article = ArticlePage.objects.live().first()
    response = client.get(article.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert article.index_number in content
    assert '<meta name="ArticleTitle"' in content
    assert client.get("/laws/").status_code == 200


def test_every_demo_user_logs_in_and_editors_see_only_their_columns(demo_site, client):
    for username in USERS:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.get("/admin/").status_code == 200, username
        client.logout()

    # Editors see only their department's columns.
    client.login(username="zhifa_editor", password=DEMO_PASSWORD)
    own = ColumnPage.objects.filter(departments__name="执法支队").first()
    other = (
        ColumnPage.objects.exclude(departments__name="执法支队")
        .filter(departments__name="登记注册科")
        .first()
    )
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    explorer = client.get(f"/admin/pages/{other.get_parent().pk}/")
    assert other.title not in explorer.content.decode() or explorer.status_code != 200


def test_the_demo_holds_applications_in_every_outcome(demo_site):
    from disclosure.applications.choices import Outcome, RemedyKind
    from disclosure.applications.models import InformationRequest, Remedy

    replied = set(InformationRequest.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert replied == set(Outcome.values)
    open_requests = InformationRequest.objects.filter(replied_on__isnull=True)
    assert set(open_requests.values_list("status", flat=True)) == {
        "submitted",
        "received",
        "clarification",
        "consulting",
        "reasons",
        "fee",
    }
    assert InformationRequest.objects.filter(status="reply_review").count() == 1
    assert InformationRequest.objects.exclude(archived_on=None).exists()
    assert {r.kind for r in Remedy.objects.all()} == set(RemedyKind.values)
    assert Remedy.objects.filter(result="").exists()  # 尚未审结


def test_the_demo_years_statistics_hold_their_checks(demo_site):
    from disclosure.applications import statistics

    three = statistics.table_three(*statistics.year_bounds(2026))
    assert statistics.check(three) == []
    assert three.cell("carried_in") == 1 and three.cell("total") >= 21


def test_the_demo_holds_last_years_annual_report(demo_site, client):
    from django.utils import timezone

    from disclosure.annual_report.models import AnnualReportPage

    year = timezone.localdate().year - 1
    report = AnnualReportPage.objects.live().get(year=year)
    assert report.get_parent().title == "政府信息公开年报"
    assert report.consistency_errors() == []
    assert report.figures["t2.coercive.decisions"] == 6
    assert report.figures["t2.fees.amount"] == "4.8501"  # 48,500.50 元
    assert report.figures["t3.carried_out.total"] == 1  # received 2025-12-22, replied in 2026
    html = client.get(report.url).content.decode()
    assert "三、本年度办理结果" in html and "本年收费金额（单位：万元）" in html
