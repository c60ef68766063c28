"""Penalty notices (行政处罚信息公示, 总局令第45号) and the records around them: the decision
changes that withdraw them (第11条), correction requests (第12条) and applications for early end
of publicity (第14条). The rules are in :mod:`disclosure.enforcement.rules`."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from disclosure.catalogue.fields import ChoiceListField
from disclosure.credit.models import ListEntry
from disclosure.organisation.credit_code import validate_credit_code
from disclosure.publishing.api_fields import item_api_fields
from disclosure.publishing.fields import acting_user_field
from disclosure.publishing.models import (
    DisclosureItemForm,
    DisclosureItemPage,
    PortalPage,
    item_edit_handler,
)

from . import rules
from .choices import (
    DecisionChangeKind,
    PartyType,
    PenaltyKind,
    Procedure,
    PublicityPeriod,
    RequestStatus,
)
from .publicity_settings import PenaltyPublicitySettings  # noqa: F401  (a model of this app)


class AmountField(models.DecimalField):
    """A sum of money in yuan; its form field says in Chinese what is wrong."""

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.error_messages["invalid"] = _("%(field)s必须是数字。") % {"field": self.verbose_name}
        return field


class PenaltyNoticeForm(DisclosureItemForm):
    """Submitting or publishing a notice checks its summary as submitted (not the stored draft):
    the decision number and date are required then, warning-only and minors are refused."""

    def clean(self):
        # The base form judges ``self.instance`` (publication rules, personal-data checks), which
        # holds the stored draft until ``_post_clean``: give it the values as submitted, so that a
        # draft fixed in this form is not refused for what it was.
        construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        cleaned_data = super().clean()
        if self.asks_for_publication():
            candidate = SimpleNamespace(
                **{
                    name: cleaned_data.get(name, getattr(self.instance, name, None))
                    for name in SUMMARY_FIELDS
                }
            )
            for field, message in rules.publication_refusals(candidate).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
        return cleaned_data


SUMMARY_FIELDS = (
    "document_number",
    "decided_on",
    "party_type",
    "party_credit_code",
    "party_is_minor",
    "penalty_kinds",
    "fine_amount",
    "ban_months",
    "publicity_period",
    "procedure",
    "warning_publication_basis",
    "party_in_other_province",
    "pushed_on",
    "told_on",
)


class PenaltyNoticePage(DisclosureItemPage):
    """行政处罚信息公示: the summary (第4条) placed before the decision text (决定书)."""

    records_one_case = True

    #: The catalogue metadata and the attachments; the notice's own fields are shown on the
    #: portal, where the publicity period and the personal-data rules apply to them.
    api_fields = item_api_fields()

    party_type = models.CharField(
        _("当事人类型"), max_length=30, choices=PartyType.choices, default=PartyType.ORGANISATION
    )
    party_name = models.CharField(_("当事人名称（姓名）"), max_length=200)
    party_credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("自然人只公示姓名，不填写。"),
    )
    party_is_minor = models.BooleanField(
        _("当事人为未成年人"), default=False, help_text=_("涉及未成年人的处罚决定不予公示。")
    )
    party_registration_place = models.CharField(
        _("当事人登记地（住所地）"), max_length=200, blank=True
    )
    party_in_other_province = models.BooleanField(
        _("登记地（住所地）在外省（区、市）"),
        default=False,
        help_text=_(
            "总局令第45号第十条：应自决定之日起十个工作日内通过本省市场监管部门推送至当事人"
            "登记地（住所地）市场监管部门。"
        ),
    )
    pushed_on = models.DateField(
        _("推送日期"),
        null=True,
        blank=True,
        help_text=_("推送至登记地（住所地）市场监管部门的日期。"),
    )
    procedure = models.CharField(
        _("适用程序"),
        max_length=20,
        choices=Procedure.choices,
        default=Procedure.ORDINARY,
        help_text=_("总局令第45号第二条：仅公示适用普通程序作出的行政处罚决定。"),
    )
    warning_publication_basis = models.TextField(
        _("仅警告而公示的依据"),
        blank=True,
        help_text=_(
            "仅受到警告的不予公示，法律、行政法规另有规定的除外（总局令第45号第二条第二款）；"
            "须公示时写明该法律、行政法规的名称和条款。"
        ),
    )
    told_on = models.DateField(
        _("书面告知日期"),
        null=True,
        blank=True,
        help_text=_("总局令第45号第八条：送达行政处罚决定书时书面告知当事人处罚信息将向社会公示。"),
    )
    told_by = models.CharField(_("告知人"), max_length=100, blank=True)
    case_name = models.CharField(_("案件名称"), max_length=255, blank=True)
    violation_type = models.CharField(_("违法行为类型"), max_length=200)
    violation_facts = models.TextField(_("主要违法事实"), blank=True)
    penalty_kinds = ChoiceListField(_("处罚种类"), choices=PenaltyKind.choices)
    fine_amount = AmountField(
        _("罚款金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("罚款金额不能为负数。"))],
    )
    ban_months = models.PositiveIntegerField(
        _("限制期限（月）"),
        null=True,
        blank=True,
        help_text=_("限制开展生产经营活动或限制从业的期限。"),
    )
    penalty_content = models.TextField(_("处罚内容"))
    legal_basis = models.TextField(_("处罚依据"))
    deciding_authority = models.CharField(_("作出决定机关"), max_length=200)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("办案机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    #: 办案机构 is part of the summary the editor states (总局令第45号 第4条), not a default.
    department_from_column = False
    performance = models.CharField(_("履行方式和期限"), max_length=255, blank=True)
    publicity_period = models.CharField(
        _("公示期"),
        max_length=20,
        choices=PublicityPeriod.choices,
        blank=True,
        help_text=_("留空则按总局令第45号第十三条自动确定。"),
    )
    decision_text = RichTextField(_("行政处罚决定书"))

    search_fields = DisclosureItemPage.search_fields + [
        index.SearchField("party_name", boost=3),
        index.SearchField("violation_type"),
        index.SearchField("decision_text"),
        index.FilterField("decided_on"),
    ]

    summary_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("decided_on")]),
                FieldRowPanel(
                    [FieldPanel("procedure"), FieldPanel("told_on"), FieldPanel("told_by")]
                ),
                FieldRowPanel([FieldPanel("party_type"), FieldPanel("party_is_minor")]),
                FieldRowPanel([FieldPanel("party_name"), FieldPanel("party_credit_code")]),
                FieldRowPanel(
                    [
                        FieldPanel("party_registration_place"),
                        FieldPanel("party_in_other_province"),
                        FieldPanel("pushed_on"),
                    ]
                ),
                FieldPanel("case_name"),
                FieldPanel("violation_type"),
                FieldPanel("violation_facts"),
                FieldPanel("penalty_kinds"),
                FieldPanel("warning_publication_basis"),
                FieldRowPanel([FieldPanel("fine_amount"), FieldPanel("ban_months")]),
                FieldPanel("penalty_content"),
                FieldPanel("legal_basis"),
                FieldRowPanel([FieldPanel("deciding_authority"), FieldPanel("department")]),
                FieldRowPanel([FieldPanel("performance"), FieldPanel("publicity_period")]),
            ],
            heading=_("行政处罚信息摘要"),
        )
    ]
    content_panels = (
        Page.content_panels
        + summary_panels
        + [
            FieldPanel("decision_text"),
            FieldPanel("attachments"),
        ]
    )
    edit_handler = item_edit_handler(content_panels)
    base_form_class = PenaltyNoticeForm
    parent_page_types = ["enforcement.PenaltyListPage", "columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("行政处罚信息公示")
        verbose_name_plural = _("行政处罚信息公示")

    def clean(self):
        super().clean()
        self.party_credit_code = (self.party_credit_code or "").strip().upper()
        errors = rules.notice_errors(self)
        # A draft may be saved without the decision number and date (Wagtail defers required
        # fields on save); the publication gate refuses it then.
        for optional in ("document_number", "decided_on"):
            if not getattr(self, optional):
                errors.pop(optional, None)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.decided_on and not self.written_on:
            self.written_on = self.decided_on
        if not self.publisher and self.deciding_authority:
            self.publisher = self.deciding_authority
        return super().save(*args, **kwargs)

    # --- figures for lists and templates --------------------------------------------------

    @property
    def publication_due_on(self):
        return rules.publication_due_on(self.decided_on) if self.decided_on else None

    @property
    def publicity_ends_at(self):
        return rules.notice_publicity_ends_at(self)

    @property
    def publicity_ends_on(self):
        """公示期届满日 (第13条): the last day of publicity, which ends at its 24:00
        (:func:`~disclosure.enforcement.rules.publicity_ends_at`)."""
        ends_at = self.publicity_ends_at
        return rules.last_day_of(ends_at) if ends_at else None

    @property
    def effective_publicity_period(self):
        return rules.notice_publicity_period(self)

    def penalty_kind_labels(self):
        return [str(PenaltyKind(k).label) for k in self.penalty_kinds or [] if k in PenaltyKind]

    def summary_rows(self):
        """行政处罚信息摘要 (第4条), shown before the decision."""
        party = self.party_name
        if self.party_credit_code:
            party = gettext("%(party)s（统一社会信用代码：%(code)s）") % {
                "party": party,
                "code": self.party_credit_code,
            }
        fine = (
            gettext("%(amount)s 元") % {"amount": self.fine_display}
            if self.fine_amount is not None
            else ""
        )
        return [
            (_("行政处罚决定书文号"), self.document_number),
            (_("案件名称"), self.case_name),
            (_("当事人"), party),
            (_("违法行为类型"), self.violation_type),
            (_("主要违法事实"), self.violation_facts),
            (_("处罚种类"), "、".join(self.penalty_kind_labels())),
            (_("罚款金额"), fine),
            (_("处罚内容"), self.penalty_content),
            (_("处罚依据"), self.legal_basis),
            (_("作出决定机关"), self.deciding_authority),
            (_("决定日期"), self.decided_on.isoformat() if self.decided_on else ""),
            (_("履行方式和期限"), self.performance),
            (
                _("公示截止"),
                rules.last_day_of(self.expire_at).isoformat() if self.expire_at else "",
            ),
        ]

    @property
    def fine_display(self):
        """The fine as the notice writes it, with thousands separators: ``150,000.00``."""
        return f"{self.fine_amount:,.2f}" if self.fine_amount is not None else ""

    def as_record(self):
        """The machine-readable record of the public list (CSV and JSON export)."""
        published = timezone.localtime(self.first_published_at) if self.first_published_at else None
        return {
            "index_number": self.index_number or "",
            "decision_number": self.document_number,
            "party_name": self.party_name,
            "party_credit_code": self.party_credit_code,
            "party_type": self.party_type,
            "violation_type": self.violation_type,
            "penalty_kinds": list(self.penalty_kinds or []),
            "fine_amount": str(self.fine_amount) if self.fine_amount is not None else None,
            "penalty_content": self.penalty_content,
            "legal_basis": self.legal_basis,
            "deciding_authority": self.deciding_authority,
            "department": self.department.name if self.department_id else "",
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
            "performance": self.performance,
            "published_at": published.isoformat() if published else None,
            "publicity_ends_at": (
                timezone.localtime(self.expire_at).isoformat() if self.expire_at else None
            ),
            "url": self.full_url or "",
        }


class PenaltyListPage(RoutablePageMixin, PortalPage):
    """The public, filterable list of penalty notices with CSV and JSON export (routes
    ``export/csv/`` and ``export/json/`` below the page)."""

    intro = RichTextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = ["enforcement.PenaltyNoticePage"]

    class Meta:
        verbose_name = _("行政处罚公示列表")
        verbose_name_plural = _("行政处罚公示列表")

    def notices(self):
        return PenaltyNoticePage.objects.live().descendant_of(self.get_parent())

    @path("")
    def index_route(self, request):
        from .portal import list_view

        return list_view(self, request)

    @path("export/csv/")
    def export_csv(self, request):
        from .portal import export_csv

        return export_csv(self, request)

    @path("export/json/")
    def export_json(self, request):
        from .portal import export_json

        return export_json(self, request)


class DecisionChange(models.Model):
    """A published decision changed, revoked or found unlawful or void: the notice is withdrawn
    within 3 working days with a public reason (第11条)."""

    notice = models.ForeignKey(
        PenaltyNoticePage,
        verbose_name=_("处罚公示"),
        on_delete=models.PROTECT,
        related_name="decision_changes",
    )
    kind = models.CharField(_("情形"), max_length=20, choices=DecisionChangeKind.choices)
    occurred_on = models.DateField(_("变更、撤销或确认日期"))
    reason = models.TextField(_("撤回理由（公开）"))
    withdrawal_due_on = models.DateField(_("撤回期限"), editable=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    recorded_by = acting_user_field(_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("处罚决定变更撤回")
        verbose_name_plural = _("处罚决定变更撤回")
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"{self.notice.title} · {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.withdrawal_due_on = rules.withdrawal_due_on(self.occurred_on)
        super().save(*args, **kwargs)

    @property
    def withdrawn_in_time(self):
        if self.withdrawn_at is None:
            return None
        return timezone.localtime(self.withdrawn_at).date() <= self.withdrawal_due_on


class CorrectionRequest(models.Model):
    """A request to correct a published notice (第12条). Accepting it means publishing a corrected
    revision: the page's revisions keep the history, and the publicity period is not restarted."""

    notice = models.ForeignKey(
        PenaltyNoticePage,
        verbose_name=_("处罚公示"),
        on_delete=models.PROTECT,
        related_name="correction_requests",
    )
    requester = models.CharField(_("申请人"), max_length=200)
    received_on = models.DateField(_("收到日期"), default=timezone.localdate)
    inaccuracy = models.TextField(_("不准确的内容及证据"))
    status = models.CharField(
        _("处理状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    response = models.TextField(_("处理意见"), blank=True)
    handled_by = acting_user_field(_("处理人"))
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("更正申请")
        verbose_name_plural = _("更正申请")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.notice.title} · {self.requester}"


class EarlyEndApplication(models.Model):
    """An application for early end of publicity (第14条): the four conditions, the decision."""

    notice = models.ForeignKey(
        PenaltyNoticePage,
        verbose_name=_("处罚公示"),
        on_delete=models.PROTECT,
        related_name="early_end_applications",
    )
    applicant = models.CharField(_("申请人"), max_length=200)
    applied_on = models.DateField(_("申请日期"), default=timezone.localdate)
    obligations_fulfilled = models.BooleanField(_("已自觉履行处罚决定规定的义务"), default=False)
    harm_eliminated = models.BooleanField(_("已主动消除危害后果和不良影响"), default=False)
    no_repeat_violation = models.BooleanField(_("未因同一类违法行为再次受到处罚"), default=False)
    not_on_lists = models.BooleanField(
        _("未在经营异常名录和严重违法失信名单中"),
        default=False,
        editable=False,
        help_text=_(
            "处理时按统一社会信用代码核对两份名单的结果（总局令第45号第十四条第一款第四项）。"
        ),
    )
    status = models.CharField(
        _("处理状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    refusal_reason = models.TextField(_("不予同意的理由"), blank=True)
    decided_by = acting_user_field(_("处理人"))
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("提前停止公示申请")
        verbose_name_plural = _("提前停止公示申请")
        ordering = ["-applied_on", "-pk"]

    def __str__(self):
        return f"{self.notice.title} · {self.applicant}"

    def list_entries(self):
        """The party's current entries on the 经营异常名录 and the 严重违法失信名单, looked up by
        its 统一社会信用代码 (第14条第1款第四项)."""
        return ListEntry.objects.current().of_party(self.notice.specific.party_credit_code)

    def conditions(self):
        """The four conditions of 第14条第1款: the first three as declared and checked by staff,
        the fourth from the lists themselves."""
        conditions = {name: getattr(self, name) for name in rules.EARLY_END_CONDITIONS}
        conditions["not_on_lists"] = not self.list_entries().exists()
        return conditions
