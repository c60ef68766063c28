"""Creating the pages of many new corpus documents at once.

The per-page path (:func:`corpus.import_chain`: ``add_child``, ``save_revision``, ``publish``)
costs some forty queries and three passes of the Chinese analysis per document. For records
whose ``corpus_id`` is not in the database yet, :func:`bulk_import` writes the same rows in
batches, one transaction per batch:

- tree positions for the new children of the column computed with treebeard's path helpers
  (through :mod:`disclosure.upstream.treebeard`), the column's ``numchild`` updated once;
- the ``wagtailcore_page`` rows with ``bulk_create``, the rows of the page type's own table
  with ``save_base(raw=True)`` (Django has no ``bulk_create`` for multi-table inheritance;
  ``raw`` saves only the model's own table and tells the ``post_save`` receivers — search and
  reference index auto-update — to do nothing);
- every page validated as the per-page path does (``full_clean``) and passed through
  :func:`publication_errors`, the gate of every publish path; a refused record is reported
  and skipped, before anything of it is written;
- index numbers for the accepted pages taken as a block (``allocate_index_numbers``), in
  document order; one ``Revision`` per page (its ``content`` the page's ``serializable_data()``), set
  as latest and live revision; one outbox ``publish`` event per page, as
  ``ChangeEvent.record`` writes it; ``wagtail.create``/``wagtail.publish`` log entries; the
  reference index for the version links;
- the search index written with ``backend.add_bulk`` inside the batch's transaction, the
  Chinese analysis of the texts computed beforehand in worker processes and handed to the
  backends through :func:`precomputed_analysis`; on PostgreSQL, for a large import, the
  entries are written on a second connection once the batch is committed, while the next
  batch is written (:func:`entry_writer`).

A batch that fails as a whole (a database error) is rolled back and its chains go through the
per-page path, which reports each bad record on its own.
"""

import logging
import os
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context

from django.db import connection, transaction
from django.db.models import F, Value
from django.utils import timezone
from modelcluster.models import get_all_child_relations

from disclosure.publishing import page_cache
from disclosure.upstream import modelsearch as upstream_index
from disclosure.upstream.treebeard import next_child_path, next_sibling_path, set_known_parent
from disclosure.upstream.wagtail import slug_check

from .corpus import _describe, fill_page, import_chain

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# With the background writer (PostgreSQL, :func:`entry_writer`): the first batch's pages and the
# last batch's entries are written alone; smaller batches keep those short (3,471 laws: 40
# documents/s at 200, 36 at 500, 34 at 100).
BACKGROUND_BATCH_SIZE = 200
# Below this many documents the analysis runs in this process: starting workers costs more.
PARALLEL_MIN_DOCUMENTS = 300
ANALYSIS_CHUNK = 160  # texts per task sent to a worker


# 1. The Chinese analysis, computed ahead and in parallel.

TITLE, TEXT = "title", "text"


def analysis_jobs(page):
    """``(kind, text)`` for each value the search backends will analyse for ``page``: the
    title kind (with pinyin) for titles and autocomplete fields, as ``search.backends.common``
    decides."""
    from modelsearch.index import AutocompleteField, SearchField

    jobs = []
    for field in page.get_search_fields():
        if not isinstance(field, SearchField | AutocompleteField):
            continue
        value = field.get_value(page)
        if not isinstance(value, str) or not value:
            continue
        is_title = isinstance(field, AutocompleteField) or field.field_name == "title"
        jobs.append((TITLE if is_title else TEXT, value))
    return jobs


def analyse(jobs):
    """Analysed text for each ``(kind, text)``; runs in the worker processes."""
    from search import analysis

    return [
        analysis.title_index_text(text) if kind == TITLE else analysis.index_text(text)
        for kind, text in jobs
    ]


def worker_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Analyser:
    """Analyses texts ahead of their batch: in a process pool when there is enough to do and
    more than one core, else in this process when the batch asks for them."""

    def __init__(self, workers=None):
        self.workers = worker_count() if workers is None else workers
        self.pool = None
        self.pending = {}  # batch number → [(jobs, future)]

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def submit(self, number, jobs, parallel):
        if parallel and self.workers > 1 and self.pool is None:
            from search import analysis

            # Load the dictionaries before forking, so the workers start with them.
            analysis.segmenter()
            analysis.normalise("預熱")
            methods = get_all_start_methods()
            context = get_context("fork" if "fork" in methods else None)
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        chunks = [jobs[i : i + ANALYSIS_CHUNK] for i in range(0, len(jobs), ANALYSIS_CHUNK)]
        if self.pool is not None:
            self.pending[number] = [(chunk, self.pool.submit(analyse, chunk)) for chunk in chunks]
        else:
            self.pending[number] = [(chunk, None) for chunk in chunks]

    def results(self, number):
        """``{kind: {text: analysed}}`` for the jobs of batch ``number``."""
        found = {TITLE: {}, TEXT: {}}
        for chunk, future in self.pending.pop(number, []):
            analysed = future.result() if future is not None else analyse(chunk)
            for (kind, text), value in zip(chunk, analysed, strict=True):
                found[kind][text] = value
        return found

    def discard(self, number):
        for _chunk, future in self.pending.pop(number, []):
            if future is not None:
                future.cancel()


@contextmanager
def precomputed_analysis(results):
    """Within the block, ``search.analysis.index_text``/``title_index_text`` answer from
    ``results`` (``{kind: {text: analysed}}``) and compute what is not there, so that the
    backends' own indexing code stores exactly what it would have computed, once.

    The search backends call these functions through the module (``analysis.index_text``),
    which is what is swapped here; the originals are restored on exit. Not thread-safe: for
    the import command, which indexes from one thread."""
    from search import analysis

    original_text, original_title = analysis.index_text, analysis.title_index_text
    texts, titles = results.get(TEXT, {}), results.get(TITLE, {})

    def index_text(text):
        found = texts.get(text)
        return found if found is not None else original_text(text)

    def title_index_text(text):
        found = titles.get(text)
        return found if found is not None else original_title(text)

    analysis.index_text, analysis.title_index_text = index_text, title_index_text
    try:
        yield
    finally:
        analysis.index_text, analysis.title_index_text = original_text, original_title


# 2. The pages.


def is_new_chain(chain, existing_ids, seen_ids):
    """Whether every record of ``chain`` is new (not in the database, not seen before in this
    import): only those are created in bulk."""
    ids = [document.corpus_id for document in chain]
    return len(set(ids)) == len(ids) and not any(
        corpus_id in existing_ids or corpus_id in seen_ids for corpus_id in ids
    )


def batches(chains, size):
    """Consecutive groups of whole chains, about ``size`` documents each."""
    batch, count = [], 0
    for chain in chains:
        batch.append(chain)
        count += len(chain)
        if count >= size:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


def _new_page(document, parent, issued_here, validity):
    from .models import NormativeDocumentPage

    page = NormativeDocumentPage(
        corpus_id=document.corpus_id,
        slug=document.corpus_id,
        live=False,
        locale_id=parent.locale_id,
    )
    fill_page(page, document, issued_here=issued_here, validity=validity)
    page.draft_title = page.title
    return page


def plan_pages(batch, parent, issued_here=False, today=None):
    """The unsaved pages of a batch, each with its position in its chain: ``(page, chain
    number, superseded)`` in document order."""
    from .models import NormativeDocumentPage

    planned = []
    for number, chain in enumerate(batch):
        for position, document in enumerate(chain):
            superseded = position < len(chain) - 1
            validity = NormativeDocumentPage.derive_validity(
                document.effective_on, superseded, today=today
            )
            planned.append((_new_page(document, parent, issued_here, validity), number))
    return planned


def _validate(page, exclude):
    """The checks of the per-page path: ``full_clean`` (as ``save_revision`` runs it) and the
    publication gate. Returns the message of the first failure, or None.

    ``exclude`` names the relations the importer sets itself (content type, locale, tree
    links): checking that they exist would cost a query each and prove nothing."""
    from django.core.exceptions import ValidationError

    from disclosure.publishing.rules import publication_errors

    try:
        # The version link is set after this: a new chain, linked oldest → newest, cannot
        # form a cycle, and the cycle check needs saved pages.
        page.full_clean(exclude=exclude, validate_unique=False)
        errors = publication_errors(page)
        if errors:
            raise ValidationError(errors)
    except ValidationError as error:
        return _describe(error)
    return None


def _sibling_slug_check(parent):
    """A slug check (see :func:`disclosure.upstream.wagtail.slug_check`) for new children of
    ``parent`` with one query for the batch instead of one per page (the batch's own slugs are
    corpus ids, unique among new records)."""
    from wagtail.models import Page

    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))

    def slug_is_available(slug, parent_page, page=None):
        return slug not in taken

    return slug_is_available


def _write_batch(planned, parent, report, results, writer=None):
    """Write the pages of one batch; returns the pages created and the jobs of ``writer`` (see
    :func:`index_pages`) to submit once the batch is committed. Runs inside a transaction."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import ValidationError
    from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

    from disclosure.outbox.models import ChangeEvent, ChangeKind
    from disclosure.publishing.index_numbers import (
        allocate_index_numbers,
        format_index_number,
        organisation_credit_code,
    )
    from disclosure.review.choices import IMPORT_DETERMINATION
    from disclosure.review.models import ConfidentialityDetermination

    from .models import NormativeDocumentPage

    parent = Page.objects.select_for_update().get(pk=parent.pk)
    path = next_child_path(Page, parent)
    depth = parent.depth + 1

    # 索引号: with the credit code known, each page is checked as numbered (a number of the
    # same form; the gate then checks the rest), and the accepted pages get theirs afterwards
    # as one block, in document order; a refused page takes no number. Without the credit
    # code, the gate refuses every page, in its words.
    now = timezone.now()
    try:
        credit_code = organisation_credit_code(parent)
    except ValidationError:
        credit_code = None
    provisional = (
        format_index_number(credit_code, timezone.localtime(now).year, 0) if credit_code else None
    )

    # Validate; keep chains linked through the records that pass, as the per-page path does.
    exclude = [f.name for f in NormativeDocumentPage._meta.concrete_fields if f.is_relation]
    slug_is_available = _sibling_slug_check(parent)
    accepted, previous_in_chain = [], {}
    for page, chain in planned:
        page.path, page.depth = path, depth
        page.set_url_path(parent)
        set_known_parent(page, parent)
        page.index_number = provisional if page.issued_here else None
        with slug_check(page, slug_is_available):
            message = _validate(page, exclude)
        if message:
            page.index_number = None
            report.errors.append((page.corpus_id, message))
            previous_in_chain[chain] = None
            continue
        page.supersedes_link = previous_in_chain.get(chain)
        previous_in_chain[chain] = page
        accepted.append(page)
        path = next_sibling_path(page)
    if not accepted:
        return [], []
    # Reference material of other bodies (not ``issued_here``) takes no 索引号 of the bureau.
    numbered = [page for page in accepted if page.holds_own_information()]
    if numbered and not credit_code:  # the gate refuses the bureau's own without a credit code
        raise RuntimeError("pages accepted without an index number")
    numbers = allocate_index_numbers(credit_code, len(numbered), when=now) if numbered else []
    for page, number in zip(numbered, numbers, strict=True):
        page.index_number = number

    content_type = ContentType.objects.get_for_model(NormativeDocumentPage)
    page_type = ContentType.objects.get_for_model(Page)
    for page in accepted:
        page.published_at = page.published_at or now
        page.content_type = content_type
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
        page.numchild = 0

    # The rows: the base table in bulk, then each page type row (raw: that table only).
    Page.objects.bulk_create(accepted)
    for page in accepted:
        if page.id is None:
            raise RuntimeError("the database did not return the new page ids")
        page.page_ptr_id = page.id
        page._state.adding = True
    for page in accepted:
        link = page.supersedes_link
        page.supersedes_id = link.pk if link is not None else None
        page.save_base(raw=True, force_insert=True)
        page._state.adding = False
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(accepted))
    parent.numchild += len(accepted)

    for page in accepted:
        without_children(page)
    contents = [page.serializable_data() for page in accepted]
    content_field = Revision._meta.get_field("content")
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=now,
            # An expression: the rows go as VALUES, not through Django's UNNEST of arrays (see
            # :func:`row_values`).
            content=row_values(content, content_field),
            object_str=str(page),
        )
        for page, content in zip(accepted, contents, strict=True)
    )
    for revision, content in zip(revisions, contents, strict=True):
        revision.content = content
    for page, revision in zip(accepted, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    Page.objects.bulk_update(accepted, ["latest_revision", "live_revision"])
    # The gate's confidentiality determination: recorded, not skipped (design.md "Contracts").
    ConfidentialityDetermination.bulk_system(revisions, IMPORT_DETERMINATION)

    # bulk_create sends no post_save: tell the page cache itself (one bump after the commit).
    page_cache.invalidate_on_commit()
    ChangeEvent.objects.bulk_create(
        ChangeEvent(
            kind=ChangeKind.PUBLISH,
            content_type=content_type,
            object_id=page.pk,
            revision_id=page.live_revision_id,
            title=page.title[:255],
            url_path=page.url_path,
            index_number=page.index_number or "",
            payload=ChangeEvent.payload_for(page),
            occurred_at=now,
        )
        for page in accepted
    )
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=content_type,
            label=page.get_admin_display_title(),
            action=action,
            timestamp=now,
            data={},
            page_id=page.pk,
            revision_id=page.live_revision_id if action == "wagtail.publish" else None,
            content_changed=True,
            uuid=uuid.uuid4(),
        )
        for page in accepted
        for action in ("wagtail.create", "wagtail.publish")
    )
    for page in accepted:
        if page.supersedes_id:
            ReferenceIndex.create_or_update_for_object(page)

    with precomputed_analysis(results):
        jobs = index_pages(NormativeDocumentPage, accepted, writer)
    return accepted, jobs


def without_children(page):
    """Tell ``page``'s child relations (modelcluster's: Wagtail's comments) that a new page has
    none, in memory: ``serializable_data`` asks the database for them otherwise, one
    statement a page, for an empty list (serialising a law's revision on PostgreSQL: 1.29 →
    0.31 ms)."""
    for relation in get_all_child_relations(page):
        setattr(page, relation.get_accessor_name(), [])


def row_values(value, field):
    """``value`` for ``field`` of a ``bulk_create``, as an expression that stores the same.

    On PostgreSQL, Django 5.2 inserts the rows of a ``bulk_create`` as one array per column
    (``INSERT … SELECT * FROM UNNEST(%s::jsonb[], …)``) unless some value is an expression.
    psycopg quotes the elements of such an array in Python, a regular expression call for
    each ``"`` and backslash: the JSON of the pages' revisions (some 40 KB each) took seven
    seconds per thousand pages that way, against a fraction of a second as plain ``VALUES``
    rows, whose parameters libpq escapes. ``Value`` prepares the value with the field's own
    ``get_db_prep_save``, as the plain path does."""
    return Value(value, output_field=field)


def index_pages(model, pages, writer=None):
    """Add new ``pages`` to every auto-updated search backend, as the post-save signal would;
    returns the jobs that ``writer`` (a :class:`search.backends.postgres.BackgroundEntryWriter`)
    took instead, to submit once the pages are committed.

    The embedded SQLite backend gets its rows written here: its ``add_items`` inserts each
    entry and then updates its ``title_norm``, and every update makes FTS5 index the whole
    entry a second time (the trigger rewrites every column), which doubles the cost of a bulk
    index. The rows are the ones ``add_items`` writes, with the norm it would compute."""
    from django.db import connection
    from modelsearch.backends import get_search_backends

    jobs = []
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(model)
        if connection.vendor == "sqlite" and _add_sqlite_entries(index, model, pages):
            from search.facet_index import refresh_pages

            refresh_pages(model, [page.pk for page in pages])
            continue
        job = writer.prepare(backend, model, pages) if writer is not None else None
        if job is not None:
            jobs.append(job)
            continue
        backend.add_bulk(model, pages)
    return jobs


def _add_sqlite_entries(index, model, pages):
    """Write the entries of new ``pages`` into the Chinese SQLite index; False when the index
    is another kind or some page is indexed already (then ``add_bulk`` does the work)."""
    from modelsearch.utils import get_content_type_pk

    from search.backends.sqlite import ChineseObjectIndexer, ChineseSQLiteIndex

    if type(index) is not ChineseSQLiteIndex or not model.get_search_fields():
        return False
    content_type_pk = get_content_type_pk(model)
    entries = index.entries.filter(content_type_id=content_type_pk)
    ids = [str(page.pk) for page in pages]
    if entries.filter(object_id__in=ids).exists():
        return False
    entry_model = upstream_index.index_entry_model()
    rows = []
    for page in pages:
        indexer = ChineseObjectIndexer(page, index.backend)
        rows.append(
            entry_model(
                content_type_id=content_type_pk,
                object_id=indexer.id,
                title=indexer.title,
                autocomplete=indexer.autocomplete,
                body=indexer.body,
            )
        )
    norms = upstream_index.new_title_norms(index, [row.title for row in rows])
    for row, norm in zip(rows, norms, strict=True):
        row.title_norm = norm
    index.entries.bulk_create(rows)
    return True


def bulk_import(chains, parent, report, issued_here=False, today=None, **options):
    """Create the pages of ``chains`` (every record new) in batches; see the module's
    docstring. ``progress`` (optional) is called with the number of documents done."""
    progress = options.get("progress") or (lambda done: None)
    total = sum(len(chain) for chain in chains)
    parallel = total >= options.get("parallel_min", PARALLEL_MIN_DOCUMENTS)
    background = uses_entry_writer(parallel)
    batch_size = options.get("batch_size", BACKGROUND_BATCH_SIZE if background else BATCH_SIZE)

    groups = list(batches(chains, batch_size))
    if connection.vendor == "sqlite":
        # A large page cache keeps the full-text index's b-trees in memory while it grows.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    with Analyser(workers=options.get("workers")) as analyser, entry_writer(background) as writer:
        plans = []
        for number, batch in enumerate(groups):
            planned = plan_pages(batch, parent, issued_here=issued_here, today=today)
            plans.append(planned)
            jobs = list(dict.fromkeys(job for page, _ in planned for job in analysis_jobs(page)))
            analyser.submit(number, jobs, parallel)
        for number, (batch, planned) in enumerate(zip(groups, plans, strict=True)):
            errors_before = len(report.errors)
            try:
                with transaction.atomic():
                    created, jobs = _write_batch(
                        planned, parent, report, analyser.results(number), writer
                    )
            except Exception:  # noqa: BLE001 - the batch is retried record by record
                logger.exception("bulk import batch %d failed, importing it page by page", number)
                analyser.discard(number)
                del report.errors[errors_before:]
                for chain in batch:
                    import_chain(chain, parent, report, issued_here=issued_here, today=today)
                parent.refresh_from_db()
            else:
                report.created += len(created)
                for job in jobs:
                    writer.submit(job)
            progress(sum(len(chain) for chain in batch))
    logger.debug("bulk import: %d documents in %d batches", total, len(groups))


def uses_entry_writer(parallel):
    """Whether an import writes its index entries in the background (:func:`entry_writer`)."""
    return parallel and connection.vendor == "postgresql" and not connection.in_atomic_block


@contextmanager
def entry_writer(background):
    """A :class:`search.backends.postgres.BackgroundEntryWriter` for an import of many
    documents on PostgreSQL (else None): the index entries of each batch are written on a
    second connection once the batch is committed, while the next batch is written (issue #21
    item 3). Not within a caller's transaction, which the second connection could not see (the
    test suite's): there the entries are written in the batch, as before.

    At the end, the normative pages without an entry (a failed job, or an earlier import that
    stopped between a batch's commit and its entries) are indexed here."""
    from search.backends.postgres import BackgroundEntryWriter, unindexed

    from .models import NormativeDocumentPage

    if not background:
        yield None
        return
    writer = BackgroundEntryWriter()
    try:
        yield writer
    finally:
        failed = writer.close()
    if failed:
        logger.warning("index entries of %d pages written again", sum(len(i) for _m, i in failed))
    missing = list(unindexed(NormativeDocumentPage.objects.all()))
    for backend in writer.backends:
        for start in range(0, len(missing), BATCH_SIZE):
            backend.add_bulk(NormativeDocumentPage, missing[start : start + BATCH_SIZE])
