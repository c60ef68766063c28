"""No exported cell is read as a formula (issue #11 finding 4, OWASP "CSV Injection"): the one
CSV writer and every export that uses it."""

import csv
import io
import json

import pytest
from openpyxl import Workbook

from disclosure import spreadsheets
from tests import records
from tests.factories import article, column, organisation, superuser

ATTACKS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", ATTACKS)
def test_text_starting_with_a_formula_character_is_quoted(value):
    assert spreadsheets.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["示范市", "", "a=b", 5, -5, 1.5, None])
def test_everything_else_is_written_as_it_is(value):
    assert spreadsheets.safe_cell(value) == value


def test_the_writer_quotes_each_cell():
    stream = io.StringIO()
    spreadsheets.writer(stream).writerow(["=1+1", "ok", -3])
    assert next(csv.reader(io.StringIO(stream.getvalue()))) == ["'=1+1", "ok", "-3"]


def test_xlsx_text_is_text_not_a_formula():
    sheet = Workbook().active
    sheet.append(["=1+1", "ok"])
    spreadsheets.xlsx_text_cells(sheet[1])
    assert sheet["A1"].data_type == "s" and sheet["A1"].value == "=1+1"


def rows_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_the_catalogue_export_of_the_api(client):
    organisation()
    article(column(title="通知公告", slug="notices"), title="=HYPERLINK(1)")
    rows = rows_of(client.get("/api/export/catalogue.csv"))
    assert "'=HYPERLINK(1)" in rows[1]
    assert "=HYPERLINK(1)" not in rows[1]
    exported = json.loads(b"".join(client.get("/api/export/catalogue.json").streaming_content))
    assert exported[0]["title"] == "=HYPERLINK(1)"  # JSON is data, not a spreadsheet


@pytest.mark.django_db
def test_wagtail_list_exports_the_credit_list(client):
    records.list_entry(party_name="=cmd|' /C calc'!A0")
    client.force_login(superuser())
    rows = rows_of(client.get("/admin/credit_list_entries/?export=csv"))
    assert any("'=cmd|' /C calc'!A0" in row for row in rows[1:])
    assert not any("=cmd|' /C calc'!A0" in row for row in rows[1:])
