"""Password rules and expiry (等保 2.0, GB/T 22239-2019 8.1.4.1 a: 身份标识具有唯一性, 身份鉴别信息
具有复杂度要求并定期更换).

- :class:`MinimumLengthValidator`: at least ``PASSWORD_MIN_LENGTH`` characters (12).
- :class:`CharacterClassesValidator`: at least three of the four classes (lower-case, upper-case,
  digits, other characters); Django's list of common passwords stays.
- :class:`NameValidator`: not derived from the username or the user's name — also not from the
  name's pinyin, full or initials (陈登记 → ``chendengji``, ``cdj``), the first thing an attacker
  tries on a Chinese account.
- :func:`password_expired`: the password is older than ``PASSWORD_MAX_AGE_DAYS``, counted from
  the last password change in the security log (or the account's creation).

The validators run where a password is chosen in a form (Wagtail's user and account views), not
on ``set_password``: the demo users keep their documented password.
"""

import datetime
import re

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin

from .models import SecurityEvent, SecurityEventKind

#: Events that set a password: the account's creation and every later change.
PASSWORD_SET = (SecurityEventKind.USER_CREATED, SecurityEventKind.PASSWORD_CHANGED)

CHARACTER_CLASSES = (
    re.compile(r"[a-z]"),
    re.compile(r"[A-Z]"),
    re.compile(r"[0-9]"),
    re.compile(r"[^a-zA-Z0-9]"),
)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with ``PASSWORD_MIN_LENGTH`` and a Chinese message (Django 5.2's error message
    has no Chinese translation)."""

    def __init__(self, min_length=None):
        super().__init__(min_length or settings.PASSWORD_MIN_LENGTH)

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_help_text(), code="password_too_short")

    def get_help_text(self):
        return _("密码长度至少为 %(count)d 个字符。") % {"count": self.min_length}


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case letters, upper-case letters, digits, others."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for pattern in CHARACTER_CLASSES if pattern.search(password))
        if found < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("密码须至少包含大写字母、小写字母、数字、其他符号四类中的 %(count)d 类。") % {
            "count": self.min_classes
        }


#: Shorter parts of a name (a two-letter surname, "li") would refuse too many good passwords.
MIN_PART_LENGTH = 3


def _letters(text):
    return re.sub(r"[^a-z]", "", text.lower())


def name_parts(user):
    """The strings a password must not contain (compared as lower-case letters only): the
    username and its words, the name in either order and, for a Chinese name, its full pinyin
    and its initials."""
    username = user.get_username() or ""
    first = getattr(user, "first_name", "") or ""
    last = getattr(user, "last_name", "") or ""
    candidates = {username, *re.split(r"[^A-Za-z0-9]+", username)}
    for name in {first, last, last + first, first + last}:
        if not name.strip():
            continue
        candidates.add(name)
        candidates.update(re.split(r"[^A-Za-z]+", name))
        candidates.add("".join(lazy_pinyin(name)))
        candidates.add("".join(lazy_pinyin(name, style=Style.FIRST_LETTER)))
    parts = {_letters(candidate) for candidate in candidates}
    return {part for part in parts if len(part) >= MIN_PART_LENGTH}


class NameValidator:
    """Not derived from the username or the user's name, nor from the name's pinyin."""

    def validate(self, password, user=None):
        if user is None:
            return
        letters = _letters(password)
        if any(part in letters for part in name_parts(user)):
            raise ValidationError(self.get_help_text(), code="password_from_name")

    def get_help_text(self):
        return _("密码不能由用户名、姓名或姓名拼音（全拼或首字母）变化而来。")


def max_age():
    """How long a password is valid, or ``None`` when passwords do not expire."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    return datetime.timedelta(days=days) if days > 0 else None


def password_changed_at(user):
    """When ``user``'s password was last set: the latest creation or password change in the
    security log, else (the log pruned, an account older than the log) the account's creation
    — never later than the truth, so an unknown age expires rather than lasts."""
    changed = (
        SecurityEvent.objects.filter(user=user, kind__in=PASSWORD_SET)
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )
    return changed or user.date_joined


def password_expired(user, now=None, changed_at=None):
    """Whether ``user`` must change their password before anything else (accounts without a
    usable password — single sign-on — have none to change); ``changed_at`` saves the look-up
    when the caller has it."""
    age = max_age()
    if age is None or not user.has_usable_password():
        return False
    return (changed_at or password_changed_at(user)) + age <= (now or timezone.now())
