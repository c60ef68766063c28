"""Checks every publish path runs before an item goes live (one place, cited)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import DisclosureAttribute


def publication_errors(page):
    """Reasons why ``page`` (the revision about to go live) may not be published.

    - Only proactive items are published (条例 第13条, 第19–20条); an item marked 依申请公开 or
      不予公开 never goes live.
    - A non-proactive item names its legal ground (条例 第14–16条), checked in ``clean``.
    - 成文日期 cannot lie in the future when publishing.
    - The first publish allocates the 索引号, which needs the organisation's credit code.
    """
    errors = {}
    attribute = getattr(page, "disclosure_attribute", DisclosureAttribute.PROACTIVE)
    if attribute != DisclosureAttribute.PROACTIVE:
        errors["disclosure_attribute"] = _(
            "公开属性为“%(attribute)s”的信息不能在网站发布，只有主动公开的信息才能发布。"
        ) % {"attribute": DisclosureAttribute(attribute).label}
    written_on = getattr(page, "written_on", None)
    if written_on and written_on > timezone.localdate():
        errors["written_on"] = _("成文日期 %(date)s 晚于今天，不能发布。") % {
            "date": written_on.isoformat()
        }
    if hasattr(page, "index_number") and not page.index_number:
        from .index_numbers import organisation_credit_code

        try:
            organisation_credit_code(page)
        except ValidationError as error:
            errors[NON_FIELD_ERRORS] = error.messages[0]
    return errors


def check_publishable(page):
    errors = publication_errors(page)
    if errors:
        raise ValidationError(errors)
