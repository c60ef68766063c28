"""The demo builds policies with interpretations, the normative-document database, the
gazette and the funds list, and every one of their pages renders on the portal."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from demo.policies import load as load_policy_demo
from disclosure.funds.models import FundListPage, FundRecord
from disclosure.gazette.models import GazetteArchivePage, GazetteIssuePage
from disclosure.normative.models import (
    CleanupDecision,
    CleanupListPage,
    NormativeDatabasePage,
    NormativeDocumentPage,
)
from disclosure.policies.models import InterpretationPage, PolicyDocumentPage
from disclosure.policies.rules import policies_without_interpretations
from disclosure.publishing.choices import Validity

pytestmark = pytest.mark.django_db


def test_demo_pages_render(client):
    call_command("load_demo", laws=6)
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
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    database = NormativeDatabasePage.objects.get()
    # The columns link to the pages they present.
    policy_column = client.get(database.get_parent().url).content.decode()
    assert database.url in policy_column and GazetteArchivePage.objects.get().url in policy_column
    funds_column = client.get(FundListPage.objects.get().get_parent().url).content.decode()
    assert FundListPage.objects.get().url in funds_column
    html = client.get(database.url, {"scope": "here"}).content.decode()
    assert "示范市食品小作坊登记管理办法" in html and "尚未生效" in html
    cleanup = client.get(CleanupListPage.objects.get().url).content.decode()
    assert "废止（1 件）" in cleanup

    # Idempotent: running the loader again creates nothing.
    counts = (Page.objects.count(), FundRecord.objects.count(), CleanupDecision.objects.count())
    leaf = {}
    load_policy_demo(leaf)  # no columns: nothing to do
    from demo.site import load_columns

    load_policy_demo(load_columns(Page.objects.get(depth=2).specific))
    assert (
        Page.objects.count(),
        FundRecord.objects.count(),
        CleanupDecision.objects.count(),
    ) == counts
