"""Preloading synonym groups is idempotent (``load_demo`` runs it every time)."""

import pytest

from search.models import Synonym

pytestmark = pytest.mark.django_db


def test_a_group_whose_terms_hold_a_separator_is_loaded_once():
    groups = [["三包", "修理、更换、退货", "包修、包换、包退"], ["食品安全法", "食安法"]]
    assert Synonym.load_groups(groups) == 2
    assert Synonym.load_groups(groups) == 0
    assert Synonym.objects.count() == 2
