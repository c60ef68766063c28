import datetime as dt
import io
import logging
import warnings

import pytest
from django.core.management import CommandError, call_command

from disclosure.workdays.models import DayOverride

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("workdays", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "2026-02-13", "1"), "2026-02-14\n"),  # make-up Saturday
        (("add", "2025-01-20", "20"), "2025-02-21\n"),
        (("add", "2026-03-02", "0"), "2026-03-02\n"),
        (("is", "2026-02-14"), "是\t调休上班\n"),
        (("is", "2026-02-16"), "否\t法定节假日（春节）\n"),
        (("is", "2026-03-07"), "否\t周末\n"),
        (("is", "2026-03-02"), "是\t工作日\n"),
    ],
)
def test_output(args, expected):
    assert run(*args) == (expected, "")


def test_is_reports_override():
    DayOverride.objects.create(date=dt.date(2026, 3, 2), is_workday=False, name="临时停止办公")
    assert run("is", "2026-03-02") == ("否\t人工调整：临时停止办公\n", "")


def test_fallback_warning_goes_to_stderr_once(caplog):
    caplog.set_level(logging.WARNING, logger="disclosure.workdays")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing escapes the command as a Python warning
        out, err = run("add", "2027-01-01", "5")
    # 元旦 (2027-01-01) is a day off by 《全国年节及纪念日放假办法》第二条; the date is 预计.
    assert out == "2027-01-08\t预计\n"
    assert err.count("2027 年的节假日安排尚未录入") == 1
    assert not [r for r in caplog.records if r.name == "disclosure.workdays"]

    out, err = run("is", "2027-01-01")
    assert out == "否\t法定节假日（元旦）（预计）\n"
    assert "2027 年" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026-13-01", "1"), "日期格式无效"),
        (("add", "2026/03/02", "1"), "日期格式无效"),
        (("is", "明天"), "日期格式无效"),
        (("add", "2026-03-02", "x"), "必须是整数"),
        (("add", "2026-03-02", "1.5"), "必须是整数"),
        (("add", "2026-03-02", "-1"), "不能为负数"),
        (("add", "9999-12-30", "5"), "超出可计算的日期范围"),
    ],
)
def test_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


@pytest.mark.parametrize("args", [(), ("add", "2026-03-02"), ("is",), ("between", "2026-03-02")])
def test_bad_usage(args):
    with pytest.raises(CommandError):
        run(*args)
