"""The rules of penalty notices (总局令第45号), each at its edge."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from enforcement_testutils import publicity_settings

from disclosure.enforcement import rules
from disclosure.enforcement.choices import PartyType, PenaltyKind, PublicityPeriod

K = PenaltyKind
pytestmark = pytest.mark.django_db
THRESHOLD = Decimal("10000")


@pytest.fixture(autouse=True)
def entered_thresholds():
    """The delegated values entered (10,000 yuan, 3 months) unless a test says otherwise."""
    return publicity_settings()


# --- 第9条: due 20 working days after the decision -------------------------------------------


def test_decision_on_the_friday_before_a_make_up_working_saturday():
    # 2026-05-09 is a make-up working Saturday (劳动节调休): it is the first working day counted.
    friday = dt.date(2026, 5, 8)
    assert rules.publication_due_on(friday) == dt.date(2026, 6, 4)
    # Counting Monday–Friday only would give one day later.
    assert rules.publication_due_on(friday) < dt.date(2026, 6, 5)


def test_decision_before_the_spring_festival_skips_the_holiday():
    # 2026-02-13 (Fri) → 02-14 (make-up Saturday) = 1; 02-15..02-23 holiday; 02-28 make-up.
    assert rules.publication_due_on(dt.date(2026, 2, 13)) == dt.date(2026, 3, 19)


# --- 第11条: withdrawal within 3 working days ---------------------------------------------------


def test_withdrawal_due_within_three_working_days_counting_a_make_up_saturday():
    assert rules.withdrawal_due_on(dt.date(2026, 5, 8)) == dt.date(2026, 5, 12)
    assert rules.withdrawal_due_on(dt.date(2026, 5, 11)) == dt.date(2026, 5, 14)


# --- 第2条 -----------------------------------------------------------------------------------


def test_warning_only():
    assert rules.is_warning_only([K.WARNING])
    assert not rules.is_warning_only([K.WARNING, K.FINE])
    assert not rules.is_warning_only([K.CIRCULATED_CRITICISM])
    assert not rules.is_warning_only([])


# --- 第13条: the publicity period -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kinds", "fine", "ban", "expected"),
    [
        ([K.CIRCULATED_CRITICISM], None, None, PublicityPeriod.THREE_MONTHS),
        ([K.FINE], Decimal("10000"), None, PublicityPeriod.THREE_MONTHS),  # at the threshold
        ([K.FINE], Decimal("10000.01"), None, PublicityPeriod.THREE_YEARS),  # just above
        ([K.WARNING, K.FINE], Decimal("2000"), None, PublicityPeriod.THREE_MONTHS),
        ([K.CIRCULATED_CRITICISM, K.FINE], Decimal("500"), None, PublicityPeriod.THREE_MONTHS),
        ([K.FINE, K.CONFISCATION], Decimal("500"), None, PublicityPeriod.THREE_YEARS),
        ([K.LICENCE_REVOCATION], None, None, PublicityPeriod.THREE_YEARS),
        ([K.BUSINESS_RESTRICTION], None, 36, PublicityPeriod.THREE_YEARS),  # not over 3 years
        ([K.BUSINESS_RESTRICTION], None, 37, PublicityPeriod.BAN_PERIOD),
        ([K.EMPLOYMENT_BAN, K.FINE], Decimal("1000"), 60, PublicityPeriod.BAN_PERIOD),
    ],
)
def test_publicity_period(kinds, fine, ban, expected):
    assert rules.publicity_period(kinds, fine, ban, THRESHOLD) == expected


def test_publicity_months():
    assert rules.publicity_months([K.CIRCULATED_CRITICISM]) == 3
    assert rules.publicity_months([K.FINE], Decimal("50000"), None, THRESHOLD) == 36
    assert rules.publicity_months([K.EMPLOYMENT_BAN], None, 60) == 60


def _fine(amount, party_type=PartyType.ORGANISATION, kinds=(K.FINE,)):
    return SimpleNamespace(
        penalty_kinds=list(kinds),
        fine_amount=Decimal(amount),
        ban_months=None,
        party_type=party_type,
    )


def test_the_low_fine_threshold_is_entered_by_party_type():
    """第13条第2款: the provincial bureau's amounts, by party type; 个体工商户 counts as a natural
    person (民法典 第54条)."""
    publicity_settings(
        low_fine_natural_person=Decimal("1000"), low_fine_organisation=Decimal("50000")
    )
    organisation, person = PartyType.ORGANISATION, PartyType.NATURAL_PERSON
    assert (
        rules.notice_publicity_period(_fine("50000", organisation)) == PublicityPeriod.THREE_MONTHS
    )
    assert (
        rules.notice_publicity_period(_fine("50000.01", organisation))
        == PublicityPeriod.THREE_YEARS
    )
    assert rules.notice_publicity_period(_fine("1000", person)) == PublicityPeriod.THREE_MONTHS
    assert rules.notice_publicity_period(_fine("1000.01", person)) == PublicityPeriod.THREE_YEARS
    business = PartyType.INDIVIDUAL_BUSINESS
    assert rules.notice_publicity_period(_fine("1000.01", business)) == PublicityPeriod.THREE_YEARS


def test_without_an_entered_threshold_the_period_is_not_guessed():
    publicity_settings(low_fine=None)
    assert rules.notice_publicity_period(_fine("500")) is None
    refusals = rules.publication_refusals(_summary(fine_amount=Decimal("500")))
    assert "较低数额罚款”标准尚未录入" in refusals["fine_amount"]
    # Other kinds decide without it: a fine with a confiscation is always 3 years.
    both = _fine("500", kinds=(K.FINE, K.CONFISCATION))
    assert rules.notice_publicity_period(both) == PublicityPeriod.THREE_YEARS
    assert (
        rules.notice_publicity_period(
            SimpleNamespace(
                penalty_kinds=[K.CIRCULATED_CRITICISM],
                fine_amount=None,
                ban_months=None,
                party_type=PartyType.ORGANISATION,
            )
        )
        == PublicityPeriod.THREE_MONTHS
    )


def test_without_an_entered_time_limit_early_end_asks_for_it():
    publicity_settings(early_end_months=None)
    refusal = rules.early_end_refusal(_notice([K.FINE]), ALL_CONDITIONS)
    assert "公示时限要求”尚未录入" in refusal and "第十四条第二款" in refusal


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2026, 1, 31), 3, dt.date(2026, 4, 30)),  # clamped at month-end
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2024, 2, 29), 36, dt.date(2027, 2, 28)),
        (dt.date(2026, 3, 15), 37, dt.date(2029, 4, 15)),
    ],
)
def test_calendar_months_clamped_at_month_end(start, months, end):
    assert rules.add_months(start, months) == end


@pytest.mark.parametrize(
    ("published", "months", "last_day"),
    [
        # The case: published 10:30, the period ends at 24:00 of 15 April, not 10:30.
        (dt.datetime(2026, 1, 15, 10, 30), 3, dt.date(2026, 4, 15)),
        (dt.datetime(2026, 1, 15, 0, 0), 3, dt.date(2026, 4, 15)),
        (dt.datetime(2026, 1, 15, 23, 59), 3, dt.date(2026, 4, 15)),
        # 民法典 第202条: no corresponding day — the month's last day.
        (dt.datetime(2026, 1, 31, 10, 30), 3, dt.date(2026, 4, 30)),
        (dt.datetime(2025, 11, 30, 9, 15), 3, dt.date(2026, 2, 28)),
        (dt.datetime(2026, 1, 15, 10, 30), 36, dt.date(2029, 1, 15)),
    ],
)
def test_publicity_ends_at_24_00_of_the_last_day(published, months, last_day):
    """总局令第45号 第13条 with 民法典 第201条 (the first day not counted), 第202条 (the
    corresponding day) and 第203条第2款 (the last day ends at 24:00)."""
    first = timezone.make_aware(published)
    ends = timezone.localtime(rules.publicity_ends_at(first, months))
    assert rules.publicity_last_day(first, months) == last_day
    assert (ends.date(), ends.time()) == (last_day + dt.timedelta(days=1), dt.time(0, 0))
    assert rules.last_day_of(ends) == last_day


# --- 第14条: early end -----------------------------------------------------------------------

ALL_CONDITIONS = dict.fromkeys(rules.EARLY_END_CONDITIONS, True)


def _notice(kinds, published=dt.datetime(2025, 1, 10, 9, 0)):
    return SimpleNamespace(
        penalty_kinds=kinds,
        party_type=PartyType.ORGANISATION,
        first_published_at=timezone.make_aware(published) if published else None,
    )


def test_early_end_granted_when_the_four_conditions_hold():
    assert rules.early_end_refusal(_notice([K.FINE]), ALL_CONDITIONS) is None


@pytest.mark.parametrize("kind", sorted(rules.SEVERE_KINDS))
def test_early_end_refused_for_the_severe_kinds(kind):
    refusal = rules.early_end_refusal(_notice([K.FINE, kind]), ALL_CONDITIONS)
    assert "不得提前停止公示" in refusal and "第十四条第三款" in refusal


@pytest.mark.parametrize("missing", list(rules.EARLY_END_CONDITIONS))
def test_early_end_refused_when_a_condition_is_missing(missing):
    refusal = rules.early_end_refusal(_notice([K.FINE]), {**ALL_CONDITIONS, missing: False})
    assert "不符合提前停止公示的条件" in refusal
    assert str(rules.EARLY_END_CONDITIONS[missing]) in refusal


def test_early_end_refused_before_the_minimum_time(settings):
    publicity_settings(early_end_months=3)
    notice = _notice([K.FINE], published=dt.datetime(2026, 1, 31, 9, 0))
    assert "未达到规定时限" in rules.early_end_refusal(
        notice, ALL_CONDITIONS, on=dt.date(2026, 4, 29)
    )
    assert rules.early_end_refusal(notice, ALL_CONDITIONS, on=dt.date(2026, 4, 30)) is None


# --- bad input -------------------------------------------------------------------------------


def _summary(**fields):
    values = {
        "document_number": "示市监处罚〔2026〕12号",
        "decided_on": dt.date(2026, 5, 8),
        "penalty_kinds": [K.FINE],
        "fine_amount": Decimal("5000"),
        "ban_months": None,
        "party_type": PartyType.ORGANISATION,
        "party_credit_code": "91110000600037341L",
        "publicity_period": "",
        "party_is_minor": False,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def test_a_complete_summary_has_no_errors():
    assert rules.notice_errors(_summary()) == {}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"document_number": ""}, "document_number", "决定书文号"),
        ({"decided_on": None}, "decided_on", "决定的日期"),
        ({"fine_amount": Decimal("-1")}, "fine_amount", "罚款金额不能为负数"),
        ({"fine_amount": None}, "fine_amount", "请填写罚款金额"),
        ({"fine_amount": Decimal("0")}, "fine_amount", "罚款金额应大于零"),
        ({"fine_amount": Decimal("-0.01")}, "fine_amount", "罚款金额不能为负数"),
        ({"penalty_kinds": [K.CONFISCATION]}, "fine_amount", "不应填写罚款金额"),
        ({"penalty_kinds": [K.EMPLOYMENT_BAN], "fine_amount": None}, "ban_months", "限制期限"),
        ({"ban_months": 12}, "ban_months", "不应填写限制期限"),
        ({"party_credit_code": ""}, "party_credit_code", "统一社会信用代码"),
        (
            {"party_type": PartyType.NATURAL_PERSON},
            "party_credit_code",
            "自然人时只公示姓名",
        ),
        (
            {"publicity_period": PublicityPeriod.THREE_YEARS},
            "publicity_period",
            "公示期“三年”与处罚种类不符",
        ),
        (
            {
                "penalty_kinds": [K.BUSINESS_RESTRICTION],
                "fine_amount": None,
                "ban_months": 36,
                "publicity_period": PublicityPeriod.BAN_PERIOD,
            },
            "publicity_period",
            "应为“三年”",
        ),
        (
            {"fine_amount": Decimal("80000"), "publicity_period": PublicityPeriod.THREE_MONTHS},
            "publicity_period",
            "应为“三年”",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(fields, field, message):
    errors = rules.notice_errors(_summary(**fields))
    assert field in errors
    assert message in errors[field]


def test_warning_only_and_minors_are_refused_for_publication():
    errors = rules.publication_refusals(_summary(penalty_kinds=[K.WARNING], fine_amount=None))
    assert "仅受到警告的行政处罚不予公示（总局令第45号第二条）" in errors["penalty_kinds"]
    errors = rules.publication_refusals(_summary(party_is_minor=True))
    assert "未成年人" in errors["party_is_minor"]


def test_an_entered_value_needs_its_source_document():
    settings = publicity_settings(low_fine_source="", early_end_source="")
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert set(error.value.message_dict) >= {"low_fine_source", "early_end_source"}
