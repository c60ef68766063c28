"""Fuzzing the identity numbers a requester types (条例 第29条: 身份证明): the 统一社会信用代码
validator (disclosure.organisation.credit_code, GB 32100-2015) and the 居民身份证 check of the
request form (disclosure.applications.forms, GB 11643-1999). Any text gives a result or a
ValidationError in Chinese, never another exception."""

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from fuzz_profiles import chinese, fuzz
from hypothesis import example, given
from hypothesis import strategies as st

from disclosure.applications.choices import IdentityDocument, RequesterType
from disclosure.applications.forms import InformationRequestForm
from disclosure.organisation.credit_code import (
    CREDIT_CODE_CHARS,
    credit_code_check_character,
    validate_credit_code,
)
from disclosure.public_forms import CHALLENGE_SALT, new_challenge

CODE_LIKE = st.text(alphabet=CREDIT_CODE_CHARS + "abciosvzIOSVZ ０-ß", min_size=0, max_size=20)
NUMBER_LIKE = st.text(alphabet="0123456789Xx²١٢۳０９ ", max_size=20)


@fuzz()
@given(st.one_of(st.none(), st.text(max_size=30), CODE_LIKE))
@example("ß" * 9)  # upper() makes 18 characters of "SS"
def test_credit_code_validator_never_crashes(value):
    try:
        validate_credit_code(value)
    except ValidationError as error:
        assert all(chinese(message) for message in error.messages)


@fuzz()
@given(st.text(alphabet=CREDIT_CODE_CHARS, min_size=17, max_size=17))
def test_a_code_with_its_check_character_is_valid(first17):
    validate_credit_code(first17 + credit_code_check_character(first17))


def form(requester_type, identity_type, number):
    """A bound form with a fresh question answered (a token is spent once answered)."""
    _question, token = new_challenge()
    a, b, _nonce = signing.loads(token, salt=CHALLENGE_SALT)
    return InformationRequestForm(
        data={
            "requester_type": requester_type,
            "requester_name": "张三",
            "identity_type": identity_type,
            "identity_number": number,
            "contact_phone": "13800138000",
            "contact_email": "",
            "contact_address": "示范市",
            "description": "申请公开2026年食品抽检结果",
            "form_wanted": "",
            "delivery": "",
            "challenge": token,
            "answer": str(a + b),
        }
    )


@pytest.mark.django_db
@fuzz(0.5)
@given(
    st.sampled_from(RequesterType.values),
    st.sampled_from(IdentityDocument.values),
    st.one_of(st.text(max_size=45), NUMBER_LIKE, CODE_LIKE),
)
@example(RequesterType.NATURAL_PERSON, IdentityDocument.ID_CARD, "²" * 17 + "X")
def test_request_form_identity_never_crashes(requester_type, identity_type, number):
    bound = form(requester_type, identity_type, number)
    bound.is_valid()
    for messages in bound.errors.values():
        assert all(chinese(message) for message in messages)
