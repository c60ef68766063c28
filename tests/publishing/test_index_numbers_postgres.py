"""索引号 allocation under concurrent publishes, on the production database."""

import threading

import pytest
from django.db import connection

from disclosure.publishing.index_numbers import allocate_index_number
from disclosure.publishing.models import IndexNumberSequence

CODE = "11520200MB15762018"


@pytest.mark.postgres
# Serialized rollback as every transactional test here: a plain one's closing flush re-runs the
# post-migrate handlers (new role groups, new ids), and the next serialized test, restoring the
# migrated rows, then met their codes twice.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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
            connection.close()  # the thread's own: none left open for the database's teardown

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(numbers) == 60
    assert len(set(numbers)) == 60
    assert IndexNumberSequence.objects.get(credit_code=CODE).last_serial == 60
