from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "disclosure.policies"
    label = "policies"
    verbose_name = "政策文件和政策解读"
