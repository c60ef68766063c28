"""Which page types a user is offered below a page (issue #12 item 13).

Editors publish items: in a column they are offered its item types (信息, 规范性文件, …; the
column's 信息类型, all item types when it lists none — ``ColumnPage.allows_subpage_type``).
Structural pages — subcolumns, the normative-document database, list pages, the guide, the
catalogue — shape the portal; only those who may set up columns (``manage_column_settings``:
the disclosure office, administrators) create them."""

from django.apps import apps
from django.utils.translation import gettext as _

from .models import MANAGE_PERMISSION, item_models


def may_create_type(user, model):
    """Whether ``user`` may create pages of type ``model`` (where Wagtail allows the type)."""
    return model in item_models() or user.has_perm(MANAGE_PERMISSION)


def offered_page_types(user, page_types):
    """Wagtail's list of ``(verbose name, app label, model name, description)`` narrowed to the
    types ``user`` may create."""
    return [
        entry for entry in page_types if may_create_type(user, apps.get_model(entry[1], entry[2]))
    ]


def refusal(user, model):
    """Why ``user`` may not create a ``model`` page, or ``None``."""
    if may_create_type(user, model):
        return None
    return _("“%(type)s”是网站结构页面，只有政务公开办公室和系统管理员可以创建。") % {
        "type": model._meta.verbose_name
    }
