"""The publication gate's own rules (:mod:`disclosure.publishing.rules`): what every item of the
catalogue must satisfy, whatever its type."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import DisclosureAttribute
from .index_numbers import organisation_credit_code
from .rules import register


@register("publishing.proactive_only", "条例 第13条、第19–20条")
def proactive_only(page, revision):
    """Only proactive items go live: an item marked 依申请公开 or 不予公开 never does (its legal
    ground, 条例 第14–16条, is checked when it is saved)."""
    attribute = getattr(page, "disclosure_attribute", DisclosureAttribute.PROACTIVE)
    if attribute == DisclosureAttribute.PROACTIVE:
        return {}
    return {
        "disclosure_attribute": _(
            "公开属性为“%(attribute)s”的信息不能在网站发布，只有主动公开的信息才能发布。"
        )
        % {"attribute": DisclosureAttribute(attribute).label}
    }


@register("publishing.written_on_not_in_future", "条例 第12条（目录：生成日期）")
def written_on_not_in_future(page, revision):
    """成文日期 cannot lie in the future when publishing."""
    written_on = getattr(page, "written_on", None)
    if written_on and written_on > timezone.localdate():
        return {
            "written_on": _("成文日期 %(date)s 晚于今天，不能发布。")
            % {"date": written_on.isoformat()}
        }
    return {}


@register("publishing.index_number_credit_code", "政府信息公开目录系统实施指引（索引号）")
def index_number_credit_code(page, revision):
    """The first publish allocates the 索引号, which starts with the organisation's unified
    social credit code: without one, nothing of the bureau's own is published. Reference
    material of other bodies takes no 索引号 of the bureau (``holds_own_information``)."""
    if not hasattr(page, "index_number") or page.index_number:
        return {}
    if not page.holds_own_information():
        return {}
    try:
        organisation_credit_code(page)
    except ValidationError as error:
        return {NON_FIELD_ERRORS: error.messages[0]}
    return {}
