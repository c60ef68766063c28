"""Demo records of the public lists and the pages that show them (called by ``load_demo``;
idempotent: records are keyed by their codes, pages by their slugs)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from disclosure.credit.models import ListEntry
from disclosure.departments.models import Department
from disclosure.inspections import io as sampling_io
from disclosure.inspections.models import InspectedObject, InspectionItem, InspectionTask
from disclosure.licensing.models import LicenceDecision, LicensingItem
from disclosure.opendata.models import DatasetPage
from disclosure.organisation.credit_code import credit_code_check_character
from disclosure.powers.models import PowerItem

AUTHORITY = "示范市市场监督管理局"
SAMPLING_DEMO = Path(__file__).resolve().parent / "data" / "sampling_demo.csv"

#: (column title, slug, title, dataset)
PAGES = [
    ("权责清单", "qzqd-data", "权责清单", "power_items"),
    ("行政许可事项清单", "xkqd-data", "行政许可事项清单及服务指南", "licensing_items"),
    ("行政许可公示", "xkjd-data", "行政许可决定公示", "licence_decisions"),
    ("双随机一公开", "ccsx-data", "随机抽查事项清单", "inspection_items"),
    ("双随机一公开", "jcdx-data", "检查对象名录", "inspected_objects"),
    ("双随机一公开", "ccjg-data", "抽查检查结果", "inspection_results"),
    ("抽检信息", "cjjg-data", "食品和产品质量抽检结果", "sampling_results"),
    ("信用监管", "jyyc-data", "经营异常名录", "abnormal_operations"),
    ("信用监管", "yzsx-data", "严重违法失信名单", "serious_violations"),
]


def _code(n: int) -> str:
    first17 = f"91520200MA{n:07d}"
    return first17 + credit_code_check_character(first17)


def _department(name):
    return Department.get_or_create_by_name(name)


def _get_or_create(model, key, values):
    obj = model.objects.filter(**key).first()
    if obj is None:
        obj = model(**key, **values)
        obj.full_clean()
        obj._change_reason = "演示数据"
        obj.save()
    return obj


def load_powers():
    law = _department("政策法规科")
    registration = _department("登记注册科")
    enforcement = _department("执法支队")
    items = [
        (
            "QZ-XK-001",
            "食品生产许可",
            "licensing",
            "《中华人民共和国食品安全法》第三十五条",
            registration,
        ),
        (
            "QZ-XK-002",
            "食品经营许可",
            "licensing",
            "《中华人民共和国食品安全法》第三十五条",
            registration,
        ),
        (
            "QZ-CF-001",
            "对未取得食品生产经营许可从事食品生产经营活动的处罚",
            "penalty",
            "《中华人民共和国食品安全法》第一百二十二条",
            enforcement,
        ),
        (
            "QZ-CF-002",
            "对生产经营不符合食品安全标准的食品的处罚",
            "penalty",
            "《中华人民共和国食品安全法》第一百二十四条",
            enforcement,
        ),
        (
            "QZ-QZ-001",
            "查封、扣押不符合食品安全标准的食品",
            "coercion",
            "《中华人民共和国食品安全法》第一百一十条",
            enforcement,
        ),
        (
            "QZ-JC-001",
            "食品生产经营监督检查",
            "inspection",
            "《中华人民共和国食品安全法》第一百一十条",
            enforcement,
        ),
        (
            "QZ-JL-001",
            "对举报食品安全违法行为的奖励",
            "reward",
            "《中华人民共和国食品安全法》第一百一十五条",
            law,
        ),
    ]
    for code, name, kind, basis, department in items:
        _get_or_create(
            PowerItem,
            {"code": code},
            {
                "name": name,
                "kind": kind,
                "legal_basis": basis,
                "department": department,
                "responsibilities": "受理、审查、决定、送达、事后监管等环节的责任",
                "accountability": "因不履行或不正确履行职责，应当依法追究责任的情形",
                "adjusted_on": dt.date(2026, 1, 5),
            },
        )


GUIDE = {
    "legal_basis": "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
    "conditions": "具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所；"
    "具有与经营的食品品种、数量相适应的经营设备或者设施；有专职或者兼职的食品安全管理人员和管理制度。",
    "materials": "1.食品经营许可申请书；2.营业执照或者其他主体资格证明文件；3.与食品经营相适应的主要设备设施、"
    "经营布局、操作流程等文件；4.食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度。",
    "procedure": "申请→受理→审查（必要时现场核查）→决定→制证送达",
    "time_limit": "法定10个工作日，承诺5个工作日",
    "fees": "不收费",
    "place_and_hours": "示范市政务服务中心二楼市场监管窗口；工作日 9:00–12:00、14:30–17:30",
    "consultation_phone": "0858-8220001",
    "complaint_phone": "12315",
}


def load_licensing():
    registration = _department("登记注册科")
    food = _get_or_create(
        LicensingItem,
        {"code": "XK-001"},
        {"name": "食品经营许可", "department": registration, **GUIDE},
    )
    _get_or_create(
        LicensingItem,
        {"code": "XK-002"},
        {"name": "食品生产许可", "department": registration, **GUIDE},
    )
    # A guide still missing elements: the admin's filter and report flag it.
    _get_or_create(
        LicensingItem,
        {"code": "XK-003"},
        {
            "name": "药品零售企业许可",
            "department": registration,
            "legal_basis": "《中华人民共和国药品管理法》第五十二条",
            "conditions": "有依法经过资格认定的药师或者其他药学技术人员。",
            "time_limit": "法定30个工作日",
            "consultation_phone": "0858-8220002",
        },
    )
    _get_or_create(
        LicensingItem,
        {"code": "XK-004"},
        {
            "name": "食品小作坊登记",
            "status": "delegated",
            "status_basis": "示范市人民政府关于下放部分行政许可事项的决定",
            "delegated_to": "各县（区）市场监督管理局",
            "department": registration,
        },
    )
    decisions = [
        ("示市监食经许〔2026〕101号", "grant", "示范市好味道餐饮有限公司", 1, dt.date(2026, 9, 7)),
        ("示市监食经许〔2026〕102号", "grant", "示范市惠民超市有限公司", 2, dt.date(2026, 9, 21)),
        (
            "示市监食经许〔2026〕118号",
            "change",
            "示范市凉都大酒店有限公司",
            3,
            dt.date(2026, 10, 12),
        ),
        (
            "示市监食经许〔2026〕125号",
            "renew",
            "示范市好邻居便利店有限公司",
            4,
            dt.date(2026, 10, 26),
        ),
        (
            "示市监食经许〔2026〕131号",
            "cancel",
            "示范市老街小吃店有限公司",
            5,
            dt.date(2026, 11, 2),
        ),
    ]
    for number, kind, party, n, decided_on in decisions:
        granting = kind in ("grant", "change", "renew")
        _get_or_create(
            LicenceDecision,
            {"decision_number": number},
            {
                "kind": kind,
                "item": food,
                "licence_name": "食品经营许可证",
                "licence_number": f"JY15202000{n:06d}" if granting else "",
                "party_name": party,
                "party_credit_code": _code(n),
                "content": "热食类食品制售；预包装食品销售（含冷藏冷冻食品）",
                "decided_on": decided_on,
                "valid_from": decided_on if granting else None,
                "valid_until": decided_on.replace(year=decided_on.year + 5) if granting else None,
                "authority": AUTHORITY,
                "department": registration,
                "published_on": decided_on + dt.timedelta(days=3),
            },
        )


def load_inspections():
    credit = _department("信用监管科")
    enforcement = _department("执法支队")
    items = []
    for code, name, scope, basis, content, method in [
        (
            "SJ-001",
            "食品经营者监督检查",
            "食品经营者",
            "《中华人民共和国食品安全法》第一百一十条",
            "经营资质、进货查验、贮存条件、从业人员健康管理",
            "现场检查",
        ),
        (
            "SJ-002",
            "企业公示信息抽查",
            "各类企业",
            "《企业信息公示暂行条例》第十四条",
            "年度报告公示信息、即时公示信息的真实性",
            "书面检查、实地核查、网络监测",
        ),
        (
            "SJ-003",
            "计量器具监督检查",
            "集贸市场经营者",
            "《中华人民共和国计量法》第十八条",
            "强制检定计量器具的检定情况",
            "现场检查",
        ),
    ]:
        items.append(
            _get_or_create(
                InspectionItem,
                {"code": code},
                {
                    "name": name,
                    "object_scope": scope,
                    "basis": basis,
                    "department": credit if code == "SJ-002" else enforcement,
                    "content": content,
                    "method": method,
                },
            )
        )
    task = InspectionTask.objects.filter(name="2026年第三季度食品经营者双随机抽查").first()
    if task is None:
        task = InspectionTask(
            name="2026年第三季度食品经营者双随机抽查",
            department=enforcement,
            drawn_on=dt.date(2026, 7, 6),
            starts_on=dt.date(2026, 7, 13),
            ends_on=dt.date(2026, 9, 30),
        )
        task.full_clean()
        task.save()
        task.items.set(items[:1])
    objects = [
        ("示范市好味道餐饮有限公司", 1, dt.date(2026, 8, 4), "no_problem", dt.date(2026, 8, 20)),
        ("示范市惠民超市有限公司", 2, dt.date(2026, 8, 12), "corrected", dt.date(2026, 8, 28)),
        ("示范市凉都大酒店有限公司", 3, dt.date(2026, 9, 15), "no_problem", dt.date(2026, 9, 30)),
        ("示范市老街小吃店有限公司", 5, dt.date(2026, 11, 3), "unreachable", None),
        ("示范市好邻居便利店有限公司", 4, None, "", None),
    ]
    for party, n, inspected_on, outcome, published_on in objects:
        _get_or_create(
            InspectedObject,
            {"task": task, "credit_code": _code(n)},
            {
                "party_name": party,
                "inspected_on": inspected_on,
                "outcome": outcome,
                "findings": "现场检查发现进货查验记录不全，已当场责令改正。"
                if outcome == "corrected"
                else "",
                "result_published_on": published_on,
            },
        )
    result = sampling_io.import_table(
        sampling_io.read_table(SAMPLING_DEMO), department=enforcement, reason="演示数据"
    )
    if result.errors:
        raise RuntimeError(f"抽检演示数据导入失败：{result.errors}")


def load_credit_lists():
    credit = _department("信用监管科")
    entries = [
        (
            "abnormal",
            "示范市鑫达商贸有限公司",
            21,
            "未按照《企业信息公示暂行条例》第八条规定的期限公示年度报告",
            dt.date(2025, 7, 1),
            None,
        ),
        (
            "abnormal",
            "示范市恒通物流有限公司",
            22,
            "通过登记的住所或者经营场所无法联系",
            dt.date(2025, 10, 15),
            None,
        ),
        (
            "abnormal",
            "示范市佳美装饰工程有限公司",
            23,
            "未按照《企业信息公示暂行条例》第八条规定的期限公示年度报告",
            dt.date(2025, 7, 1),
            dt.date(2026, 3, 18),
        ),
        (
            "serious",
            "示范市宏远食品有限公司",
            24,
            "被列入经营异常名录届满3年仍未履行相关义务",
            dt.date(2026, 4, 10),
            None,
        ),
    ]
    for kind, party, n, reason, entry_on, removed_on in entries:
        removal = {}
        if removed_on:
            removal = {
                "removal_reason": "已补报并公示年度报告，申请移出",
                "removed_on": removed_on,
                "removal_authority": AUTHORITY,
                "removal_document_number": "示市监移〔2026〕12号",
            }
        _get_or_create(
            ListEntry,
            {"kind": kind, "credit_code": _code(n), "entry_on": entry_on},
            {
                "party_name": party,
                "entry_reason": reason,
                "entry_authority": AUTHORITY,
                "entry_document_number": f"示市监列〔{entry_on.year}〕{n}号",
                "department": credit,
                **removal,
            },
        )


def load_pages(leaf_columns):
    for column_title, slug, title, dataset in PAGES:
        column = next((c for c in leaf_columns.values() if c.title == column_title), None)
        if column is None or DatasetPage.objects.child_of(column).filter(slug=slug).exists():
            continue
        page = DatasetPage(
            title=title,
            slug=slug,
            dataset=dataset,
            live=False,
            show_in_menus=False,
            description=f"{title}（可按年份、类别、科室和名称筛选，提供 CSV、JSON 下载）",
        )
        column.add_child(instance=page)
        page.departments.set(column.departments.all())
        page.catalogue_items.set(column.catalogue_items.all())
        page.save_revision().publish()


def load_public_lists(leaf_columns):
    load_powers()
    load_licensing()
    load_inspections()
    load_credit_lists()
    load_pages(leaf_columns)
