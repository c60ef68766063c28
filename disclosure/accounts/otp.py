"""The second factor of staff login (GB/T 22239-2019 8.1.4.1 c: 应采用口令、密码技术、生物技术等两种或
两种以上组合的鉴别技术对用户进行身份鉴别): after the password, every user who may use the admin
types a code from an authenticator app (TOTP, RFC 6238) or one of ten one-time recovery codes.

The factors are django-otp's devices: one confirmed ``TOTPDevice`` and one ``StaticDevice`` that
holds the recovery codes. Both have django-otp's ``ThrottlingMixin``: after each consecutive
wrong code a device refuses to check another for 1, 2, 4, 8 … seconds (kept on the device, so
logging in again does not reset it). On top of that, :data:`FAILURES_BEFORE_LOGOUT` refused codes
in one session end the session (8.1.4.1 b: 登录失败处理功能 … 结束会话、限制非法登录次数).
Every enrolment, verification, failure and reset is in the security log (8.1.4.3)."""

import re
from base64 import b32encode
from dataclasses import dataclass

import django_otp
import qrcode
from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from .events import SecurityEventKind, record
from .sessions import SSO_SECOND_FACTOR
from .staff import is_staff_user

#: Refused codes (wrong, or typed while the device is throttled) that end the session.
FAILURES_BEFORE_LOGOUT = 5
RECOVERY_CODE_COUNT = 10
#: The session's count of refused codes since the last accepted one.
FAILURES = "accounts_otp_failures"
TOTP_CODE = re.compile(r"\d{6}")


def requires_second_factor(user) -> bool:
    """Whether ``user`` must verify a second factor: when ``STAFF_OTP_REQUIRED``, everyone who
    may use the admin (:func:`~disclosure.accounts.staff.is_staff_user`; an active superuser has
    every permission)."""
    return bool(settings.STAFF_OTP_REQUIRED and is_staff_user(user))


def is_verified(request) -> bool:
    """The session verified a second factor here, or single sign-on asserted the provider's."""
    if request.session.get(SSO_SECOND_FACTOR) is True:
        return True
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def totp_device(user):
    """The user's confirmed TOTP device, or ``None`` (not enrolled)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def recovery_device(user):
    return StaticDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def pending_device(user):
    """The TOTP device being enrolled (its secret is shown until a first code confirms it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=_("动态口令"), confirmed=False)


def secret_base32(device) -> str:
    """The secret as an authenticator app takes it by hand: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device) -> str:
    """The device's ``otpauth://`` address as a QR code, an inline SVG made here (no outside
    service sees the secret)."""
    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")


def recovery_codes_left(user) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device is not None else 0


def replace_recovery_codes(user) -> list[str]:
    """New recovery codes for ``user`` (the old ones stop working); shown once, by the caller.

    The device is kept, so a session verified with a recovery code stays verified."""
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    codes = sorted(codes)
    with transaction.atomic():
        device = recovery_device(user) or StaticDevice.objects.create(
            user=user, name=_("恢复码"), confirmed=True
        )
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        device.throttle_reset()
    return codes


@dataclass
class Attempt:
    """What became of one typed code: accepted, refused with ``message``, or refused for the
    last time (``logged_out``: the session has ended)."""

    accepted: bool
    message: str = ""
    logged_out: bool = False
    method: str = ""


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def verify(request, code) -> Attempt:
    """Check a code typed on the verification page: six digits against the TOTP device,
    anything else against the recovery codes (each works once)."""
    code = normalise(code)
    if TOTP_CODE.fullmatch(code):
        method, device = "totp", totp_device(request.user)
    else:
        method, device = "recovery", recovery_device(request.user)
    attempt = _check(request, device, code, stage="verify", method=method)
    if attempt.accepted:
        record(SecurityEventKind.OTP_VERIFIED, request=request, user=request.user, method=method)
    return attempt


def confirm_enrolment(request, device, code) -> tuple[Attempt, list[str]]:
    """Confirm the pending TOTP ``device`` with its first code; on success the session is
    verified and the user's new recovery codes are returned (to be shown once)."""
    attempt = _check(request, device, normalise(code), stage="enrol", method="totp")
    if not attempt.accepted:
        return attempt, []
    with transaction.atomic():
        # One TOTP device per user: enrolling again (after a reset) replaces any other.
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = replace_recovery_codes(request.user)
        record(SecurityEventKind.OTP_ENROLLED, request=request, user=request.user)
    django_otp.login(request, device)
    return attempt, codes


def regenerate_recovery_codes(request) -> list[str]:
    """New recovery codes at the user's request (from the account page)."""
    codes = replace_recovery_codes(request.user)
    record(
        SecurityEventKind.OTP_ENROLLED,
        request=request,
        user=request.user,
        recovery_codes="regenerated",
    )
    return codes


def reset(user, *, request=None, actor=None, via="admin") -> int:
    """Remove every second-factor device of ``user`` (a lost phone): the next login enrols
    again, and sessions verified with the removed devices are no longer verified. Recorded
    with the actor. Returns how many devices were removed."""
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
        record(
            SecurityEventKind.OTP_RESET,
            request=request,
            user=user,
            actor=actor,
            devices=removed,
            via=via,
        )
    return removed


def _check(request, device, code, *, stage, method) -> Attempt:
    """Check ``code`` against ``device`` under django-otp's throttling; count and record a
    refusal, and end the session at the last one allowed."""
    accepted, throttled = False, False
    if device is not None and code:
        with transaction.atomic():
            locked = Device.from_persistent_id(device.persistent_id, for_verify=True)
            if locked is not None and locked.user_id == request.user.pk:
                throttled = not locked.verify_is_allowed()[0]
                accepted = not throttled and locked.verify_token(code)
    if accepted:
        request.session.pop(FAILURES, None)
        if stage == "verify":
            django_otp.login(request, locked)
        return Attempt(accepted=True, method=method)

    failures = request.session.get(FAILURES, 0) + 1
    request.session[FAILURES] = failures
    record(
        SecurityEventKind.OTP_FAILED,
        request=request,
        user=request.user,
        stage=stage,
        method=method,
        throttled=throttled,
        failures=failures,
    )
    if failures >= FAILURES_BEFORE_LOGOUT:
        logout(request)
        message = _("验证码连续 %(count)d 次错误，已退出登录，请重新登录。") % {"count": failures}
        return Attempt(accepted=False, message=message, logged_out=True, method=method)
    left = FAILURES_BEFORE_LOGOUT - failures
    if throttled:
        message = _("尝试过于频繁，请稍等几秒后再输入。")
    elif method == "recovery":
        message = _("恢复码不正确或已使用过。")
    else:
        message = _("验证码不正确，请核对手机上显示的 6 位数字后重新输入。")
    message += _("再错 %(left)d 次将退出登录。") % {"left": left}
    return Attempt(accepted=False, message=message, method=method)
