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
