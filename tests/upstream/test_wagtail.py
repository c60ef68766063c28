"""Wagtail's private API and internal names as :mod:`disclosure.upstream.wagtail` uses them."""

import hashlib
import inspect
from pathlib import Path

import pytest
import wagtail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, models
from django.test import RequestFactory
from django.urls import resolve, reverse
from wagtail.admin.views.pages.edit import EditView
from wagtail.documents.models import Document
from wagtail.models import Page, Site, get_page_models

from disclosure.publishing.listing import LINK_COLUMNS
from disclosure.publishing.models import ArticlePage
from disclosure.upstream import wagtail as upstream
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


def test_written_against_wagtail_8_0():
    assert wagtail.__version__.startswith("8.0."), "check disclosure/upstream/wagtail.py"


# The review middleware: admin URL names, their kwargs, the editor's workflow field.


def test_the_workflow_action_url_name_reverses_with_the_kwargs_read():
    url = reverse(upstream.WORKFLOW_ACTION_VIEW, args=[7, "approve", 9])
    match = resolve(url)
    assert match.view_name == upstream.WORKFLOW_ACTION_VIEW
    assert upstream.workflow_action_target(match.kwargs) == (7, "approve", 9)


def test_the_page_edit_url_name_reverses():
    url = reverse(upstream.PAGE_EDIT_VIEW, args=[7])
    match = resolve(url)
    assert match.view_name == upstream.PAGE_EDIT_VIEW
    assert match.kwargs["page_id"] == 7


def test_the_editor_posts_the_workflow_field_and_the_edit_view_reads_it():
    assert f'"{upstream.WORKFLOW_ACTION_FIELD}"' in inspect.getsource(EditView)
    script = Path(wagtail.__file__).parent / "admin/static/wagtailadmin/js/workflow-action.js"
    assert f'"{upstream.WORKFLOW_ACTION_FIELD}"' in script.read_text()


def post(url, data):
    request = RequestFactory().post(url, data)
    request.resolver_match = resolve(url)
    return request


def test_requests_are_recognised():
    edit = reverse(upstream.PAGE_EDIT_VIEW, args=[7])
    action = reverse(upstream.WORKFLOW_ACTION_VIEW, args=[7, "approve", 9])
    assert upstream.is_page_edit_with_workflow_action(
        post(edit, {upstream.WORKFLOW_ACTION_FIELD: "true"})
    )
    assert not upstream.is_page_edit_with_workflow_action(post(edit, {"action-publish": "1"}))
    assert not upstream.is_workflow_action(post(edit, {}))
    assert upstream.is_workflow_action(post(action, {}))
    assert not upstream.is_page_edit_with_workflow_action(post(action, {}))


# Page creation in bulk: the slug check full_clean asks.


def test_full_clean_asks_the_slug_check():
    parent = column(title="栏目")
    article(parent, slug="taken", publish=False)
    asked = []

    def slug_is_available(slug, parent_page, page=None):
        asked.append((slug, parent_page.pk))
        return slug != "free-in-the-database"

    page = ArticlePage(title="新", slug="taken", path=parent.path + "0001", depth=parent.depth + 1)
    page.set_url_path(parent)
    with upstream.slug_check(page, slug_is_available):
        page.full_clean(exclude=["content_type", "locale"], validate_unique=False)
    assert asked == [("taken", parent.pk)]
    page.slug = "free-in-the-database"
    with upstream.slug_check(page, slug_is_available), pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["content_type", "locale"], validate_unique=False)
    assert "slug" in error.value.message_dict
    # Outside the block, Wagtail's own check (a query) answers again.
    page.slug = "taken"
    with pytest.raises(ValidationError):
        page.full_clean(exclude=["content_type", "locale"], validate_unique=False)


# Syndication: a document's size and hash.


def test_set_document_file_metadata_fills_size_and_hash(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    content = "行政处罚决定书".encode() * 100
    document = Document.objects.create(title="决定书", file=ContentFile(content, name="a.txt"))
    Document.objects.filter(pk=document.pk).update(file_size=None, file_hash="")
    document = Document.objects.get(pk=document.pk)
    upstream.set_document_file_metadata(document)
    assert document.file_size == len(content)
    assert document.file_hash == hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's


# Search: the page table and the columns its raw SQL reads.


def test_the_page_table_has_the_columns_the_raw_sql_reads():
    assert upstream.PAGE_TABLE == Page._meta.db_table
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, upstream.PAGE_TABLE
            )
        }
    assert {"id", "live"} <= columns


def test_spreadsheet_exports_pass_csv_cells_through_the_project_writer():
    """``SpreadsheetExportMixin.preprocess_field_value(field, value, export_format)`` and its
    ``FORMAT_CSV`` exist, and the wrapper is in place (issue #11 finding 4)."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    mixin = SpreadsheetExportMixin()
    assert SpreadsheetExportMixin.preprocess_field_value.neutralised
    assert mixin.preprocess_field_value("f", "=1+1", mixin.FORMAT_CSV) == "'=1+1"
    assert mixin.preprocess_field_value("f", "=1+1", mixin.FORMAT_XLSX) == "=1+1"


def test_a_site_given_to_a_request_is_the_one_wagtail_answers(django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/", HTTP_HOST="elsewhere.example")
    upstream.give_request_its_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


def test_every_page_model_builds_its_rows_with_djangos_constructor_alone():
    assert all(upstream.builds_rows_alone(model) for model in get_page_models())


def test_a_page_built_from_its_row_is_the_page_django_builds():
    organisation()
    notices = column(title="通知公告", slug="notices")
    item = article(notices, title="关于开展检查的通知", slug="n1")
    for page in (notices, item, Page.objects.get(pk=item.pk)):
        model = type(page)
        names = [field.attname for field in model._meta.concrete_fields]
        row = model.objects.filter(pk=page.pk).values_list(*names).get()
        for fields, values in (
            (names, row),
            (LINK_COLUMNS, [getattr(page, f) for f in LINK_COLUMNS]),
        ):
            ours = upstream.page_from_db(model, "default", fields, values)
            djangos = models.Model.from_db.__func__(model, "default", fields, values)
            assert type(ours) is type(djangos) is model
            state = ("adding", "db")
            assert [getattr(ours._state, a) for a in state] == [
                getattr(djangos._state, a) for a in state
            ]
            assert {k: v for k, v in vars(ours).items() if k != "_state"} == {
                k: v for k, v in vars(djangos).items() if k != "_state"
            }

    # A type with a constructor of its own is built by it.
    class WithItsOwn(models.Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

        class Meta:
            abstract = True
            app_label = "tests"

    assert not upstream.builds_rows_alone(WithItsOwn)
