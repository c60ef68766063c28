"""Wagtail's private API and internal names (written against Wagtail 8.0.1).

- Page creation in bulk (:mod:`disclosure.normative.bulk`): ``Page._slug_is_available`` is
  replaced for the validation of a batch by one set of the parent's slugs (one query per batch
  instead of one per page: speed).
- ``AbstractDocument._set_document_file_metadata`` fills a document's size and SHA-1 hash; the
  syndication calls it for documents uploaded before Wagtail stored the hash.
- The review middleware recognises two admin views by their URL names and the editor's
  workflow button by its form field name: Wagtail offers no hook before these views run.
- Raw SQL of the search joins Wagtail's page table.
- A page read from the database is built by Django's constructor alone
  (:func:`page_from_db`): Wagtail's and modelcluster's constructors do nothing for a row with
  its id, after modelcluster has listed every relation of the model (~20–25 µs a page).
- The site of a portal page request is found by a kept statement
  (:func:`disclosure.publishing.routing.find_site`, Wagtail's ranking of ``get_site_for_hostname``
  reproduced) and handed to Wagtail on ``request._wagtail_site``, where
  ``Site.find_for_request`` keeps what it finds (:func:`give_request_its_site`).

Pinned by ``tests/upstream/test_wagtail.py``.
"""

import functools
from contextlib import contextmanager

from django.db import models
from django.db.models import DEFERRED
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page

#: The page table, for the search's raw SQL.
PAGE_TABLE = Page._meta.db_table

#: URL name of the page editor (``wagtail/admin/urls/pages.py``).
PAGE_EDIT_VIEW = "wagtailadmin_pages:edit"
#: URL name of a workflow action on a page; its URL kwargs are ``page_id``, ``action_name``
#: and ``task_state_id``.
WORKFLOW_ACTION_VIEW = "wagtailadmin_pages:workflow_action"
#: The field the editor posts when a workflow button was pressed (``workflow-action.js``;
#: read by ``wagtail.admin.views.pages.edit.EditView``).
WORKFLOW_ACTION_FIELD = "action-workflow-action"


#: URL names of Wagtail's site history report (报告 → 站点历史) and its results.
SITE_HISTORY_VIEWS = (
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
)
#: The menu item's name of that report (``register_site_history_report_menu_item``).
SITE_HISTORY_MENU_ITEM = "site-history"


def is_site_history_report(request):
    """Whether ``request`` is for Wagtail's site history report."""
    match = request.resolver_match
    return match is not None and match.view_name in SITE_HISTORY_VIEWS


def is_page_edit_with_workflow_action(request):
    """Whether ``request`` posts the page editor with a workflow button pressed."""
    match = request.resolver_match
    return (
        match is not None
        and match.view_name == PAGE_EDIT_VIEW
        and bool(request.POST.get(WORKFLOW_ACTION_FIELD))
    )


def editor_form_has_changes(request, page):
    """Whether the page editor's POST in ``request`` changes the content of ``page``'s latest
    revision, judged as ``EditView.post`` judges it before saving (``form.has_changed()`` on the
    page type's edit handler form, bound to the latest revision, the parent and the user)."""
    latest = page.specific.get_latest_revision_as_object()
    form_class = type(latest).get_edit_handler().get_form_class()
    form = form_class(
        request.POST,
        request.FILES,
        instance=latest,
        parent_page=page.get_parent().specific,
        for_user=request.user,
    )
    return form.has_changed()


def is_workflow_action(request):
    """Whether ``request`` is for the workflow action view of a page."""
    match = request.resolver_match
    return match is not None and match.view_name == WORKFLOW_ACTION_VIEW


def workflow_action_target(view_kwargs):
    """``(page id, action name, task state id)`` from the workflow action view's URL kwargs."""
    return (
        view_kwargs.get("page_id"),
        view_kwargs.get("action_name", ""),
        view_kwargs.get("task_state_id"),
    )


@contextmanager
def slug_check(page, slug_is_available):
    """Within the block, ``page.full_clean`` asks ``slug_is_available(slug, parent_page, page)``
    whether its slug is free among its siblings (instead of ``Page._slug_is_available``, a query
    per call)."""
    page._slug_is_available = slug_is_available
    try:
        yield
    finally:
        del page._slug_is_available


def set_document_file_metadata(document):
    """Fill ``document.file_size`` and ``document.file_hash`` from its file (Wagtail's
    ``_set_document_file_metadata``, which its own upload form calls). Raises ``OSError`` or
    ``ValueError`` when the file cannot be read."""
    document._set_document_file_metadata()


def neutralise_spreadsheet_exports(cell):
    """Pass every CSV cell of Wagtail's spreadsheet exports (each viewset's ``list_export`` and
    Wagtail's own reports) through ``cell`` (Wagtail 8.0.1: ``SpreadsheetExportMixin`` writes
    CSV cells as they are; its xlsx cells are already kept from being formulas). Wraps the
    mixin's ``preprocess_field_value`` once; idempotent."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralised", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        return cell(value) if export_format == self.FORMAT_CSV else value

    preprocess_field_value.neutralised = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


def give_request_its_site(request, site):
    """Make ``site`` what ``Site.find_for_request(request)`` answers, without Wagtail's lookup
    (Wagtail keeps the site it finds for a request on ``request._wagtail_site``)."""
    request._wagtail_site = site


#: The constructors a page model runs above Django's (Wagtail 8.0.1, modelcluster 6.5). None acts
#: on a row read from the database: Wagtail's set a new page's content type and ``show_in_menus``
#: (a page without an id), modelcluster's takes child objects given as keyword arguments.
ROW_NEUTRAL_CONSTRUCTORS = frozenset(
    {
        "wagtail.models.pages.AbstractPage.__init__",
        "wagtail.models.pages.ShowInMenusMixin.__init__",
        "modelcluster.models.ClusterableModel.__init__",
    }
)


@functools.cache
def builds_rows_alone(model):
    """Whether Django's ``Model.__init__`` alone builds ``model`` from a row: every constructor
    above it is one of :data:`ROW_NEUTRAL_CONSTRUCTORS`."""
    for klass in model.__mro__:
        if klass is models.Model:
            return True
        constructor = vars(klass).get("__init__")
        if constructor is not None:
            name = f"{constructor.__module__}.{constructor.__qualname__}"
            if name not in ROW_NEUTRAL_CONSTRUCTORS:
                return False
    return False


def page_from_db(model, database, field_names, values):
    """``model.from_db(database, field_names, values)`` as Django's documentation gives it
    ("Customizing model loading"), the instance built by ``Model.__init__`` alone when
    :func:`builds_rows_alone`."""
    if len(values) != len(model._meta.concrete_fields):
        given = iter(values)
        values = [
            next(given) if field.attname in field_names else DEFERRED
            for field in model._meta.concrete_fields
        ]
    if builds_rows_alone(model):
        page = model.__new__(model)
        models.Model.__init__(page, *values)
    else:
        page = model(*values)
    page._state.adding = False
    page._state.db = database
    return page
