"""The bulk path of ``import_corpus`` on PostgreSQL: the index entries of each batch written on a
second connection once the batch is committed (issue #21 item 3), with nothing left unindexed
when that connection fails or an earlier import stopped in between."""

import threading

import pytest
from modelsearch.utils import get_content_type_pk
from normative_samples import SAMPLE_IDS
from test_import_command import summary

from disclosure.normative import bulk
from disclosure.normative.models import NormativeDocumentPage
from disclosure.upstream.modelsearch import index_entry_model
from search.backends import postgres
from search.models import FacetEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def large_import(monkeypatch):
    """An import counted as large (the writer's condition), in several batches, with the
    analysis in this process (no worker pool in a test)."""
    monkeypatch.setattr(bulk, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(bulk, "BATCH_SIZE", 3)
    monkeypatch.setattr(bulk, "BACKGROUND_BATCH_SIZE", 3)
    monkeypatch.setattr(bulk, "worker_count", lambda: 1)


@pytest.fixture
def submitted(monkeypatch):
    """The jobs the importer handed to the background writer."""
    jobs = []
    submit = postgres.BackgroundEntryWriter.submit

    def spy(writer, job):
        jobs.append(job)
        submit(writer, job)

    monkeypatch.setattr(postgres.BackgroundEntryWriter, "submit", spy)
    return jobs


def indexed_ids():
    """The ids of the normative pages with an index entry and with a facet row."""
    entries = index_entry_model().objects.filter(
        content_type_id=get_content_type_pk(NormativeDocumentPage)
    )
    facets = FacetEntry.objects.filter(page_id__in=all_ids())
    return (
        {int(i) for i in entries.values_list("object_id", flat=True)},
        set(facets.values_list("page_id", flat=True)),
    )


def all_ids():
    return set(NormativeDocumentPage.objects.values_list("id", flat=True))


def test_entries_are_written_by_the_background_writer(
    import_corpus, sample_file, large_import, submitted
):
    out, err = import_corpus(sample_file, "--issued-here")

    assert err == ""
    assert summary(out)["created"] == len(SAMPLE_IDS)
    # Every batch went through the writer, and every page has its entry and facet row.
    assert sum(len(ids) for _backend, _model, ids, _statement in submitted) == len(SAMPLE_IDS)
    assert indexed_ids() == (all_ids(), all_ids())
    assert NormativeDocumentPage.objects.live().search("反垄断").count() == 2


def test_a_failed_background_job_is_indexed_by_the_importer(
    import_corpus, sample_file, large_import, submitted, monkeypatch
):
    write = postgres.ChinesePostgresIndex.write_entries

    def fail_in_the_writer(index, statement):
        if threading.current_thread().name == "index-entries":
            raise RuntimeError("simulated failure of the second connection")
        write(index, statement)

    monkeypatch.setattr(postgres.ChinesePostgresIndex, "write_entries", fail_in_the_writer)
    out, err = import_corpus(sample_file, "--issued-here")

    assert err == ""
    assert summary(out)["created"] == len(SAMPLE_IDS)
    assert submitted  # the writer had the jobs, and failed each
    assert indexed_ids() == (all_ids(), all_ids())
    assert NormativeDocumentPage.objects.live().search("反垄断").count() == 2


def test_pages_an_earlier_import_left_unindexed_are_indexed(
    import_corpus, write_jsonl, record, large_import
):
    first, second = SAMPLE_IDS[:3], SAMPLE_IDS[3:]
    import_corpus(write_jsonl([record(corpus_id) for corpus_id in first]), "--issued-here")
    # As if that import had stopped between a batch's commit and its entries.
    index_entry_model().objects.all().delete()
    FacetEntry.objects.all().delete()

    import_corpus(write_jsonl([record(corpus_id) for corpus_id in second]), "--issued-here")

    assert set(NormativeDocumentPage.objects.values_list("corpus_id", flat=True)) == set(SAMPLE_IDS)
    assert indexed_ids() == (all_ids(), all_ids())


@pytest.mark.django_db(transaction=False)
def test_within_a_transaction_the_batch_writes_its_own_entries(
    import_corpus, sample_file, large_import, submitted
):
    # The second connection could not see the caller's uncommitted pages.
    import_corpus(sample_file, "--issued-here")

    assert submitted == []
    assert indexed_ids() == (all_ids(), all_ids())
