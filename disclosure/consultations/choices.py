"""Choices of the draft decision consultations (重大决策预公开)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")


class FeedbackOutcome(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("尚未开始")
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("已截止")
    ANSWERED = "answered", _("已反馈")
