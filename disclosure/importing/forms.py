"""The upload field of an import form in the admin."""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _

from .files import EXTENSIONS

#: Largest file an import accepts by default.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportFileField(forms.FileField):
    """A ``.csv`` or ``.xlsx`` file of at most ``max_bytes``."""

    default_validators = [FileExtensionValidator(list(EXTENSIONS))]

    def __init__(self, *, max_bytes=MAX_UPLOAD_BYTES, **kwargs):
        super().__init__(**kwargs)
        self.max_bytes = max_bytes

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("文件过大（最大 %(size)s MB）。") % {"size": self.max_bytes // (1024 * 1024)}
            )
        return upload
