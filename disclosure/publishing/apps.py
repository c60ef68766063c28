from django.apps import AppConfig
from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from disclosure import spreadsheets
from disclosure.upstream import django_translation

from . import rules


class PublishingConfig(AppConfig):
    name = "disclosure.publishing"
    label = "publishing"
    verbose_name = _("信息发布")

    def ready(self):
        # Every installed app's rules of the publication gate; a required one that is missing
        # stops the start (see ``rules``), instead of letting items through unchecked.
        autodiscover_modules("gate_rules")
        rules.check_required_rules()
        # Models can be imported only once the app registry is ready.
        from disclosure.upstream import wagtail as wagtail_adapter

        from . import page_cache, restrictions

        restrictions.connect()
        page_cache.connect()
        # No exported CSV cell is read as a formula, in Wagtail's exports too.
        wagtail_adapter.neutralise_spreadsheet_exports(spreadsheets.safe_cell)
        # One lookup per message in the portal's language, not one per Wagtail catalogue.
        for code, _name in settings.LANGUAGES:
            django_translation.fold_fallbacks(code)
