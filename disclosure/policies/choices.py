"""Kinds of policy interpretation (政策解读) named by the seed plan: 文字、图解、视频、专家解读."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InterpretationKind(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")
    EXPERT = "expert", _("专家解读")
