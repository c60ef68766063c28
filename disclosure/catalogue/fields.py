from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A list of choice codes stored as JSON (portable across SQLite and PostgreSQL),
    edited as a group of checkboxes."""

    def __init__(self, *args, choices=None, **kwargs):
        self.list_choices = choices
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.list_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {code for code, _label in self.list_choices}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(
                _("不支持的取值：%(values)s"), params={"values": "、".join(map(str, unknown))}
            )

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.list_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
