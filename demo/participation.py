"""Demo public messages (called by ``load_demo``; idempotent: messages are keyed by subject).

Three answered and published, one answered without publishing, one waiting for review, one due
soon, one routed to the complaints channel and one left unanswered for ten weeks, so the
readiness report shows the 互动交流 warning.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from disclosure.departments.models import Department
from disclosure.participation import rules
from disclosure.participation.choices import MessageCategory
from disclosure.participation.models import PublicMessage
from disclosure.workdays.calendar import WorkdayCalendar

#: (days ago, category, department, subject, body, name, answer, outcome) — outcome: "publish",
#: "reply" (answered, not published), "review" (answer waiting for review) or None.
MESSAGES = [
    (
        40,
        MessageCategory.CONSULTATION,
        "登记注册科",
        "个体工商户经营者变更如何办理",
        "我经营一家个体早餐店，现在想把经营者变更为我女儿，请问需要注销后重新登记吗？",
        "刘先生",
        "根据《促进个体工商户发展条例》第十三条，个体工商户可以直接变更经营者，无需注销后"
        "重新登记。请变更前后的经营者共同到登记机关或通过网上登记系统提交变更登记申请。",
        "publish",
    ),
    (
        33,
        MessageCategory.SUGGESTION,
        "执法支队",
        "建议加强校园周边食品经营监管",
        "学校门口小摊贩较多，售卖的零食来源不明，建议开学期间加强检查。",
        "一位家长",
        "感谢您的建议。我局已在开学季开展校园及周边食品安全专项检查，检查情况将在“监督检查”"
        "栏目公开。欢迎继续监督。",
        "publish",
    ),
    (
        21,
        MessageCategory.CONSULTATION,
        "政策法规科",
        "网店是否需要办理营业执照",
        "我在电商平台销售自己做的手工饰品，每月收入不多，请问需要办理营业执照吗？",
        "小林",
        "根据《电子商务法》第十条，个人销售自产农副产品、家庭手工业产品，个人利用自己的技能"
        "从事依法无须取得许可的便民劳务活动和零星小额交易活动的，不需要进行登记。超出上述范围"
        "的，应当依法办理市场主体登记。",
        "publish",
    ),
    (
        15,
        MessageCategory.CONSULTATION,
        "登记注册科",
        "公司年报信息填错了怎么办",
        "我们公司已经报送了年度报告，发现从业人数填错了，能否修改？",
        "某公司财务",
        "已电话告知修改方式（个案答复，不公开）。",
        "reply",
    ),
    (
        9,
        MessageCategory.CONSULTATION,
        "执法支队",
        "电动自行车充电器质量问题咨询",
        "请问市场上销售的电动自行车充电器有没有强制性认证要求？",
        "赵女士",
        "电动自行车充电器属于CCC认证目录内产品，销售者应当销售带有CCC标志的产品。",
        "review",
    ),
    (
        12,
        MessageCategory.SUGGESTION,
        "登记注册科",
        "建议延长登记窗口周末服务时间",
        "上班族工作日没有时间办理登记业务，建议周六上午开放窗口。",
        "周先生",
        "",
        None,
    ),
    (
        3,
        MessageCategory.COMPLAINT,
        "执法支队",
        "举报某超市销售过期牛奶",
        "我在某超市购买的牛奶已过保质期，要求处理。",
        "消费者",
        "",
        None,
    ),
    (
        70,
        MessageCategory.OTHER,
        None,
        "本局办公地址公交线路",
        "请问到市场监管局办事坐哪路公交车比较方便？",
        "市民",
        "",
        None,
    ),
]


def load():
    User = get_user_model()
    office = User.objects.filter(username="office").first()
    head = User.objects.filter(username="dengji_head").first()
    today = timezone.localdate()
    calendar = WorkdayCalendar()
    for days_ago, category, department, subject, body, name, answer, outcome in MESSAGES:
        if PublicMessage.objects.filter(subject=subject).exists():
            continue
        received = today - dt.timedelta(days=days_ago)
        moment = timezone.make_aware(dt.datetime.combine(received, dt.time(10, 30)))
        message = PublicMessage(
            query_code=PublicMessage._unused_code(),
            category=category,
            department=Department.get_or_create_by_name(department) if department else None,
            subject=subject,
            body=body,
            name=name,
            phone="13800000000",
            submitted_at=moment,
            received_on=received,
            due_on=rules.answer_due(received, calendar),
        )
        message._change_reason = "演示数据"
        message.save()
        if category == MessageCategory.COMPLAINT:
            message.route_as_complaint(office, "属于投诉举报事项（演示数据）")
            continue
        if outcome is None:
            continue
        message.write_answer(office, answer)
        if outcome == "publish":
            message.approve(head, publish=True)
        elif outcome == "reply":
            message.approve(head, publish=False, reason="涉及企业个案信息，仅答复留言人。")
    return PublicMessage.objects.count()
