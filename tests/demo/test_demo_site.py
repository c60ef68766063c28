"""The demo loader builds a usable site, is idempotent, and every demo user can log in and
sees only their own columns; the demo's policies, normative documents, gazette and funds render."""

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page

from demo.policies import load as load_policy_demo
from demo.site import DEMO_PASSWORD, USERS, load_columns
from disclosure.annual_report.models import AnnualReportPage
from disclosure.applications import statistics
from disclosure.applications.choices import Outcome, RemedyKind
from disclosure.applications.models import InformationRequest, Remedy
from disclosure.catalogue.models import CatalogueItem
from disclosure.columns.models import ColumnPage
from disclosure.funds.models import FundListPage, FundRecord
from disclosure.gazette.models import GazetteArchivePage, GazetteIssuePage
from disclosure.normative.models import (
    CleanupDecision,
    CleanupListPage,
    NormativeDatabasePage,
    NormativeDocumentPage,
)
from disclosure.outbox.models import ChangeEvent
from disclosure.policies.models import InterpretationPage, PolicyDocumentPage
from disclosure.policies.rules import policies_without_interpretations
from disclosure.publishing.choices import Validity
from disclosure.publishing.models import ArticlePage


class DemoSiteTests(TestCase):
    """One demo build for every test (built once for the class, in a transaction rolled back
    after it; each test's own changes are rolled back after the test): the build is most of
    the time of these tests."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", laws=6)

    def test_demo_builds_a_site_idempotently(self):
        assert CatalogueItem.objects.count() == 36
        assert ColumnPage.objects.live().count() > 20
        assert NormativeDocumentPage.objects.live().count() >= 6
        assert ArticlePage.objects.live().count() > 20
        assert all(p.index_number for p in ArticlePage.objects.live())
        # Every publish of the demo went through the outbox.
        live_items = (
            ArticlePage.objects.live().count() + NormativeDocumentPage.objects.live().count()
        )
        assert (
            ChangeEvent.objects.filter(kind="publish").values("object_id").distinct().count()
            >= live_items
        )

        # Idempotent: a second run updates, never duplicates.
        counts = (Page.objects.count(), CatalogueItem.objects.count(), ChangeEvent.objects.count())
        call_command("load_demo", laws=6)
        assert (Page.objects.count(), CatalogueItem.objects.count()) == counts[:2]

        # The portal renders the demo.
        assert self.client.get("/").status_code == 200
        column = ColumnPage.objects.live().filter(title="行政处罚公示").first()
        assert self.client.get(column.url).status_code == 200
        article = ArticlePage.objects.live().first()
        response = self.client.get(article.url)
        content = response.content.decode()
        assert response.status_code == 200
        assert article.index_number in content
        assert '<meta name="ArticleTitle"' in content
        assert self.client.get("/laws/").status_code == 200

    def test_every_demo_user_logs_in_and_editors_see_only_their_columns(self):
        for username in USERS:
            assert self.client.login(username=username, password=DEMO_PASSWORD), username
            assert self.client.get("/admin/").status_code == 200, username
            self.client.logout()

        # Editors see only their department's columns.
        self.client.login(username="zhifa_editor", password=DEMO_PASSWORD)
        own = ColumnPage.objects.filter(departments__name="执法支队").first()
        other = (
            ColumnPage.objects.exclude(departments__name="执法支队")
            .filter(departments__name="登记注册科")
            .first()
        )
        assert self.client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
        response = self.client.get(f"/admin/pages/{other.pk}/edit/")
        assert response.status_code in (302, 403)
        explorer = self.client.get(f"/admin/pages/{other.get_parent().pk}/")
        assert other.title not in explorer.content.decode() or explorer.status_code != 200

    def test_the_demo_holds_applications_in_every_outcome(self):
        replied = set(
            InformationRequest.objects.exclude(outcome="").values_list("outcome", flat=True)
        )
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

    def test_the_demo_years_statistics_hold_their_checks(self):
        three = statistics.table_three(*statistics.year_bounds(2026))
        assert statistics.check(three) == []
        assert three.cell("carried_in") == 1 and three.cell("total") >= 21

    def test_the_demo_holds_last_years_annual_report(self):
        year = timezone.localdate().year - 1
        report = AnnualReportPage.objects.live().get(year=year)
        assert report.get_parent().title == "政府信息公开年报"
        assert report.consistency_errors() == []
        assert report.figures["t2.coercive.decisions"] == 6
        assert report.figures["t2.fees.amount"] == "4.8501"  # 48,500.50 元
        assert report.figures["t3.carried_out.total"] == 1  # received 2025-12-22, replied in 2026
        html = self.client.get(report.url).content.decode()
        assert "三、本年度办理结果" in html and "本年收费金额（单位：万元）" in html

    def test_the_policy_pages_of_the_demo_render(self):
        """Policies with interpretations, the normative-document database, the gazette and the
        funds list: every one of their pages renders on the portal."""
        assert PolicyDocumentPage.objects.live().count() == 2
        assert InterpretationPage.objects.live().count() == 2
        assert [p.slug for p in policies_without_interpretations()] == ["zc-xzcf"]
        own = NormativeDocumentPage.objects.filter(issued_here=True)
        assert own.filter(validity=Validity.NOT_YET_IN_FORCE).count() == 1
        assert own.filter(validity=Validity.AMENDED).count() == 1
        assert own.filter(validity=Validity.REPEALED).count() == 1
        assert GazetteIssuePage.objects.live().count() >= 9
        assert FundRecord.objects.count() == 7

        pages = [
            *PolicyDocumentPage.objects.live(),
            *InterpretationPage.objects.live(),
            NormativeDatabasePage.objects.get(),
            CleanupListPage.objects.get(),
            *own.live(),
            GazetteArchivePage.objects.get(),
            GazetteIssuePage.objects.live().first(),
            FundListPage.objects.get(),
        ]
        for page in pages:
            response = self.client.get(page.url)
            assert response.status_code == 200, page.url
        database = NormativeDatabasePage.objects.get()
        # The columns link to the pages they present.
        policy_column = self.client.get(database.get_parent().url).content.decode()
        assert (
            database.url in policy_column and GazetteArchivePage.objects.get().url in policy_column
        )
        funds_column = self.client.get(FundListPage.objects.get().get_parent().url).content.decode()
        assert FundListPage.objects.get().url in funds_column
        html = self.client.get(database.url, {"scope": "here"}).content.decode()
        assert "示范市食品小作坊登记管理办法" in html and "尚未生效" in html
        cleanup = self.client.get(CleanupListPage.objects.get().url).content.decode()
        assert "废止（1 件）" in cleanup

        # Idempotent: running the loader again creates nothing.
        counts = (Page.objects.count(), FundRecord.objects.count(), CleanupDecision.objects.count())
        leaf = {}
        load_policy_demo(leaf)  # no columns: nothing to do
        load_policy_demo(load_columns(Page.objects.get(depth=2).specific))
        assert (
            Page.objects.count(),
            FundRecord.objects.count(),
            CleanupDecision.objects.count(),
        ) == counts
