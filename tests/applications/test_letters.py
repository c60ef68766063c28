"""The reply letter (告知书) of every outcome in DOCX and PDF, with its legal basis and the
requester's remedies, read back from the PDF by OCR; and the blank 申请表 for letters."""

import datetime as dt
import io
import os

import docx
import pypdf
import pypdfium2
import pytesseract
import pytest

from disclosure.applications import letters, steps
from disclosure.applications.choices import Outcome, RequesterType
from disclosure.departments.roles import FOI_CLERK
from disclosure.printing import pdf
from tests.applications.test_steps import fields
from tests.factories import organisation, user_with_role
from tests.printing.fonts import needs_chinese_ocr, needs_cjk_font

pytestmark = pytest.mark.django_db

BUREAU = "某某市市场监督管理局"


@pytest.fixture(autouse=True)
def _bureau():
    organisation(name=BUREAU, address="某某市人民路1号", postcode="100000", office_name="办公室")


def replied(outcome, summary="", **overrides):
    clerk = user_with_role("foi", FOI_CLERK)
    information_request, _code = steps.register(**fields(**overrides))
    steps.confirm_receipt(information_request, clerk, on=dt.date(2026, 9, 18))
    # Every outcome's letter, whatever path leads to it (some outcomes come only from their
    # own step: 视为放弃, fee unpaid, a linked repeat, 第35条 reasons).
    information_request.outcome = outcome
    information_request.reply_summary = summary
    information_request.replied_on = dt.date(2026, 10, 16)
    information_request.save()
    return information_request


def docx_text(data):
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def test_the_letter_says_what_was_asked_the_answer_its_basis_and_the_remedies():
    information_request = replied(Outcome.PARTIAL, summary="附件中涉及个人信息的部分已作遮盖处理。")
    text = docx_text(letters.reply_letter_docx(information_request))
    assert "政府信息公开申请答复告知书" in text and "李明：" in text
    assert f"申请编号：{information_request.tracking_number}" in text
    assert "本机关于2026年9月18日收到您提出的政府信息公开申请" in text
    assert information_request.description in text
    assert "第三十七条" in text and "附件中涉及个人信息的部分已作遮盖处理。" in text
    assert "60日内向有管辖权的行政复议机关申请行政复议" in text
    assert "6个月内向有管辖权的人民法院提起行政诉讼" in text
    assert BUREAU in text and "2026年10月16日" in text


def test_an_organisation_is_addressed_as_such():
    information_request = replied(
        Outcome.NOT_PROCESSED_PETITION,
        requester_type=RequesterType.COMMERCIAL,
        requester_name="某某食品有限公司",
        identity_type="credit_code",
        identity_number="91350100M000100Y43",
    )
    text = docx_text(letters.reply_letter_docx(information_request))
    assert "某某食品有限公司：" in text and "贵单位提出" in text and "第三十九条" in text


def test_an_application_without_an_outcome_has_no_letter():
    information_request, _code = steps.register(**fields())
    with pytest.raises(ValueError, match="尚未答复"):
        letters.reply_letter_docx(information_request)
    with pytest.raises(ValueError, match="尚未答复"):
        letters.reply_letter_pdf(information_request)


def test_every_outcome_has_its_case_with_a_legal_basis():
    assert set(letters.CASES) == set(Outcome)
    for outcome, text in letters.CASES.items():
        assert "%(law)s第" in str(text), outcome


@needs_cjk_font
@pytest.mark.parametrize("outcome", list(Outcome))
def test_a_letter_of_each_outcome_renders_in_both_formats(outcome):
    information_request = replied(outcome)
    case = letters.CASES[outcome] % {
        "you": "您",
        "law": letters.LAW,
        "form": information_request.get_form_wanted_display(),
        "delivery": information_request.get_delivery_display(),
    }
    assert case in docx_text(letters.reply_letter_docx(information_request))
    assert case[:20] in pdf_text(letters.reply_letter_pdf(information_request))


@needs_cjk_font
@needs_chinese_ocr
def test_the_pdf_reads_back_by_ocr():
    information_request = replied(Outcome.GRANTED)
    page = pypdfium2.PdfDocument(letters.reply_letter_pdf(information_request))[0]
    image = page.render(scale=300 / 72).to_pil()
    if os.environ.get("LETTER_PNG"):  # to look at it: LETTER_PNG=/tmp/letter.png
        image.save(os.environ["LETTER_PNG"])
    text = "".join(pytesseract.image_to_string(image, lang="chi_sim").split())
    assert "告知书" in text
    assert information_request.tracking_number[3:] in text  # the digits of YSQ2026xxxxx
    assert "行政复议" in text


def test_the_blank_form_has_every_field_of_the_online_form():
    document = docx.Document(io.BytesIO(letters.information_request_form_docx()))
    text = docx_text(letters.information_request_form_docx())
    for words in (
        "政府信息公开申请表",
        "□自然人",
        "□商业企业",
        "□科研机构",
        "□社会公益组织",
        "□法律服务机构",
        "□其他",
        "姓名或名称",
        "□居民身份证",
        "身份证明号码",
        "联系电话",
        "电子邮箱",
        "通信地址",
        "所需信息的名称、文号或者便于查询的其他特征性描述",
        "□纸质",
        "□电子",
        "□邮寄",
        "申请人签名（盖章）",
        "年　　月　　日",
        "某某市人民路1号",
    ):
        assert words in text, words
    (table,) = document.tables
    assert table.cell(0, 0).text == table.cell(6, 0).text == "申请人信息"  # merged down


@needs_cjk_font
def test_the_blank_form_prints_as_pdf_too():
    text = pdf_text(pdf.render(letters.information_request_form())).replace(" ", "")
    assert "申请人信息" in text and "申请人签名（盖章）" in text
