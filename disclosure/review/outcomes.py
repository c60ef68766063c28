"""What a workflow action did, said in Chinese after it is done (the admin would otherwise say
"页面…已被更新" whatever happened): approved and passed on to the next step, published, sent
back, or determined 不予公开 (条例 第14–16条) and ended."""

from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState

from disclosure.publishing.choices import DisclosureAttribute

from .models import ConfidentialityDetermination


def outcome_message(task_state_id):
    """The sentence for the action that has just concluded or ended the step ``task_state_id``,
    or ``None`` while the step is still in progress (nothing was done)."""
    task_state = TaskState.objects.filter(pk=task_state_id).select_related("workflow_state").first()
    if task_state is None or task_state.status == TaskState.STATUS_IN_PROGRESS:
        return None
    workflow_state = task_state.workflow_state
    page = Page.objects.filter(pk=workflow_state.object_id).first()
    if page is None:
        return None
    page = page.specific
    title = page.get_admin_display_title()
    determination = ConfidentialityDetermination.objects.filter(task_state=task_state).last()
    if determination is not None and not determination.allows_publication:
        return _("已认定“%(title)s”不予公开（%(ground)s），审核流程已结束，该信息不会发布。") % {
            "title": title,
            "ground": determination.get_withholding_ground_display()
            or determination.get_determination_display(),
        }
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("已将“%(title)s”退回修改，提交人修改后可重新提交审核。") % {"title": title}
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        if page.live:
            return _("已终审通过，“%(title)s”已发布。") % {"title": title}
        if getattr(page, "disclosure_attribute", "") == DisclosureAttribute.WITHHELD:
            return _("已终审通过，但“%(title)s”为不予公开，未发布。") % {"title": title}
        return _("已终审通过“%(title)s”，将于设定的时间发布。") % {"title": title}
    next_state = workflow_state.current_task_state
    if next_state is not None:
        return _("已审核通过“%(title)s”，已转入“%(task)s”环节。") % {
            "title": title,
            "task": next_state.task.name,
        }
    return _("已审核通过“%(title)s”。") % {"title": title}
