"""NormativeDocumentPage: validity derived from dates and versions; the version chain
refuses self-supersession and cycles."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from normative_samples import ANTIMONOPOLY_2007, ANTIMONOPOLY_2022, STATE_COUNCIL_ORDER

from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing.choices import Validity

TODAY = dt.date(2025, 6, 1)
derive = NormativeDocumentPage.derive_validity


@pytest.mark.parametrize(
    ("effective_on", "superseded", "expected"),
    [
        (dt.date(2025, 7, 1), False, Validity.NOT_YET_IN_FORCE),
        (dt.date(2025, 6, 2), False, Validity.NOT_YET_IN_FORCE),
        (dt.date(2025, 6, 1), False, Validity.IN_FORCE),  # in force on its 施行日期
        (dt.date(2008, 8, 1), False, Validity.IN_FORCE),
        (None, False, Validity.IN_FORCE),
        (dt.date(2008, 8, 1), True, Validity.AMENDED),
        (None, True, Validity.AMENDED),
        # A newer version exists: the old one is 已修改 even if it never came into force.
        (dt.date(2025, 7, 1), True, Validity.AMENDED),
    ],
)
def test_derive_validity(effective_on, superseded, expected):
    assert derive(effective_on, superseded, today=TODAY) == expected


def test_derive_validity_labels():
    assert derive(dt.date(2999, 1, 1), False).label == "尚未生效"
    assert derive(None, True).label == "已修改"
    assert derive(None, False).label == "有效"


def test_derive_validity_defaults_to_today():
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    assert derive(tomorrow, False) == Validity.NOT_YET_IN_FORCE
    assert derive(dt.date.today() - dt.timedelta(days=2), False) == Validity.IN_FORCE


@pytest.mark.django_db
def test_future_effective_date_imports_as_not_yet_in_force(import_corpus, write_jsonl, record):
    future = record(STATE_COUNCIL_ORDER) | {"effective": "2999-01-01"}
    import_corpus(write_jsonl([future]))
    item = NormativeDocumentPage.objects.get(corpus_id=STATE_COUNCIL_ORDER)
    assert item.validity == Validity.NOT_YET_IN_FORCE
    assert item.get_validity_display() == "尚未生效"
    assert item.live


@pytest.fixture
def antimonopoly(import_corpus, write_jsonl, record):
    import_corpus(write_jsonl([record(ANTIMONOPOLY_2007), record(ANTIMONOPOLY_2022)]))
    return (
        NormativeDocumentPage.objects.get(corpus_id=ANTIMONOPOLY_2007),
        NormativeDocumentPage.objects.get(corpus_id=ANTIMONOPOLY_2022),
    )


@pytest.mark.django_db
def test_imported_chain_is_clean(antimonopoly):
    old, new = antimonopoly
    old.clean()
    new.clean()


@pytest.mark.django_db
def test_clean_refuses_a_version_that_supersedes_itself(antimonopoly):
    _, new = antimonopoly
    new.supersedes = new
    with pytest.raises(ValidationError) as caught:
        new.clean()
    assert caught.value.message_dict == {"supersedes": ["一个版本不能替代它自己。"]}


@pytest.mark.django_db
def test_clean_refuses_a_two_cycle(antimonopoly):
    old, new = antimonopoly
    assert new.supersedes_id == old.pk
    old.supersedes = new  # 2007 → 2022 → 2007
    with pytest.raises(ValidationError) as caught:
        old.clean()
    assert caught.value.message_dict == {"supersedes": ["版本链形成了循环，请检查“所替代的版本”。"]}


@pytest.mark.django_db
def test_a_cycle_cannot_be_saved_through_a_revision(antimonopoly):
    old, new = antimonopoly
    draft = old.get_latest_revision_as_object()
    draft.supersedes = new
    with pytest.raises(ValidationError, match="版本链形成了循环"):
        draft.save_revision()
    old.refresh_from_db()
    assert old.supersedes_id is None
    assert old.versions() == [old, new]


@pytest.mark.django_db
def test_versions_survive_a_cycle_in_the_database(antimonopoly):
    """A cycle written around ``clean`` (a raw update) must not hang ``versions``."""
    old, new = antimonopoly
    NormativeDocumentPage.objects.filter(pk=old.pk).update(supersedes=new)
    old.refresh_from_db()
    assert {p.pk for p in old.versions()} == {old.pk, new.pk}
    assert len(old.versions()) == 2


@pytest.mark.django_db
def test_a_cycle_of_two_drafts_is_refused_when_the_second_goes_live(antimonopoly):
    """Each draft is valid when saved (the other link is not stored yet); publishing the
    second would close the cycle and is refused."""
    from disclosure.publishing.rules import publication_errors
    from tests.factories import publish_revision

    old, new = antimonopoly
    NormativeDocumentPage.objects.filter(pk=new.pk).update(supersedes=None)
    new.refresh_from_db()
    first = old.get_latest_revision_as_object()
    first.supersedes = new
    first_revision = first.save_revision()
    old = NormativeDocumentPage.objects.get(pk=old.pk)  # as stored: supersedes nothing yet
    second = new.get_latest_revision_as_object()
    second.supersedes = old
    second_revision = second.save_revision()  # old -> new is not stored yet: accepted
    publish_revision(first_revision)
    old.refresh_from_db()
    assert old.supersedes_id == new.pk

    errors = publication_errors(second_revision.as_object())
    assert errors["supersedes"] == "版本链形成了循环，请检查“所替代的版本”。"
    with pytest.raises(ValidationError, match="版本链形成了循环"):
        publish_revision(second_revision)
    new.refresh_from_db()
    assert new.supersedes_id is None
    assert [v.pk for v in new.versions()] == [new.pk, old.pk]


@pytest.mark.django_db
def test_the_body_shows_no_comment_of_the_source():
    # Issue #12 item 10: <!-- FORCE BREAK --> was shown as text on 宪法 and two laws.
    page = NormativeDocumentPage(title="宪法", body="序言一。\n\n<!-- FORCE BREAK -->\n\n序言二。")
    assert str(page.body_html()) == "<p>序言一。</p>\n<p>序言二。</p>"
