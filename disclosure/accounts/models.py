"""The security log (安全审计日志, GB/T 22239-2019 8.1.4.3): one append-only row per login,
failed login, logout, lockout, second-factor event, password change and change of a staff
account's groups, permissions or flags. Kept at least six months (《网络安全法》第二十一条第三项:
网络日志留存不少于六个月) and exportable."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.outbox.models import AppendOnlyModel


class SecurityEventKind(models.TextChoices):
    LOGIN = "login", _("登录成功")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出登录")
    LOCKED_OUT = "locked_out", _("账号或地址被锁定")
    IDLE_TIMEOUT = "idle_timeout", _("空闲超时退出")
    OTP_ENROLLED = "otp_enrolled", _("绑定动态口令")
    OTP_VERIFIED = "otp_verified", _("动态口令验证成功")
    OTP_FAILED = "otp_failed", _("动态口令验证失败")
    OTP_RESET = "otp_reset", _("重置动态口令")
    PASSWORD_CHANGED = "password_changed", _("修改密码")
    PASSWORD_EXPIRED = "password_expired", _("密码过期")
    SSO_LOGIN = "sso_login", _("统一身份认证登录")
    SSO_FAILED = "sso_failed", _("统一身份认证失败")
    USER_CREATED = "user_created", _("新建账号")
    USER_DELETED = "user_deleted", _("删除账号")
    ACCOUNT_CHANGED = "account_changed", _("账号状态变更")
    GROUPS_CHANGED = "groups_changed", _("角色变更")
    PERMISSIONS_CHANGED = "permissions_changed", _("权限变更")


class SecurityEvent(AppendOnlyModel):
    """One security-relevant event. ``user`` is the account concerned (kept as ``username`` too,
    so the row survives the account's deletion); ``actor`` is who did it when that is someone
    else (an administrator changing a user's groups)."""

    occurred_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    kind = models.CharField(_("事件"), max_length=30, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_username = models.CharField(_("操作人用户名"), max_length=150, blank=True)
    address = models.CharField(_("来源地址"), max_length=64, blank=True, db_index=True)
    user_agent = models.CharField(_("浏览器标识"), max_length=300, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("安全日志")
        verbose_name_plural = _("安全日志")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["kind", "occurred_at"])]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"
