"""Fuzzing the personal-data scanner and its masking (disclosure.checks.scanner, .masking):
``scan`` returns ordered, non-overlapping findings for any text, and a text masked the way
:func:`~disclosure.checks.masking.mask_personal_data` masks it holds no finding any more
(总局令第45号 第6条: nothing of a person is left once masked)."""

import datetime as dt

from fuzz_profiles import fuzz
from hypothesis import example, given
from hypothesis import strategies as st

from disclosure.checks import masking, scanner
from disclosure.checks.scanner import id_check_character, is_id_number, luhn_valid

# Pieces of the texts the scanner meets, so that examples often hold something to find.
FRAGMENTS = st.sampled_from(
    [
        "身份证号：",
        "证件号码",
        "卡号",
        "账号：",
        "手机",
        "+86 ",
        "住址：",
        "家住",
        "现住址为",
        "贵州省六盘水市钟山区",
        "人民路",
        "12号",
        "3栋2单元501室",
        "批号",
        "信用代码",
        "@",
        "example.com",
        ".gov.cn",
        "zhang.san",
        "，",
        "。",
        " ",
        "-",
        "\n",
        "X",
        "６",
        "１３８",
        "138 0013 8000",
        "13800138000",
        "6222020200112233445",
        "52020019900101123X",
        "110101199003074477",
    ]
)
DIGITS = st.text(alphabet="0123456789０１２３４５６７８９Xx -", min_size=1, max_size=22)


def valid_id(first17):
    return first17 + id_check_character(first17)


IDS = st.builds(
    lambda region, born, serial: valid_id(f"{region}0101{born:%Y%m%d}{serial:03d}"),
    st.sampled_from(["11", "44", "52", "65", "81"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(0, 999),
)
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(FRAGMENTS, DIGITS, IDS, st.text(max_size=6)), max_size=25).map("".join),
)


def masked(text):
    """``text`` masked as ``mask_personal_data`` does: every finding's text replaced."""
    replacements = {m.text: scanner.mask(m.kind, m.text) for m in scanner.scan(text)}
    return masking._replace(text, replacements)


@fuzz()
@given(TEXTS)
@example("身份证号：²²²²²²²²²²²²²²²²²X")
def test_scan_never_crashes_and_finds_ordered_spans(text):
    found = scanner.scan(text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for before, after in zip(found, found[1:], strict=False):
        assert before.end <= after.start
    for match in found:
        assert 0 <= match.start < match.end <= len(text)
        assert match.text == text[match.start : match.end]
        assert match.kind in scanner.KINDS


@fuzz()
@given(TEXTS)
@example("0一0栋0单元0室0丁0栋0单元0室")  # the second address was missed, left unmasked
@example("住3栋2单元501室和李四家5栋1单元302室")
@example("110101200001010002一0栋0单元0室")  # the address ran back into the ID number
@example("住址：13800138000号")
@example("住址0号110101200001010002")  # the address ran into the ID number
def test_masked_text_has_no_finding(text):
    assert scanner.scan(masked(text)) == []


@fuzz()
@given(st.sampled_from(scanner.KINDS), st.text(max_size=40))
def test_mask_never_crashes(kind, value):
    assert isinstance(scanner.mask(kind, value), str)


@fuzz()
@given(st.text(max_size=24))
@example("²²²²²²²²²²²²²²²²²0")
@example("١١١١١١١١١١١١١١١١١X")
def test_is_id_number_never_crashes(value):
    assert isinstance(is_id_number(value), bool)


@fuzz()
@given(IDS)
def test_valid_ids_are_id_numbers(value):
    assert is_id_number(value)


@fuzz()
@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_luhn_never_crashes(digits):
    assert isinstance(luhn_valid(digits), bool)
