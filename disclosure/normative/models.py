"""The normative-document database (规章和规范性文件数据库, "一网通查").

One page per version of a document: versions of one document are chained by ``supersedes``,
each version has its own URL, and the document's current version is the one nothing
supersedes. Laws and rules of other bodies are reference material (``issued_here`` false),
distinct from the bureau's own 行政规范性文件.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.models import Page
from wagtail.search import index

from disclosure.publishing.choices import Validity
from disclosure.publishing.models import DisclosureItemPage


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
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(document_panels + DisclosureItemPage.metadata_panels, heading=_("目录信息")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("规章和规范性文件")
        verbose_name_plural = _("规章和规范性文件")

    def clean(self):
        super().clean()
        if self.supersedes_id and self.pk and self.supersedes_id == self.pk:
            raise ValidationError({"supersedes": _("一个版本不能替代它自己。")})
        seen = {self.pk}
        current = self.supersedes
        while current is not None:
            if current.pk in seen:
                raise ValidationError({"supersedes": _("版本链形成了循环，请检查“所替代的版本”。")})
            seen.add(current.pk)
            current = current.supersedes

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
        """Every version of this document, oldest first."""
        first = self
        seen = {self.pk}
        while first.supersedes_id and first.supersedes_id not in seen:
            first = first.supersedes
            seen.add(first.pk)
        chain = [first]
        while True:
            newer = (
                NormativeDocumentPage.objects.filter(supersedes=chain[-1])
                .exclude(pk__in=[p.pk for p in chain])
                .first()
            )
            if newer is None:
                return chain
            chain.append(newer)

    def current_version(self):
        return self.versions()[-1]

    def body_html(self):
        """The Markdown body as simple HTML: ``##`` headings and one paragraph per line."""
        parts = []
        for line in self.body.splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                level = min(len(line) - len(line.lstrip("#")) + 1, 4)
                parts.append(f"<h{level}>{escape(line.lstrip('#').strip())}</h{level}>")
            else:
                parts.append(f"<p>{escape(line)}</p>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every piece is escaped above

    def metadata_rows(self):
        rows = super().metadata_rows()
        rows[4:4] = [
            (_("公布日期"), self.promulgated_on.isoformat() if self.promulgated_on else ""),
            (_("施行日期"), self.effective_on.isoformat() if self.effective_on else ""),
        ]
        return rows
