import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from disclosure.workdays.models import DayOverride, HolidayYear

pytestmark = pytest.mark.django_db


def test_history_records_changes_of_an_override():
    override = DayOverride.objects.create(date=dt.date(2027, 1, 1), is_workday=False, name="元旦")
    override.name = "元旦（更正）"
    override.is_workday = True
    override.save()

    history = list(override.history.all())  # newest first
    assert [h.history_type for h in history] == ["~", "+"]
    assert history[0].name == "元旦（更正）" and history[0].is_workday
    assert history[1].name == "元旦" and not history[1].is_workday
    delta = history[0].diff_against(history[1])
    assert set(delta.changed_fields) == {"name", "is_workday"}


def test_history_records_holiday_year():
    year = HolidayYear.objects.create(year=2027)
    year.note = "国办发明电"
    year.save()
    assert year.history.count() == 2


def test_str():
    assert str(DayOverride(date=dt.date(2027, 2, 6), is_workday=True, name="春节调休")) == (
        "2027-02-06 春节调休（上班）"
    )
    assert str(HolidayYear(year=2027)) == "2027 年节假日安排"


def test_holiday_year_needs_overrides_for_that_year():
    with pytest.raises(ValidationError, match="请先在"):
        HolidayYear(year=2027).full_clean()
    DayOverride.objects.create(date=dt.date(2027, 1, 1), is_workday=False, name="元旦")
    HolidayYear(year=2027).full_clean()


def test_ordering():
    DayOverride.objects.create(date=dt.date(2027, 2, 6), is_workday=True, name="b")
    DayOverride.objects.create(date=dt.date(2027, 1, 1), is_workday=False, name="a")
    assert [o.name for o in DayOverride.objects.all()] == ["a", "b"]
