"""Every 勾稽 check fires on a deliberately broken figure (issue #15), and says which cells."""

import pytest

from disclosure.annual_report import consistency
from disclosure.annual_report import figures as f
from disclosure.applications.choices import Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def good(year_of_records):
    values = f.compute(2026)
    assert consistency.errors(values) == []
    return values


def broken(values, **changes):
    result = dict(values)
    for key, delta in changes.items():
        key = key.replace("__", ".")
        result[key] += delta
    return result


def test_one_plus_two_equals_total_plus_four_per_column(good):
    # A new request of a 自然人 added to 一 and to the row's 总计, but not to any result.
    values = broken(good, **{"t3__new__natural_person": 1, "t3__new__total": 1})
    errors = consistency.errors(values)
    assert len(errors) == 2  # the 自然人 column and the 总计 column
    assert errors[0] == "表三“自然人”列：一加二（3）不等于（七）总计加四（2）。"


def test_a_row_total_equals_its_six_columns(good):
    values = broken(good, **{"t3__carried_out__total": 1, "t3__carried_in__total": 1})
    errors = consistency.errors(values)
    assert any("“二、上年结转政府信息公开申请数量" in e and "六类申请人之和" in e for e in errors)
    assert any("结转下年度继续办理" in e and "六类申请人之和" in e for e in errors)


def test_seven_equals_the_sum_of_the_outcomes(good):
    values = broken(
        good, **{f"t3__{Outcome.GRANTED}__commercial": 1, f"t3__{Outcome.GRANTED}__total": 1}
    )
    errors = consistency.errors(values)
    assert any("“商业企业”列：（七）总计（1）不等于各项办理结果之和（2）" in e for e in errors)


def test_each_total_of_table_four_equals_its_parts(good):
    values = broken(good, **{"t4__litigation_after__maintained": 2})
    (error,) = consistency.errors(values)
    assert "表四" in error and "复议后起诉" in error and "（0）" in error and "（2）" in error


def test_last_years_carry_over_equals_this_years_carry_in(good):
    previous = f.compute(2025)
    assert consistency.errors(good, previous) == []
    previous["t3.carried_out.natural_person"] += 1
    (error,) = consistency.errors(good, previous)
    assert error == "表三“自然人”列：上年报告的结转下年度继续办理（2）不等于本年的上年结转（1）。"


def test_no_figure_is_negative(good):
    values = broken(good, **{"t2__licence__decisions": -10})
    (error,) = consistency.errors(values)
    assert error.startswith("以下数据不能为负数：表二 行政许可")
