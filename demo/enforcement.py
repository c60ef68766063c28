"""Demo penalty notices (idempotent): a filterable list page in the 行政处罚公示 column and a few
notices of different kinds, published with the demo's system determination."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from disclosure.departments.models import Department
from disclosure.enforcement.choices import PartyType, PenaltyKind
from disclosure.enforcement.models import PenaltyListPage, PenaltyNoticePage
from disclosure.enforcement.publicity_settings import PenaltyPublicitySettings
from disclosure.review.models import publish_with_system_determination

COLUMN_TITLE = "行政处罚公示"
AUTHORITY = "示范市市场监督管理局"

NOTICES = [
    {
        "slug": "cf-2026-031",
        "title": "示范市钟山区好又多超市有限公司销售不合格食品案",
        "document_number": "示市监处罚〔2026〕31号",
        "days_ago": 40,
        "party_type": PartyType.ORGANISATION,
        "party_name": "示范市钟山区好又多超市有限公司",
        "party_credit_code": "91110000600037341L",
        "case_name": "销售镉含量超标大米案",
        "violation_type": "销售不符合食品安全标准的食品",
        "violation_facts": "当事人销售的大米经抽检镉含量不符合食品安全国家标准，货值金额 3,600 元。",
        "penalty_kinds": [PenaltyKind.FINE, PenaltyKind.CONFISCATION],
        "fine_amount": Decimal("50000"),
        "penalty_content": "没收违法所得 1,200 元，并处罚款 50,000 元。",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款第一项",
        "performance": "自收到本决定书之日起十五日内缴纳罚没款",
    },
    {
        "slug": "cf-2026-045",
        "title": "示范市惠民食品经营部未按规定公示食品经营许可证案",
        "document_number": "示市监处罚〔2026〕45号",
        "days_ago": 20,
        "party_type": PartyType.INDIVIDUAL_BUSINESS,
        "party_name": "示范市惠民食品经营部",
        "party_credit_code": "11520200MB15762018",
        "case_name": "未按规定公示许可证案",
        "violation_type": "未按规定公示食品经营许可证",
        "violation_facts": "当事人未在经营场所显著位置悬挂食品经营许可证正本。",
        "penalty_kinds": [PenaltyKind.FINE],
        "fine_amount": Decimal("2000"),
        "penalty_content": "罚款 2,000 元。",
        "legal_basis": "《食品经营许可和备案管理办法》第六十一条",
        "performance": "自收到本决定书之日起十五日内缴纳罚款",
    },
    {
        "slug": "cf-2026-052",
        "title": "张某无证经营药品案",
        "document_number": "示市监处罚〔2026〕52号",
        "days_ago": 10,
        "party_type": PartyType.NATURAL_PERSON,
        "party_name": "张某",
        "party_credit_code": "",
        "case_name": "无证经营药品案",
        "violation_type": "未取得药品经营许可证经营药品",
        "violation_facts": "当事人未取得药品经营许可证，在集贸市场销售药品。",
        "penalty_kinds": [PenaltyKind.CONFISCATION, PenaltyKind.FINE, PenaltyKind.EMPLOYMENT_BAN],
        "fine_amount": Decimal("150000"),
        "ban_months": 60,
        "penalty_content": "没收违法销售的药品和违法所得，并处罚款 150,000 元；五年内禁止从事药品生产经营活动。",
        "legal_basis": "《中华人民共和国药品管理法》第一百一十五条",
        "performance": "自收到本决定书之日起十五日内缴纳罚没款",
    },
]


def _column(leaf_columns):
    return next((c for c in leaf_columns.values() if c.title == COLUMN_TITLE), None)


def enter_delegated_values():
    """The values 总局令第45号 leaves to other authorities, as a bureau enters them — here
    demo values, labelled as such in their source; a real deployment enters its province's."""
    settings = PenaltyPublicitySettings.current()
    if settings.low_fine_organisation is not None:
        return  # entered already (by the demo or by hand): keep it
    settings.low_fine_natural_person = Decimal("10000")
    settings.low_fine_organisation = Decimal("10000")
    settings.low_fine_source = "演示数据：请录入本省市场监督管理局关于较低数额罚款标准的规定及文号"
    settings.early_end_months_natural_person = 3
    settings.early_end_months_organisation = 3
    settings.early_end_source = "演示数据：请录入市场监管总局关于提前停止公示时限要求的规定及文号"
    settings.save()


@transaction.atomic
def load(leaf_columns, determination_reason):
    column = _column(leaf_columns)
    if column is None:
        return 0
    enter_delegated_values()
    listing = PenaltyListPage.objects.child_of(column).first()
    if listing is None:
        listing = PenaltyListPage(
            title="行政处罚信息查询",
            slug="query",
            live=False,
            intro="<p>按年份、处罚种类、办案机构、当事人和罚款金额筛选本局公示的行政处罚信息，"
            "可下载 CSV 或 JSON 格式的数据。</p>",
        )
        column.add_child(instance=listing)
        listing.save_revision().publish()
    department = Department.objects.filter(name="执法支队").first()
    created = 0
    today = timezone.localdate()
    for spec in NOTICES:
        spec = dict(spec)
        if PenaltyNoticePage.objects.filter(slug=spec["slug"]).exists():
            continue
        decided_on = today - dt.timedelta(days=spec.pop("days_ago"))
        notice = PenaltyNoticePage(
            live=False,
            decided_on=decided_on,
            written_on=decided_on,
            deciding_authority=AUTHORITY,
            publisher=AUTHORITY,
            department=department,
            decision_text=(
                f"<p>当事人：{spec['party_name']}。</p><p>{spec['violation_facts']}</p>"
                f"<p>以上事实有现场检查笔录、抽样检验报告等证据证实。依据{spec['legal_basis']}，"
                f"本局决定：{spec['penalty_content']}</p>"
                "<p>如不服本处罚决定，可以在收到本决定书之日起六十日内申请行政复议，"
                "或者六个月内依法提起行政诉讼。</p>"
            ),
            **spec,
        )
        listing.add_child(instance=notice)
        publish_with_system_determination(notice.save_revision(), determination_reason)
        created += 1
    return created
