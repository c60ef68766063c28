"""Review tasks of the standard publication workflow and the record of confidentiality reviews.

- :class:`DepartmentHeadApprovalTask` (科室负责人审核): the head of a department responsible for
  the item's column.
- :class:`ConfidentialityReviewTask` (保密审查, 总局令第45号 第5条): a confidentiality reviewer
  ticks the checklist and records a determination; 不予公开 ends the workflow and marks the item
  withheld with its ground (条例 第14–16条).
- Both apply the four-eyes rule (:class:`FourEyesTaskMixin`).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Page, Revision, Task, TaskState

from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DEPARTMENT_HEAD,
    DISCLOSURE_OFFICE,
    is_member,
    user_has_role,
)
from disclosure.outbox.models import AppendOnlyModel
from disclosure.publishing.choices import DisclosureAttribute, WithholdingGround

from .choices import (
    CONCLUDING_ACTIONS,
    LOG_DETERMINATION,
    LOG_OVERRIDE,
    LOG_SUBSTITUTE,
    PUBLISHABLE_DETERMINATIONS,
    Determination,
    DeterminationSource,
    ReviewOutcome,
)
from .forms import (
    ConfidentialityReviewForm,
    HeadApprovalForm,
    form_class_for,
    validate_action_data,
)

_refusals = ContextVar("review_action_refusals", default=None)


@contextmanager
def collect_refusals():
    """Collect, in a list, the reasons of the review tasks' refusals (``on_action``) while the
    block runs: Wagtail's admin turns a PermissionDenied into a generic redirect, so a caller
    that needs the reason (``WorkflowActionRefusalMiddleware``) reads it here."""
    collected = []
    token = _refusals.set(collected)
    try:
        yield collected
    finally:
        _refusals.reset(token)


def column_of(page):
    """The nearest ColumnPage at or above ``page``."""
    from disclosure.columns.models import ColumnPage

    return ColumnPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()


def four_eyes_conflicts(page, user, workflow_state=None):
    """Why ``user`` may not conclude a review step of ``page`` (four-eyes rule), empty when none:

    - they created a revision since the last publish (an author of the content under review;
      masking personal data rewrites revisions in place and creates none, so whoever masks is
      not an author — :mod:`disclosure.checks.masking`);
    - they started the workflow;
    - they concluded another step of the same workflow run (each step is a different person's,
      also when the disclosure office stands in for a department head)."""
    if user is None or not user.is_authenticated:
        return []
    conflicts = []
    last_published_at = (
        Page.objects.filter(pk=page.pk).values_list("last_published_at", flat=True).first()
    )
    revisions = Revision.objects.for_instance(page).filter(user=user)
    if last_published_at:
        revisions = revisions.filter(created_at__gt=last_published_at)
    if revisions.exists():
        conflicts.append(gettext("您编辑过本信息自上次发布以来的版本"))
    if workflow_state is None:
        workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.requested_by_id == user.pk:
            conflicts.append(gettext("本审核流程由您提交"))
        concluded = workflow_state.task_states.filter(
            status=TaskState.STATUS_APPROVED, finished_by=user
        )
        if workflow_state.current_task_state_id:
            concluded = concluded.exclude(pk=workflow_state.current_task_state_id)
        if concluded.exists():
            conflicts.append(gettext("您已审核通过本流程的其他环节"))
    return conflicts


def who_can_conclude(task_state):
    """The names of the users who may conclude ``task_state`` now (the role and the four-eyes
    rule; superusers only by override, so not listed), for the messages that say who can act."""
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    if page is None or not isinstance(task, FourEyesTaskMixin):
        return []
    page = page.specific
    names = []
    for user in task.candidates(page).filter(is_active=True, is_superuser=False).order_by("pk"):
        if task.may_moderate(page, user) and not four_eyes_conflicts(
            page, user, task_state.workflow_state
        ):
            names.append(user.get_full_name() or user.get_username())
    return names


def who_can_conclude_text(task_state):
    """``who_can_conclude`` as one sentence in Chinese."""
    names = who_can_conclude(task_state)
    if not names:
        return gettext("目前没有可以审核通过此环节的人员，请联系系统管理员。")
    return gettext("此环节现在可由%(names)s审核。") % {"names": "、".join(names)}


class FourEyesTaskMixin:
    """Shared by the review tasks: who may act (``may_moderate``, defined by each task), the
    four-eyes rule, and ``on_action`` that validates everything again before acting.

    Nobody concludes a step for a page whose revisions since the last publish they created, or
    whose workflow they started — superusers included — unless a superuser gives an
    ``override_reason``, which is logged in the page history."""

    refusal_message = _("您无权处理此审核环节。")
    approve_label = _("审核通过")
    reject_label = _("退回修改")
    action_names = ("approve", "reject")

    def may_moderate(self, obj, user):
        raise NotImplementedError

    def candidates(self, obj):
        """The users who may hold this step's role for ``obj`` (a queryset; ``may_moderate``
        decides for each)."""
        raise NotImplementedError

    def _can_moderate(self, obj, user):
        return bool(user and user.is_active and self.may_moderate(obj, user))

    def base_form_class(self):
        return HeadApprovalForm

    def get_form_for_action(self, action):
        return form_class_for(self.base_form_class(), action)

    def get_template_for_action(self, action):
        return "review/workflow_action_modal.html"

    def concluding_actions(self):
        """Actions offered when the four-eyes rule allows the user to conclude the step."""
        return [("approve", self.approve_label, True)]

    def get_actions(self, obj, user):
        if not self._can_moderate(obj, user):
            return []
        actions = [("reject", self.reject_label, True)]
        conflicts = four_eyes_conflicts(obj, user)
        if not conflicts:
            return actions + self.concluding_actions()
        if user.is_superuser:
            return actions + [
                (name, gettext("%(action)s（四眼原则例外，须填写理由）") % {"action": label}, True)
                for name, label, _modal in self.concluding_actions()
            ]
        return actions

    def user_can_access_editor(self, obj, user):
        return self._can_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self._can_moderate(obj, user))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "workflow_state"
        )
        ids = []
        for state in states:
            page = state.workflow_state.content_object
            if (
                page is not None
                and self._can_moderate(page, user)
                and not four_eyes_conflicts(page, user, state.workflow_state)
            ):
                ids.append(state.pk)
        return TaskState.objects.filter(pk__in=ids)

    def check_may_act(self, task_state, user, action_name, override_reason=""):
        """Refuse (PermissionDenied, in Chinese) unless ``user`` may do ``action_name`` now.
        Returns the override reason honoured, or ``""``; has no side effects."""
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(gettext("该审核环节已经结束，不能再处理。"))
        page = task_state.workflow_state.content_object.specific
        if not self._can_moderate(page, user):
            raise PermissionDenied(str(self.refusal_message))
        if action_name not in self.action_names:
            raise PermissionDenied(gettext("不支持的审核操作。"))
        if action_name not in CONCLUDING_ACTIONS:
            return ""
        conflicts = four_eyes_conflicts(page, user, task_state.workflow_state)
        if not conflicts:
            return ""
        reason = (override_reason or "").strip()
        if user.is_superuser and reason:
            return reason
        message = gettext("四眼原则：%(conflicts)s，不能由您审核通过。") % {
            "conflicts": "；".join(conflicts)
        }
        message += who_can_conclude_text(task_state)
        if user.is_superuser:
            message += gettext("超级管理员确需审核的，必须填写越权审核理由。")
        raise PermissionDenied(message)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        try:
            form = validate_action_data(self.get_form_for_action(action_name), kwargs)
            override = self.check_may_act(
                task_state, user, action_name, form.cleaned_data.get("override_reason", "")
            )
            if override:
                self.log_override(task_state, user, action_name, override)
            return self.perform_action(task_state, user, action_name, form, override)
        except PermissionDenied as refusal:
            collected = _refusals.get()
            if collected is not None:
                collected.append(str(refusal) or str(self.refusal_message))
            raise

    def log_override(self, task_state, user, action_name, reason):
        page = task_state.workflow_state.content_object.specific
        log(
            instance=page,
            action=LOG_OVERRIDE,
            user=user,
            revision=task_state.revision,
            data={
                "task": {"id": self.pk, "title": self.name},
                "task_state_id": task_state.pk,
                "action": action_name,
                "conflicts": four_eyes_conflicts(page, user, task_state.workflow_state),
                "reason": reason,
            },
        )

    def permission_refusal(self, task_state, user, action_name, override_reason=""):
        """Why ``user`` may not do ``action_name`` now regardless of the form's data (role,
        four-eyes rule, a finished step, the publication gate), or ``None``; no side effects."""
        try:
            self.check_may_act(task_state, user, action_name, override_reason)
        except PermissionDenied as refusal:
            return str(refusal) or str(self.refusal_message)
        return None

    def refusal_for(self, task_state, user, action_name, data):
        """The reason (in Chinese) why ``on_action`` would refuse, or ``None``; no side effects."""
        try:
            form = validate_action_data(self.get_form_for_action(action_name), data)
            action = action_name
            if form.cleaned_data.get("determination") == Determination.WITHHOLD:
                action = "withhold"
            self.check_may_act(
                task_state, user, action, form.cleaned_data.get("override_reason", "")
            )
        except PermissionDenied as refusal:
            return str(refusal) or str(self.refusal_message)
        return None

    def perform_action(self, task_state, user, action_name, form, override):
        comment = form.cleaned_data.get("comment", "")
        if action_name == "approve":
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)
        else:
            raise PermissionDenied(gettext("不支持的审核操作。"))


class DepartmentHeadApprovalTask(FourEyesTaskMixin, Task):
    """科室负责人审核: a user in the role 科室负责人 who belongs to one of the departments of the
    item's column (the nearest ColumnPage at or above it); any head of those departments may act
    for another (a deputy is a second head of the department).

    When no head of those departments may conclude the step — none exists, or each is an author
    of the item or started its workflow (the four-eyes rule) — a member of the disclosure office
    (政务公开办公室) stands in for them: the step is offered to the office, appears in its 待我审核
    panel, and the approval is recorded as a substitute approval in the page history. That
    office member then cannot also give the final approval of the same run."""

    refusal_message = _("只有本栏目负责科室的科室负责人才能处理此审核环节。")

    class Meta:
        verbose_name = _("科室负责人审核")
        verbose_name_plural = _("科室负责人审核")

    def heads(self, obj):
        """The active heads of the departments of ``obj``'s column."""
        column = column_of(obj)
        if column is None:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__role__code=DEPARTMENT_HEAD,
            )
            .filter(groups__department__in=column.departments.all())
            .distinct()
        )

    def candidates(self, obj):
        office = get_user_model().objects.filter(groups__role__code=DISCLOSURE_OFFICE)
        return get_user_model().objects.filter(
            Q(pk__in=self.heads(obj).values("pk")) | Q(pk__in=office.values("pk")),
            is_active=True,
        )

    def is_head(self, obj, user):
        if not user_has_role(user, DEPARTMENT_HEAD):
            return False
        column = column_of(obj)
        return column is not None and column.departments.filter(group__user=user).exists()

    def needs_substitute(self, obj, workflow_state=None):
        """Whether no head of ``obj``'s departments may conclude the step now."""
        return not any(
            not four_eyes_conflicts(obj, head, workflow_state) for head in self.heads(obj)
        )

    def is_substitute(self, obj, user, workflow_state=None):
        """Whether ``user`` acts as the disclosure office standing in for the heads."""
        return (
            not user.is_superuser
            and not self.is_head(obj, user)
            and is_member(user, DISCLOSURE_OFFICE)
            and self.needs_substitute(obj, workflow_state)
        )

    def may_moderate(self, obj, user):
        if user.is_superuser or self.is_head(obj, user):
            return True
        return self.is_substitute(obj, user)

    def perform_action(self, task_state, user, action_name, form, override):
        page = task_state.workflow_state.content_object.specific
        if action_name == "approve" and self.is_substitute(page, user, task_state.workflow_state):
            log(
                instance=page,
                action=LOG_SUBSTITUTE,
                user=user,
                revision=task_state.revision,
                data={
                    "task": {"id": self.pk, "title": self.name},
                    "task_state_id": task_state.pk,
                    "heads": [h.get_full_name() or h.get_username() for h in self.heads(page)],
                },
            )
        return super().perform_action(task_state, user, action_name, form, override)

    @classmethod
    def get_description(cls):
        return _(
            "由信息所在栏目负责科室的科室负责人审核（四眼原则；无科室负责人可审核时由政务公开办公室代为审核）"
        )


class ConfidentialityReviewTask(FourEyesTaskMixin, Task):
    """保密审查 (总局令第45号 第5条): checklist, determination, and for 不予公开 its ground."""

    refusal_message = _("只有保密审查员才能处理保密审查。")
    approve_label = _("审查通过（可以公开 / 部分公开）")
    reject_label = _("退回修改")
    withhold_label = _("不予公开")
    action_names = ("approve", "reject", "withhold")

    class Meta:
        verbose_name = _("保密审查")
        verbose_name_plural = _("保密审查")

    def may_moderate(self, obj, user):
        return user_has_role(user, CONFIDENTIALITY_REVIEWER)

    def candidates(self, obj):
        return get_user_model().objects.filter(groups__role__code=CONFIDENTIALITY_REVIEWER)

    def base_form_class(self):
        return ConfidentialityReviewForm

    def concluding_actions(self):
        return [("approve", self.approve_label, True), ("withhold", self.withhold_label, True)]

    @classmethod
    def get_description(cls):
        return _("保密审查员逐项核对保密审查清单并记录审查结论（总局令第45号第五条）")

    def perform_action(self, task_state, user, action_name, form, override):
        determination = form.cleaned_data.get("determination") or ""
        comment = form.cleaned_data.get("comment", "")
        if determination == Determination.WITHHOLD:
            if action_name == "reject":
                # 审查不通过并认定不予公开 concludes the step: the four-eyes rule applies.
                override = self.check_may_act(
                    task_state, user, "withhold", form.cleaned_data.get("override_reason", "")
                )
                if override:
                    self.log_override(task_state, user, "withhold", override)
            return self.withhold(task_state, user, form, override)
        if action_name == "approve":
            self.record(task_state, user, form, override)
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)
        else:
            raise PermissionDenied(gettext("不支持的审核操作。"))

    def withhold(self, task_state, user, form, override):
        """不予公开: record the determination, end the workflow, and save a revision marked
        withheld with its ground; the item never goes live (the publication gate refuses it)."""
        comment = form.cleaned_data.get("comment", "")
        ground = form.cleaned_data["withholding_ground"]
        workflow_state = task_state.workflow_state
        self.record(task_state, user, form, override)
        task_state.reject(user=user, update=False, comment=comment)
        workflow_state.refresh_from_db()
        workflow_state.cancel(user=user)
        page = workflow_state.content_object.specific
        draft = page.get_latest_revision_as_object()
        if hasattr(draft, "disclosure_attribute"):
            draft.disclosure_attribute = DisclosureAttribute.WITHHELD
            draft.withholding_ground = ground
            draft.save_revision(user=user, log_action=True)
            if not draft.live:
                type(draft).objects.filter(pk=draft.pk).update(
                    disclosure_attribute=DisclosureAttribute.WITHHELD, withholding_ground=ground
                )

    def record(self, task_state, user, form, override=""):
        page = task_state.workflow_state.content_object.specific
        determination = ConfidentialityDetermination.objects.create(
            page=page,
            revision=task_state.revision,
            task_state=task_state,
            reviewer=user,
            checklist=form.checklist(),
            determination=form.cleaned_data["determination"],
            withholding_ground=form.cleaned_data.get("withholding_ground") or "",
            comment=form.cleaned_data.get("comment", ""),
            override_reason=override,
        )
        log(
            instance=page,
            action=LOG_DETERMINATION,
            user=user,
            revision=task_state.revision,
            data={
                "determination_id": determination.pk,
                "determination": determination.determination,
                "determination_label": str(determination.get_determination_display()),
                "withholding_ground": determination.withholding_ground,
                "withholding_ground_label": (
                    str(determination.get_withholding_ground_display())
                    if determination.withholding_ground
                    else ""
                ),
                "checklist": determination.checklist,
                "comment": determination.comment,
                "override_reason": override,
                "task": {"id": self.pk, "title": self.name},
                "task_state_id": task_state.pk,
            },
        )
        return determination


def final_approval_refusal(task_state, action_name="approve"):
    """Why approving ``task_state`` now would be refused by the publication gate, or ``None``.

    The last step's approval publishes the page's latest revision (Wagtail's
    ``publish_workflow_state``): the gate (``disclosure.publishing.rules``) is checked before,
    so that a refusal is a message, not an error page."""
    from disclosure.publishing.rules import publication_errors

    if action_name != "approve" or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    workflow_state = task_state.workflow_state
    later_steps = (
        Task.objects.filter(workflow_tasks__workflow=workflow_state.workflow, active=True)
        .exclude(task_states__in=workflow_state.successful_task_states)
        .exclude(pk=task_state.task_id)
    )
    if later_steps.exists():
        return None
    page = workflow_state.content_object
    revision = page.get_latest_revision() if page is not None else None
    if revision is None:
        return None
    errors = publication_errors(revision.as_object(), revision)
    if not errors:
        return None
    return gettext("不能发布：%(errors)s") % {"errors": " ".join(errors.values())}


class DisclosureOfficeApprovalTask(FourEyesTaskMixin, GroupApprovalTask):
    """政务公开办公室终审: a member of the task's groups (the disclosure office) approves and the
    item is published; the four-eyes rule applies to this step too, and the publication gate
    is checked before approving (a refusal leaves the workflow unchanged)."""

    refusal_message = _("只有政务公开办公室才能处理终审。")
    approve_label = _("终审通过并发布")

    class Meta:
        verbose_name = _("政务公开办公室终审")
        verbose_name_plural = _("政务公开办公室终审")

    def may_moderate(self, obj, user):
        return user.is_superuser or self._user_in_groups(user)

    def candidates(self, obj):
        return get_user_model().objects.filter(groups__in=self.groups.all()).distinct()

    @classmethod
    def get_description(cls):
        return _("政务公开办公室审核通过后发布（四眼原则，发布前检查保密审查结论）")

    def check_may_act(self, task_state, user, action_name, override_reason=""):
        override = super().check_may_act(task_state, user, action_name, override_reason)
        refusal = final_approval_refusal(task_state, action_name)
        if refusal:
            raise PermissionDenied(refusal)
        return override

    def perform_action(self, task_state, user, action_name, form, override):
        try:
            return super().perform_action(task_state, user, action_name, form, override)
        except ValidationError as error:
            # Raised by the gate while publishing; on_action's transaction rolls back.
            raise PermissionDenied(gettext("不能发布：%s") % " ".join(error.messages)) from error


class ConfidentialityDetermination(AppendOnlyModel):
    """One confidentiality review conclusion (保密审查结论); append-only like the outbox."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="confidentiality_determinations",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("审查的版本"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        verbose_name=_("审核环节"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checklist = models.JSONField(_("审查清单"), default=dict, blank=True)
    determination = models.CharField(_("审查结论"), max_length=20, choices=Determination.choices)
    withholding_ground = models.CharField(
        _("不予公开依据"), max_length=40, choices=WithholdingGround.choices, blank=True
    )
    comment = models.TextField(_("意见"), blank=True)
    override_reason = models.TextField(_("越权审核理由"), blank=True)
    source = models.CharField(
        _("认定方式"),
        max_length=20,
        choices=DeterminationSource.choices,
        default=DeterminationSource.REVIEWER,
    )
    created_at = models.DateTimeField(_("审查时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("保密审查结论")
        verbose_name_plural = _("保密审查结论")
        ordering = ["pk"]

    def __str__(self):
        return f"#{self.pk} {self.get_determination_display()}"

    @property
    def allows_publication(self):
        return self.determination in PUBLISHABLE_DETERMINATIONS

    @classmethod
    def latest_for_revision(cls, revision):
        """The last determination recorded for ``revision`` (a later one supersedes)."""
        return cls.objects.filter(revision_id=revision.pk).order_by("-pk").first()

    @classmethod
    def system(cls, revision, reason, user=None, determination=Determination.MAY_DISCLOSE):
        """Record a *system determination* for ``revision``: imports and the demo publish
        without a reviewer, and say so instead of skipping the gate (design.md "Contracts")."""
        return cls.objects.create(**cls._system_fields(revision, reason, user, determination))

    @classmethod
    def bulk_system(cls, revisions, reason, user=None):
        """:meth:`system` for many revisions in one query (bulk imports)."""
        return cls.objects.bulk_create(
            [
                cls(**cls._system_fields(revision, reason, user, Determination.MAY_DISCLOSE))
                for revision in revisions
            ]
        )

    @staticmethod
    def _system_fields(revision, reason, user, determination):
        return {
            "page_id": int(revision.object_id),
            "revision": revision,
            "reviewer": user,
            "checklist": {},
            "determination": determination,
            "comment": reason,
            "source": DeterminationSource.SYSTEM,
        }


def publish_with_system_determination(revision, reason, user=None, **kwargs):
    """Publish ``revision`` from code (an import, the demo, a command) after recording a system
    determination for it; every other gate still applies. Returns what ``publish`` returns."""
    with transaction.atomic():
        ConfidentialityDetermination.system(revision, reason, user=user)
        return revision.publish(user=user, **kwargs)


class WithheldReview(AppendOnlyModel):
    """One periodic review of an item determined 不予公开 (条例 第18条: "对本行政机关不予公开的
    政府信息进行定期评估审查，对因情势变化可以公开的政府信息应当公开"). Append-only: the
    reviews of an item are its history. Rules in :mod:`disclosure.review.withheld`."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="withheld_reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审查时间"), default=timezone.now, db_index=True)
    outcome = models.CharField(_("审查结果"), max_length=20, choices=ReviewOutcome.choices)
    reason = models.TextField(_("理由"))
    next_review_on = models.DateField(_("下次审查日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("不予公开定期审查")
        verbose_name_plural = _("不予公开定期审查")
        ordering = ["pk"]

    def __str__(self):
        return f"#{self.pk} {self.get_outcome_display()}"
