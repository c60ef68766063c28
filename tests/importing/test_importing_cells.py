"""Reading one cell (disclosure.importing.cells)."""

import datetime as dt

import pytest

from disclosure.importing import cell_text, is_blank, normalise_label, parse_date, parse_int


def test_cell_text():
    assert cell_text(None) == ""
    assert cell_text("  办公室 \n") == "办公室"
    assert cell_text(7.0) == "7"
    assert cell_text(7.5) == "7.5"
    assert is_blank([None, "", "  "])
    assert not is_blank([None, 0])


def test_normalise_label():
    assert normalise_label("\ufeff公开内容 (要素)") == "公开内容（要素）"
    assert normalise_label(" 公开\n主体 ") == "公开主体"
    assert normalise_label(None) == ""


@pytest.mark.parametrize(
    "value, expected",
    [(5, 5), (6.0, 6), ("12", 12), ("１２", 12), (" 3 ", 3), (6.5, None), ("-1", None)]
    + [("1e3", None), ("五", None), ("", None), (True, None), (None, None)],
)
def test_parse_int(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize(
    "value",
    ["2026-03-05", "2026/3/5", "2026.03.05", "2026年3月5日", "2026年3月5", "20260305"]
    + ["２０２６－０３－０５", dt.date(2026, 3, 5), dt.datetime(2026, 3, 5, 0, 0)],
)
def test_parse_date(value):
    assert parse_date(value) == dt.date(2026, 3, 5)


@pytest.mark.parametrize("value", ["2026-02-30", "3/5/2026", "明天", "", None, 20260305.5])
def test_parse_date_refuses(value):
    assert parse_date(value) is None
