from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "disclosure.assessment"
    label = "assessment"
    verbose_name = _("公开工作考核")
