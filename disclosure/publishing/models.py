"""The base of every published item, with the catalogue metadata of ``domain.md``
("Proactive disclosure"), and the plain article page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from disclosure.departments.models import DepartmentKind
from disclosure.outbox.models import AppendOnlyModel
from disclosure.statements import ancestor_paths, fetch_rows, kept_statement
from disclosure.upstream.wagtail import page_from_db

from . import permissions, slugs
from .api_fields import item_api_fields
from .choices import DisclosureAttribute, Validity, WithholdingGround
from .index_numbers import allocate_index_number, organisation_credit_code
from .listing import LINK_COLUMNS, link_page
from .panels import TimelinessPanel
from .rules import check_publishable, publication_errors
from .validators import validate_document_number


class Topic(models.Model):
    """主题分类: a managed taxonomy of subjects for published items."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    code = models.SlugField(_("代码"), max_length=50, unique=True, allow_unicode=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class IndexNumberSequence(models.Model):
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18)
    year = models.PositiveSmallIntegerField(_("年份"))
    last_serial = models.PositiveIntegerField(_("已用流水号"), default=0)

    class Meta:
        verbose_name = _("索引号流水")
        verbose_name_plural = _("索引号流水")
        constraints = [
            models.UniqueConstraint(fields=["credit_code", "year"], name="unique_index_sequence")
        ]

    def __str__(self):
        return f"{self.credit_code}/{self.year}: {self.last_serial}"


@kept_statement(values=1)
def ancestors_statement(database, paths):
    """The link rows of the pages at ``paths`` (a page's ancestors' tree paths) below the
    tree's root, in tree order: what ``page.get_ancestors().filter(depth__gt=1)`` reads."""
    return (
        Page.objects.using(database)
        .filter(path__in=paths, depth__gt=1)
        .order_by("path")
        .values_list(*LINK_COLUMNS)
    )


@kept_statement(values=1)
def view_restrictions_statement(database, paths):
    """The ids of the view restrictions that apply to the pages at ``paths`` (a page's and its
    ancestors' tree paths): each page's own, or its original's for an alias, as Wagtail's
    ``Page.get_view_restrictions`` collects them."""
    checked = (
        Page.objects.using(database)
        .filter(path__in=paths)
        .annotate(checked=Coalesce("alias_of_id", "id"))
        .values("checked")
    )
    return (
        PageViewRestriction.objects.using(database)
        .filter(page_id__in=Subquery(checked))
        .values_list("pk")
    )


class PortalPage(Page):
    """Every page of the portal: publish and unpublish run in one transaction with what
    listens to them (the outbox event, the index number), so a failure leaves nothing half-done."""

    def permissions_for_user(self, user):
        """Wagtail's permission tester, narrowed to the columns the user's departments are
        responsible for (:mod:`disclosure.publishing.permissions`)."""
        return permissions.tester_for(user, self)

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Wagtail's rule, and the parent's own choice of the types it holds
        (``allows_subpage_type``; a column lists its item types)."""
        if not super().can_create_at(parent):
            return False
        allows = getattr(parent.specific, "allows_subpage_type", None)
        return allows is None or allows(cls)

    def publish(self, revision, *args, **kwargs):
        with transaction.atomic():
            return super().publish(revision, *args, **kwargs)

    def unpublish(self, *args, **kwargs):
        with transaction.atomic():
            return super().unpublish(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Django's, each page built by Django's constructor alone
        (:func:`disclosure.upstream.wagtail.page_from_db`): a list of items builds many."""
        return page_from_db(cls, db, field_names, values)

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors (an alias: its original's),
        found by a kept statement; a page under none, most of them, costs no second query."""
        if not self.path:
            return super().get_view_restrictions()
        database = PageViewRestriction.objects.db
        statement = view_restrictions_statement(database, ancestor_paths(self, inclusive=True))
        ids = [pk for (pk,) in fetch_rows(database, statement)]
        return PageViewRestriction.objects.filter(pk__in=ids)

    def breadcrumbs(self):
        """The pages above this one the breadcrumbs link (below the tree's root), in tree order,
        as pages made of the narrow rows a link needs."""
        paths = ancestor_paths(self)
        if not paths:
            return []
        database = Page.objects.db
        rows = fetch_rows(database, ancestors_statement(database, paths))
        return [link_page(database, row) for row in rows]

    def article_meta_tags(self):
        """The page's own meta tags (ArticleTitle, PubDate, …), after the site's and the
        column's (:func:`disclosure.columns.meta.meta_tags`)."""
        return []

    def item_departments(self):
        """The departments responsible for the items below this page, first the default
        责任科室 of a new item; none here: a column names its own."""
        return []


def default_department(parent):
    """The 责任科室 of a new item below ``parent``: the first department of the nearest page,
    ``parent`` itself or above it, that names departments for its items (a column), or
    ``None``."""
    if parent is None:
        return None
    for page in [parent.specific, *reversed(parent.get_ancestors().specific())]:
        departments = getattr(page, "item_departments", None)
        if departments is None:
            continue
        first = next(iter(departments()), None)
        if first is not None:
            return first
    return None


class DisclosureItemForm(WagtailAdminPageForm):
    """Runs the publication checks in the form when the editor presses publish, so the editor
    sees the reason next to the field instead of an error page.

    Submitting to the approval workflow (or approving from the edit page) counts as asking for
    publication too: the workflow's final approval publishes, and a refusal there would be an
    error page instead of a message."""

    PUBLISH_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new item's 责任科室 is proposed from its column (the editor may change it).
        if (
            "department" in self.fields
            and self.instance.department_from_column
            and not self.instance.pk
            and self.parent_page is not None
        ):
            department = default_department(self.parent_page)
            if department is not None:
                self.initial["department"] = self.initial.get("department") or department.pk

    def asks_for_publication(self):
        if any(self.data.get(action) for action in self.PUBLISH_ACTIONS):
            return True
        return bool(
            self.data.get("action-workflow-action")
            and self.data.get("workflow-action-name") == "approve"
        )

    def user_may_publish(self):
        """Whether the publish button publishes (for others it saves a draft)."""
        user = getattr(self, "for_user", None)
        if user is None:
            return True
        if self.instance.pk:
            return self.instance.permissions_for_user(user).can_publish()
        parent = getattr(self, "parent_page", None)
        return parent is None or parent.permissions_for_user(user).can_publish_subpage()

    def clean(self):
        cleaned_data = super().clean()
        if self.asks_for_publication():
            candidate = self.instance
            for name in ("disclosure_attribute", "written_on"):
                if name in cleaned_data:
                    setattr(candidate, name, cleaned_data[name])
            # The editor's publish button creates a revision nobody has reviewed.
            publish_button = bool(self.data.get("action-publish")) and self.user_may_publish()
            errors = publication_errors(candidate, unsaved_revision=publish_button)
            for field, message in errors.items():
                if field in self.fields:
                    self.add_error(field, message)
                else:
                    self.add_error(None, message)
        return cleaned_data


def catalogue_panels(with_department=True):
    """The 目录信息 panels of every item (``department`` left out for a type whose own panels
    show it, as the penalty notice's 办案机构)."""
    return [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("document_number")]),
                *([FieldPanel("department")] if with_department else []),
                FieldRowPanel([FieldPanel("written_on"), FieldPanel("published_at")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("validity")]),
                FieldRowPanel(
                    [FieldPanel("disclosure_attribute"), FieldPanel("withholding_ground")]
                ),
                FieldPanel("keywords"),
                FieldPanel("summary"),
                TimelinessPanel(),
            ],
            heading=_("目录信息"),
        ),
    ]


def _field_names(panels):
    for panel in panels:
        name = getattr(panel, "field_name", None)
        if name:
            yield name
        yield from _field_names(getattr(panel, "children", ()))


#: A department an item can be assigned to: a real unit, not a placeholder like 各业务科室.
ITEM_DEPARTMENT_KINDS = [
    kind for kind in DepartmentKind.values if kind != DepartmentKind.PLACEHOLDER
]


class DisclosureItemPage(PortalPage):
    """An item of the disclosure catalogue (条例 第12条; 目录系统实施指引)."""

    #: The record of one case or one period (a penalty decision): the site search ranks it
    #: below norms and interpretations when the query is a question (search.service).
    records_one_case = False

    index_number = models.CharField(
        _("索引号"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        db_index=True,
    )
    publisher = models.CharField(_("发布机构"), max_length=200, blank=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("责任科室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_active": True, "kind__in": ITEM_DEPARTMENT_KINDS},
        help_text=_("负责本条信息的科室；默认为所在栏目的第一个负责科室（公开工作考核据此统计）。"),
    )
    document_number = models.CharField(
        _("文号"), max_length=100, blank=True, validators=[validate_document_number], db_index=True
    )
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("发布日期"), null=True, blank=True, help_text=_("留空则在首次发布时自动填写")
    )
    topic = models.ForeignKey(
        "publishing.Topic",
        verbose_name=_("主题分类"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disclosure_attribute = models.CharField(
        _("公开属性"),
        max_length=20,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
    )
    withholding_ground = models.CharField(
        _("不公开依据"), max_length=40, choices=WithholdingGround.choices, blank=True
    )
    validity = models.CharField(
        _("有效性"), max_length=20, choices=Validity.choices, default=Validity.IN_FORCE
    )
    keywords = models.CharField(_("关键词"), max_length=255, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("附件")))], blank=True, verbose_name=_("附件")
    )

    base_form_class = DisclosureItemForm
    #: Whether ``department`` (责任科室) defaults to the column's first department; a type whose
    #: ``department`` means something the editor must state (a penalty's 办案机构) turns it off.
    department_from_column = True
    exclude_fields_in_copy = ["index_number", "published_at"]
    #: What an item's line in a list shows (``includes/item_list.html``; :mod:`.listing` reads
    #: only these): its title and link, 文号 and date.
    listing_fields = (
        "id",
        "title",
        "url_path",
        "path",
        "depth",
        "content_type",
        "locale",
        "live",
        "first_published_at",
        "document_number",
        "published_at",
    )

    search_fields = Page.search_fields + [
        index.SearchField("document_number", boost=5),
        index.SearchField("publisher"),
        index.SearchField("summary"),
        index.SearchField("keywords", boost=2),
        index.FilterField("validity"),
        index.FilterField("published_at"),
        index.FilterField("index_number"),
    ]

    metadata_panels = catalogue_panels()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.disclosure_attribute == DisclosureAttribute.WITHHELD
            and not self.withholding_ground
        ):
            errors["withholding_ground"] = _(
                "不予公开的信息必须选择不公开依据（条例第十四至十六条）。"
            )
        if self.disclosure_attribute == DisclosureAttribute.PROACTIVE and self.withholding_ground:
            errors["withholding_ground"] = _("主动公开的信息不应填写不公开依据。")
        if errors:
            raise ValidationError(errors)

    def full_clean(self, *args, **kwargs):
        # A new item titled in Chinese gets a short ASCII slug (:mod:`.slugs`); a draft is
        # checked by ``minimal_clean`` instead.
        if slugs.needs_short_slug(self):
            self.slug = slugs.short_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        if slugs.needs_short_slug(self):
            self.slug = slugs.short_slug()
        super().minimal_clean()

    def holds_own_information(self) -> bool:
        """Whether the item is information the bureau itself forms or holds as its own (条例
        第2条), which carries the bureau's 索引号, counts in its disclosure and has the 第26条
        due date. Page types that also hold reference material of other bodies (the laws and
        rules of the normative-document database) override it."""
        return True

    def with_content_json(self, content):
        """The index number and the first publication date belong to the item, not to a
        revision: a revision saved before the first publish must not clear them."""
        obj = super().with_content_json(content)
        obj.index_number = self.index_number
        if self.published_at and not obj.published_at:
            obj.published_at = self.published_at
        return obj

    def publish(self, revision, *args, **kwargs):
        check_publishable(revision.as_object(), revision)
        return super().publish(revision, *args, **kwargs)

    def copy(self, *args, **kwargs):
        """A copy is a new item that goes through the workflow: never copied live."""
        kwargs["keep_live"] = False
        return super().copy(*args, **kwargs)

    def save(self, *args, **kwargs):
        if (
            self.department_from_column
            and self.department_id is None
            and self.path
            and self.depth
            and self.depth > 1
        ):
            self.department = default_department(self.get_parent())
            if self.department is not None and kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = set(kwargs["update_fields"]) | {"department"}
        if not self.index_number and self.live and not self.holds_own_information():
            if not self.published_at:
                self.published_at = timezone.now()
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = set(kwargs["update_fields"]) | {"published_at"}
            return super().save(*args, **kwargs)
        if self.live and not self.index_number:
            with transaction.atomic():
                self.index_number = allocate_index_number(organisation_credit_code(self))
                if not self.published_at:
                    self.published_at = timezone.now()
                if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                    kwargs["update_fields"] = set(kwargs["update_fields"]) | {
                        "index_number",
                        "published_at",
                    }
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def article_meta_tags(self):
        published = timezone.localtime(
            self.published_at or self.first_published_at or timezone.now()
        )
        tags = [
            ("ArticleTitle", self.title),
            ("PubDate", published.strftime("%Y-%m-%d %H:%M")),
            ("ContentSource", self.publisher),
            ("Keywords", self.keywords),
            ("Description", self.summary or self.search_description),
            ("Url", self.full_url or ""),
        ]
        return [(name, content) for name, content in tags if content]

    def listing_status(self):
        """What an item's line in a list shows beside its title and date: nothing here (a
        consultation shows its status). Defined on every item, so a list does not look up a
        missing attribute (a failed lookup costs Django's templates a ``dir()`` of the page)."""
        return None

    def metadata_rows(self):
        """The metadata table shown above every item (索引号, 发布机构, …)."""
        published = timezone.localtime(self.published_at) if self.published_at else None
        return [
            (_("索引号"), self.index_number or ""),
            (_("发布机构"), self.publisher),
            (_("文号"), self.document_number),
            (_("成文日期"), self.written_on.isoformat() if self.written_on else ""),
            (_("发布日期"), published.strftime("%Y-%m-%d %H:%M") if published else ""),
            (_("主题分类"), str(self.topic) if self.topic else ""),
            (_("公开方式"), self.get_disclosure_attribute_display()),
            (_("有效性"), self.get_validity_display()),
            (_("关键词"), self.keywords),
            (_("内容概述"), self.summary),
        ]


def item_edit_handler(content_panels, metadata_panels=()):
    """The editor's tabs of a published item: content, the catalogue metadata (after the page
    type's own ``metadata_panels``), promotion and settings."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(
                list(metadata_panels)
                + catalogue_panels(
                    "department" not in set(_field_names([*content_panels, *metadata_panels]))
                ),
                heading=_("目录信息"),
            ),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )


class ArticlePage(DisclosureItemPage):
    """A plain published item (通知公告, 工作动态, 机构信息, …)."""

    body = RichTextField(_("正文"), blank=True)

    api_fields = item_api_fields("body")

    search_fields = DisclosureItemPage.search_fields + [index.SearchField("body")]

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("attachments")]
    edit_handler = item_edit_handler(content_panels)
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("信息（文章）")
        verbose_name_plural = _("信息（文章）")


class Withdrawal(AppendOnlyModel):
    """撤回: a published item taken off the portal with a (public) reason, never deleted
    (总局令第45号 第11条). Written by :func:`disclosure.publishing.withdrawal.withdraw`; the old
    URL then answers 410 with the public notice."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.PROTECT,
        related_name="withdrawals",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("撤回时的发布版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("撤回理由"))
    public_reason = models.BooleanField(
        _("公开撤回理由"), default=True, help_text=_("在原网址公示撤回理由（总局令第45号第十一条）")
    )
    title = models.CharField(_("标题"), max_length=255)
    index_number = models.CharField(_("索引号"), max_length=64, blank=True)
    public_path = models.CharField(_("原网址路径"), max_length=255, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), default=timezone.now, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("撤回记录")
        verbose_name_plural = _("撤回记录")
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self):
        return f"{self.title}（{timezone.localtime(self.withdrawn_at):%Y-%m-%d}）"
