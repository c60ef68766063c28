"""The statutory clock of a request (条例 第30–34条), against due dates counted by hand on
the published 2026 schedule (国办发明电 for 2026: 春节 2月15日–23日 with 2月14日 and 2月28日
worked; 中秋 9月25日; 国庆 10月1日–7日 with 9月20日 and 10月10日 worked) and on the law's own
estimate for 2027 (《全国年节及纪念日放假办法》, no schedule published: 预计)."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from disclosure.applications.clock import (
    Pause,
    clarification_request_due,
    consultation_due,
    format_due,
    reply_due,
)

pytestmark = pytest.mark.django_db

D = dt.date


def test_across_national_day_with_its_make_up_saturdays():
    # Received Fri 09-18. Counted: 09-20 (Sun, worked) 21 22 23 24 | 25 中秋 | 28 29 30 |
    # 10-01…07 国庆 | 10-08 09 10 (Sat, worked) | 12 13 14 15 16 | 19 20 21 22 → the 20th is 10-22.
    due = reply_due(D(2026, 9, 18))
    assert due.on == D(2026, 10, 22) and not due.estimate


def test_across_the_spring_festival():
    # Received Fri 02-06. Counted: 02-09 10 11 12 13 14 (Sat, worked) | 02-15…23 春节 |
    # 24 25 26 27 28 (Sat, worked) | 03-02 03 04 05 06 | 09 10 11 12 → the 20th is 03-12.
    assert reply_due(D(2026, 2, 6)).on == D(2026, 3, 12)


def test_a_third_party_consultation_is_not_counted():
    # 3 days counted (09-20, 21, 22); consultation sent 09-22, opinion on 10-13: the 10 working
    # days 09-23 … 10-13 are not counted; then 10-14 … 11-05 are days 4 … 20.
    due = reply_due(D(2026, 9, 18), pauses=[Pause(D(2026, 9, 22), D(2026, 10, 13))])
    assert (due.on, due.paused_days) == (D(2026, 11, 5), 10)


def test_an_open_consultation_counts_its_full_fifteen_days():
    # 15 working days after 09-22 is 10-20 (10-10 worked): the clock stays stopped until then.
    assert consultation_due(D(2026, 9, 22)) == D(2026, 10, 20)
    due = reply_due(D(2026, 9, 18), pauses=[Pause(D(2026, 9, 22))])
    assert due.paused_days == 15
    late = reply_due(D(2026, 9, 18), pauses=[Pause(D(2026, 9, 22), D(2026, 11, 30))])
    assert late.on == due.on  # an opinion after the 15 days does not stop the clock longer


def test_a_clarification_restarts_the_clock():
    # 补正 must be asked within 7 working days of 09-18: by 09-29 (09-20 worked, 09-25 中秋).
    assert clarification_request_due(D(2026, 9, 18)) == D(2026, 9, 29)
    # The clarified request arrives 10-09: 10-10 (Sat, worked) is day 1 … 11-05 is day 20.
    due = reply_due(D(2026, 9, 18), clarification_received_on=D(2026, 10, 9))
    assert (due.on, due.counted_from) == (D(2026, 11, 5), D(2026, 10, 9))


def test_an_extension_adds_at_most_twenty_working_days():
    # 10-22 + 20 working days: 10-23 26 27 28 29 30 | 11-02 … 11-06 | 09 … 13 | 16 17 18 19.
    assert reply_due(D(2026, 9, 18), extension_workdays=20).on == D(2026, 11, 19)
    with pytest.raises(ValueError, match="不超过 20 个工作日"):
        reply_due(D(2026, 9, 18), extension_workdays=21)


def test_a_year_without_a_published_schedule_is_an_estimate():
    # 2027 has no schedule yet: the law's estimate. Received Fri 09-17: 09-20 … 09-30 are days
    # 1 … 9; 10-01 国庆, 10-02/03 (a weekend) 国庆 with 补假 on 10-04 and 10-05 (第六条);
    # 10-06 … 10-20 are days 10 … 20.
    with pytest.warns(UserWarning):
        due = reply_due(D(2027, 9, 17))
    assert due.on == D(2027, 10, 20) and due.estimate
    assert format_due(due) == "2027-10-20（预计）"


def test_bad_input_is_refused_in_chinese():
    with pytest.raises(ValueError, match="不能早于收到申请的日期"):
        reply_due(D(2026, 9, 18), clarification_received_on=D(2026, 9, 1))
    with pytest.raises(ValueError, match="不能早于答复期限起算之日"):
        reply_due(D(2026, 9, 18), pauses=[Pause(D(2026, 9, 1), D(2026, 9, 2))])


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("application_due", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_for_a_clerks_hand_check():
    assert run("2026-09-18")[0].splitlines() == ["2026-10-22"]
    out, _err = run(
        "2026-09-18",
        "--correction-asked",
        "2026-09-22",
        "--correction-received",
        "2026-10-09",
        "--pause",
        "2026-10-12",
        "2026-10-16",
        "--extend",
        "5",
    )
    # From 10-09: day 1 10-10, day 2 10-12 (consultation sent), 10-13 … 10-16 paused (4), then
    # 10-19 … is day 3 …; 20 + 5 days end on 11-18.
    assert out.splitlines() == ["2026-11-18", "（征求意见期间 4 个工作日不计入）"]
    _out, err = run(
        "2026-09-18", "--correction-asked", "2026-10-09", "--correction-received", "2026-10-12"
    )
    assert "7 个工作日内（2026-09-29 前）" in err
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("18/09/2026")
    with pytest.raises(CommandError, match="不超过 20"):
        run("2026-09-18", "--extend", "30")
