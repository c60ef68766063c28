"""Format rules (错敏检测): 文号 brackets, dates in running text, half-width punctuation between
Chinese characters; never blocking."""

import pytest

from disclosure.checks.formatting import FormatCheck
from disclosure.checks.registry import publication_errors
from disclosure.checks.sources import Source
from tests.factories import article, column, department, organisation

pytestmark = pytest.mark.django_db


def found(text):
    return FormatCheck().run([Source("body", "正文", text, maskable=True)])


@pytest.mark.parametrize("bracketed", ["[2025]", "（2025）", "【2025】", "(2025)", "［2025］"])
def test_a_document_number_year_in_other_brackets_is_flagged(bracketed):
    text = f"根据《关于开展专项整治的通知》（示市监发{bracketed}12号）要求，现通知如下。"
    [finding] = found(text)
    assert finding.kind == "document_number_brackets"
    assert finding.text == bracketed
    assert text[finding.start : finding.end] == bracketed
    assert finding.suggestion == "〔2025〕"
    assert finding.severity == 2
    assert not finding.blocking
    assert finding.extra["context"][0].endswith("示市监发")


def test_hexagonal_brackets_are_right():
    assert found("根据《通知》（示市监发〔2025〕12号）要求，现通知如下。") == []


@pytest.mark.parametrize(
    "date, suggestion",
    [("2025.1.5", "2025年1月5日"), ("2025-1-5", "2025年1月5日"), ("2025/01/05", "2025年1月5日")],
)
def test_a_date_with_dots_dashes_or_slashes_in_chinese_text_is_flagged(date, suggestion):
    text = f"检查于{date}开展。"
    [finding] = found(text)
    assert (finding.kind, finding.text, finding.suggestion) == ("date_format", date, suggestion)
    assert (finding.start, finding.end) == (3, 3 + len(date))


@pytest.mark.parametrize(
    "text",
    [
        "检查于2025年1月5日开展。",
        "详见 https://example.gov.cn/2025/1/5/notice.html 页面。",
        "Version 2025.1.5 released.",
        "编号2025.13.40不是日期。",
    ],
)
def test_dates_written_right_and_things_that_are_not_dates_are_not_flagged(text):
    assert [f for f in found(text) if f.kind == "date_format"] == []


@pytest.mark.parametrize(
    "text, mark, suggestion",
    [
        ("各单位,请于本周内报送材料。", ",", "，"),
        ("报送材料;如有疑问请联系。", ";", "；"),
        ("联系人:王某。", ":", "："),
        ("是否完成?请回复。", "?", "？"),
        ("联系办公室(政务公开办公室)。", "(", "（"),
    ],
)
def test_half_width_punctuation_between_chinese_is_flagged(text, mark, suggestion):
    finding = found(text)[0]
    assert finding.kind == "half_width_punctuation"
    assert (finding.text, finding.suggestion) == (mark, suggestion)
    assert text[finding.start] == mark


def test_half_width_punctuation_in_latin_text_and_times_is_not_flagged():
    assert found("办公时间 9:00–12:00，网址 example.gov.cn, Hello, world (test).") == []


def test_format_findings_do_not_block_publication():
    organisation()
    col = column(title="通知公告", slug="tongzhi", departments=[department("办公室")])
    page = article(col, publish=False, body="<p>依据示市监发[2025]12号,于2025.1.5开展。</p>")
    assert publication_errors(page) == {}
