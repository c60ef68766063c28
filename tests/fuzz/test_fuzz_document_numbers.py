"""Fuzzing the 文号 module (disclosure.publishing.document_numbers, GB/T 9704-2012 7.2.4): every
function takes any text; a normalised 文号 normalises to itself and parses to the same number;
the validator passes or raises a ValidationError in Chinese."""

from django.core.exceptions import ValidationError
from fuzz_profiles import chinese, fuzz
from hypothesis import given
from hypothesis import strategies as st

from disclosure.publishing import document_numbers as dn

ISSUERS = st.sampled_from(
    ["黔府办函", "国办发", "市监", "法释", "国务院", "国家市场监督管理总局", "A", "㐀"]
)
NUMERALS = st.text(alphabet="0123456789０９〇零一二三四五六七八九十百千", min_size=1, max_size=5)
SPACE = st.sampled_from(["", " ", "\u3000", "\t"])


@st.composite
def bracketed(draw):
    opening = draw(st.sampled_from(dn.OPEN_BRACKETS))
    closing = draw(st.sampled_from(dn.CLOSE_BRACKETS))
    year = draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
    return (
        f"{draw(ISSUERS)}{draw(SPACE)}{opening}{year}{closing}{draw(SPACE)}"
        f"{draw(st.sampled_from(['', '第']))}{draw(NUMERALS)}号"
    )


@st.composite
def orders(draw):
    form = draw(
        st.sampled_from(
            ["{i}令第{n}号", "{i}令（第{n}号）", "{i}第{n}号令", "中华人民共和国{i}令第{n}号"]
        )
    )
    return form.format(i=draw(ISSUERS), n=draw(NUMERALS))


PIECES = st.one_of(
    bracketed(),
    orders(),
    st.sampled_from(
        list(dn.OPEN_BRACKETS + dn.CLOSE_BRACKETS) + ["令", "第", "号", "中华人民共和国"]
    ),
    st.text(max_size=8),
)
TEXTS = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=8).map("".join))


@fuzz()
@given(TEXTS)
def test_every_function_takes_any_text(text):
    assert isinstance(dn.bracketed_numbers(text), list)
    assert isinstance(dn.order_numbers(text), list)
    assert isinstance(dn.uninvert_orders(text), str)
    assert isinstance(dn.without_numbers(text), str)
    assert isinstance(dn.is_document_number_query(text), bool)
    assert isinstance(dn.normalise(text), str)


@fuzz()
@given(st.one_of(TEXTS, bracketed(), orders()))
def test_normalised_number_normalises_to_itself(text):
    once = dn.normalise(text)
    assert dn.normalise(once) == once
    number = dn.parse(text)
    if number is not None:
        assert dn.parse(once) == dn.parse(str(number))
        assert dn.is_document_number(once)


@fuzz()
@given(st.one_of(bracketed(), orders().filter(lambda text: not text.endswith("号令"))))
def test_the_spellings_people_type_are_document_numbers(text):
    assert dn.is_document_number(text)
    dn.validate_document_number(text)


@fuzz()
@given(st.one_of(st.none(), TEXTS))
def test_validator_passes_or_refuses_in_chinese(value):
    try:
        dn.validate_document_number(value)
    except ValidationError as error:
        assert all(chinese(message) for message in error.messages)
