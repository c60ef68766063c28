"""Imports record a *system determination* for every revision they publish instead of skipping
the confidentiality gate (design.md "Contracts"), on both of ``import_corpus``'s paths."""

from io import StringIO

import pytest
from django.core.management import call_command

from disclosure.normative.models import NormativeDocumentPage
from disclosure.review.choices import Determination, DeterminationSource
from disclosure.review.models import ConfidentialityDetermination
from tests.factories import organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [[], ["--no-bulk"]], ids=["bulk", "page by page"])
def test_import_corpus_records_a_system_determination_per_published_revision(path):
    organisation()
    call_command("import_corpus", "--limit", "3", "--no-progress", *path, stdout=StringIO())
    pages = list(NormativeDocumentPage.objects.live())
    assert pages
    for page in pages:
        determination = ConfidentialityDetermination.latest_for_revision(page.live_revision)
        assert determination.source == DeterminationSource.SYSTEM
        assert determination.determination == Determination.MAY_DISCLOSE
        assert "导入" in determination.comment
        assert determination.page_id == page.pk


def test_the_demo_path_records_a_system_determination_and_a_refusal_keeps_nothing():
    """The demo loaders publish through ``publish_with_system_determination``: the revision
    gets a system determination (``DEMO_DETERMINATION``), and every other gate still applies —
    a refused publish leaves no determination behind."""
    from django.core.exceptions import ValidationError

    from demo.review import DEMO_DETERMINATION
    from disclosure.publishing.choices import DisclosureAttribute, WithholdingGround
    from disclosure.publishing.models import ArticlePage
    from disclosure.review.models import publish_with_system_determination
    from tests.factories import article, column

    organisation()
    col = column(title="通知公告", slug="notices")
    page = article(col, publish=False)
    publish_with_system_determination(page.get_latest_revision(), DEMO_DETERMINATION)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    determination = ConfidentialityDetermination.latest_for_revision(page.live_revision)
    assert determination.source == DeterminationSource.SYSTEM
    assert determination.comment == DEMO_DETERMINATION

    on_request = article(
        col,
        publish=False,
        disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        withholding_ground=WithholdingGround.THIRD_PARTY_RIGHTS,
    )
    with pytest.raises(ValidationError, match="只有主动公开的信息才能发布"):
        publish_with_system_determination(on_request.get_latest_revision(), DEMO_DETERMINATION)
    assert not ArticlePage.objects.get(pk=on_request.pk).live
    assert not ConfidentialityDetermination.objects.filter(page_id=on_request.pk).exists()
