"""The normative-document database (规章和规范性文件数据库, "一网通查").

One page per version of a document: versions of one document are chained by ``supersedes``,
each version has its own URL, and the document's current version is the one nothing
supersedes. Laws and rules of other bodies are reference material (``issued_here`` false),
distinct from the bureau's own 行政规范性文件.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from disclosure.publishing import markdown_body
from disclosure.publishing.api_fields import item_api_fields
from disclosure.publishing.choices import Validity
from disclosure.publishing.listing import LINK_COLUMNS, LINK_FIELDS, link_page
from disclosure.publishing.models import DisclosureItemPage, PortalPage, item_edit_handler
from disclosure.statements import fetch_rows, first_instance, kept_statement

from . import validity as validity_rules

#: What the version history shows of each version (a link, its date, 有效性, whether it is live)
#: and what walking the chain needs.
VERSION_FIELDS = (*LINK_FIELDS, "live", "version_date", "validity", "supersedes")


class NormativeDocumentPage(DisclosureItemPage):
    legal_category = models.CharField(
        _("法规类别"),
        max_length=50,
        blank=True,
        help_text=_("如：行政法规、部门规章、地方性法规、规范性文件"),
    )
    region = models.CharField(_("地域"), max_length=50, blank=True)
    promulgated_on = models.DateField(_("公布日期"), null=True, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    issued_here = models.BooleanField(
        _("本机关制发"), default=False, help_text=_("不勾选则为参考法规（其他机关制定）")
    )
    version_date = models.DateField(
        _("版本日期"), null=True, blank=True, help_text=_("本版本通过、修订或修正的日期")
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("所替代的版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )
    history_lines = models.TextField(_("制定和修订沿革"), blank=True, help_text=_("每行一条"))
    body = models.TextField(
        _("正文"), blank=True, help_text=_("Markdown：以“## ”开头的行为章节标题")
    )
    corpus_id = models.CharField(
        _("法规库编号"), max_length=32, unique=True, null=True, blank=True, editable=False
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Where each article lies in the body (markdown_body.ArticleIndex), written on every save:
    # the search shows a result's answering article without reading the law again.
    article_index = models.JSONField(default=dict, blank=True, editable=False)

    api_fields = item_api_fields(
        "legal_category",
        "region",
        "promulgated_on",
        "effective_on",
        "issued_here",
        "version_date",
        "supersedes",
        "history_lines",
        "body",
    )

    search_fields = DisclosureItemPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("history_lines"),
        index.FilterField("legal_category"),
        index.FilterField("issued_here"),
        index.FilterField("effective_on"),
    ]

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("attachments")]
    document_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("legal_category"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("promulgated_on"), FieldPanel("effective_on")]),
                FieldRowPanel([FieldPanel("version_date"), FieldPanel("issued_here")]),
                PageChooserPanel("supersedes", "normative.NormativeDocumentPage"),
                FieldPanel("history_lines"),
            ],
            heading=_("法规信息"),
        )
    ]
    edit_handler = item_edit_handler(content_panels, document_panels)
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("规章和规范性文件")
        verbose_name_plural = _("规章和规范性文件")

    def holds_own_information(self):
        """Only the bureau's own documents (``issued_here``); laws and rules of other bodies are
        reference material: no 索引号 of the bureau, no 第26条 due date, in no count of the
        bureau's disclosure."""
        return self.issued_here

    def clean(self):
        super().clean()
        errors = self.supersedes_errors()
        if errors:
            raise ValidationError(errors)

    def supersedes_errors(self):
        """A version cannot supersede itself, nor close a cycle of versions (the chain is
        read as stored, i.e. as the live versions link)."""
        if self.supersedes_id and self.pk and self.supersedes_id == self.pk:
            return {"supersedes": _("一个版本不能替代它自己。")}
        seen = {self.pk}
        current = self.supersedes
        while current is not None:
            if current.pk in seen:
                return {"supersedes": _("版本链形成了循环，请检查“所替代的版本”。")}
            seen.add(current.pk)
            current = current.supersedes
        return {}

    @staticmethod
    def derive_validity(effective_on, superseded, today=None):
        """有效性 from dates and relations: a newer version makes this one 已修改; a future
        施行日期 makes it 尚未生效; otherwise 有效. 失效/废止 are set by hand."""
        today = today or timezone.localdate()
        if superseded:
            return Validity.AMENDED
        if effective_on and effective_on > today:
            return Validity.NOT_YET_IN_FORCE
        return Validity.IN_FORCE

    def versions(self):
        """Every version of this document, oldest first, each read as the narrow row the
        version history needs (:data:`VERSION_FIELDS`; not the versions' texts)."""
        database = NormativeDocumentPage.objects.db
        first = self
        seen = {self.pk}
        while first.supersedes_id and first.supersedes_id not in seen:
            older = _first_version(version_statement(database, first.supersedes_id), database)
            if older is None:
                break
            first = older
            seen.add(first.pk)
        chain = [first]
        while True:
            chain_ids = tuple(version.pk for version in chain)
            statement = successor_statement(database, chain[-1].pk, chain_ids)
            newer = _first_version(statement, database)
            if newer is None:
                return chain
            chain.append(newer)

    def live_versions(self, chain=None):
        """The versions the public can read, oldest first: a draft of a newer version (or a
        withdrawn one) is not yet a version of the law on the portal. ``chain``: the
        :meth:`versions`, when already read."""
        return [version for version in chain or self.versions() if version.live]

    def current_version(self, chain=None):
        """The newest live version (this page when none of the chain is live)."""
        live = self.live_versions(chain)
        return live[-1] if live else self

    def body_html(self):
        """The Markdown body as simple HTML (see :mod:`disclosure.publishing.markdown_body`)."""
        return markdown_body.to_html(self.body)

    def metadata_rows(self):
        rows = super().metadata_rows()
        rows[4:4] = [
            (_("公布日期"), self.promulgated_on.isoformat() if self.promulgated_on else ""),
            (_("施行日期"), self.effective_on.isoformat() if self.effective_on else ""),
        ]
        return rows

    def get_latest_revision_as_object(self):
        """The latest revision, with the stored 有效性 when that changed after the revision
        was saved (a date came, a newer version or a cleanup decision): the editor's form and
        a re-import start from the current value instead of setting back an older one."""
        obj = super().get_latest_revision_as_object()
        revision = self.latest_revision
        if revision is not None and self.pk and obj.validity != self.validity:
            changed_at = (
                self.validity_log.order_by("-changed_at")
                .values_list("changed_at", flat=True)
                .first()
            )
            if changed_at and changed_at > revision.created_at:
                obj.validity = self.validity
        return obj

    def publish(self, revision, *args, **kwargs):
        """A changed 有效性 of a live document is logged (the revision keeps the rest)."""
        before = (
            NormativeDocumentPage.objects.filter(pk=self.pk, live=True)
            .values_list("validity", flat=True)
            .first()
        )
        result = super().publish(revision, *args, **kwargs)
        after = NormativeDocumentPage.objects.filter(pk=self.pk).values_list("validity", flat=True)
        after = after.first()
        if before and after and before != after:
            user = kwargs.get("user")
            ValidityChange.objects.create(
                document_id=self.pk,
                old_validity=before,
                new_validity=after,
                source=ValidityChange.Source.HAND if user else ValidityChange.Source.DERIVED,
                reason=_("编辑修改") if user else _("程序更新（导入）"),
                changed_by=user,
            )
        return result

    def newer_version(self, chain=()):
        """The live version that supersedes this one: a draft does not replace it yet. The
        ``chain`` of :meth:`versions`, when already read, answers without a query when the
        version after this one is live, or when this one ends the chain (nothing supersedes it:
        the chain was read to its end)."""
        if chain and chain[-1].pk == self.pk:
            return None
        following = next((v for v in chain if v.supersedes_id == self.pk), None)
        if following is not None and following.live:
            return following
        return (
            NormativeDocumentPage.objects.live()
            .filter(supersedes=self)
            .only(*VERSION_FIELDS)
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        """The version chain read once for the page: its live versions, the current one and
        the version that supersedes this one."""
        context = super().get_context(request, *args, **kwargs)
        chain = self.versions()
        context["versions"] = self.live_versions(chain)
        context["current"] = self.current_version(chain)
        context["newer"] = self.newer_version(chain)
        context["superseded"] = next(
            (v for v in chain if v.pk == self.supersedes_id and v.live), None
        )
        return context

    def live_interpretations(self):
        """The live interpretations of this document (``InterpretationPage.policy``, related
        name ``interpretations``), each read as a link and its kind."""
        model = self.interpretations.model
        database = model.objects.db
        sql, params = interpretations_statement(database, self.pk)
        return list(model.objects.db_manager(database).raw(sql, params))

    def live_citing_policies(self):
        """The live policies that cite this document (``PolicyCitation.document``, related name
        ``citations``), in tree order, as pages made of the narrow rows a link needs."""
        database = self.citations.model.objects.db
        rows = fetch_rows(database, citing_policies_statement(database, self.pk))
        policies = {row[0]: link_page(database, row) for row in rows}
        return sorted(policies.values(), key=lambda policy: policy.path)

    def validity_changes(self):
        return self.validity_log.select_related("changed_by").order_by("-changed_at", "-pk")


@kept_statement(values=1)
def version_statement(database, pk):
    """The version ``pk`` as the version history reads it (:data:`VERSION_FIELDS`)."""
    return (
        NormativeDocumentPage.objects.using(database)
        .only(*VERSION_FIELDS)
        .filter(pk=pk)
        .order_by("pk")[:1]
    )


@kept_statement(values=2)
def successor_statement(database, pk, chain_ids):
    """The first version (by id) that supersedes ``pk`` and is not one of ``chain_ids``."""
    return (
        NormativeDocumentPage.objects.using(database)
        .only(*VERSION_FIELDS)
        .filter(supersedes=pk)
        .exclude(pk__in=chain_ids)
        .order_by("pk")[:1]
    )


def _first_version(statement, database):
    return first_instance(NormativeDocumentPage, database, statement)


@kept_statement(values=1)
def interpretations_statement(database, pk):
    """The live interpretations of the document ``pk`` by id, each a link and its kind."""
    relation = NormativeDocumentPage.interpretations.field  # InterpretationPage.policy
    return (
        relation.model.objects.using(database)
        .live()
        .filter(**{relation.name: pk})
        .order_by("pk")
        .only(*LINK_FIELDS, "kind")
    )


@kept_statement(values=1)
def citing_policies_statement(database, pk):
    """The link rows (:data:`LINK_COLUMNS`) of the live policies citing the document ``pk``."""
    relation = NormativeDocumentPage.citations.field  # PolicyCitation.document
    return (
        relation.model.objects.using(database)
        .filter(**{relation.name: pk, "policy__live": True})
        .values_list(*(f"policy__{column}" for column in LINK_COLUMNS))
    )


def index_articles(sender, instance, **kwargs):
    """Before a document is saved (the bulk importer's raw saves too): where its articles lie
    in its body."""
    instance.article_index = markdown_body.ArticleIndex.of(instance.body).stored()


@register_setting(icon="date")
class NormativeSettings(BaseGenericSetting):
    """The review term of the bureau's own normative documents *(practice: 5 years)*."""

    review_term_years = models.PositiveSmallIntegerField(
        _("有效期（年）"), default=5, help_text=_("本机关行政规范性文件自施行之日起的有效期限")
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("提前提醒（天）"), default=180, help_text=_("有效期届满前多少天提醒清理评估")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("规范性文件清理设置")

    def clean(self):
        super().clean()
        if not self.review_term_years:
            raise ValidationError({"review_term_years": _("有效期至少为 1 年。")})


class ValidityChange(models.Model):
    """A change of 有效性 made outside the page editor (derived from dates and relations, or a
    cleanup decision). Append-only: the editor's own changes are in the page's revisions."""

    class Source(models.TextChoices):
        DERIVED = "derived", _("按日期和版本自动判定")
        CLEANUP = "cleanup", _("清理决定")
        HAND = "hand", _("人工设置")

    document = models.ForeignKey(
        NormativeDocumentPage,
        verbose_name=_("文件"),
        on_delete=models.CASCADE,
        related_name="validity_log",
    )
    old_validity = models.CharField(_("原有效性"), max_length=20, choices=Validity.choices)
    new_validity = models.CharField(_("新有效性"), max_length=20, choices=Validity.choices)
    source = models.CharField(_("依据"), max_length=20, choices=Source.choices)
    reason = models.CharField(_("说明"), max_length=255, blank=True)
    changed_at = models.DateTimeField(_("变更时间"), default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("有效性变更记录")
        verbose_name_plural = _("有效性变更记录")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.document.title}：{self.get_old_validity_display()} → {self.get_new_validity_display()}"


class CleanupDecisionForm(WagtailAdminModelForm):
    """Offers only the bureau's own documents that no newer version replaced."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "document" in self.fields:
            self.fields["document"].queryset = (
                NormativeDocumentPage.objects.filter(issued_here=True)
                .exclude(pk__in=validity_rules.live_superseded())
                .order_by("title")
            )


class CleanupDecision(models.Model):
    """The outcome of a cleanup (清理) of one of the bureau's own normative documents: 继续有效,
    废止 or 失效, published in the cleanup list. Laws of other bodies are not the bureau's to
    clean up and are refused."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("继续有效")
        REPEAL = "repeal", _("废止")
        EXPIRE = "expire", _("失效")

    VALIDITY = {
        Outcome.CONTINUE: Validity.IN_FORCE,
        Outcome.REPEAL: Validity.REPEALED,
        Outcome.EXPIRE: Validity.EXPIRED,
    }

    document = models.ForeignKey(
        NormativeDocumentPage,
        verbose_name=_("规范性文件"),
        on_delete=models.PROTECT,
        related_name="cleanup_decisions",
    )
    cleanup_year = models.PositiveSmallIntegerField(_("清理年度"))
    outcome = models.CharField(_("清理结果"), max_length=20, choices=Outcome.choices)
    decided_on = models.DateField(_("决定日期"))
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    history = HistoricalRecords()
    base_form_class = CleanupDecisionForm

    class Meta:
        verbose_name = _("规范性文件清理结果")
        verbose_name_plural = _("规范性文件清理结果")
        ordering = ["-cleanup_year", "outcome", "document__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "cleanup_year"],
                name="one_cleanup_decision_per_year",
                violation_error_message=_("该文件在本清理年度已有清理结果，请修改原记录。"),
            )
        ]

    def __str__(self):
        return f"{self.cleanup_year} {self.document.title}：{self.get_outcome_display()}"

    def clean(self):
        super().clean()
        errors = {}
        document = self.document if self.document_id else None
        if document is not None and not document.issued_here:
            errors["document"] = _(
                "“%(title)s”是其他机关制定的参考法规，不属于本机关规范性文件清理范围。"
            ) % {"title": document.title}
        if document is not None and document.newer_version() is not None:
            errors["document"] = _("“%(title)s”已有新版本，请对现行版本作出清理决定。") % {
                "title": document.title
            }
        if self.decided_on and self.cleanup_year and self.decided_on.year < self.cleanup_year:
            errors["decided_on"] = _("决定日期早于清理年度。")
        if self.decided_on and self.decided_on > timezone.localdate():
            errors["decided_on"] = _("决定日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.apply()

    def apply(self, user=None):
        validity_rules.set_by_hand(
            self.document,
            self.VALIDITY[self.outcome],
            ValidityChange.Source.CLEANUP,
            reason=gettext("%(year)s年清理：%(outcome)s")
            % {"year": self.cleanup_year, "outcome": self.get_outcome_display()},
            user=user,
        )


def _choices(values):
    return [(v, v) for v in values if v]


class NormativeDatabasePage(PortalPage):
    """The normative-document database on the portal (规章和规范性文件数据库, "一网通查"): a
    filterable list of documents with full-text search through :mod:`search.service`."""

    intro = RichTextField(_("说明"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["columns.ColumnPage", "home.HomePage"]
    subpage_types = []
    per_page = 20

    class Meta:
        verbose_name = _("规章和规范性文件数据库页面")
        verbose_name_plural = _("规章和规范性文件数据库页面")

    def get_context(self, request, *args, **kwargs):
        from .portal import database_context

        context = super().get_context(request, *args, **kwargs)
        context.update(database_context(request, self.per_page))
        return context


class CleanupListPage(PortalPage):
    """The published cleanup list of the bureau's own normative documents (清理结果：继续有效 /
    废止 / 失效) for one cleanup year; laws of other bodies are not counted."""

    intro = RichTextField(_("说明"), blank=True)
    cleanup_year = models.PositiveSmallIntegerField(
        _("清理年度"), null=True, blank=True, help_text=_("留空则显示最近一次清理")
    )

    content_panels = PortalPage.content_panels + [FieldPanel("cleanup_year"), FieldPanel("intro")]
    parent_page_types = ["columns.ColumnPage", "home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("规范性文件清理结果页面")
        verbose_name_plural = _("规范性文件清理结果页面")

    def year(self):
        if self.cleanup_year:
            return self.cleanup_year
        return (
            CleanupDecision.objects.order_by("-cleanup_year")
            .values_list("cleanup_year", flat=True)
            .first()
        )

    def decisions(self):
        return (
            CleanupDecision.objects.filter(
                cleanup_year=self.year(), document__issued_here=True, document__live=True
            )
            .select_related("document")
            .order_by("document__promulgated_on", "document__title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        decisions = list(self.decisions())
        groups = []
        for outcome in CleanupDecision.Outcome:
            rows = [d for d in decisions if d.outcome == outcome]
            groups.append((outcome.label, rows))
        context.update({"year": self.year(), "groups": groups, "total": len(decisions)})
        return context
