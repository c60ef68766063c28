"""The government gazette (政府公报): issues by year and number, each with its classified
articles and the PDF of the issue where one exists, and an archive browsable by year and
searchable (seed plan 三(二): "政府公报历史资料数据库…应收尽收…科学合理分类")."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from disclosure.publishing import markdown_body
from disclosure.publishing.models import PortalPage


class ArticleClassification(models.TextChoices):
    """栏目分类 of a gazette article *(practice of city gazettes)*."""

    REGULATION = "regulation", _("地方性法规")
    RULE = "rule", _("政府规章")
    NORMATIVE = "normative", _("规范性文件")
    GOVERNMENT_DOCUMENT = "government_document", _("政府文件")
    DEPARTMENT_DOCUMENT = "department_document", _("部门文件")
    PERSONNEL = "personnel", _("人事任免")
    OTHER = "other", _("其他")


class GazetteArchivePage(PortalPage):
    """The gazette archive: every issue, by year, searchable."""

    intro = RichTextField(_("说明"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["columns.ColumnPage", "home.HomePage"]
    subpage_types = ["gazette.GazetteIssuePage"]

    class Meta:
        verbose_name = _("政府公报栏目")
        verbose_name_plural = _("政府公报栏目")

    def issues(self):
        return GazetteIssuePage.objects.child_of(self).live().order_by("-year", "-number")

    def missing_numbers(self):
        """{year: [issue numbers missing below the highest one]}: what the archive still
        lacks to be complete (应收尽收)."""
        numbers = {}
        for year, number in self.issues().values_list("year", "number"):
            numbers.setdefault(year, set()).add(number)
        return {
            year: sorted(set(range(1, max(found) + 1)) - found)
            for year, found in sorted(numbers.items(), reverse=True)
            if len(found) < max(found)
        }

    def get_context(self, request, *args, **kwargs):
        from .archive import archive_context

        context = super().get_context(request, *args, **kwargs)
        context.update(archive_context(self, request))
        return context


class GazetteIssuePage(PortalPage):
    """One issue (期) of the gazette; its number is unique within its year."""

    year = models.PositiveSmallIntegerField(_("年份"))
    number = models.PositiveSmallIntegerField(_("期号"), help_text=_("本年度第几期"))
    total_number = models.PositiveIntegerField(_("总期号"), null=True, blank=True)
    published_on = models.DateField(_("出版日期"), null=True, blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF 版"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = PortalPage.search_fields + [
        index.SearchField("articles_text"),
        index.FilterField("year"),
    ]
    content_panels = PortalPage.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("number"), FieldPanel("total_number")]),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("pdf")]),
        InlinePanel("articles", heading=_("目录（文章）"), label=_("文章")),
    ]
    parent_page_types = ["gazette.GazetteArchivePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政府公报（期）")
        verbose_name_plural = _("政府公报（期）")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="gazette_issue_number_unique_in_year",
                violation_error_message=_("同一年度的公报期号不能重复。"),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.number is not None and self.number < 1:
            errors["number"] = _("期号从 1 开始。")
        if self.year and self.number:
            taken = GazetteIssuePage.objects.filter(year=self.year, number=self.number).exclude(
                pk=self.pk
            )
            other = taken.first()
            if other is not None:
                errors["number"] = _(
                    "%(year)s 年第 %(number)s 期已存在（“%(title)s”），同一年度的公报期号不能重复。"
                ) % {"year": self.year, "number": self.number, "title": other.title}
        if self.published_on and self.year and self.published_on.year != self.year:
            errors["published_on"] = _("出版日期 %(date)s 不在 %(year)s 年内。") % {
                "date": self.published_on.isoformat(),
                "year": self.year,
            }
        if errors:
            raise ValidationError(errors)

    def articles_text(self):
        """What the search index holds of the articles (titles, numbers, bodies)."""
        return "\n".join(
            " ".join(filter(None, [a.title, a.document_number, a.publisher, a.body]))
            for a in self.articles.all()
        )

    def articles_by_classification(self):
        groups = {}
        for article in self.articles.all():
            groups.setdefault(article.get_classification_display(), []).append(article)
        return list(groups.items())


class GazetteArticle(Orderable):
    """An article of an issue, classified; optionally the portal page it reprints."""

    issue = ParentalKey(GazetteIssuePage, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(_("标题"), max_length=255)
    classification = models.CharField(
        _("分类"), max_length=30, choices=ArticleClassification.choices
    )
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    publisher = models.CharField(_("发布机构"), max_length=200, blank=True)
    body = models.TextField(_("正文"), blank=True)
    source_page = models.ForeignKey(
        Page,
        verbose_name=_("对应的网站信息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("classification")]),
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("publisher")]),
        FieldPanel("body"),
        PageChooserPanel("source_page"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("公报文章")
        verbose_name_plural = _("公报文章")

    def __str__(self):
        return self.title

    def body_html(self):
        """The body as simple HTML: a law reprinted from the corpus keeps its headings and
        paragraphs (see :mod:`disclosure.publishing.markdown_body`)."""
        return markdown_body.to_html(self.body)
