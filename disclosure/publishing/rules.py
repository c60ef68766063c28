"""Checks every publish path runs before an item goes live (one place, cited)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import DisclosureAttribute


def publication_errors(page, revision=None):
    """Reasons why ``page`` (``revision`` as an object, about to go live) may not be published.

    - Only proactive items are published (条例 第13条, 第19–20条); an item marked 依申请公开 or
      不予公开 never goes live.
    - A non-proactive item names its legal ground (条例 第14–16条), checked in ``clean``.
    - 成文日期 cannot lie in the future when publishing.
    - The first publish allocates the 索引号, which needs the organisation's credit code.
    - A disclosure item needs a confidentiality determination for ``revision``
      (:func:`determination_errors`); checked when the revision is known.
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
    # A page type's own rules (e.g. an interpretation needs its policy live first).
    own_rules = getattr(page, "publication_errors", None)
    if callable(own_rules):
        errors.update(own_rules())
    # The registered pre-publication checks (personal data, …), see ``disclosure.checks``.
    from disclosure.checks.registry import publication_errors as check_errors

    merge_errors(errors, check_errors(page))
    if revision is not None:
        merge_errors(errors, determination_errors(page, revision))
    return errors


def merge_errors(errors, more):
    """Add ``more`` to ``errors`` (field → message), joining two messages for one field."""
    for field, message in more.items():
        errors[field] = f"{errors[field]} {message}" if field in errors else message


def determination_errors(page, revision):
    """A disclosure item goes live only with a confidentiality determination of 可以公开 or
    部分公开 recorded for the very revision that is published (条例 第17条: review before
    publication; 总局令第45号 第5条): by the 保密审查员 in the workflow, or a *system
    determination* recorded by an import or the demo. ``revision`` ``None`` means a revision
    that does not exist yet (the editor's publish button), which cannot have one."""
    from disclosure.review.models import ConfidentialityDetermination

    from .models import DisclosureItemPage

    if not isinstance(page, DisclosureItemPage):
        return {}
    latest = None
    if revision is not None and revision.pk:
        latest = ConfidentialityDetermination.latest_for_revision(revision)
    if latest is not None and latest.allows_publication:
        return {}
    if latest is not None:
        message = _("保密审查结论为“%(determination)s”，该版本不能发布。") % {
            "determination": latest.get_determination_display()
        }
    else:
        message = _(
            "该版本未经保密审查，不能发布：请提交审核，经科室负责人审核、保密审查和"
            "政务公开办公室终审后发布。"
        )
    return {NON_FIELD_ERRORS: message}


def check_publishable(page, revision=None):
    errors = publication_errors(page, revision)
    if errors:
        raise ValidationError(errors)
