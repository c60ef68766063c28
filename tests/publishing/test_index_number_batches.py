"""索引号 in batches (the bulk importer): ``allocate_index_numbers`` continues the sequence of
``allocate_index_number`` without gaps, and the single allocator continues after a batch."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.publishing.index_numbers import allocate_index_number, allocate_index_numbers
from disclosure.publishing.models import IndexNumberSequence
from tests.factories import CREDIT_CODE

pytestmark = pytest.mark.django_db

OTHER_CODE = "91110000600037341L"


def serial(number):
    return int(number.rsplit("-", 1)[1])


def test_a_batch_continues_the_single_allocator_gapless_and_the_single_continues_after():
    year = timezone.localdate().year
    first = allocate_index_number(CREDIT_CODE)
    batch = allocate_index_numbers(CREDIT_CODE, 5)
    after = allocate_index_number(CREDIT_CODE)
    numbers = [first, *batch, after]
    assert [serial(n) for n in numbers] == [1, 2, 3, 4, 5, 6, 7]
    assert len(set(numbers)) == len(numbers)
    assert batch[0] == f"{CREDIT_CODE}/{year}-00002"
    assert IndexNumberSequence.objects.get(credit_code=CREDIT_CODE, year=year).last_serial == 7


def test_a_batch_is_one_locked_update(django_assert_max_num_queries):
    allocate_index_number(CREDIT_CODE)
    # get_or_create (a read), the locked read, one update; the atomic block's savepoint.
    with django_assert_max_num_queries(5):
        numbers = allocate_index_numbers(CREDIT_CODE, 500)
    assert [serial(n) for n in numbers] == list(range(2, 502))


def test_an_empty_batch_takes_nothing():
    assert allocate_index_numbers(CREDIT_CODE, 0) == []
    assert serial(allocate_index_number(CREDIT_CODE)) == 1


def test_batches_count_per_code_and_year():
    last_year = timezone.now() - dt.timedelta(days=366)
    allocate_index_numbers(CREDIT_CODE, 3)
    assert [serial(n) for n in allocate_index_numbers(OTHER_CODE, 2)] == [1, 2]
    old = allocate_index_numbers(CREDIT_CODE, 2, when=last_year)
    assert [serial(n) for n in old] == [1, 2]
    assert f"/{timezone.localtime(last_year).year}-" in old[0]
    assert serial(allocate_index_number(CREDIT_CODE)) == 4


def test_serials_widen_beyond_five_digits():
    year = timezone.localdate().year
    IndexNumberSequence.objects.create(credit_code=CREDIT_CODE, year=year, last_serial=99998)
    assert allocate_index_numbers(CREDIT_CODE, 3) == [
        f"{CREDIT_CODE}/{year}-99999",
        f"{CREDIT_CODE}/{year}-100000",
        f"{CREDIT_CODE}/{year}-100001",
    ]
