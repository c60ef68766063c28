"""Demo work ledger (called by ``load_demo``; idempotent: tasks are keyed by plan and 序号,
trainings by date and topic, accounts by platform and name).

The 2026 plan's tasks follow the seed plan's themes; tasks due early in the year are closed with
evidence (the columns that show the work), two tasks are past their due date and open, and one
new-media account has not been updated for three weeks.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from disclosure.columns.models import ColumnPage
from disclosure.departments.models import Department
from disclosure.ledger.models import (
    AccountStatus,
    LedgerTask,
    NewMediaAccount,
    Platform,
    TaskStatus,
    Training,
    TrainingAttendance,
)

PLAN = "2026年政务公开工作要点"
REASON = "演示数据"

#: (序号, 工作任务, 牵头科室, 责任科室, 完成时限, 完成时限原文, 状态, 佐证栏目) — 佐证栏目 set:
#: closed with that column as evidence.
TASKS = [
    (
        "一(一)1",
        "对照基层政务公开标准目录，动态调整本局标准目录并在网站公开",
        "办公室",
        ["政策法规科", "登记注册科"],
        dt.date(2026, 3, 31),
        "2026年3月底",
        None,
        "政务公开标准目录",
    ),
    (
        "一(一)2",
        "按标准目录逐项核对栏目，做到目录事项全部有栏目承载",
        "办公室",
        ["登记注册科", "执法支队", "信用监管科"],
        dt.date(2026, 6, 30),
        "2026年6月底",
        None,
        "政务公开标准目录",
    ),
    (
        "一(二)1",
        "规范性文件与政策解读同步起草、同步审签、同步发布",
        "政策法规科",
        ["各起草科室"],
        None,
        "长期坚持",
        TaskStatus.IN_PROGRESS,
        None,
    ),
    (
        "一(二)2",
        "开展规范性文件清理，公布现行有效规范性文件目录",
        "政策法规科",
        [],
        dt.date(2026, 9, 30),
        "2026年9月底",
        TaskStatus.IN_PROGRESS,
        None,
    ),
    (
        "一(三)1",
        "编制并发布2025年度政府信息公开工作年度报告",
        "办公室",
        [],
        dt.date(2026, 1, 31),
        "2026年1月31日前",
        None,
        "政府信息公开年报",
    ),
    (
        "一(三)2",
        "更新政府信息公开指南，公布依申请公开受理渠道",
        "办公室",
        [],
        dt.date(2026, 3, 31),
        "2026年一季度",
        None,
        "政府信息公开指南",
    ),
    (
        "二(一)1",
        "依法按时办理政府信息公开申请，规范答复文书",
        "办公室",
        ["政策法规科"],
        None,
        "持续推进",
        TaskStatus.IN_PROGRESS,
        None,
    ),
    (
        "二(一)2",
        "建立依申请公开转主动公开机制，定期评估公开",
        "办公室",
        ["政策法规科"],
        dt.date(2026, 10, 31),
        "2026年10月底",
        TaskStatus.NOT_STARTED,
        None,
    ),
    (
        "二(二)1",
        "行政许可决定信息自作出之日起20个工作日内公示",
        "登记注册科",
        [],
        None,
        "长期坚持",
        TaskStatus.IN_PROGRESS,
        None,
    ),
    (
        "二(二)2",
        "行政处罚信息按规定公示，公示期满及时撤下",
        "执法支队",
        ["信用监管科"],
        None,
        "长期坚持",
        TaskStatus.IN_PROGRESS,
        None,
    ),
    (
        "二(三)1",
        "双随机抽查结果和抽检信息按时公示",
        "执法支队",
        ["登记注册科"],
        dt.date(2026, 6, 30),
        "上半年",
        None,
        "双随机一公开",
    ),
    (
        "二(四)1",
        "经营异常名录和严重违法失信名单信息及时公示",
        "信用监管科",
        [],
        dt.date(2026, 12, 31),
        "2026年底",
        TaskStatus.IN_PROGRESS,
        None,
    ),
    (
        "三(一)1",
        "组织全局政务公开业务培训不少于1次",
        "办公室",
        ["各业务科室"],
        dt.date(2026, 6, 30),
        "2026年6月底",
        None,
        "政府信息公开制度",
    ),
    (
        "三(二)1",
        "加强政务新媒体管理，每两周至少更新一次，做好留言回复",
        "应急宣传科",
        ["网络值班科室"],
        None,
        "长期坚持",
        TaskStatus.IN_PROGRESS,
        None,
    ),
    (
        "三(三)1",
        "建立工作台账，完成一项、销账一项，年底前全面评估",
        "办公室",
        ["各业务科室"],
        dt.date(2026, 12, 31),
        "2026年底",
        TaskStatus.IN_PROGRESS,
        None,
    ),
]

#: (date, topic, organiser, speaker, {department: attendees})
TRAININGS = [
    (
        dt.date(2026, 4, 16),
        "政府信息公开条例和基层政务公开标准目录解读",
        "办公室",
        "王公开",
        {"办公室": 6, "政策法规科": 4, "登记注册科": 5, "执法支队": 8, "信用监管科": 3},
    ),
    (
        dt.date(2026, 10, 22),
        "依申请公开答复规范与保密审查实务",
        "办公室",
        "李保密",
        {"办公室": 5, "政策法规科": 3, "执法支队": 6},
    ),
]

#: (platform, name, owner department, address, days since the last update)
ACCOUNTS = [
    (Platform.WECHAT, "示范市市场监管", "办公室", "sfsscjg", 2),
    (Platform.WEIBO, "示范市场监管发布", "应急宣传科", "https://weibo.com/sfsscjg", 5),
    (Platform.DOUYIN, "示范市场监管抖音号", "应急宣传科", "sfsscjg_dy", 21),
]


def _evidence(column_title):
    column = ColumnPage.objects.filter(title=column_title).first()
    if column is None:
        return "/"
    return column.get_url() or "/"


def _office_user():
    return get_user_model().objects.filter(username="office").first()


def load_tasks():
    departments = {}

    def department(name):
        if name not in departments:
            departments[name] = Department.get_or_create_by_name(name)
        return departments[name]

    user = _office_user()
    for number, text, lead, responsible, due_on, due_note, status, evidence in TASKS:
        task = LedgerTask.objects.filter(plan=PLAN, number=number).first()
        if task is None:
            task = LedgerTask(plan=PLAN, number=number)
        if not task.is_closed:
            task.task = text
            task.lead_department = department(lead)
            task.due_on = due_on
            task.due_note = due_note
            if status is not None:
                task.status = status
            task.full_clean()
            task._change_reason = REASON
            task.save()
            task.responsible_departments.set([department(name) for name in responsible])
        if evidence and not task.is_closed:
            closed_at = timezone.make_aware(
                dt.datetime.combine(min(due_on, timezone.localdate()), dt.time(17, 0))
            )
            task.close(user, _evidence(evidence), "已按期完成（演示数据）", now=closed_at)
    return LedgerTask.objects.filter(plan=PLAN).count()


def load_trainings():
    for held_on, topic, organiser, speaker, attendance in TRAININGS:
        training = Training.objects.filter(held_on=held_on, topic=topic).first()
        if training is not None:
            continue
        training = Training(
            held_on=held_on,
            topic=topic,
            organiser=Department.get_or_create_by_name(organiser),
            speaker=speaker,
        )
        training._change_reason = REASON
        training.save()
        for name, attendees in attendance.items():
            TrainingAttendance.objects.create(
                training=training,
                department=Department.get_or_create_by_name(name),
                attendees=attendees,
            )


def load_accounts():
    today = timezone.localdate()
    for platform, name, owner, address, days_ago in ACCOUNTS:
        account = NewMediaAccount.objects.filter(platform=platform, name=name).first()
        if account is None:
            account = NewMediaAccount(platform=platform, name=name)
        account.owner_department = Department.get_or_create_by_name(owner)
        account.address = address
        account.status = AccountStatus.ACTIVE
        account.last_updated_on = today - dt.timedelta(days=days_ago)
        account.full_clean()
        account._change_reason = REASON
        account.save()


def load():
    """The demo ledger: the 2026 plan's tasks, two trainings and three new-media accounts."""
    load_tasks()
    load_trainings()
    load_accounts()
