"""Demo data of the annual report: last year's decisions and fees that no other app holds, and
the report for last year generated from the records and published in the 年报 column."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from demo.review import DEMO_DETERMINATION
from disclosure.annual_report.choices import CoerciveMeasure, DecisionKind
from disclosure.annual_report.models import AnnualReportPage
from disclosure.annual_report.records import DecisionRecord, FeeRecord
from disclosure.columns.models import ColumnPage
from disclosure.departments.models import Department
from disclosure.organisation.models import organisation_for
from disclosure.review.models import publish_with_system_determination

COLUMN_TITLE = "政府信息公开年报"

OVERVIEW = (
    "<p>{year}年，{name}深入贯彻落实《中华人民共和国政府信息公开条例》，围绕市场监管重点工作，"
    "以标准目录为依据推进主动公开，规范办理依申请公开，加强政策解读和回应关切，"
    "政府信息公开工作质量持续提升。</p>"
    "<p>（一）主动公开。全年通过门户网站主动公开政府信息，重点公开行政许可、行政处罚、"
    "双随机抽查和食品安全抽检结果等执法信息，各科室按季度完成信息发布任务。</p>"
    "<p>（二）依申请公开。严格执行受理、审查、答复、归档各环节要求，所有申请均在法定期限内答复。</p>"
    "<p>（三）政府信息管理。落实公开属性源头认定和保密审查制度，信息发布前经科室负责人审核、"
    "保密审查和政务公开办公室终审。</p>"
    "<p>（四）平台建设。门户网站支持检索、阅读和下载，与省级平台通过开放接口同步。</p>"
)
PROBLEMS = (
    "<p>一是政策解读形式较为单一，图解、视频等解读比例不高；二是个别科室信息发布不均衡。"
    "改进措施：{next_year}年将丰富解读形式，按季度通报各科室发布情况，纳入年度考核。</p>"
)
OTHER = (
    "<p>本年度未收取信息处理费。本局{year}年度政府信息公开工作年度报告的统计数据由系统按"
    "行政许可、行政处罚、行政强制决定和依申请公开记录生成，经政务公开办公室核对。</p>"
)


def _records(year):
    department = Department.objects.filter(name__contains="执法").first()
    measures = [CoerciveMeasure.SEIZE, CoerciveMeasure.SEAL, CoerciveMeasure.SEIZE]
    for n, measure in enumerate(measures * 2, start=1):
        DecisionRecord.objects.get_or_create(
            decision_number=f"示市监强〔{year}〕{n}号",
            defaults={
                "kind": DecisionKind.COERCIVE,
                "decided_on": dt.date(year, 1 + n, 10),
                "measure": measure,
                "party_name": f"示范市某食品经营部{n}",
                "department": department,
            },
        )
    for n in range(1, 13):
        DecisionRecord.objects.get_or_create(
            decision_number=f"示市监简罚〔{year}〕{n}号",
            defaults={
                "kind": DecisionKind.PENALTY,
                "decided_on": dt.date(year, n, 15),
                "party_name": f"示范市某超市{n}",
                "department": department,
                "note": "简易程序当场处罚（警告），不公示",
            },
        )
    for n in range(1, 9):
        DecisionRecord.objects.get_or_create(
            decision_number=f"示市监许〔{year}〕{n}号",
            defaults={
                "kind": DecisionKind.LICENCE,
                "decided_on": dt.date(year, n, 20),
                "party_name": f"示范市某餐饮店{n}",
            },
        )
    for quarter, amount in enumerate(("12500.00", "9800.00", "15200.50", "11000.00"), start=1):
        FeeRecord.objects.get_or_create(
            item="特种设备检验检测费",
            collected_on=dt.date(year, quarter * 3, 28),
            defaults={"amount": Decimal(amount), "legal_basis": "发改价格〔2015〕1299号"},
        )


def load():
    """Last year's records and its report, published (idempotent)."""
    column = ColumnPage.objects.filter(title=COLUMN_TITLE).first()
    year = timezone.localdate().year - 1
    if column is None or AnnualReportPage.objects.filter(year=year).exists():
        return None
    _records(year)
    settings = organisation_for()
    name = (settings.name if settings else "") or "本机关"
    page = AnnualReportPage(
        title=f"{name}{year}年政府信息公开工作年度报告",
        slug=f"report-{year}",
        year=year,
        written_on=dt.date(year + 1, 1, 20),
        publisher=name,
        live=False,
        overview=OVERVIEW.format(year=year, name=name),
        problems=PROBLEMS.format(next_year=year + 1),
        other_matters=OTHER.format(year=year),
        summary=f"{name}{year}年政府信息公开工作年度报告（由系统按记录生成统计表）。",
    )
    column.add_child(instance=page)
    publish_with_system_determination(page.save_revision(), DEMO_DETERMINATION)
    return page
