from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "disclosure.publishing"
    label = "publishing"
    verbose_name = "信息发布"
