"""Model fields that several apps declare the same way."""

from django.conf import settings
from django.db import models


def acting_user_field(verbose_name):
    """The user who recorded, handled or decided something (登记人, 处理人). The record outlives
    the account (``SET_NULL``); the user gets no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
