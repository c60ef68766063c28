"""An idempotent demo site: organisation, departments, the catalogue and its column tree,
documents from the law corpus, articles in every column, and one user per role.

Run with ``python manage.py load_demo``; running it again updates, never duplicates.
"""

import io
import logging

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from pypinyin import Style, lazy_pinyin

from demo import (
    annual_report,
    applications,
    consultations,
    enforcement,
    ledger,
    opendata,
    participation,
    policies,
    portal,
    publishing,
    syndication,
)
from demo.review import DEMO_DETERMINATION
from disclosure.catalogue.io import SHIPPED_CATALOGUE, import_rows, read_table
from disclosure.catalogue.models import CatalogueItem, CataloguePage
from disclosure.columns.models import ColumnPage, UpdateClass
from disclosure.departments import roles
from disclosure.departments.models import Department
from disclosure.normative.corpus import (
    CorpusDocument,
    ImportReport,
    import_chain,
    read_records,
    version_chains,
)
from disclosure.normative.setup import corpus_column
from disclosure.organisation.models import OrganisationSettings
from disclosure.organisation.site import absolute_url, site_domain, sync_default_site
from disclosure.publishing.models import ArticlePage, Topic
from disclosure.review.models import publish_with_system_determination
from disclosure.review.workflow import ensure_standard_workflow
from home.models import DisclosureGuidePage, HomePage

logger = logging.getLogger("disclosure.demo")

DEMO_PASSWORD = "demo-2026"  # noqa: S105 - documented demo credential, not a secret

ORGANISATION = {
    "name": "示范市市场监督管理局",
    "credit_code": "11520200MB15762018",
    "regions": "贵州，示范市",  # the credit code's 52: 贵州; the laws of other provinces rank lower
    "site_name": "示范市市场监督管理局政府信息公开",
    "site_domain": "",  # from BASE_URL (load_organisation)
    "site_id_code": "5202000001",
    "office_name": "示范市市场监督管理局办公室（政务公开办公室）",
    "address": "示范市钟山大道 88 号市场监管大楼 3 楼",
    "postcode": "553000",
    "office_hours": "工作日 上午 9:00–12:00，下午 14:30–17:30（法定节假日除外）",
    "phone": "0858-0000000",
    "fax": "0858-0000001",
    "email": "gongkai@example.gov.cn",
    "online_contact": "",  # from BASE_URL (load_organisation)
    # Demo values in the official formats (not real registrations).
    "icp_number": "黔ICP备00000000号",
    "police_record_number": "黔公网安备52020000000000号",
    "party_government_mark_url": "",
    "functions": (
        "贯彻执行国家和省市场监督管理方面的法律法规和方针政策，负责本市市场综合监督管理。\n"
        "负责市场主体统一登记注册，组织指导市场监管综合执法工作。\n"
        "负责食品安全、特种设备安全、产品质量安全监督管理，统一管理计量、标准化、认证认可。"
    ),
}

# username → (full name, role, department or None)
USERS = {
    "admin": ("系统管理员", roles.SYSTEM_ADMIN, None),
    "office": ("王公开", roles.DISCLOSURE_OFFICE, "办公室"),
    "reviewer": ("李保密", roles.CONFIDENTIALITY_REVIEWER, "办公室"),
    "foi": ("赵经办", roles.FOI_CLERK, "办公室"),
    "dengji_editor": ("陈登记", roles.EDITOR, "登记注册科"),
    "dengji_head": ("周科长", roles.DEPARTMENT_HEAD, "登记注册科"),
    "zhifa_editor": ("吴执法", roles.EDITOR, "执法支队"),
    "zhifa_head": ("郑支队长", roles.DEPARTMENT_HEAD, "执法支队"),
    "fagui_editor": ("孙法规", roles.EDITOR, "政策法规科"),
    "xinyong_editor": ("钱信用", roles.EDITOR, "信用监管科"),
}

# 一级事项 → update class and column type of its columns.
UPDATE_CLASS_BY_CATEGORY = {
    "政策文件": "通知公告/政策文件",
    "监督检查": "通知公告/政策文件",
    "行政处罚": "通知公告/政策文件",
    "执法监管": "动态要闻",
    "重点领域": "动态要闻",
    "人事信息": "人事/规划",
    "财政信息": "人事/规划",
}

LAW_COLUMN_SLUG = "laws"

# 主题分类 (code, name) and the topic of each 一级事项's items.
TOPICS = [
    ("general", "综合政务"),
    ("market", "市场监管"),
    ("registration", "企业登记"),
    ("food", "食品安全"),
    ("drugs", "药品安全"),
    ("quality", "产品质量"),
    ("credit", "信用监管"),
    ("enforcement", "执法稽查"),
    ("consumers", "消费维权"),
    ("finance", "财政资金"),
    ("personnel", "人事"),
]
TOPIC_BY_CATEGORY = {
    "行政许可": "registration",
    "政务服务": "registration",
    "监督检查": "quality",
    "行政处罚": "enforcement",
    "执法监管": "enforcement",
    "信用监管": "credit",
    "重点领域": "market",
    "财政信息": "finance",
    "惠民政策": "finance",
    "人事信息": "personnel",
    "政民互动": "consumers",
}


def _progress(write, message):
    if write:
        write(message)


@transaction.atomic
def load_organisation():
    site = sync_default_site()  # BASE_URL decides every absolute URL
    settings = OrganisationSettings.for_site(site)
    for name, value in ORGANISATION.items():
        setattr(settings, name, value)
    settings.site_domain = site_domain()
    settings.online_contact = absolute_url("/")
    settings.full_clean()
    settings.save()
    site.site_name = ORGANISATION["site_name"]
    site.save()
    home = site.root_page.specific
    if isinstance(home, HomePage) and home.title != "首页":
        home.title = "首页"
        home.intro = (
            "<p>本网站是示范市市场监督管理局依法主动公开政府信息的平台。"
            "您可以浏览各栏目、检索规章和规范性文件，或通过依申请公开渠道申请获取政府信息。</p>"
        )
        home.save_revision().publish()
    return site


def load_catalogue():
    result = import_rows(read_table(SHIPPED_CATALOGUE), reason="演示数据")
    if result.errors:
        raise RuntimeError(f"标准目录导入失败：{result.errors}")
    return result


def _column(parent, title, slug, **fields):
    column = ColumnPage.objects.child_of(parent).filter(slug=slug).first()
    if column is None:
        column = ColumnPage(
            title=title, slug=slug, show_in_menus=parent.depth == 2, live=False, **fields
        )
        parent.add_child(instance=column)
    else:
        column = column.get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(column, name, value)
    return column


def _slug(text, taken):
    """Pinyin initials, as Chinese government sites name their column URLs (机构信息 → jgxx)."""
    base = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()
    base = "".join(c for c in base if c.isascii() and c.isalnum()) or "lm"
    slug, n = base, 1
    while taken.get(slug, text) != text:
        n += 1
        slug = f"{base}{n}"
    taken[slug] = text
    return slug


@transaction.atomic
def load_columns(home):
    """The column tree from the catalogue: one top-level column per 一级事项, one child column per
    建议栏目, each linked to its catalogue items and responsible departments."""
    update_classes = {u.name: u for u in UpdateClass.objects.all()}
    items_by_category = {}
    for item in CatalogueItem.objects.prefetch_related("responsible_departments").order_by(
        "number"
    ):
        items_by_category.setdefault(item.category, []).append(item)

    leaf_columns = {}
    slugs = {}
    for category, items in items_by_category.items():
        update_class = update_classes.get(UPDATE_CLASS_BY_CATEGORY.get(category, "不定期"))
        top = _column(
            home,
            category,
            _slug(category, slugs),
            column_type="信息公开",
            update_class=update_class,
        )
        top.description = f"{category}类政府信息。"
        departments = {d for i in items for d in i.responsible_departments.all()}
        top.departments.set(departments)
        top.catalogue_items.set([])
        top.save_revision().publish()
        by_column = {}
        for item in items:
            by_column.setdefault(item.suggested_column or item.item, []).append(item)
        for name, column_items in by_column.items():
            column = _column(
                top, name, _slug(name, slugs), column_type="信息公开", update_class=update_class
            )
            column.description = "；".join(i.item for i in column_items)
            column.keywords = "，".join(sorted({name, category}))
            column.catalogue_items.set(column_items)
            column.departments.set(
                {d for i in column_items for d in i.responsible_departments.all()}
            )
            column.save_revision().publish()
            leaf_columns[f"{category}/{name}"] = column
    return leaf_columns


def _leaf(leaf_columns, title):
    return next((column for column in leaf_columns.values() if column.title == title), None)


def load_special_pages(leaf_columns):
    guide_column = _leaf(leaf_columns, "政府信息公开指南")
    if guide_column is not None and not DisclosureGuidePage.objects.exists():
        guide = DisclosureGuidePage(
            live=False,
            title="政府信息公开指南",
            slug="guide",
            body=(
                "<h2>一、主动公开</h2><p>本机关主动公开的政府信息按照标准目录分类编排，"
                "通过本网站各栏目发布，自信息形成或变更之日起20个工作日内公开。</p>"
                "<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以通过本网站在线提交、信函或当面提交申请。"
                "本机关自收到申请之日起20个工作日内答复；需要延长答复期限的，延长期限最长不超过20个工作日。</p>"
                "<h2>三、监督和救济</h2><p>申请人认为本机关在政府信息公开工作中侵犯其合法权益的，"
                "可以依法申请行政复议或者提起行政诉讼。</p>"
            ),
        )
        guide_column.add_child(instance=guide)
        guide.save_revision().publish()
    catalogue_column = _leaf(leaf_columns, "政务公开标准目录")
    if catalogue_column is not None and not CataloguePage.objects.exists():
        page = CataloguePage(
            live=False,
            title="政务公开标准目录",
            slug="catalogue",
            intro="<p>本局政务公开事项标准目录，逐项列明公开内容、依据、时限、主体和渠道。</p>",
        )
        catalogue_column.add_child(instance=page)
        page.save_revision().publish()


ARTICLE_TEMPLATES = [
    ("关于{column}有关情况的公告", "示市监公告〔{year}〕{n}号"),
    ("{column}工作情况通报（{year}年第{n}期）", ""),
    ("示范市市场监督管理局关于做好{column}工作的通知", "示市监办〔{year}〕{n}号"),
]


def load_topics():
    topics = {}
    for order, (code, name) in enumerate(TOPICS):
        topics[code], _created = Topic.objects.update_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )
    return topics


def load_articles(leaf_columns, per_column=2):
    """A few articles in every column so the portal shows realistic content."""
    topics = load_topics()
    year = timezone.localdate().year
    serial = 0
    for column in leaf_columns.values():
        name = column.title
        if name in {"政府信息公开指南", "政务公开标准目录"}:
            continue
        departments = list(column.departments.exclude(kind="placeholder"))
        category = column.get_parent().title
        topic = topics[TOPIC_BY_CATEGORY.get(category, "general")]
        publisher = ORGANISATION["name"]
        if departments:
            publisher = f"{ORGANISATION['name']}{departments[0].name}"
        for position in range(per_column):
            serial += 1
            title_template, number_template = ARTICLE_TEMPLATES[position % len(ARTICLE_TEMPLATES)]
            title = title_template.format(column=name, year=year, n=serial)
            slug = f"a{serial:03d}"
            if ArticlePage.objects.child_of(column).filter(slug=slug).exists():
                continue
            page = ArticlePage(
                live=False,
                title=title,
                slug=slug,
                publisher=publisher,
                document_number=number_template.format(year=year, n=serial),
                written_on=timezone.localdate(),
                topic=topic,
                keywords=f"{name}，市场监管",
                summary=f"{ORGANISATION['name']}发布的{name}信息。",
                body=(
                    f"<p>根据《中华人民共和国政府信息公开条例》和本局政务公开标准目录的要求，现将{name}有关信息公开如下。</p>"
                    "<p>一、工作依据：按照标准目录确定的公开内容、公开时限和公开主体执行。</p>"
                    "<p>二、联系方式：对公开内容有疑问的，请在工作日拨打本局政务公开咨询电话。</p>"
                ),
            )
            column.add_child(instance=page)
            publish_with_system_determination(page.save_revision(), DEMO_DETERMINATION)


# Documents every market-supervision bureau consults; always in the demo if present in the corpus.
FEATURED_LAWS = (
    "中华人民共和国反垄断法",
    "中华人民共和国食品安全法",
    "中华人民共和国产品质量法",
    "中华人民共和国政府信息公开条例",
    "中华人民共和国行政处罚法",
    "中华人民共和国行政许可法",
    "市场监督管理行政处罚信息公示规定",
    "企业信息公示暂行条例",
    "中华人民共和国消费者权益保护法",
    "中华人民共和国药品管理法",
)


def load_laws(limit=300, write=None):
    """A few hundred documents from the corpus: the featured ones, national rules and regulations
    first, into the 法律法规库 column."""
    documents = [
        CorpusDocument.from_record(r) for _n, r in read_records() if not isinstance(r, Exception)
    ]
    chains = version_chains(documents)

    def priority(chain):
        title = chain[-1].title
        featured = any(title.startswith(name) or name in title for name in FEATURED_LAWS)
        national = chain[-1].region == "全国"
        market = "市场" in title or "食品" in title or "产品" in title
        return (not featured, not market, not national, title)

    chains.sort(key=priority)
    column = corpus_column(LAW_COLUMN_SLUG)
    report = ImportReport()
    for position, chain in enumerate(chains[:limit], start=1):
        import_chain(chain, column, report)
        if position % 50 == 0:
            _progress(write, f"  法律法规：{position}/{min(limit, len(chains))}")
    return report


@transaction.atomic
def load_users():
    User = get_user_model()
    groups = roles.ensure_roles()
    created = []
    for username, (full_name, role, department_name) in USERS.items():
        user, was_created = User.objects.get_or_create(username=username)
        user.first_name = full_name
        user.email = f"{username}@example.gov.cn"
        user.is_staff = role == roles.SYSTEM_ADMIN
        user.is_superuser = role == roles.SYSTEM_ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(groups[role])
        if department_name:
            Department.get_or_create_by_name(department_name).add_member(user)
        if was_created:
            created.append(username)
    return created


def load_demo(laws=300, write=None):
    _progress(write, "机构设置…")
    site = load_organisation()
    _progress(write, "标准目录…")
    load_catalogue()
    _progress(write, "栏目…")
    leaf_columns = load_columns(site.root_page.specific)
    load_special_pages(leaf_columns)
    _progress(write, "同义词…")
    call_command("load_synonyms", stdout=io.StringIO())
    _progress(write, "演示用户…")
    load_users()
    _progress(write, "审核流程…")
    ensure_standard_workflow()
    _progress(write, "栏目信息…")
    load_articles(leaf_columns)
    _progress(write, "撤回示例…")
    publishing.load_withdrawal()
    _progress(write, "行政处罚公示…")
    enforcement.load(leaf_columns, DEMO_DETERMINATION)
    _progress(write, "公开清单（许可、双随机、抽检、信用名单、权责清单）…")
    opendata.load_public_lists(leaf_columns)
    _progress(write, f"法律法规（{laws} 件）…")
    report = load_laws(limit=laws, write=write)
    _progress(write, "政策文件和解读、规范性文件库、政府公报、惠民资金…")
    policies.load(leaf_columns, write=write)
    _progress(write, "开放接口（合作方、变更流）…")
    syndication.load()
    _progress(write, "依申请公开…")
    applications.load()
    _progress(write, "政府信息公开工作年度报告…")
    annual_report.load()
    _progress(write, "工作台账（任务、培训、政务新媒体）…")
    ledger.load()
    _progress(write, "政民互动留言…")
    participation.load()
    _progress(write, "重大决策预公开…")
    consultations.load(leaf_columns)
    _progress(write, "机构信息、回应关切…")
    portal.load(leaf_columns)
    return report
