"""Choices of the public messages (政民互动)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageCategory(models.TextChoices):
    CONSULTATION = "consultation", _("咨询")
    SUGGESTION = "suggestion", _("建议")
    COMPLAINT = "complaint", _("投诉举报")
    OTHER = "other", _("其他")


class MessageStatus(models.TextChoices):
    RECEIVED = "received", _("待办理")
    AWAITING_REVIEW = "awaiting_review", _("答复待审核")
    PUBLISHED = "published", _("已答复并公开")
    REPLIED = "replied", _("已答复（不公开）")
    ROUTED = "routed", _("已转投诉举报渠道")
    INVALID = "invalid", _("无效留言")


class Sla(models.TextChoices):
    """Where an unanswered message stands against its clock (:mod:`.rules`)."""

    ON_TIME = "on_time", _("正常")
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已超期")
    VETO = "veto", _("超过3个月未办理")
