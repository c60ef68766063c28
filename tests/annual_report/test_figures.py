"""Tables 二, 三 and 四 computed from a fixture year of records equal the figures counted by hand
(issue #15: "given a fixture year of records, the generated tables equal hand-computed values")."""

from decimal import Decimal

import pytest

from disclosure.annual_report import consistency
from disclosure.annual_report import figures as f
from disclosure.applications.choices import Outcome, RemedyKind

pytestmark = pytest.mark.django_db

#: Counted by hand from ``tests/annual_report/conftest.py``.
TABLE_TWO_2026 = {
    "t2.rule.issued": 1,  # 标准化管理规章 (法规类别 地方政府规章)
    "t2.rule.repealed": 0,
    "t2.rule.in_force": 1,
    "t2.normative.issued": 2,  # 小作坊 (3月), 网络交易 (9月); not the national law, not 2024's
    "t2.normative.repealed": 1,  # 农贸市场 (repealed 2026-08-01)
    "t2.normative.in_force": 3,  # 小作坊, 网络交易, 广告 (repealed only in 2027)
    "t2.licence.decisions": 3,  # two licence records of 2026 + one registered decision
    "t2.penalty.decisions": 3,  # notice 1, the unpublished notice 2, 简罚 3 (notice 1 once)
    "t2.coercive.decisions": 2,  # 1 January–31 December, not 2027's
    "t2.fees.amount": Decimal("1.7346"),  # (12,345.00 + 5,000.50) / 10,000, rounded half up
}


def test_table_two_equals_the_hand_count(year_of_records):
    values = f.compute(2026)
    assert {key: values[key] for key in TABLE_TWO_2026} == TABLE_TWO_2026


def test_table_two_of_the_year_before(year_of_records):
    values = f.compute(2025)
    assert values["t2.licence.decisions"] == 1
    assert values["t2.penalty.decisions"] == 1
    assert values["t2.coercive.decisions"] == 0
    assert values["t2.fees.amount"] == Decimal("0.0999")


def test_tables_three_and_four_equal_the_hand_count(year_of_records):
    values = f.compute(2026)
    assert values["t3.new.total"] == 4
    assert values["t3.new.natural_person"] == 1
    assert values["t3.new.commercial"] == 1
    assert values["t3.new.research"] == 1
    assert values["t3.new.legal_services"] == 1
    assert values["t3.carried_in.natural_person"] == 1
    assert values[f"t3.{Outcome.GRANTED}.total"] == 1
    assert values[f"t3.{Outcome.WITHHELD_PROCESS}.commercial"] == 1
    assert values[f"t3.{Outcome.OTHER_NO_CLARIFICATION}.natural_person"] == 1
    assert values["t3.total.total"] == 3
    assert values["t3.carried_out.total"] == 2
    assert values[f"t4.{RemedyKind.RECONSIDERATION}.pending"] == 1
    assert values[f"t4.{RemedyKind.RECONSIDERATION}.total"] == 1
    assert values[f"t4.{RemedyKind.LITIGATION_DIRECT}.total"] == 0


def test_the_computed_figures_pass_every_check(year_of_records):
    assert consistency.errors(f.compute(2026), previous=f.compute(2025)) == []


def test_every_cell_has_a_key_a_label_and_a_json_round_trip(year_of_records):
    values = f.compute(2026)
    assert set(values) == set(f.cell_keys())
    assert len(f.cell_keys()) == 10 + 25 * 7 + 15  # 表二 10; 表三 25 rows × 7; 表四 15
    assert f.from_json(f.to_json(values)) == values
    assert f.cell_label("t3.new.commercial") == "表三 一、本年新收政府信息公开申请数量 · 商业企业"
    assert f.cell_label("t2.fees.amount").startswith("表二 行政事业性收费")
