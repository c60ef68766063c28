"""Departments (科室 / 中心 / 支队) of the bureau, and the stable codes of the role groups and
workflows the code looks up (their names are labels the admin may rename).

A department is an organisational unit, not a role. Membership is kept in an auto-managed
auth group (``科室：<name>``) so that Wagtail's own page permissions scope editing to the
columns the department is responsible for; roles (信息员, 科室负责人, …) are separate groups,
see :mod:`disclosure.departments.roles`.
"""

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.models import Workflow

GROUP_PREFIX = "科室："


class DepartmentKind(models.TextChoices):
    SECTION = "section", _("科室")
    CENTRE = "centre", _("中心")
    DETACHMENT = "detachment", _("支队")
    PLACEHOLDER = "placeholder", _("泛指（如“各起草科室”）")


class Department(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(
        _("类型"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.SECTION
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    functions = models.TextField(
        _("主要职责"), blank=True, help_text=_("“机构信息 · 内设机构”页面显示，每段一行。")
    )
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    group = models.OneToOneField(
        Group,
        verbose_name=_("成员组"),
        on_delete=models.PROTECT,
        related_name="department",
        null=True,
        blank=True,
        editable=False,
    )
    history = HistoricalRecords(excluded_fields=["group"])

    class Meta:
        verbose_name = _("科室")
        verbose_name_plural = _("科室")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def is_placeholder(self):
        return self.kind == DepartmentKind.PLACEHOLDER

    @transaction.atomic
    def save(self, *args, **kwargs):
        group_name = f"{GROUP_PREFIX}{self.name}"
        if self.group_id is None:
            self.group, _created = Group.objects.get_or_create(name=group_name)
        elif self.group.name != group_name:
            self.group.name = group_name
            self.group.save(update_fields=["name"])
        super().save(*args, **kwargs)

    @property
    def members(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(groups=self.group_id)

    def add_member(self, user):
        user.groups.add(self.group)

    @classmethod
    def for_user(cls, user):
        """The departments a user belongs to."""
        return cls.objects.filter(group__user=user)

    @classmethod
    def get_or_create_by_name(cls, name):
        """Departments named in the catalogue: ``各…科室`` style names are placeholders."""
        name = name.strip()
        kind = DepartmentKind.SECTION
        if name.startswith("各"):
            kind = DepartmentKind.PLACEHOLDER
        elif name.endswith("支队"):
            kind = DepartmentKind.DETACHMENT
        elif name.endswith("中心"):
            kind = DepartmentKind.CENTRE
        department = cls.objects.filter(name=name).first()
        if department is None:
            department = cls(name=name, kind=kind)
            department.save()
        return department


class RoleGroup(models.Model):
    """The stable code of a role group (see :mod:`disclosure.departments.roles`).

    A group's name is a display label that the admin may rename; the code finds a role's
    group by ``code`` only, so that renaming a group keeps its permissions and its users' roles.
    """

    code = models.CharField(_("代码"), max_length=50, unique=True, editable=False)
    group = models.OneToOneField(
        Group,
        verbose_name=_("用户组"),
        on_delete=models.CASCADE,
        related_name="role",
    )

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.group.name}"


class WorkflowKey(models.Model):
    """The stable code of a workflow the code maintains (the standard publication workflow,
    :mod:`disclosure.review.workflow`); its name is a label the admin may rename. Kept next to
    :class:`RoleGroup` (the workflow's steps are the roles' groups) so that the review app's
    models need no key of their own."""

    code = models.CharField(_("代码"), max_length=50, unique=True, editable=False)
    workflow = models.OneToOneField(
        Workflow,
        verbose_name=_("审批流程"),
        on_delete=models.CASCADE,
        related_name="key",
    )

    class Meta:
        verbose_name = _("审批流程代码")
        verbose_name_plural = _("审批流程代码")

    def __str__(self):
        return f"{self.code}: {self.workflow.name}"
