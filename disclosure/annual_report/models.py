"""The annual report (政府信息公开工作年度报告, 条例 第49–50条) as an item of the 年报 column, and
the records its table 二 counts (:mod:`.records`).

Every revision stores the figures of tables 二–四 as computed from the records at that moment,
with the office's overrides applied (each with its reason, kept in the revision like the rest
of the page): the moderators approve the very figures that are published, and a later change
of the records does not change a published report until it is revised. The 勾稽 checks
(:mod:`.consistency`) refuse the publish (:mod:`.gate_rules`) and are shown while editing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from disclosure.organisation.models import organisation_for
from disclosure.printing import docx, pdf
from disclosure.publishing.api_fields import item_api_fields
from disclosure.publishing.models import DisclosureItemPage, item_edit_handler

from . import consistency, layout
from . import figures as f
from .choices import FormatVersion
from .panels import FiguresPanel
from .records import DecisionRecord, FeeRecord  # noqa: F401  (models of this app)


class AnnualReportPage(RoutablePageMixin, DisclosureItemPage):
    year = models.PositiveIntegerField(_("报告年度"))
    format_version = models.CharField(
        _("报告格式"), max_length=4, choices=FormatVersion.choices, default=FormatVersion.V2021
    )
    overview = RichTextField(_("一、总体情况"), blank=True)
    problems = RichTextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = RichTextField(_("六、其他需要报告的事项"), blank=True)
    figures = models.JSONField(_("表格数据"), default=dict, blank=True, editable=False)
    computed_figures = models.JSONField(
        _("按记录统计的数据"), default=dict, blank=True, editable=False
    )
    figures_computed_at = models.DateTimeField(
        _("数据统计时间"), null=True, blank=True, editable=False
    )

    api_fields = item_api_fields("year", "overview", "problems", "other_matters", "figures")
    search_fields = DisclosureItemPage.search_fields + [
        index.SearchField("overview"),
        index.SearchField("problems"),
        index.SearchField("other_matters"),
        index.FilterField("year"),
    ]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("format_version")]),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                FiguresPanel(),
                InlinePanel(
                    "overrides",
                    heading=_("人工调整的数据"),
                    label=_("调整"),
                    help_text=_(
                        "只有确有必要时才调整按记录统计的数据，并写明理由；保存后重新检查勾稽关系。"
                    ),
                ),
            ],
            heading=_("二至四、统计表"),
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
        FieldPanel("attachments"),
    ]
    edit_handler = item_edit_handler(content_panels)
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []
    template = "annual_report/annual_report_page.html"

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    def clean(self):
        super().clean()
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("报告年度不能晚于今年。")})
        others = AnnualReportPage.objects.filter(year=self.year).exclude(pk=self.pk)
        if self.year and others.exists():
            raise ValidationError(
                {"year": _("%(year)s 年的年度报告已经存在，请修改那一份。") % {"year": self.year}}
            )

    # --- figures --------------------------------------------------------------------------

    def refresh_figures(self):
        """Count the figures from the records now and apply the overrides."""
        computed = f.compute(self.year)
        self.computed_figures = f.to_json(computed)
        overrides = [(o.cell, o.value) for o in self.overrides.all()]
        self.figures = f.to_json(f.apply_overrides(computed, overrides))
        self.figures_computed_at = timezone.now()

    def save_revision(self, *args, **kwargs):
        if self.year:
            self.refresh_figures()
        return super().save_revision(*args, **kwargs)

    def values(self):
        """The figures to show: stored with the revision, or counted now for a page never saved."""
        if not self.figures and self.year:
            self.refresh_figures()
        return f.from_json(self.figures)

    def previous_figures(self):
        """Last year's published figures, or ``None``."""
        previous = AnnualReportPage.objects.live().filter(year=self.year - 1).first()
        return f.from_json(previous.figures) if previous and previous.figures else None

    def consistency_errors(self):
        if not self.figures:
            return [str(_("尚未统计表格数据：请先保存草稿。"))]
        return consistency.errors(f.from_json(self.figures), self.previous_figures())

    def overridden_cells(self):
        computed = f.from_json(self.computed_figures)
        return {
            key: computed.get(key)
            for key, value in f.from_json(self.figures).items()
            if computed.get(key) != value
        }

    # --- output ---------------------------------------------------------------------------

    def organisation_name(self):
        organisation = organisation_for(self)
        return (organisation.name if organisation else "") or ""

    def document(self):
        return layout.document(
            organisation_name=self.organisation_name(),
            year=self.year,
            values=self.values(),
            overview=self.overview,
            problems=self.problems,
            other=self.other_matters,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        values = self.values()
        context["report_tables"] = [
            (layout.section_title("proactive"), layout.table_two(values)),
            (layout.section_title("requests"), layout.table_three(values)),
            (layout.section_title("remedies"), layout.table_four(values)),
        ]
        context["section_titles"] = {code: layout.section_title(code) for code in layout.SECTIONS}
        return context

    @path("")
    def report(self, request):
        return self.render(request)

    @path("docx/")
    def report_docx(self, request):
        return _download(docx.render(self.document()), docx.CONTENT_TYPE, self.file_name("docx"))

    @path("pdf/")
    def report_pdf(self, request):
        return _download(pdf.render(self.document()), pdf.CONTENT_TYPE, self.file_name("pdf"))

    def file_name(self, extension):
        return f"annual-report-{self.year}.{extension}"


def _download(content, content_type, file_name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class FigureOverride(Orderable):
    """A figure of tables 二–四 set by the office instead of the count from the records, with
    the reason; kept in the report's revisions (who and when: the revision)."""

    page = ParentalKey(AnnualReportPage, related_name="overrides", on_delete=models.CASCADE)
    cell = models.CharField(_("数据项"), max_length=80, choices=f.cell_choices)
    value = models.DecimalField(_("调整后的数值"), max_digits=14, decimal_places=4)
    reason = models.TextField(_("调整理由"))

    panels = [FieldRowPanel([FieldPanel("cell"), FieldPanel("value")]), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("人工调整的数据")
        verbose_name_plural = _("人工调整的数据")

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("调整数据必须写明理由。")
        if self.value is not None and self.cell != f.t2("fees", "amount"):
            if self.value != self.value.to_integral_value():
                errors["value"] = _("件数必须是整数。")
        if self.value is not None and self.value < Decimal(0):
            errors["value"] = _("数值不能为负数。")
        if errors:
            raise ValidationError(errors)
