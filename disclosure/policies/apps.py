from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "disclosure.policies"
    label = "policies"
    verbose_name = _("政策文件和政策解读")
