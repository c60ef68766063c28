"""Reading an uploaded ``.csv`` or ``.xlsx`` file into rows of cells.

Chinese office software writes CSV in more than one encoding: Excel and WPS save "CSV (逗号分隔)"
in the system code page (GBK, of which GB18030 is the superset), and "CSV UTF-8" with a
byte-order mark. Every file is first decoded strictly as UTF-8 (with or without the mark); only
when that fails is it decoded as GB18030. A GBK file almost never happens to be valid UTF-8,
while decoding as GB18030 first would turn any UTF-8 file into nonsense without an error.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

#: File name extensions that can be read, and so offered in upload forms.
EXTENSIONS = ("csv", "xlsx")
#: Encodings tried in turn for CSV: strict UTF-8 (a leading byte-order mark is dropped), then
#: GB18030, which decodes GBK and GB2312 too.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


class FileError(ValueError):
    """A file that cannot be read as a table at all (format, encoding, damage); the message is
    in Chinese for the user."""


def file_name(source, filename=None) -> str:
    """The name that decides the format: ``filename``, else the path or the upload's name."""
    if filename:
        return str(filename)
    if isinstance(source, str | os.PathLike):
        return str(source)
    return str(getattr(source, "name", "") or "")


def read_rows(source, filename=None) -> list[list]:
    """Every row of a ``.csv`` or ``.xlsx`` file (the first sheet) as a list of cells.

    ``source`` is a path, an uploaded file or a stream; ``filename`` (or the source's own name)
    decides the format. CSV cells are strings; xlsx cells keep their type (numbers, dates).
    Raises :class:`FileError` when the file cannot be read, ``OSError`` when a path cannot be
    opened.
    """
    name = file_name(source, filename)
    extension = Path(name).suffix.lower()
    if extension.lstrip(".") not in EXTENSIONS:
        raise FileError(
            _("不支持的文件格式“%(extension)s”，请使用 .csv 或 .xlsx 文件。")
            % {"extension": extension or name}
        )
    data = read_bytes(source)
    return csv_rows(data) if extension == ".csv" else xlsx_rows(data)


def read_bytes(source):
    """The content of a path, an uploaded file (read from its start) or a stream."""
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    if hasattr(source, "seek"):
        try:
            source.seek(0)
        except (OSError, ValueError):
            pass
    if hasattr(source, "chunks"):
        return b"".join(source.chunks())
    return source.read()


def decode_csv(data: bytes) -> str:
    """The text of a CSV file in UTF-8 (with or without a byte-order mark) or GB18030/GBK."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(_("无法识别文件编码，请将 CSV 文件保存为 UTF-8 或 GB18030（GBK）编码。"))


def csv_rows(data) -> list[list[str]]:
    """The rows of a CSV file given as bytes (decoded by :func:`decode_csv`) or text."""
    text = decode_csv(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if len(rows) >= settings.IMPORT_MAX_ROWS:
                raise too_many_rows()
            rows.append(row)
        return rows
    except csv.Error as error:
        raise FileError(_("CSV 文件格式有误：%(error)s") % {"error": error}) from error


def declared_unpacked_size(data: bytes) -> int:
    """What the zip archive ``data`` (an xlsx, a docx) declares it unpacks to, read without
    unpacking anything; ``zipfile`` never unpacks more than a part declares. Raises
    ``zipfile.BadZipFile``, ``OSError`` or ``ValueError`` for what is not a readable archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def check_xlsx_size(data: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than ``IMPORT_MAX_UNCOMPRESSED_BYTES``
    (a "zip bomb": a few MB that unpack to GB) before anything is unpacked."""
    try:
        unpacked = declared_unpacked_size(data)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileError(_("无法读取 Excel 文件，请确认文件为 .xlsx 格式且未损坏。")) from error
    limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    if unpacked > limit:
        raise FileError(
            _("Excel 文件解压后过大（%(size)s MB，最多 %(max)s MB），请拆分后分批导入。")
            % {"size": unpacked // (1024 * 1024), "max": limit // (1024 * 1024)}
        )


def too_many_rows() -> FileError:
    return FileError(
        _("文件行数过多（最多 %(max)s 行），请拆分后分批导入。") % {"max": settings.IMPORT_MAX_ROWS}
    )


def xlsx_rows(data: bytes) -> list[list]:
    """The rows of the first sheet of an Excel workbook, with the cells' computed values; at most
    ``IMPORT_MAX_ROWS`` rows (read one by one, never the whole sheet at once)."""
    check_xlsx_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise FileError(_("无法读取 Excel 文件，请确认文件为 .xlsx 格式且未损坏。")) from error
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            if len(rows) >= settings.IMPORT_MAX_ROWS:
                raise too_many_rows()
            rows.append(list(row))
        return rows
    finally:
        workbook.close()
