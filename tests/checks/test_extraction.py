"""Nothing goes out unread (issue #17, the live hole): images and scans are read by OCR, legacy
Word files by antiword/catdoc, and whatever cannot be read is "无法检查" with its reason — never
an exception, never an empty pass. The OCR tests use the real Tesseract (Debian's tesseract-ocr
and tesseract-ocr-chi-sim, installed by .ci/run); without it they skip, unless REQUIRE_OCR=1."""

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image, ImageDraw, ImageFont

from disclosure.checks.extraction import OLE_SIGNATURE, extract
from disclosure.checks.scanner import id_check_character, scan

ID = "11010119900307751" + id_check_character("11010119900307751")
LINE = f"ID {ID}  Tel 13812345678"
HAS_TESSERACT = shutil.which("tesseract") is not None

needs_ocr = pytest.mark.skipif(
    not HAS_TESSERACT and os.environ.get("REQUIRE_OCR") != "1",
    reason="needs Tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-sim)",
)


DATA = Path(__file__).parent / "data"


def legacy_word_tool(tool):
    """Run the .doc test with only this extractor; skip if it is missing, unless REQUIRE_OCR=1."""
    return pytest.param(
        tool,
        marks=pytest.mark.skipif(
            shutil.which(tool) is None and os.environ.get("REQUIRE_OCR") != "1",
            reason=f"needs {tool} (apt-get install antiword catdoc)",
        ),
    )


def picture(text=LINE):
    image = Image.new("L", (1400, 200), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 48)
    ImageDraw.Draw(image).text((20, 60), text, font=font, fill=0)
    return image


def png(text=LINE):
    out = io.BytesIO()
    picture(text).save(out, "PNG")
    return out.getvalue()


def scanned_pdf(text=LINE):
    """A PDF whose only page is an image (a scan): no text layer."""
    out = io.BytesIO()
    picture(text).convert("RGB").save(out, "PDF")
    return out.getvalue()


def docx_with_picture():
    import docx

    document = docx.Document()
    document.add_paragraph("行政处罚决定书（扫描件见下图）")
    document.add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def kinds(text):
    return {match.kind for match in scan(text)}


@needs_ocr
@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("scan.png", png),
        ("scan.jpg", None),
        ("scan.pdf", scanned_pdf),
        ("a.docx", docx_with_picture),
    ],
)
def test_images_and_scans_are_read_by_ocr(name, build):
    if build is None:
        out = io.BytesIO()
        picture().convert("RGB").save(out, "JPEG", quality=95)
        data = out.getvalue()
    else:
        data = build()
    extraction = extract(name, data)
    assert extraction.unreadable == ""
    assert extraction.ocr
    assert {"id_number", "mobile"} <= kinds(extraction.text), extraction.text


def encrypted_pdf():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.pdf", encrypted_pdf(), "PDF 已加密"),
        ("a.pdf", b"%PDF-1.4\n garbage", "PDF 已损坏"),
        ("a.docx", b"PK\x03\x04 not a zip", "文件已损坏"),
        ("a.png", b"\x89PNG broken", "图片已损坏"),
        ("a.rar", b"Rar!", "不支持的文件类型（.rar）"),
        ("noextension", b"abc", "不支持的文件类型（无扩展名）"),
        ("a.doc", b"plain text pretending", "不是有效的 .doc 文件"),
        pytest.param(
            "a.wps",
            OLE_SIGNATURE + b"\x00" * 600,
            "无法读取该 .wps 文件",
            marks=pytest.mark.skipif(
                not (shutil.which("antiword") or shutil.which("catdoc"))
                and os.environ.get("REQUIRE_OCR") != "1",
                reason="needs antiword or catdoc (apt-get install antiword catdoc)",
            ),
        ),
    ],
)
def test_what_cannot_be_read_says_why(name, data, reason):
    extraction = extract(name, data)
    assert reason in extraction.unreadable, extraction


def test_a_file_too_large_is_unreadable(settings):
    settings.CHECKS_MAX_ATTACHMENT_BYTES = 1000
    assert "文件过大" in extract("a.txt", b"x" * 1001).unreadable


def test_ocr_without_tesseract_is_unreadable_not_a_pass(settings):
    settings.TESSERACT_CMD = "/nonexistent/tesseract"
    extraction = extract("scan.png", png())
    assert "未安装文字识别程序" in extraction.unreadable and extraction.text == ""


def test_a_crashing_extractor_is_a_finding(monkeypatch):
    from disclosure.checks import extraction as module

    def crash(data, extension):
        raise RuntimeError("boom")

    monkeypatch.setitem(module.EXTRACTORS, "txt", crash)
    assert extract("a.txt", b"x").unreadable == "读取文件时出错（RuntimeError）"


@needs_ocr
def test_scan_attachment_command(tmp_path):
    path = tmp_path / "决定书.png"
    path.write_bytes(png())
    out = io.StringIO()
    call_command("scan_attachment", str(path), "--json", stdout=out)
    found = json.loads(out.getvalue())
    assert {f["kind"] for f in found} == {"id_number", "mobile"}
    assert ID not in out.getvalue()  # masked

    locked = tmp_path / "加密.pdf"
    locked.write_bytes(encrypted_pdf())
    out = io.StringIO()
    call_command("scan_attachment", str(locked), "--json", stdout=out)
    assert json.loads(out.getvalue()) == [{"kind": "unreadable", "reason": "PDF 已加密，无法读取"}]


def test_a_number_the_scan_wrapped_is_joined_again():
    from disclosure.checks.extraction import join_wrapped_lines

    text = join_wrapped_lines(
        "当事人陈兰涛，身份证号430\n111200412273509。\n\n联系电话：138\n1234 5678"
    )
    assert "身份证号430111200412273509" in text
    assert "联系电话：1381234 5678" in text


@pytest.mark.parametrize("tool", [legacy_word_tool("antiword"), legacy_word_tool("catdoc")])
def test_legacy_word_text_is_read_whole(tool, monkeypatch):
    """Real Word 97-2003 files (written with Apache POI, benchmarks/checks/doc_samples): the
    Chinese text comes out with each paragraph on one line, so a number is never cut in two by
    the extractor's line wrapping and the ID number is found."""
    from disclosure.checks import extraction as module

    which = shutil.which
    monkeypatch.setattr(module.shutil, "which", lambda name: which(name) if name == tool else None)
    with_id = extract("决定书.doc", (DATA / "decision-with-id-number.doc").read_bytes())
    assert with_id.unreadable == ""
    assert "行政处罚决定书" in with_id.text
    assert (
        "当事人徐洋，户籍地址：贵州省六盘水市钟山区阳光小区4幢230号，身份证号520102199207238739。"
        in with_id.text
    )
    assert {"id_number", "address"} <= kinds(with_id.text)

    without = extract("决定书.doc", (DATA / "decision-without-personal-data.doc").read_bytes())
    assert "本局于20200805作出示市监处罚〔2021〕94号行政处罚决定" in without.text
    assert kinds(without.text) == set()
