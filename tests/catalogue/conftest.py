"""Fixtures for the standard-catalogue tests."""

import pytest

from disclosure.catalogue.io import SHIPPED_CATALOGUE, import_rows, read_table


@pytest.fixture
def shipped_table():
    return read_table(SHIPPED_CATALOGUE)


@pytest.fixture
def imported(db, shipped_table):
    """The shipped catalogue, imported."""
    result = import_rows(shipped_table)
    assert result.ok, result.errors
    return result
