"""Policy documents (政策文件) and their interpretations (政策解读), linked both ways: an
interpretation names the policy it explains, a policy lists its interpretations and the
normative documents it cites. The rules are in :mod:`disclosure.policies.rules`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from disclosure.publishing.api_fields import item_api_fields
from disclosure.publishing.models import DisclosureItemForm, DisclosureItemPage, item_edit_handler

from . import rules
from .choices import InterpretationKind


class PolicyDocumentPage(DisclosureItemPage):
    """A policy document (政策文件, 条例 第20条第（一）项) published by the bureau."""

    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    body = RichTextField(_("正文"), blank=True)

    api_fields = item_api_fields("body")

    search_fields = DisclosureItemPage.search_fields + [index.SearchField("body")]

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("attachments")]
    policy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("effective_on"),
                InlinePanel("citations", heading=_("引用的法规和规范性文件"), label=_("引用")),
            ],
            heading=_("政策信息"),
        )
    ]
    edit_handler = item_edit_handler(content_panels, policy_panels)
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def live_interpretations(self):
        return InterpretationPage.objects.live().filter(policy_id=self.pk).order_by("pk")

    def live_concern_responses(self):
        """The live responses to public concerns (回应关切) that explain this policy."""
        return ConcernResponsePage.objects.live().filter(policy_links__policy=self).order_by("pk")

    def cited_documents(self):
        """The live normative documents this policy cites, in the editor's order."""
        citations = self.citations.filter(document__live=True).select_related("document")
        return [citation.document for citation in citations]

    def requires_interpretation(self):
        return rules.calls_for_interpretation(rules.catalogue_items_of(self))

    def metadata_rows(self):
        rows = super().metadata_rows()
        rows.insert(4, (_("施行日期"), self.effective_on.isoformat() if self.effective_on else ""))
        return rows


class PolicyCitation(Orderable):
    """A normative document (law, rule, normative document) a policy cites."""

    policy = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="citations")
    document = models.ForeignKey(
        "normative.NormativeDocumentPage",
        verbose_name=_("法规或规范性文件"),
        on_delete=models.CASCADE,
        related_name="citations",
    )

    panels = [PageChooserPanel("document", "normative.NormativeDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("引用的法规和规范性文件")
        verbose_name_plural = _("引用的法规和规范性文件")


class InterpretationForm(DisclosureItemForm):
    def clean(self):
        # The publication gate reads the instance, which the form fills only after clean().
        if "policy" in self.cleaned_data:
            self.instance.policy = self.cleaned_data["policy"]
        return super().clean()


class InterpretationPage(DisclosureItemPage):
    """A policy interpretation (政策解读): text, graphic, video or expert. It cannot go live
    before the policy it explains (seed plan 二(二) "发布、解读、回应有序衔接")."""

    kind = models.CharField(
        _("解读形式"), max_length=20, choices=InterpretationKind.choices, default="text"
    )
    policy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("所解读的政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    body = RichTextField(_("解读内容"), blank=True)

    api_fields = item_api_fields("body")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图解图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(_("视频地址"), blank=True)
    expert_name = models.CharField(_("解读专家"), max_length=100, blank=True)
    expert_title = models.CharField(_("专家职务或职称"), max_length=200, blank=True)

    search_fields = DisclosureItemPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("expert_name"),
        index.FilterField("kind"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind")]),
                PageChooserPanel(
                    "policy", ["policies.PolicyDocumentPage", "normative.NormativeDocumentPage"]
                ),
            ],
            heading=_("解读对象"),
        ),
        FieldPanel("body"),
        FieldPanel("image"),
        FieldPanel("video_url"),
        FieldRowPanel([FieldPanel("expert_name"), FieldPanel("expert_title")]),
        FieldPanel("attachments"),
    ]
    edit_handler = item_edit_handler(content_panels)
    base_form_class = InterpretationForm
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def clean(self):
        super().clean()
        # A draft may name a policy that is itself still a draft: only going live needs it live.
        errors = dict(rules.interpretation_errors(self, require_live=False))
        if self.kind == InterpretationKind.GRAPHIC and not self.image_id:
            errors["image"] = _("图解形式的解读须上传图解图片。")
        if self.kind == InterpretationKind.VIDEO and not self.video_url:
            errors["video_url"] = _("视频形式的解读须填写视频地址。")
        if self.kind == InterpretationKind.EXPERT and not self.expert_name:
            errors["expert_name"] = _("专家解读须填写解读专家姓名。")
        if errors:
            raise ValidationError(errors)

    def interpreted_page(self):
        return self.policy.specific if self.policy_id and self.policy else None

    def metadata_rows(self):
        rows = super().metadata_rows()
        rows.insert(4, (_("解读形式"), self.get_kind_display()))
        return rows


class ConcernResponsePage(DisclosureItemPage):
    """回应关切 (热点回应): the bureau's answer to a concern the public raised (a question in the
    news, on the hotline, in messages), linked to the policies it explains and listed beside
    their interpretations (seed plan 二(二) "发布、解读、回应有序衔接")."""

    concern = models.TextField(_("社会关切"), help_text=_("公众关注的问题或舆情的概括。"))
    concern_source = models.CharField(
        _("关切来源"), max_length=100, blank=True, help_text=_("如：网民留言、媒体报道、12345热线")
    )
    concern_raised_on = models.DateField(_("关切出现日期"), null=True, blank=True)
    body = RichTextField(_("回应内容"))

    api_fields = item_api_fields("concern", "concern_source", "concern_raised_on", "body")
    search_fields = DisclosureItemPage.search_fields + [
        index.SearchField("concern"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("concern"),
                FieldRowPanel([FieldPanel("concern_source"), FieldPanel("concern_raised_on")]),
            ],
            heading=_("回应的关切"),
        ),
        FieldPanel("body"),
        InlinePanel("policy_links", heading=_("相关政策文件"), label=_("政策文件")),
        FieldPanel("attachments"),
    ]
    edit_handler = item_edit_handler(content_panels)
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("回应关切")
        verbose_name_plural = _("回应关切")

    def live_policies(self):
        links = self.policy_links.filter(policy__live=True).select_related("policy")
        return [link.policy for link in links]


class ConcernPolicyLink(Orderable):
    """A policy a response to public concerns explains."""

    page = ParentalKey(ConcernResponsePage, on_delete=models.CASCADE, related_name="policy_links")
    policy = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="concern_links",
    )

    panels = [PageChooserPanel("policy", "policies.PolicyDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("相关政策文件")
        verbose_name_plural = _("相关政策文件")
