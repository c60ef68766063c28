"""The one 文号 module: every spelling that the validator, the corpus importer and the search
analysis accepted before they shared it is still accepted, by each of them, with the same
result.

The three patterns they used before are kept here (``LEGACY_*``) as the record of what each
accepted; the union of their spellings is what :mod:`disclosure.publishing.document_numbers`
accepts.
"""

import re

import pytest
from django.core.exceptions import ValidationError

from disclosure.normative.corpus import parse_document_number, parse_publisher
from disclosure.publishing import document_numbers as numbers
from disclosure.publishing.validators import validate_document_number
from search import analysis

# The validator (disclosure/publishing/validators.py) before: brackets 〔[(（【, any 4 digits.
_V_NUMERAL = r"[0-9０-９〇零一二三四五六七八九十百千]+"
LEGACY_VALIDATOR = (
    re.compile(
        rf"^\S.*[{re.escape('〔[(（【')}]\s*\d{{4}}\s*[{re.escape('〕])）】')}]\s*第?\s*{_V_NUMERAL}\s*号$"
    ),
    re.compile(rf"^\S.*令\s*[（(]?\s*第\s*{_V_NUMERAL}\s*号\s*[）)]?$"),
)
# The corpus importer (disclosure/normative/corpus.py) before: 〔[［ only, no 第, Arabic serials.
LEGACY_CORPUS_BRACKETED = re.compile(
    r"([\u4e00-\u9fff]{1,12})[〔\[［]\s*(\d{4})\s*[〕\]］]\s*(\d+)\s*号"
)
# Search analysis (search/analysis.py) before: years 1900–2099, issuer up to 16 characters.
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LEGACY_SEARCH_BRACKETED = re.compile(
    rf"([{_CJK}a-z]{{1,16}})\s*[〔\[(（【［]\s*((?:19|20)\d\d)\s*[〕\])）】］]\s*第?\s*"
    r"([0-9〇零一二三四五六七八九十百千]+)\s*号"
)

# Every spelling of one 文号 that one of the three accepted (whole field).
BRACKETED_SPELLINGS = [
    "黔府办函〔2020〕23号",  # all three
    "黔府办函[2020]23号",  # all three
    "黔府办函［2020］23号",  # corpus, search (full-width square brackets)
    "黔府办函(2020)23号",  # validator, search
    "黔府办函（2020）23号",  # validator, search
    "黔府办函【2020】23号",  # validator, search
    "黔府办函〔 2020 〕 23 号",  # all three (spaces inside)
    "黔府办函 〔2020〕23号",  # validator, search (space before the bracket)
    "黔府办函〔2020〕第23号",  # validator, search (第 before the serial)
    "黔府办函〔2020〕２３号",  # validator, corpus (full-width serial)
    "黔府办函〔２０２０〕23号",  # validator, corpus (full-width year)
    "法释〔2021〕十一号",  # validator, search (Chinese numerals)
    "劳社部发[2008]3号",
    "中发〔1999〕〇三号",
    "gb〔2020〕1号",  # search: Latin letters in the issuer's code (normalised text)
]
ORDER_SPELLINGS = [
    "国务院令第711号",
    "国家市场监督管理总局令第45号",
    "中华人民共和国国务院令第656号",
    "主席令第七十三号",
    "公安部令第１２５号",
    "国务院令（第711号）",  # validator (closing bracket), search and corpus (opening)
    "国务院令(第711号)",
    "国务院令 第 711 号",
]
NOT_DOCUMENT_NUMBERS = [
    "abc",
    "2020年23号",
    "黔府办函2020年23号",
    "〔2020〕23号",
    "黔府办函〔20〕23号",
    "黔府办函〔2020〕号",
    "令第5号",
    "国务院令711号",
]


def _legacy_validator_accepts(value):
    return any(form.match(value) for form in LEGACY_VALIDATOR)


@pytest.mark.parametrize("value", BRACKETED_SPELLINGS + ORDER_SPELLINGS)
def test_every_spelling_validates(value):
    assert numbers.is_document_number(value)
    validate_document_number(value)


@pytest.mark.parametrize("value", BRACKETED_SPELLINGS + ORDER_SPELLINGS + NOT_DOCUMENT_NUMBERS)
def test_the_validator_accepts_at_least_what_it_accepted(value):
    if _legacy_validator_accepts(value):
        validate_document_number(value)


@pytest.mark.parametrize("value", NOT_DOCUMENT_NUMBERS)
def test_not_document_numbers(value):
    assert not _legacy_validator_accepts(value)
    assert not numbers.is_document_number(value)
    assert numbers.parse(value) is None
    with pytest.raises(ValidationError) as error:
        validate_document_number(value)
    assert error.value.code == "document_number"


def test_the_validator_path_the_migrations_name():
    assert validate_document_number is numbers.validate_document_number
    validate_document_number("")
    validate_document_number(None)


@pytest.mark.parametrize("value", BRACKETED_SPELLINGS[:12])
def test_bracket_spellings_normalise_to_one(value):
    assert numbers.normalise(value) == "黔府办函〔2020〕23号" or value.startswith("法释")


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("法释〔2021〕十一号", "法释〔2021〕十一号"),
        ("国务院令（第711号）", "国务院令第711号"),
        ("国务院令 第 711 号", "国务院令第711号"),
        ("公安部令第１２５号", "公安部令第125号"),
        ("中华人民共和国国务院令第656号", "中华人民共和国国务院令第656号"),
        ("not one", "not one"),
        ("", ""),
    ],
)
def test_normalise(value, canonical):
    assert numbers.normalise(value) == canonical


def test_parse():
    number = numbers.parse("黔府办函（2020）第23号")
    assert (number.issuer, number.year, number.serial, number.is_order) == (
        "黔府办函",
        "2020",
        "23",
        False,
    )
    order = numbers.parse("国家市场监督管理总局令第45号")
    assert (order.issuer, order.year, order.serial, order.is_order) == (
        "国家市场监督管理总局令",
        None,
        "45",
        True,
    )


# --- the corpus importer ---------------------------------------------------------------------


@pytest.mark.parametrize("value", BRACKETED_SPELLINGS)
def test_corpus_finds_every_bracketed_spelling(value):
    legacy = LEGACY_CORPUS_BRACKETED.search(value)
    found = parse_document_number([f"1993年8月7日 以{value}通知印发"])
    if legacy:  # what it read before, it reads the same
        year, serial = (g.translate(numbers._FULLWIDTH_DIGITS) for g in legacy.groups()[1:])
        assert found == f"{legacy.group(1)}〔{year}〕{serial}号"
    assert found == numbers.normalise(value)
    validate_document_number(found)


@pytest.mark.parametrize(
    ("line", "number", "publisher"),
    [
        ("2014年11月24日 中华人民共和国国务院令第656号公布", "国务院令第656号", "国务院"),
        (
            "２０１２年１２月１９日 中华人民共和国公安部令第１２５号发布，",
            "公安部令第125号",
            "公安部",
        ),
        ("2002年8月29日 中华人民共和国主席令第七十三号公布", "主席令第七十三号", "主席"),
        (
            "2019年3月1日 国家市场监督管理总局令（第4号）公布",
            "国家市场监督管理总局令第4号",
            "国家市场监督管理总局",
        ),
    ],
)
def test_corpus_order_numbers(line, number, publisher):
    assert parse_document_number([line]) == number
    assert parse_publisher([line]) == publisher


# --- search analysis ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", BRACKETED_SPELLINGS)
def test_search_reads_every_bracketed_spelling_as_one_token(value):
    text = analysis.normalise(value)
    number = numbers.parse(value)
    token = f"{number.issuer.lower()}{number.year.translate(numbers._FULLWIDTH_DIGITS)}n"
    token += f"{analysis.normalise(number.serial)}号"
    legacy = LEGACY_SEARCH_BRACKETED.search(text)
    if legacy:  # what it read before, it reads the same
        assert token == f"{legacy.group(1)}{legacy.group(2)}n{legacy.group(3)}号"
    assert analysis.query_terms(value)[0] == token
    assert token in analysis.index_text(f"依据{value}的规定").split()


@pytest.mark.parametrize("value", ORDER_SPELLINGS)
def test_search_reads_order_numbers(value):
    number = numbers.order_numbers(analysis.normalise(value))[0]
    assert analysis.query_terms(value)[0] == f"{number.issuer}第{number.serial}号"
    assert analysis.query_terms(value)[0] in analysis.index_text(f"{value}公布").split()


def test_search_reads_inverted_order_numbers_in_queries():
    assert numbers.uninvert_orders("国务院第711号令") == "国务院令第711号"
    assert analysis.query_terms("国务院第711号令") == ["国务院令第711号"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国发〔2031〕99号", True),
        ("市监〔2099〕", True),
        ("国办发〔", True),
        ("国务院令第999号", True),
        ("国务院第373号令", True),
        ("黔府办函[2020]23号 不存在", False),  # a number and another word: relaxing may help
        ("食品安全法", False),
    ],
)
def test_a_query_that_is_a_document_number_and_nothing_else(text, expected):
    from disclosure.publishing.document_numbers import is_document_number_query

    assert is_document_number_query(text) is expected
