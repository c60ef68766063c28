"""Draft decision consultations (重大决策预公开, 重大行政决策程序暂行条例 第14–15条): the draft
published for comment with its period, the public's comments (moderated before they are shown)
and, after the deadline, the feedback on which opinions were adopted and the final decision.
The rules are in :mod:`disclosure.consultations.rules`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from disclosure.public_forms import too_many
from disclosure.publishing.api_fields import item_api_fields
from disclosure.publishing.models import DisclosureItemPage, item_edit_handler
from disclosure.publishing.rules import check_record

from . import rules
from .choices import CommentStatus, ConsultationStatus, FeedbackOutcome
from .forms import CommentForm

#: Page types a consultation's final decision may be.
FINAL_DECISION_TYPES = ["policies.PolicyDocumentPage", "normative.NormativeDocumentPage"]


class ConsultationPage(DisclosureItemPage):
    """A draft decision published for comment (重大决策预公开)."""

    body = RichTextField(_("决策草案"))
    drafting_notes = RichTextField(_("起草说明"), blank=True)
    opens_on = models.DateField(_("征求意见开始日期"), null=True)
    closes_on = models.DateField(_("征求意见截止日期"), null=True, help_text=_("当日24时截止。"))
    short_period_reason = models.TextField(
        _("缩短期限的理由"),
        blank=True,
        help_text=_(
            "征求意见期限少于30日的，须说明理由并随征求意见一并公布"
            "（《重大行政决策程序暂行条例》第十五条）。"
        ),
    )
    other_channels = models.TextField(
        _("其他提出意见的方式"), blank=True, help_text=_("如信函地址、电子邮箱、传真。")
    )
    feedback_summary = RichTextField(
        _("意见采纳情况说明"), blank=True, help_text=_("征求意见结束后填写。")
    )
    offline_comment_count = models.PositiveIntegerField(
        _("其他渠道收到的意见数"), default=0, help_text=_("信函、电子邮件、座谈会等收到的意见。")
    )
    final_decision = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("最终决策"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        help_text=_("决策作出后，选择正式发布的政策文件或规范性文件。"),
    )
    #: A consultation's line in a list also shows its status and days left
    #: (``listing_status``).
    listing_fields = DisclosureItemPage.listing_fields + (
        "opens_on",
        "closes_on",
        "feedback_summary",
        "final_decision",
    )

    api_fields = item_api_fields(
        "body",
        "drafting_notes",
        "opens_on",
        "closes_on",
        "short_period_reason",
        "other_channels",
        "feedback_summary",
        "offline_comment_count",
        APIField("feedback", serializer=serializers.DictField(read_only=True)),
    )
    search_fields = DisclosureItemPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("drafting_notes"),
        index.FilterField("closes_on"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        FieldPanel("drafting_notes"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("short_period_reason"),
                FieldPanel("other_channels"),
            ],
            heading=_("征求意见期限和方式"),
        ),
        FieldPanel("attachments"),
    ]
    feedback_panels = [
        MultiFieldPanel(
            [
                FieldPanel("feedback_summary"),
                FieldPanel("offline_comment_count"),
                InlinePanel("feedback_entries", heading=_("意见采纳情况"), label=_("意见")),
                PageChooserPanel("final_decision", FINAL_DECISION_TYPES),
            ],
            heading=_("意见采纳情况反馈"),
        )
    ]
    edit_handler = item_edit_handler(content_panels + feedback_panels)
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("重大决策预公开")
        verbose_name_plural = _("重大决策预公开")

    def clean(self):
        super().clean()
        errors = rules.period_errors(self.opens_on, self.closes_on, self.short_period_reason)
        if self.final_decision_id:
            target = Page.objects.filter(pk=self.final_decision_id).first()
            allowed = {label.lower() for label in FINAL_DECISION_TYPES}
            if target is None or target.specific_class._meta.label_lower not in allowed:
                errors["final_decision"] = _("最终决策须为政策文件或规范性文件页面。")
        if errors:
            raise ValidationError(errors)

    # --- what the public page shows -------------------------------------------------------

    def status(self):
        return rules.status(self)

    def status_label(self):
        return ConsultationStatus(self.status()).label

    def is_open(self):
        return rules.is_open(self)

    def days_left(self):
        return rules.days_left(self)

    def listing_status(self):
        """What a list of items (a column, the home page) shows beside the title: the status
        and, while open, the days left (``{"status", "label", "days_left"}``; 0 when closed)."""
        status = self.status()
        return {
            "status": status,
            "label": ConsultationStatus(status).label,
            "days_left": self.days_left(),
        }

    def feedback(self):
        """The API's summary of the consultation's outcome: its status, comments received
        (online and through other channels), opinions by outcome, and the final decision when
        it is live (``None`` otherwise)."""
        listing = self.listing_status()
        decision = self.live_final_decision()
        return {
            "status": listing["status"],
            "status_label": str(listing["label"]),
            "days_left": listing["days_left"],
            "comments_received": self.received_count(),
            "comments_shown": self.approved_comments().count(),
            "opinions": self.feedback_counts(),
            "final_decision": (
                None
                if decision is None
                else {"id": decision.pk, "title": decision.title, "url": decision.full_url}
            ),
        }

    def approved_comments(self):
        return self.comments.filter(status=CommentStatus.APPROVED).order_by("submitted_at", "pk")

    def received_count(self):
        """Comments received: online (every one posted) and through other channels."""
        return self.comments.count() + self.offline_comment_count

    def feedback_counts(self):
        """Opinions by outcome, from the feedback rows (each row may group several)."""
        counts = {outcome: 0 for outcome in FeedbackOutcome.values}
        for entry in self.feedback_entries.all():
            counts[entry.outcome] += entry.opinion_count
        return counts

    def adopted_count(self):
        counts = self.feedback_counts()
        return counts[FeedbackOutcome.ADOPTED] + counts[FeedbackOutcome.PARTLY_ADOPTED]

    def live_final_decision(self):
        if not self.final_decision_id:
            return None
        page = Page.objects.live().filter(pk=self.final_decision_id).first()
        return page.specific if page is not None else None

    def metadata_rows(self):
        rows = super().metadata_rows()
        period = ""
        if self.opens_on and self.closes_on:
            period = f"{self.opens_on.isoformat()} — {self.closes_on.isoformat()}"
        rows.insert(4, (_("征求意见期限"), period))
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "comment_form" not in context and self.is_open():
            context["comment_form"] = CommentForm()
        return context

    def serve(self, request, *args, **kwargs):
        """The page, and the comments posted to it while the period is open (moderated before
        they show). Before and during the period the page changes by itself (the form opens,
        then closes): it is not kept by the page cache then (:func:`.rules.cacheable`)."""
        if request.method == "POST":
            response = self._post_comment(request)
        else:
            response = super().serve(request, *args, **kwargs)
        if not rules.cacheable(self):
            add_never_cache_headers(response)
        return response

    def _post_comment(self, request):
        context = self.get_context(request)
        if not self.is_open():
            context["comment_refused"] = gettext("征求意见已截止，不再接收意见。")
            return TemplateResponse(request, self.get_template(request), context, status=409)
        form = CommentForm(request.POST)
        if too_many(request, "consultations", settings.CONSULTATION_COMMENT_RATE_LIMIT):
            form.ask_again()
            context.update(
                comment_form=form, comment_refused=gettext("提交过于频繁，请一小时后再试。")
            )
            return TemplateResponse(request, self.get_template(request), context, status=429)
        if not form.is_valid():
            form.ask_again()
            context["comment_form"] = form
            return TemplateResponse(request, self.get_template(request), context)
        ConsultationComment.objects.create(
            consultation=self,
            author_name=form.cleaned_data["author_name"].strip(),
            contact=form.cleaned_data["contact"].strip(),
            text=form.cleaned_data["text"],
        )
        context["comment_form"] = CommentForm()
        context["comment_received"] = True
        return TemplateResponse(request, self.get_template(request), context, status=201)


class FeedbackEntry(Orderable):
    """One opinion, or a group of similar opinions, with the outcome and its reason."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="feedback_entries")
    opinion = models.TextField(_("意见内容（或归纳）"))
    opinion_count = models.PositiveIntegerField(_("意见条数"), default=1)
    outcome = models.CharField(_("采纳情况"), max_length=20, choices=FeedbackOutcome.choices)
    reason = models.TextField(
        _("理由"), blank=True, help_text=_("部分采纳或未采纳的，须说明理由。")
    )

    panels = [
        FieldPanel("opinion"),
        FieldRowPanel([FieldPanel("opinion_count"), FieldPanel("outcome")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("意见采纳情况")
        verbose_name_plural = _("意见采纳情况")

    def clean(self):
        super().clean()
        if self.outcome != FeedbackOutcome.ADOPTED and not (self.reason or "").strip():
            raise ValidationError({"reason": _("部分采纳或未采纳的意见须说明理由。")})
        if self.opinion_count < 1:
            raise ValidationError({"opinion_count": _("意见条数至少为1。")})


class ConsultationComment(models.Model):
    """A comment the public posted on a consultation: shown only once approved (the contact
    never is)."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("征求意见"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author_name = models.CharField(_("姓名或称呼"), max_length=50, blank=True)
    contact = models.CharField(
        _("联系方式"), max_length=100, help_text=_("电话或电子邮箱，仅供核实，不予公开。")
    )
    text = models.TextField(_("意见建议"), max_length=rules.MAX_COMMENT_LENGTH)
    status = models.CharField(
        _("审核状态"),
        max_length=20,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("不予通过的理由"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=rules.now, db_index=True)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.consultation.title}：{self.text[:20]}"

    def approve(self, user):
        """Approve the comment, unless the record rules of the publication gate find
        something in its public fields (personal data first; ``ValidationError`` then, nothing
        saved)."""
        check_record(self, [name for name in rules.PUBLIC_COMMENT_FIELDS if getattr(self, name)])
        self._moderate(CommentStatus.APPROVED, user, "")

    def reject(self, user, reason):
        if not (reason or "").strip():
            raise ValidationError({"rejection_reason": _("请填写不予通过的理由。")})
        self._moderate(CommentStatus.REJECTED, user, reason.strip())

    def _moderate(self, status, user, reason):
        with transaction.atomic():
            self.status = status
            self.rejection_reason = reason
            self.moderated_at = rules.now()
            self.moderated_by = user
            self._history_user = user
            self.save(update_fields=["status", "rejection_reason", "moderated_at", "moderated_by"])
