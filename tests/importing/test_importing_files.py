"""Reading .csv (UTF-8 with or without BOM, GBK, GB18030) and .xlsx files (disclosure.importing.files)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from importing_testutils import csv_bytes, csv_text, xlsx_bytes

from disclosure.importing.files import FileError, decode_csv, file_name, read_rows

ROWS = [["名称", "类型"], ["办公室", "科室"], ["执法支队", "支队"]]


def test_utf8_without_and_with_bom():
    assert read_rows(io.BytesIO(csv_bytes(ROWS)), "a.csv") == ROWS
    assert read_rows(io.BytesIO(csv_bytes(ROWS, "utf-8-sig")), "a.csv") == ROWS


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
def test_chinese_code_pages_as_excel_and_wps_save_them(encoding):
    data = csv_text(ROWS).encode(encoding)
    assert read_rows(io.BytesIO(data), "科室.csv") == ROWS


def test_gb18030_characters_outside_gbk():
    """Extension A and B characters (found in personal and place names) exist only in GB18030."""
    rows = [["名称"], ["王䶮"], ["𠀀村"]]
    with pytest.raises(UnicodeEncodeError):
        "䶮".encode("gbk")
    assert read_rows(io.BytesIO(csv_text(rows).encode("gb18030")), "a.csv") == rows


def test_utf8_is_tried_first():
    """Valid UTF-8 is never read as GB18030 (which would decode it into other characters)."""
    text = "名称\n公开\n"
    assert decode_csv(text.encode("utf-8")) == text
    assert decode_csv(text.encode("gbk")) == text


def test_undecodable_csv_is_a_chinese_error():
    with pytest.raises(FileError, match="无法识别文件编码.*UTF-8 或 GB18030（GBK）"):
        read_rows(io.BytesIO(b"\xff\xfe\xff\x00\x81"), "a.csv")


def test_text_stream_and_uploaded_file_and_path(tmp_path):
    assert read_rows(io.StringIO("\ufeff" + csv_text(ROWS)), "a.csv") == ROWS
    upload = SimpleUploadedFile("科室.csv", csv_bytes(ROWS, "gbk"))
    upload.read()  # read from the start whatever was read before
    assert read_rows(upload) == ROWS
    path = tmp_path / "科室.CSV"
    path.write_bytes(csv_bytes(ROWS))
    assert read_rows(path) == ROWS
    assert read_rows(str(path)) == ROWS


def test_xlsx_keeps_cell_types():
    data = xlsx_bytes([["名称", "日期", "数量"], ["办公室", dt.datetime(2026, 3, 5), 6]])
    rows = read_rows(SimpleUploadedFile("科室.xlsx", data))
    assert rows == [["名称", "日期", "数量"], ["办公室", dt.datetime(2026, 3, 5), 6]]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "科室.xls", "不支持的文件格式“.xls”，请使用 .csv 或 .xlsx 文件。"),
        (b"", "noextension", "不支持的文件格式“noextension”"),
        (b"not a zip", "科室.xlsx", "无法读取 Excel 文件，请确认文件为 .xlsx 格式且未损坏。"),
        (b"x" * 200_000, "a.csv", "CSV 文件格式有误"),  # over csv's field size limit
    ],
)
def test_unsupported_and_damaged_files(data, name, message):
    with pytest.raises(FileError, match=message):
        read_rows(io.BytesIO(data), name)


def test_missing_path_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        read_rows(tmp_path / "none.csv")


def test_file_name():
    assert file_name(io.BytesIO(), "x.csv") == "x.csv"
    assert file_name(SimpleUploadedFile("y.xlsx", b"")) == "y.xlsx"
    assert file_name(io.BytesIO()) == ""


def zip_bomb(unpacked_bytes):
    """A small xlsx whose worksheet unpacks to ``unpacked_bytes`` (zeros compress ~1000:1)."""
    import zipfile

    buffer = io.BytesIO(xlsx_bytes(ROWS))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/padding.xml", b"0" * unpacked_bytes)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(settings, monkeypatch):
    # Issue #11 finding 5: 2.6 MB that unpacked to GB cost 32.6 s and 1.6 GB of memory.
    from disclosure.importing import files

    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    data = zip_bomb(4 * 1024 * 1024)
    assert len(data) < 100 * 1024

    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(files, "load_workbook", never)
    with pytest.raises(FileError, match="解压后过大"):
        read_rows(io.BytesIO(data), "bomb.xlsx")


@pytest.mark.parametrize("name", ["a.csv", "a.xlsx"])
def test_too_many_rows_are_refused(settings, name):
    settings.IMPORT_MAX_ROWS = 2
    data = csv_bytes(ROWS) if name.endswith("csv") else xlsx_bytes(ROWS)
    with pytest.raises(FileError, match="最多 2 行"):
        read_rows(io.BytesIO(data), name)
    settings.IMPORT_MAX_ROWS = 3
    assert read_rows(io.BytesIO(data), name) == ROWS
