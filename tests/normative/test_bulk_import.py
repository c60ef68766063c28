"""The bulk path of ``import_corpus`` (new records, written in batches): the same pages, tree,
revisions, index numbers, outbox events and search entries as the per-page path."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from normative_samples import (
    ANTIMONOPOLY_2007,
    ANTIMONOPOLY_2022,
    CIVIL_CODE_PARTS,
    SAMPLE_IDS,
    STATE_COUNCIL_ORDER,
)
from test_import_command import INDEX_NUMBER, summary
from wagtail.models import Page, PageLogEntry, Revision

from disclosure.columns.models import ColumnPage
from disclosure.normative import bulk
from disclosure.normative.corpus import CorpusDocument, ImportReport, version_chains
from disclosure.normative.models import NormativeDocumentPage
from disclosure.outbox.models import ChangeEvent, ChangeKind
from disclosure.publishing import page_cache
from disclosure.publishing.choices import Validity
from disclosure.publishing.models import IndexNumberSequence
from tests.factories import publish_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_batches(monkeypatch):
    """Several batches, so that paths and serials continue from one batch to the next."""
    monkeypatch.setattr(bulk, "BATCH_SIZE", 3)


def pages_in_order():
    return list(NormativeDocumentPage.objects.order_by("path"))


def test_bulk_import_creates_live_published_pages(import_corpus, sample_file, small_batches):
    # The bureau's own documents are numbered (reference laws are not: see below).
    out, err = import_corpus(sample_file, "--issued-here")

    assert err == ""
    assert summary(out)["created"] == len(SAMPLE_IDS)
    assert "份/秒" in out
    pages = pages_in_order()
    assert {p.corpus_id for p in pages} == set(SAMPLE_IDS)
    numbers = [p.index_number for p in pages]
    assert all(INDEX_NUMBER.match(n) for n in numbers)
    # Unique and given in document (tree) order.
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert IndexNumberSequence.objects.get().last_serial == len(SAMPLE_IDS)
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.first_published_at and page.last_published_at and page.published_at
        assert page.latest_revision_id == page.live_revision_id
        assert page.revisions.count() == 1
        assert page.draft_title == page.title
        draft = page.get_latest_revision_as_object()
        assert (draft.title, draft.body, draft.index_number) == (
            page.title,
            page.body,
            page.index_number,
        )
        assert draft.corpus_id == page.corpus_id
        assert draft.supersedes_id == page.supersedes_id
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1


def test_bulk_import_keeps_the_tree_valid(client, import_corpus, sample_file, small_batches):
    import_corpus(sample_file)

    assert all(problems == [] for problems in Page.find_problems())
    column = ColumnPage.objects.get(slug="laws")
    assert column.numchild == column.get_children().count() == len(SAMPLE_IDS)
    paths = [p.path for p in pages_in_order()]
    assert len(set(paths)) == len(paths)
    for page in NormativeDocumentPage.objects.all():
        assert page.url_path == f"{column.url_path}{page.slug}/"
        assert client.get(page.url).status_code == 200


def test_bulk_import_writes_one_publish_event_per_page(import_corpus, sample_file):
    import_corpus(sample_file)

    pages = NormativeDocumentPage.objects.all()
    events = ChangeEvent.objects.filter(object_id__in=[p.pk for p in pages])
    assert events.count() == len(SAMPLE_IDS)
    for page in pages:
        event = events.get(object_id=page.pk)
        assert event.kind == ChangeKind.PUBLISH
        assert event.revision_id == page.live_revision_id
        assert event.index_number == (page.index_number or "")
        assert event.url_path == page.url_path
        assert event.payload == ChangeEvent.payload_for(page)


def test_reference_laws_take_no_index_number_of_the_bureau(import_corpus, sample_file):
    # Issue #14 item 11: laws of other bodies are reference material, not the bureau's own.
    out, err = import_corpus(sample_file)

    assert err == "" and summary(out)["created"] == len(SAMPLE_IDS)
    assert all(p.index_number is None and p.live for p in pages_in_order())
    assert not IndexNumberSequence.objects.exists()


def test_bulk_imported_pages_are_searchable(import_corpus, sample_file):
    import_corpus(sample_file)

    found = NormativeDocumentPage.objects.live().search("反垄断")
    assert {p.corpus_id for p in found} == {ANTIMONOPOLY_2007, ANTIMONOPOLY_2022}
    found = NormativeDocumentPage.objects.live().search("专利代理条例")
    assert [p.corpus_id for p in found] == [STATE_COUNCIL_ORDER]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the direct index writer is SQLite's")
def test_bulk_index_entries_equal_the_per_page_ones(import_corpus, write_jsonl, record):
    """The rows the bulk path writes are the ones the backend writes for one saved page."""
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry

    import_corpus(write_jsonl([record(STATE_COUNCIL_ORDER)]))
    page = NormativeDocumentPage.objects.get()
    entry = IndexEntry.objects.get(object_id=str(page.pk))
    bulk_values = (entry.title, entry.autocomplete, entry.body)
    assert entry.title_norm != 1.0 or entry.title == ""

    publish_revision(page.save_revision())  # re-indexed by the signal, through the stock backend
    entry.refresh_from_db()
    assert (entry.title, entry.autocomplete, entry.body) == bulk_values


def test_bulk_imported_page_is_editable(import_corpus, sample_file):
    import_corpus(sample_file)
    page = NormativeDocumentPage.objects.get(corpus_id=STATE_COUNCIL_ORDER)
    number = page.index_number

    draft = page.get_latest_revision_as_object()
    draft.keywords = "专利代理"
    publish_revision(draft.save_revision())

    page.refresh_from_db()
    assert page.keywords == "专利代理"
    assert page.index_number == number
    assert page.revisions.count() == 2
    assert ChangeEvent.objects.filter(object_id=page.pk).last().kind == ChangeKind.UPDATE


def test_bulk_import_links_versions(import_corpus, write_jsonl, record, small_batches):
    import_corpus(write_jsonl([record(ANTIMONOPOLY_2022), record(ANTIMONOPOLY_2007)]))
    old = NormativeDocumentPage.objects.get(corpus_id=ANTIMONOPOLY_2007)
    new = NormativeDocumentPage.objects.get(corpus_id=ANTIMONOPOLY_2022)
    assert new.supersedes_id == old.pk and old.supersedes_id is None
    assert old.validity == Validity.AMENDED and new.validity == Validity.IN_FORCE
    assert old.versions() == [old, new]
    assert new.get_latest_revision_as_object().supersedes_id == old.pk


def test_rerun_after_bulk_import_is_idempotent(import_corpus, sample_file):
    import_corpus(sample_file)
    revisions = Revision.objects.count()

    out, err = import_corpus(sample_file)

    assert err == ""
    assert summary(out)["created"] == 0
    assert summary(out)["unchanged"] == len(SAMPLE_IDS)
    assert Revision.objects.count() == revisions


def test_refused_record_in_a_bulk_batch_leaves_nothing(import_corpus, write_jsonl, record):
    future = record(CIVIL_CODE_PARTS[2]) | {"id": "0000future00", "issued": "2999-01-01"}
    path = write_jsonl([record(CIVIL_CODE_PARTS[0]), future, record(CIVIL_CODE_PARTS[1])])

    out, err = import_corpus(path, "--issued-here")

    assert summary(out)["created"] == 2 and summary(out)["errors"] == 1
    assert "跳过 0000future00：成文日期：成文日期 2999-01-01 晚于今天，不能发布。" in err
    assert not Page.objects.filter(slug="0000future00").exists()
    assert IndexNumberSequence.objects.get().last_serial == 2
    numbers = [p.index_number for p in pages_in_order()]
    assert [n.rsplit("-", 1)[1] for n in numbers] == ["00001", "00002"]
    assert Revision.objects.filter(content_type__model="normativedocumentpage").count() == 2
    assert (
        ChangeEvent.objects.filter(kind=ChangeKind.PUBLISH)
        .exclude(content_type__model="columnpage")
        .count()
        == 2
    )


def test_a_failing_batch_falls_back_to_the_per_page_path(import_corpus, sample_file, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated database failure")

    monkeypatch.setattr(bulk, "index_pages", broken)
    out, err = import_corpus(sample_file, "--issued-here")

    assert err == ""
    assert summary(out)["created"] == len(SAMPLE_IDS)
    assert IndexNumberSequence.objects.get().last_serial == len(SAMPLE_IDS)
    assert NormativeDocumentPage.objects.live().search("反垄断").count() == 2
    assert all(problems == [] for problems in Page.find_problems())


def test_no_bulk_flag_uses_the_per_page_path(organisation, sample_file, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("bulk path used")

    monkeypatch.setattr(
        "disclosure.normative.management.commands.import_corpus.bulk_import", refuse
    )
    out = io.StringIO()
    call_command("import_corpus", str(sample_file), "--no-progress", "--no-bulk", stdout=out)
    assert summary(out.getvalue())["created"] == len(SAMPLE_IDS)


def test_parallel_analysis_gives_the_same_text(records_by_id):
    from search import analysis

    documents = [CorpusDocument.from_record(records_by_id[i]) for i in SAMPLE_IDS]
    jobs = [(bulk.TEXT, d.body) for d in documents] + [(bulk.TITLE, d.title) for d in documents]
    with bulk.Analyser(workers=2) as analyser:
        analyser.submit(0, jobs, parallel=True)
        results = analyser.results(0)
    for document in documents:
        assert results[bulk.TEXT][document.body] == analysis.index_text(document.body)
        assert results[bulk.TITLE][document.title] == analysis.title_index_text(document.title)


def test_precomputed_analysis_is_scoped():
    from search import analysis

    original = analysis.index_text
    with bulk.precomputed_analysis({bulk.TEXT: {"甲": "预先"}}):
        assert analysis.index_text("甲") == "预先"
        assert analysis.index_text("市场监督") == original("市场监督")
    assert analysis.index_text is original


def test_bulk_import_function_reports(organisation, records_by_id):
    from disclosure.normative.setup import corpus_column

    documents = [CorpusDocument.from_record(records_by_id[i]) for i in SAMPLE_IDS]
    report = ImportReport()
    bulk.bulk_import(version_chains(documents), corpus_column(), report, batch_size=2)
    assert report.created == len(SAMPLE_IDS) and report.errors == []


def test_bulk_import_makes_the_cached_pages_stale(
    import_corpus, sample_file, settings, django_capture_on_commit_callbacks
):
    """The bulk path writes its publish events with ``bulk_create`` (no ``post_save``): it must
    still replace the page cache's generation, or the laws' column stays cached without them."""
    settings.PAGE_CACHE_SECONDS = 300
    before = page_cache.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        import_corpus(sample_file)
    assert page_cache.current_generation() != before


def test_bulk_revisions_hold_the_page_data(import_corpus, sample_file, small_batches):
    """Revisions go in as ``VALUES`` rows (:func:`bulk.row_values`, not Django's ``UNNEST``
    arrays on PostgreSQL): each holds its page's ``serializable_data()``, as the per-page path
    stores it."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    import_corpus(sample_file)
    pages = pages_in_order()
    assert pages
    for page in pages:
        revision = Revision.objects.get(pk=page.live_revision_id)
        expected = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
        stored = revision.content
        for moving in (
            "latest_revision",
            "live_revision",
            "draft_title",
            "latest_revision_created_at",
        ):
            stored.pop(moving, None)
            expected.pop(moving, None)
        assert stored == expected


def test_bulk_revisions_ask_nothing_of_new_pages_children(import_corpus, sample_file):
    """A new page has no comments: serializing its revision asks the database nothing about
    them (it asked once a page); what the revision holds is checked by
    ``test_bulk_revisions_hold_the_page_data``."""
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Comment

    from disclosure.normative.setup import corpus_column

    corpus_column()  # made before: publishing the column reads its comments, as any publish
    comments = Comment._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        out, _ = import_corpus(sample_file)
    assert summary(out)["created"] == len(SAMPLE_IDS)
    assert not [q["sql"] for q in queries if comments in q["sql"]]


def test_row_values_store_what_the_plain_path_stores(organisation):
    from django.db.models import Value

    field = Revision._meta.get_field("content")
    value = bulk.row_values({"甲": ["乙", '"引号"', "\\"]}, field)
    assert isinstance(value, Value) and value.output_field is field
