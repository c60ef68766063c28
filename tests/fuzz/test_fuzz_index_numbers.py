"""Fuzzing the 索引号 module (disclosure.publishing.index_numbers, 政府信息公开目录系统实施指引):
``{credit code}/{YYYY}-{serial}`` for any code, year and serial; a block of numbers taken at
once is consecutive and never repeats a number taken before."""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.utils import timezone
from fuzz_profiles import fuzz
from hypothesis import given
from hypothesis import strategies as st

from disclosure.organisation.credit_code import CREDIT_CODE_CHARS, credit_code_check_character
from disclosure.publishing.index_numbers import allocate_index_numbers, format_index_number

CODES = st.text(alphabet=CREDIT_CODE_CHARS, min_size=17, max_size=17).map(
    lambda first17: first17 + credit_code_check_character(first17)
)


@fuzz()
@given(CODES, st.integers(1, 9999), st.integers(1, 10**9))
def test_format_reads_back(code, year, serial):
    number = format_index_number(code, year, serial)
    match = re.fullmatch(r"([0-9A-Z]{18})/(\d+)-(\d{5,})", number)
    assert match
    assert (match[1], int(match[2]), int(match[3])) == (code, year, serial)


@pytest.mark.django_db
@fuzz(0.3)
@given(
    CODES,
    st.lists(st.integers(-2, 30), min_size=1, max_size=4),
    st.datetimes(min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2099, 12, 30)),
)
def test_blocks_are_consecutive_and_unique(code, counts, when):
    when = timezone.make_aware(when, dt.UTC)
    with transaction.atomic():
        taken = []
        for count in counts:
            block = allocate_index_numbers(code, count, when)
            assert len(block) == max(count, 0)
            taken += block
        year = timezone.localtime(when).year
        assert taken == [format_index_number(code, year, n) for n in range(1, len(taken) + 1)]
        transaction.set_rollback(True)
