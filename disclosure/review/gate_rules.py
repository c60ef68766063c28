"""The confidentiality review's rule of the publication gate (:mod:`disclosure.publishing.rules`)."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from disclosure.publishing.choices import DisclosureAttribute
from disclosure.publishing.models import DisclosureItemPage
from disclosure.publishing.rules import register

from .models import ConfidentialityDetermination


@register(
    "review.confidentiality_determination",
    "条例 第17条；总局令第45号 第5条",
    needs_revision=True,
)
def confidentiality_determination(page, revision):
    """A disclosure item goes live only with a determination of 可以公开 or 部分公开 recorded for
    the very revision that is published: by the 保密审查员 in the workflow, or a *system
    determination* recorded by an import or the demo. ``revision`` ``None`` is a revision that
    does not exist yet (the editor's publish button), which cannot have one."""
    if not isinstance(page, DisclosureItemPage):
        return {}
    latest = None
    if revision is not None and revision.pk:
        latest = ConfidentialityDetermination.latest_for_revision(revision)
    if latest is not None and latest.allows_publication:
        return {}
    if latest is None and getattr(page, "disclosure_attribute", "") == DisclosureAttribute.WITHHELD:
        # The revision saved when the item was determined 不予公开 carries no determination of
        # its own; the refusal names the determination, not a missing review.
        latest = (
            ConfidentialityDetermination.objects.filter(page_id=page.pk).order_by("-pk").first()
        )
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
