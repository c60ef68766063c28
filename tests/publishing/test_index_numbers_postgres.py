"""索引号 allocation under concurrent publishes, on the production database."""

import threading

import pytest
from django.db import close_old_connections

from disclosure.publishing.index_numbers import allocate_index_number
from disclosure.publishing.models import IndexNumberSequence

CODE = "11520200MB15762018"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_repeat_a_serial():
    numbers, errors = [], []
    lock = threading.Lock()

    def worker():
        try:
            for _ in range(15):
                number = allocate_index_number(CODE)
                with lock:
                    numbers.append(number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(numbers) == 60
    assert len(set(numbers)) == 60
    assert IndexNumberSequence.objects.get(credit_code=CODE).last_serial == 60
