"""The periodic sampling summary: batches, pass rate, main problems, handling."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from disclosure.inspections.models import SamplingResult
from disclosure.inspections.summary import split_items, summarise
from tests.factories import department
from tests.records import sampling_result

pytestmark = pytest.mark.django_db


def failed(items, disposal="done", **fields):
    return sampling_result(
        verdict="fail", nonconforming_items=items, disposal_status=disposal, **fields
    )


def test_split_items_drops_measured_values_and_repeats():
    assert split_items("铅（以Pb计）：0.52mg/kg；菌落总数、铅（以Pb计）") == [
        "铅（以Pb计）",
        "菌落总数",
    ]


def test_summary_figures():
    lab = department()
    for _n in range(7):
        sampling_result(department=lab)
    failed("镉（以Cd计）：0.35mg/kg", department=lab)
    failed("镉（以Cd计）；菌落总数", disposal="in_progress", department=lab)
    failed("菌落总数", department=lab, food_category="饮料")
    summary = summarise(SamplingResult.objects.all())
    assert (summary.batches, summary.passed, summary.failed) == (10, 7, 3)
    assert summary.pass_rate == Decimal("70.00")
    assert summary.problems == [("菌落总数", 2), ("镉（以Cd计）", 2)]
    assert (summary.disposal_done, summary.disposal_in_progress) == (2, 1)
    drinks = next(c for c in summary.categories if c.name == "饮料")
    assert (drinks.batches, drinks.failed, drinks.pass_rate) == (1, 1, Decimal("0.00"))
    text = summary.text()
    assert "共完成抽检 10 批次" in text
    assert "合格率 70.00%" in text
    assert "已完成核查处置 2 批次，正在核查处置 1 批次" in text


def test_pass_rate_is_rounded_half_up_to_two_decimals():
    lab = department()
    sampling_result(department=lab)
    sampling_result(department=lab)
    failed("铅", department=lab)
    assert summarise(SamplingResult.objects.all()).pass_rate == Decimal("66.67")


def test_period_is_the_first_and_last_sampling_day():
    lab = department()
    sampling_result(department=lab, sampled_on=dt.date(2026, 1, 5))
    sampling_result(department=lab, sampled_on=dt.date(2026, 3, 31))
    summary = summarise(SamplingResult.objects.all())
    assert summary.text().startswith("2026年1月5日至2026年3月31日，")


def test_empty_period():
    summary = summarise(SamplingResult.objects.none())
    assert summary.batches == 0 and summary.pass_rate is None
    assert summary.text() == "所选期间暂无抽检记录。"


def test_fail_needs_items_and_handling_pass_has_none():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        sampling_result(verdict="fail")
    assert set(error.value.message_dict) == {"nonconforming_items", "disposal_status"}
    with pytest.raises(ValidationError):
        sampling_result(verdict="pass", nonconforming_items="铅")


def test_summary_command_prints_the_figures(capsys):
    lab = department()
    sampling_result(department=lab)
    failed("铅", department=lab)
    call_command("sampling_summary", "--from", "2026-01-01", "--to", "2026-12-31")
    out = capsys.readouterr().out
    assert "批次 2；合格 1；不合格 1；合格率 50.00%" in out
