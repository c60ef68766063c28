"""Helpers that build penalty notices for the tests."""

import datetime as dt
import itertools
from decimal import Decimal

from disclosure.enforcement.choices import PartyType, PenaltyKind
from disclosure.enforcement.models import PenaltyListPage, PenaltyNoticePage
from disclosure.enforcement.publicity_settings import PenaltyPublicitySettings
from tests.factories import column, default_site, organisation, publish, publish_revision

_serial = itertools.count(1)


def publicity_settings(low_fine=Decimal("10000"), early_end_months=3, **fields):
    """行政处罚公示设置 of the default site, for both party types unless ``fields`` say otherwise;
    ``None`` leaves a value not entered."""
    values = {
        "low_fine_natural_person": low_fine,
        "low_fine_organisation": low_fine,
        "low_fine_source": "某省市场监督管理局关于较低数额罚款标准的规定（测试）",
        "early_end_months_natural_person": early_end_months,
        "early_end_months_organisation": early_end_months,
        "early_end_source": "市场监管总局关于提前停止公示时限要求的规定（测试）",
    }
    values.update(fields)
    settings = PenaltyPublicitySettings.for_site(default_site())
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def penalty_list(title="行政处罚公示", departments=()):
    organisation()
    publicity_settings()
    col = column(title=title, slug=f"xzcf{next(_serial)}", departments=departments)
    listing = PenaltyListPage(title="行政处罚信息", slug="list", live=False)
    col.add_child(instance=listing)
    return publish(listing)


def notice_fields(**fields):
    n = next(_serial)
    values = {
        "title": f"示范市某公司销售不合格食品案（第{n}号）",
        "slug": f"penalty-{n}",
        "document_number": f"示市监处罚〔2026〕{n}号",
        "decided_on": dt.date(2026, 5, 8),
        "party_type": PartyType.ORGANISATION,
        "party_name": "示范市钟山区好又多超市有限公司",
        "party_credit_code": "91110000600037341L",
        "violation_type": "销售不符合食品安全标准的食品",
        "penalty_kinds": [PenaltyKind.FINE, PenaltyKind.CONFISCATION],
        "fine_amount": Decimal("50000"),
        "penalty_content": "没收违法所得 1,200 元，并处罚款 50,000 元。",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
        "deciding_authority": "示范市市场监督管理局",
        "performance": "自收到决定书之日起十五日内缴纳罚没款",
        "decision_text": "<p>经查，当事人销售的大米镉含量不符合食品安全国家标准。</p>",
        "written_on": dt.date(2026, 5, 8),
    }
    values.update(fields)
    return values


def penalty_notice(parent, publish_page=True, user=None, **fields):
    page = PenaltyNoticePage(live=False, **notice_fields(**fields))
    parent.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish_page:
        publish_revision(revision, user=user)
    return PenaltyNoticePage.objects.get(pk=page.pk)
