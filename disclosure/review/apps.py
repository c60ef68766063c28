from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "disclosure.review"
    label = "review"
    verbose_name = "审核流程"
    default_auto_field = "django.db.models.BigAutoField"
