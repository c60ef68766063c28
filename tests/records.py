"""Builders for the records of the public lists (licensing, inspections, credit lists, power
list) used by their tests: plain functions, saved after ``full_clean`` as the admin does."""

import datetime as dt
import itertools

from disclosure.credit.models import ListEntry, ListKind
from disclosure.inspections.models import (
    InspectedObject,
    InspectionItem,
    InspectionTask,
    SamplingResult,
)
from disclosure.licensing.models import LicenceDecision, LicensingItem
from disclosure.opendata.models import DatasetPage
from disclosure.organisation.credit_code import credit_code_check_character
from disclosure.powers.models import PowerItem
from tests.factories import department as make_department
from tests.factories import home_page, publish

_serial = itertools.count(1)


def credit_code(n=None):
    """A valid unified social credit code (GB 32100 check character)."""
    n = next(_serial) if n is None else n
    first17 = f"91520200MA{n:07d}"
    return first17 + credit_code_check_character(first17)


def bad_credit_code(n=1):
    """A credit code whose check character is wrong."""
    code = credit_code(n)
    wrong = "0" if code[-1] != "0" else "1"
    return code[:-1] + wrong


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def licensing_item(department=None, **fields):
    n = next(_serial)
    values = {
        "code": f"XK-{n:04d}",
        "name": f"食品经营许可{n}",
        "department": department or make_department(),
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "conditions": "具有与经营的食品品种、数量相适应的经营场所。",
        "materials": "1.食品经营许可申请书；2.营业执照复印件。",
        "procedure": "申请—受理—审查—决定—送达",
        "time_limit": "法定20个工作日，承诺5个工作日",
        "fees": "不收费",
        "place_and_hours": "示范市政务服务中心二楼 12 号窗口，工作日 9:00–17:00",
        "consultation_phone": "0858-8220001",
        "complaint_phone": "12315",
    }
    values.update(fields)
    return _save(LicensingItem(**values))


def licence_decision(item=None, **fields):
    n = next(_serial)
    item = item or licensing_item()
    values = {
        "decision_number": f"示市监许〔2026〕{n}号",
        "kind": "grant",
        "item": item,
        "licence_name": "食品经营许可证",
        "licence_number": f"JY1520200{n:07d}",
        "party_name": f"示范市好味道餐饮有限公司{n}",
        "party_credit_code": credit_code(),
        "content": "热食类食品制售",
        "decided_on": dt.date(2026, 3, 2),
        "valid_from": dt.date(2026, 3, 2),
        "valid_until": dt.date(2031, 3, 1),
        "authority": "示范市市场监督管理局",
        "department": item.department,
        "published_on": dt.date(2026, 3, 5),
    }
    values.update(fields)
    return _save(LicenceDecision(**values))


def inspection_item(department=None, **fields):
    n = next(_serial)
    values = {
        "code": f"CC-{n:04d}",
        "name": f"食品经营者监督检查{n}",
        "object_scope": "食品经营者",
        "basis": "《中华人民共和国食品安全法》第一百一十条",
        "department": department or make_department(),
        "content": "经营条件、进货查验、贮存条件",
        "method": "现场检查",
    }
    values.update(fields)
    return _save(InspectionItem(**values))


def inspection_task(items=None, **fields):
    items = items or [inspection_item()]
    values = {
        "name": f"2026年第{next(_serial)}批食品经营双随机抽查",
        "department": items[0].department,
        "drawn_on": dt.date(2026, 3, 2),
        "starts_on": dt.date(2026, 3, 3),
        "ends_on": dt.date(2026, 4, 30),
    }
    values.update(fields)
    task = _save(InspectionTask(**values))
    task.items.set(items)
    return task


def inspected_object(task=None, **fields):
    values = {
        "task": task or inspection_task(),
        "party_name": f"示范市便民超市{next(_serial)}",
        "credit_code": credit_code(),
    }
    values.update(fields)
    return _save(InspectedObject(**values))


def sampling_result(department=None, **fields):
    n = next(_serial)
    values = {
        "report_number": f"GZ2026-{n:05d}",
        "kind": "food",
        "food_category": "粮食加工品",
        "product_name": f"大米{n}",
        "batch": "2026-02-01",
        "producer_name": "示范市粮油有限公司",
        "inspected_unit_name": "示范市便民超市",
        "inspected_unit_credit_code": credit_code(),
        "sampled_on": dt.date(2026, 3, 10),
        "basis": "GB 2762-2022",
        "lab": "示范市食品药品检验所",
        "verdict": "pass",
        "department": department or make_department(),
        "published_on": dt.date(2026, 4, 1),
    }
    values.update(fields)
    return _save(SamplingResult(**values))


def list_entry(department=None, **fields):
    values = {
        "kind": ListKind.ABNORMAL,
        "party_name": f"示范市某某商贸有限公司{next(_serial)}",
        "credit_code": credit_code(),
        "entry_reason": "未按照《企业信息公示暂行条例》第八条规定的期限公示年度报告",
        "entry_on": dt.date(2025, 7, 10),
        "entry_authority": "示范市市场监督管理局",
        "department": department or make_department(),
    }
    values.update(fields)
    return _save(ListEntry(**values))


def power_item(department=None, **fields):
    n = next(_serial)
    values = {
        "code": f"QZ-{n:04d}",
        "name": f"对食品生产经营者违法行为的处罚{n}",
        "kind": "penalty",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十二条",
        "department": department or make_department(),
        "responsibilities": "立案、调查、审查、告知、决定、送达、执行",
        "adjusted_on": dt.date(2025, 1, 1),
    }
    values.update(fields)
    return _save(PowerItem(**values))


def dataset_page(dataset, parent=None, title=None, slug=None):
    """A published DatasetPage showing ``dataset`` below ``parent`` (a new column by default)."""
    from tests.factories import column

    parent = parent or column(parent=home_page())
    page = DatasetPage(
        title=title or dataset, slug=slug or f"data-{next(_serial)}", dataset=dataset, live=False
    )
    parent.add_child(instance=page)
    return publish(page)
