from wagtail import hooks

from disclosure.opendata.viewsets import forbid_delete

from .models import ListEntry
from .viewsets import ListEntryViewSet

forbid_delete(ListEntry)
hooks.register("register_admin_viewset", lambda: ListEntryViewSet("credit_list_entries"))
