"""The text of an attachment, for the checks — or why there is none.

Nothing goes out unread (总局令第45号 第6条; 个人信息保护法 第25条): a file whose text cannot be
read is not a file without findings. :func:`extract` returns the text it could read and, when
part of the file could not be read, the reason (``unreadable``), which the ``unreadable`` check
turns into a blocking finding (:mod:`disclosure.checks.unreadable`).

- PDF: the text layer; pages without one (scans) are read by OCR from their images.
- DOCX: paragraphs and tables, and OCR of the pictures inside. XLSX: the cells.
- DOC and WPS (the Word 97–2003 / WPS Office binary formats): ``antiword``, else ``catdoc``.
- Images (PNG, JPEG, TIFF, BMP, GIF, WebP): OCR.
- Plain text, CSV.

OCR is Tesseract with the Simplified Chinese model (Debian's ``tesseract-ocr`` and
``tesseract-ocr-chi-sim``) through ``pytesseract``. Anything else — an unknown type, an
encrypted or corrupt file, a file too large, a missing program, an extractor that fails — is
unreadable with its reason; never an exception and never an empty pass.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from disclosure.importing.files import declared_unpacked_size

logger = logging.getLogger("disclosure.checks")

IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "webp"}
TEXT_EXTENSIONS = {"txt", "csv"}
#: A PDF page with fewer characters in its text layer than this is read by OCR (a scan).
MIN_PAGE_TEXT = 20
OCR_LANGUAGES = "chi_sim+eng"


@dataclass(frozen=True)
class Extraction:
    text: str = ""
    unreadable: str = ""  # why (part of) the file could not be read; empty when all was read
    ocr: bool = False  # whether any of the text came from OCR


class Unreadable(Exception):
    """Raised inside the extractors with the Chinese reason."""


def extension_of(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def extract(file_name: str, data: bytes) -> Extraction:
    """The text of the file ``file_name`` with contents ``data`` (see the module's docstring)."""
    extension = extension_of(file_name)
    if len(data) > settings.CHECKS_MAX_ATTACHMENT_BYTES:
        return Extraction(
            unreadable=_("文件过大（%(size)s MB，上限 %(limit)s MB）")
            % {
                "size": round(len(data) / 1024 / 1024, 1),
                "limit": round(settings.CHECKS_MAX_ATTACHMENT_BYTES / 1024 / 1024),
            }
        )
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        if extension in IMAGE_EXTENSIONS:
            extractor = _image
        else:
            return Extraction(
                unreadable=_("不支持的文件类型（%(type)s）")
                % {"type": f".{extension}" if extension else _("无扩展名")}
            )
    try:
        return extractor(data, extension)
    except Unreadable as reason:
        return Extraction(unreadable=str(reason))
    except Exception as error:  # noqa: BLE001 - a failing extractor is a finding, not a 500
        logger.warning("cannot extract %s: %r", file_name, error)
        return Extraction(
            unreadable=_("读取文件时出错（%(error)s）") % {"error": type(error).__name__}
        )


# --- OCR ----------------------------------------------------------------------------------


def ocr_image(image) -> str:
    """The text of a PIL image by Tesseract (Simplified Chinese and English)."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = settings.TESSERACT_CMD
    try:
        languages = set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as error:
        raise Unreadable(_("本机未安装文字识别程序（Tesseract），无法识别图片中的文字")) from error
    if "chi_sim" not in languages:
        raise Unreadable(_("文字识别程序缺少简体中文模型（tesseract-ocr-chi-sim）"))
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    text = pytesseract.image_to_string(
        image,
        lang=OCR_LANGUAGES,
        config="-c preserve_interword_spaces=1",
        timeout=settings.OCR_TIMEOUT,
    )
    return join_wrapped_lines(text)


#: A line break (with any blank lines) between two characters of running Chinese text or of a
#: number: where the scanned page wrapped a line, not where a paragraph ended.
_WRAPPED = re.compile(r"(?<=[\u3400-\u9fff\d\-，、：])\s*\n\s*(?=[\u3400-\u9fff\d])")


def join_wrapped_lines(text):
    """OCR gives the scan's lines as they were printed; a number or a name that the page wrapped
    (身份证号430⏎111200412273509) is joined again so that the checks see it whole."""
    return _WRAPPED.sub("", text)


def _open_image(data):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise Unreadable(_("图片已损坏或格式无法识别")) from error
    return image


def _image(data, extension):
    return Extraction(text=ocr_image(_open_image(data)), ocr=True)


# --- PDF ----------------------------------------------------------------------------------


def _pdf(data, extension):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(_("PDF 已加密，无法读取"))
        pages = list(reader.pages)
    except PdfReadError as error:
        raise Unreadable(_("PDF 已损坏，无法读取")) from error
    scanned_limit = len(pages) > settings.OCR_MAX_PAGES
    parts, used_ocr = [], False
    for page in pages:
        text = page.extract_text() or ""
        if len(text.strip()) < MIN_PAGE_TEXT:
            images = list(page.images)
            if images:
                if scanned_limit:
                    raise Unreadable(
                        _("扫描件页数过多（%(pages)s 页，上限 %(limit)s 页）")
                        % {"pages": len(pages), "limit": settings.OCR_MAX_PAGES}
                    )
                for image in images:
                    text += "\n" + ocr_image(_open_image(image.data))
                used_ocr = True
        parts.append(text)
    return Extraction(text="\n".join(parts), ocr=used_ocr)


# --- Office -------------------------------------------------------------------------------


def _check_zip(data):
    """Refuse an archive that would unpack beyond the limit (a zip bomb) before opening it."""
    try:
        total = declared_unpacked_size(data)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Unreadable(_("文件已损坏，无法读取")) from error
    if total > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise Unreadable(_("文件解压后过大，无法读取"))


def _docx(data, extension):
    import docx

    _check_zip(data)
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    used_ocr = False
    for part in document.part.package.iter_parts():
        if part.content_type.startswith("image/"):
            parts.append(ocr_image(_open_image(part.blob)))
            used_ocr = True
    return Extraction(text="\n".join(parts), ocr=used_ocr)


def _xlsx(data, extension):
    from openpyxl import load_workbook

    _check_zip(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                parts.append("\t".join("" if v is None else str(v) for v in row))
    finally:
        workbook.close()
    return Extraction(text="\n".join(parts))


#: The signature of an OLE2 compound file, the container of Word 97–2003 and WPS documents.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _legacy_word(data, extension):
    """``.doc`` / ``.wps``: antiword, else catdoc (Debian's packages), on a temporary file.

    Both print each paragraph on one line (antiword ``-w 0``, catdoc ``-w``): wrapped at their
    default width they would cut an ID or card number in two and the scanner would miss it."""
    if not data.startswith(OLE_SIGNATURE):
        raise Unreadable(
            _("不是有效的 .%(type)s 文件（文件格式与扩展名不符）") % {"type": extension}
        )
    commands = []
    if shutil.which("antiword"):
        commands.append(["antiword", "-m", "UTF-8.txt", "-w", "0"])
    if shutil.which("catdoc"):
        commands.append(["catdoc", "-d", "utf-8", "-w"])
    if not commands:
        raise Unreadable(_("本机未安装 .doc/.wps 文字提取程序（antiword 或 catdoc）"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"attachment.{extension}"
        path.write_bytes(data)
        for command in commands:
            try:
                result = subprocess.run(  # noqa: S603 - fixed programs, our own temporary file
                    [*command, str(path)],
                    capture_output=True,
                    timeout=settings.OCR_TIMEOUT,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                continue
            text = result.stdout.decode("utf-8", errors="replace")
            if result.returncode == 0 and text.strip():
                return Extraction(text=text)
    raise Unreadable(
        _("无法读取该 .%(type)s 文件（可能已加密、损坏或不是 Word 格式）") % {"type": extension}
    )


def _text(data, extension):
    return Extraction(text=data.decode("utf-8", errors="replace"))


EXTRACTORS = {
    "pdf": _pdf,
    "docx": _docx,
    "xlsx": _xlsx,
    "doc": _legacy_word,
    "wps": _legacy_word,
    **dict.fromkeys(TEXT_EXTENSIONS, _text),
}
