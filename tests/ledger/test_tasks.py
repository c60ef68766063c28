"""The work ledger's rules: overdue, closing (销账) with evidence, reopening with a reason, the
closed task's lock, and the training count per year."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure.ledger.dashboard import overdue_by_department, training_check
from disclosure.ledger.models import (
    LedgerTask,
    TaskStatus,
    Training,
    TrainingAttendance,
    evidence_errors,
    plan_year,
    trainings_in_year,
)
from tests.factories import department, superuser

pytestmark = pytest.mark.django_db

PLAN = "2026年政务公开工作要点"
TODAY = dt.date(2026, 7, 1)


def task(number="一(一)1", due_on=dt.date(2026, 6, 30), lead=None, responsible=(), **fields):
    item = LedgerTask.objects.create(
        plan=PLAN,
        number=number,
        task=fields.pop("text", "更新标准目录"),
        lead_department=lead or department(),
        due_on=due_on,
        **fields,
    )
    item.responsible_departments.set(list(responsible))
    return item


def test_year_from_the_plan_name():
    assert plan_year(PLAN) == 2026
    assert plan_year("政务公开要点") is None
    assert task().year == 2026


def test_a_plan_name_without_year_needs_a_year():
    item = LedgerTask(plan="政务公开要点", number="1", task="x", lead_department=department())
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "请填写年度" in str(error.value.message_dict["year"])


def test_overdue_is_open_and_past_the_due_date():
    past = task("1", due_on=dt.date(2026, 6, 30))
    due_today = task("2", due_on=TODAY)
    no_due = task("3", due_on=None, due_note="长期坚持")
    closed = task("4", due_on=dt.date(2026, 5, 1))
    closed.close(superuser(), "https://www.example.gov.cn/a.html")

    assert past.is_overdue_on(TODAY)
    assert past.days_overdue(TODAY) == 1
    assert not due_today.is_overdue_on(TODAY)
    assert not no_due.is_overdue_on(TODAY)
    assert not closed.is_overdue_on(TODAY)
    assert list(LedgerTask.objects.overdue(TODAY)) == [past]
    assert set(LedgerTask.objects.open()) == {past, due_today, no_due}


def test_overdue_by_department_counts_lead_and_responsible():
    office, law = department("办公室"), department("政策法规科")
    task("1", lead=office, responsible=[law])
    task("2", lead=law)
    task("3", lead=office, due_on=dt.date(2026, 12, 31))
    rows = overdue_by_department(today=TODAY)
    assert [(row.department, row.count) for row in rows] == [("政策法规科", 2), ("办公室", 1)]


def test_closing_requires_evidence():
    item = task()
    with pytest.raises(ValidationError) as error:
        item.close(superuser(), "  \n ")
    assert "销账须提供完成佐证" in str(error.value)
    item.refresh_from_db()
    assert item.status == TaskStatus.NOT_STARTED
    assert item.closed_at is None


def test_closing_refuses_a_line_that_is_no_link():
    item = task()
    with pytest.raises(ValidationError) as error:
        item.close(superuser(), "https://www.example.gov.cn/a.html\n见附件")
    assert "第 2 行“见附件”不是有效的链接" in str(error.value)
    assert not LedgerTask.objects.get(pk=item.pk).is_closed


def test_evidence_accepts_site_paths_and_web_addresses():
    assert evidence_errors("/xxgk/zcjd/123/\nhttps://www.example.gov.cn/a.html") == []
    assert evidence_errors("//evil.example.com/x") != []
    assert evidence_errors("javascript:alert(1)") != []


def test_closing_records_who_and_when():
    user = superuser()
    item = task()
    moment = timezone.now()
    item.close(user, " /xxgk/a/ \n\nhttps://www.example.gov.cn/b.html ", "按期完成", now=moment)
    item.refresh_from_db()
    assert item.status == TaskStatus.CLOSED
    assert item.closed_by == user
    assert item.closed_at == moment
    assert item.closing_note == "按期完成"
    assert item.evidence_links == "/xxgk/a/\nhttps://www.example.gov.cn/b.html"
    record = item.history.first()
    assert record.history_user == user
    assert record.history_change_reason == "销账"


def test_a_closed_task_cannot_be_closed_again_or_edited():
    user = superuser()
    item = task()
    item.close(user, "/xxgk/a/")
    with pytest.raises(ValidationError):
        item.close(user, "/xxgk/b/")
    item.progress = "改一下"
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "任务已销账，不能修改" in str(error.value)


def test_closed_status_only_through_closing():
    item = task()
    item.status = TaskStatus.CLOSED
    item.evidence_links = "/xxgk/a/"
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "只能通过销账设置" in str(error.value)


def test_reopen_needs_a_reason_and_keeps_a_record():
    closer, reopener = superuser("closer"), superuser("reopener")
    item = task()
    item.close(closer, "/xxgk/a/", "完成")
    with pytest.raises(ValidationError) as error:
        item.reopen(reopener, "  ")
    assert "请填写重新打开的原因" in str(error.value)

    item.reopen(reopener, "佐证链接失效，需补充")
    item.refresh_from_db()
    assert item.status == TaskStatus.IN_PROGRESS
    assert item.reopen_reason == "佐证链接失效，需补充"
    assert item.reopened_by == reopener
    assert item.closed_at is None and item.closed_by is None
    # The history keeps the closing that was undone, and the reopening with its reason.
    latest, closing = list(item.history.all()[:2])
    assert latest.history_change_reason == "重新打开：佐证链接失效，需补充"
    assert latest.history_user == reopener
    assert closing.status == TaskStatus.CLOSED
    assert closing.closed_by_id == closer.pk
    # Editable again.
    item.progress = "补充佐证"
    item.full_clean()


def test_reopen_only_a_closed_task():
    with pytest.raises(ValidationError):
        task().reopen(superuser(), "原因")


def test_responsible_departments_are_in_the_history():
    law = department("政策法规科")
    item = task()
    item.responsible_departments.add(law)
    record = item.history.first()
    assert [row.department_id for row in record.responsible_departments.all()] == [law.pk]


# --------------------------------------------------------------------------- training


def training(day, topic="政务公开业务培训"):
    item = Training.objects.create(held_on=day, topic=topic)
    TrainingAttendance.objects.create(training=item, department=department(), attendees=5)
    return item


def test_training_count_per_year():
    training(dt.date(2026, 3, 10))
    training(dt.date(2026, 11, 20))
    training(dt.date(2025, 12, 31))
    assert trainings_in_year(2026) == 2
    assert trainings_in_year(2025) == 1
    assert trainings_in_year(2024) == 0


def test_training_check_warns_below_one_a_year():
    check = training_check(2024)
    assert not check.met
    assert check.warning == "2024年已组织政务公开培训 0 次，少于每年 1 次的要求"
    training(dt.date(2024, 5, 1))
    check = training_check(2024)
    assert check.met and check.warning is None


def test_training_totals_and_names_check():
    item = training(dt.date(2026, 3, 10))
    TrainingAttendance.objects.create(training=item, department=department("办公室"), attendees=3)
    assert item.total_attendees() == 8
    row = TrainingAttendance(
        training=item, department=department(), attendees=1, names="张三、李四"
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "多于参训人数" in str(error.value)
