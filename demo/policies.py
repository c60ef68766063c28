"""Demo content of the policy documents, the normative-document database, the gazette and
the livelihood funds (called by ``demo.site.load_demo`` after the laws; idempotent)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from demo.review import DEMO_DETERMINATION
from disclosure.departments.models import Department
from disclosure.funds.models import FundListPage, FundRecord
from disclosure.gazette.models import GazetteArchivePage, GazetteArticle, GazetteIssuePage
from disclosure.normative import validity
from disclosure.normative.models import (
    CleanupDecision,
    CleanupListPage,
    NormativeDatabasePage,
    NormativeDocumentPage,
)
from disclosure.policies.models import (
    InterpretationPage,
    PolicyCitation,
    PolicyDocumentPage,
)
from disclosure.publishing.models import DisclosureItemPage
from disclosure.review.models import publish_with_system_determination

ORGANISATION = "示范市市场监督管理局"

POLICIES = [
    (
        "zc-gtgsh",
        "示范市市场监督管理局关于促进个体工商户高质量发展的若干措施",
        "示市监规〔{year}〕2号",
        "中华人民共和国行政许可法",
    ),
    (
        "zc-xzcf",
        "示范市市场监督管理局关于规范行政处罚裁量权的实施意见",
        "示市监规〔{year}〕3号",
        "中华人民共和国行政处罚法",
    ),
]


def _publish(page, reason="演示数据"):
    revision = page.save_revision()
    if isinstance(page, DisclosureItemPage):
        publish_with_system_determination(revision, DEMO_DETERMINATION)
    else:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


def _child(parent, model, slug, **fields):
    """The child ``slug`` of ``parent``, created and published when absent."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    return _publish(page)


def _leaf(leaf_columns, key):
    return leaf_columns.get(key)


@transaction.atomic
def load_policies(leaf_columns):
    documents_column = _leaf(leaf_columns, "政策文件/规范性文件")
    interpretations_column = _leaf(leaf_columns, "政策文件/政策解读")
    if documents_column is None or interpretations_column is None:
        return []
    today = timezone.localdate()
    policies = []
    for slug, title, number, cited_title in POLICIES:
        policy = PolicyDocumentPage.objects.child_of(documents_column).filter(slug=slug).first()
        if policy is None:
            policy = PolicyDocumentPage(
                slug=slug,
                live=False,
                title=title,
                publisher=ORGANISATION,
                document_number=number.format(year=today.year),
                written_on=today - dt.timedelta(days=20),
                effective_on=today - dt.timedelta(days=10),
                summary=f"{title}，自发布之日起施行。",
                body=(
                    "<p>为贯彻落实国家和省有关决策部署，结合本市实际，制定本措施。</p>"
                    "<p>一、优化准入服务。二、加强公平竞争审查。三、规范涉企检查。四、强化政策落实。</p>"
                ),
            )
            documents_column.add_child(instance=policy)
            cited = NormativeDocumentPage.objects.live().filter(title=cited_title).first()
            if cited is not None:
                policy.citations.add(PolicyCitation(document=cited))
            policy = _publish(policy)
        policies.append(policy)
    first = policies[0]
    _child(
        interpretations_column,
        InterpretationPage,
        "jd-gtgsh-wz",
        title=f"一图读懂《{first.title}》",
        kind="text",
        policy=first,
        publisher=ORGANISATION,
        written_on=today - dt.timedelta(days=19),
        body="<p>本措施共十二条，围绕准入、经营、退出全周期支持个体工商户发展。</p>",
    )
    _child(
        interpretations_column,
        InterpretationPage,
        "jd-gtgsh-zj",
        title=f"专家解读：《{first.title}》的三个亮点",
        kind="expert",
        expert_name="刘明",
        expert_title="示范市委党校经济学教研部教授",
        policy=first,
        publisher=ORGANISATION,
        written_on=today - dt.timedelta(days=18),
        body="<p>措施把分型分类精准帮扶作为重点，回应了个体工商户最关心的融资和用工问题。</p>",
    )
    # The second policy has no interpretation yet: it appears in 报表 → 未解读的政策文件.
    return policies


@transaction.atomic
def load_normative_database(leaf_columns):
    """The bureau's own 行政规范性文件 (a revised one, one not yet in force, one due for review,
    a cleaned-up one), the database page and the cleanup list."""
    column = _leaf(leaf_columns, "政策文件/规范性文件")
    if column is None:
        return
    today = timezone.localdate()
    common = {"publisher": ORGANISATION, "issued_here": True, "legal_category": "规范性文件"}

    def own(slug, title, number, effective_on, **fields):
        fields = {**common, **fields}
        fields.setdefault("written_on", min(effective_on - dt.timedelta(days=30), today))
        return _child(
            column,
            NormativeDocumentPage,
            slug,
            title=title,
            document_number=number,
            promulgated_on=effective_on - dt.timedelta(days=30),
            effective_on=effective_on,
            body="## 第一章 总则\n第一条 为规范本市市场监督管理工作，制定本办法。\n第二条 本办法自施行之日起施行。",
            **fields,
        )

    old = own(
        "gf-spzfw-2019",
        "示范市食品小作坊登记管理办法",
        "示市监规〔2019〕1号",
        dt.date(2019, 7, 1),
        version_date=dt.date(2019, 6, 1),
    )
    own(
        "gf-spzfw-2024",
        "示范市食品小作坊登记管理办法",
        "示市监规〔2024〕1号",
        dt.date(2024, 7, 1),
        version_date=dt.date(2024, 6, 1),
        supersedes=old,
    )
    own(
        "gf-zbgg",
        "示范市市场监督管理局关于电梯维护保养质量评价的规定",
        f"示市监规〔{today.year}〕5号",
        today + dt.timedelta(days=45),
        written_on=today - dt.timedelta(days=3),
    )
    own(
        "gf-ggjc",
        "示范市户外广告发布监督检查办法",
        "示市监规〔2021〕2号",
        validity.add_years(today, -5) + dt.timedelta(days=60),
    )
    repealed = own(
        "gf-jgsf",
        "示范市市场监管领域涉企收费目录清单管理办法",
        "示市监规〔2018〕4号",
        dt.date(2018, 3, 1),
    )
    kept = own(
        "gf-xyfj", "示范市企业信用风险分类管理办法", "示市监规〔2020〕3号", dt.date(2020, 9, 1)
    )
    year = today.year - 1
    for document, outcome, reason in (
        (repealed, "repeal", "相关收费项目已取消"),
        (kept, "continue", "符合现行法律法规，继续执行"),
    ):
        if not CleanupDecision.objects.filter(document=document, cleanup_year=year).exists():
            CleanupDecision.objects.create(
                document=document,
                cleanup_year=year,
                outcome=outcome,
                decided_on=dt.date(year, 12, 20),
                reason=reason,
            )
    top = column.get_parent()
    _child(
        top,
        NormativeDatabasePage,
        "database",
        title="规章和规范性文件库",
        intro="<p>本机关制发的行政规范性文件和参考法律法规，一网通查。</p>",
    )
    _child(
        column,
        CleanupListPage,
        "cleanup",
        title=f"{year}年度规范性文件清理结果",
        cleanup_year=year,
    )
    validity.refresh()


CLASSIFICATION = {
    "地方性法规": "regulation",
    "部门规章": "rule",
    "地方政府规章": "rule",
    "行政法规": "government_document",
    "司法解释": "other",
}


@transaction.atomic
def load_gazette(leaf_columns, years=3, per_year=4):
    """Issues of the last few years, each reprinting documents of the law corpus."""
    column = _leaf(leaf_columns, "政策文件/规范性文件")
    if column is None:
        return
    archive = _child(
        column.get_parent(),
        GazetteArchivePage,
        "gazette",
        title="政府公报",
        intro="<p>示范市人民政府公报（市场监管部分），按年份和期号编排，可检索。</p>",
    )
    documents = list(
        NormativeDocumentPage.objects.live()
        .exclude(body="")
        .order_by("pk")
        .only("pk", "title", "document_number", "publisher", "legal_category", "body")[:60]
    )
    if not documents:
        return
    today = timezone.localdate()
    position = 0
    total = 0
    for year in range(today.year - years + 1, today.year + 1):
        for number in range(1, per_year + 1):
            total += 1
            published_on = dt.date(year, number * 3, 1)
            if published_on > today:
                break
            slug = f"{year}-{number}"
            if GazetteIssuePage.objects.child_of(archive).filter(slug=slug).exists():
                position += 3
                continue
            issue = GazetteIssuePage(
                slug=slug,
                live=False,
                title=f"示范市人民政府公报 {year}年第{number}期",
                year=year,
                number=number,
                total_number=total,
                published_on=published_on,
            )
            for document in (documents[(position + i) % len(documents)] for i in range(3)):
                issue.articles.add(
                    GazetteArticle(
                        title=document.title,
                        classification=CLASSIFICATION.get(document.legal_category, "other"),
                        document_number=document.document_number,
                        publisher=document.publisher,
                        body=document.body[:1500],
                        source_page_id=document.pk,
                    )
                )
            position += 3
            archive.add_child(instance=issue)
            _publish(issue)


FUNDS = [
    ("policy", "个体工商户首次贷款贴息政策", None, None, "个体工商户（汇总）", "登记注册科"),
    ("fund", "小微企业首次贷款贴息资金", "320.00", 214, "小微企业 214 户", "登记注册科"),
    ("project", "食品小作坊提升改造项目", "85.50", 36, "食品小作坊 36 家", "食品生产科"),
    ("fund", "农贸市场快检室建设补助资金", "60.00", 12, "农贸市场 12 个", "食品流通科"),
    (
        "project",
        "老旧小区电梯安全隐患治理项目",
        "140.00",
        58,
        "住宅电梯 58 台",
        "特种设备安全监察科",
    ),
    ("fund", "知识产权质押融资风险补偿资金", "200.00", 17, "科技型中小企业 17 家", "知识产权科"),
    (
        "policy",
        "消费纠纷先行赔付激励政策",
        None,
        None,
        "放心消费承诺单位（汇总）",
        "消费者权益保护科",
    ),
]


@transaction.atomic
def load_funds(leaf_columns):
    column = _leaf(leaf_columns, "惠民政策/惠民政策项目资金")
    if column is None:
        return
    _child(
        column,
        FundListPage,
        "list",
        title="惠民政策项目资金公开",
        intro="<p>本局主管的惠民政策、项目和资金，受益对象按汇总情况公开。</p>",
    )
    policy = PolicyDocumentPage.objects.live().filter(slug="zc-gtgsh").first()
    year = timezone.localdate().year
    for kind, name, amount, count, recipients, department in FUNDS:
        record = FundRecord.objects.filter(name=name).first() or FundRecord(name=name)
        record.kind = kind
        record.amount = Decimal(amount) if amount else None
        record.recipient_count = count
        record.recipients = recipients
        record.department = Department.get_or_create_by_name(department)
        record.period_start = dt.date(year - (1 if kind == "project" else 0), 1, 1)
        record.period_end = dt.date(year, 12, 31)
        record.policy = policy if "贴息" in name else None
        record.summary = f"{name}：按照有关规定组织实施，资金和受益情况按年度公开。"
        record.full_clean()
        record.save()


def load(leaf_columns, write=None):
    """Every demo record of the policies, the database, the gazette and the funds."""
    load_policies(leaf_columns)
    load_normative_database(leaf_columns)
    load_gazette(leaf_columns)
    load_funds(leaf_columns)
