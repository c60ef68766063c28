"""The upload field of an import form in the admin."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .files import EXTENSIONS


class ImportFileField(forms.FileField):
    """A ``.csv`` or ``.xlsx`` file of at most ``max_bytes``."""

    default_validators = [FileExtensionValidator(list(EXTENSIONS))]

    def __init__(self, *, max_bytes=None, **kwargs):
        super().__init__(**kwargs)
        self.max_bytes = max_bytes  # None: the setting IMPORT_MAX_UPLOAD_BYTES, read per upload

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        limit = self.max_bytes or settings.IMPORT_MAX_UPLOAD_BYTES
        if upload and upload.size > limit:
            raise forms.ValidationError(
                _("文件过大（最大 %(size)s）。") % {"size": filesizeformat(limit)}
            )
        return upload
