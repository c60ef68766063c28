"""Finding the header row and keying the data rows (disclosure.importing.table)."""

from disclosure.importing import Column, Row, Table
from disclosure.importing.table import find_table, table_of

COLUMNS = [
    Column("序号", required=True),
    Column("一级事项", required=True),
    Column("二级事项", required=True),
    Column("公开内容（要素）", aliases=("公开要素",)),
]


def test_header_on_the_first_row():
    table = find_table([["序号", "一级事项", "二级事项"], ["1", "a", "b"]], COLUMNS)
    assert table.header == ["序号", "一级事项", "二级事项"]
    assert (table.header_row, table.start_row) == (1, 2)
    assert table == [{"序号": "1", "一级事项": "a", "二级事项": "b"}]
    assert table[0].number == 2


def test_title_row_and_blank_lines_above_the_header():
    raw = [
        ["XX市市场监督管理局标准目录"],
        [],
        ["", ""],
        ["序号", "一级事项"],
        ["1", "a"],
        [],
        ["2"],
    ]
    table = find_table(raw, COLUMNS)
    assert (table.header_row, table.start_row) == (4, 5)
    assert [row.number for row in table] == [5, 6, 7]
    assert table[1].is_blank()
    assert table[2] == {"序号": "2", "一级事项": None}  # short rows are padded


def test_the_row_naming_most_columns_is_the_header():
    raw = [["说明：序号为必填"], ["序号"], ["序号", "一级事项", "二级事项"], ["1", "a", "b"]]
    assert find_table(raw, COLUMNS).header_row == 3


def test_aliases_spaces_and_half_width_brackets():
    raw = [[" 序 号", "公开内容(要素)", "公开要素", "备注"], ["1", "x", "y", "z"]]
    table = find_table(raw, COLUMNS)
    assert table.header == ["序号", "公开内容（要素）", "公开内容（要素）", "备注"]
    assert table[0] == {"序号": "1", "公开内容（要素）": "x", "备注": "z"}  # first one wins


def test_two_row_header_is_merged():
    raw = [
        ["标准目录"],
        ["序号", "公开事项", None, "公开内容（要素）"],
        [None, "一级事项", "二级事项"],
        [1, "a", "b", "c"],
    ]
    table = find_table(raw, COLUMNS)
    assert table.header == ["序号", "一级事项", "二级事项", "公开内容（要素）"]
    assert (table.header_row, table.start_row) == (2, 4)
    assert table[0].number == 4


def test_no_known_column_takes_the_first_non_blank_row():
    table = find_table([[], ["甲", "乙"], ["1", "2"]], COLUMNS)
    assert (table.header, table.header_row) == (["甲", "乙"], 2)


def test_empty_file():
    table = find_table([[], [""]], COLUMNS)
    assert (table, table.header) == ([], [])


def test_table_from_dicts_or_numbered_pairs():
    table = Table([{"序号": 1}, {"序号": 2}], header=["序号"], header_row=3)
    assert [row.number for row in table] == [4, 5]
    table = Table(rows=[(9, {"序号": 1})], header=["序号"])
    assert table[0].number == 9 and table[0].text("序号") == "1"
    assert Row({"a": None}, number=3).text("a") == ""


def test_plain_dicts_are_keyed_by_label():
    table = table_of([{"序号 ": 1, "公开要素": "x"}], COLUMNS)
    assert table.header == ["序号", "公开内容（要素）"]
    assert table == [{"序号": 1, "公开内容（要素）": "x"}]
    assert table[0].number == 2
    same = Table([{"序号": 1}])
    assert table_of(same, COLUMNS) is same
