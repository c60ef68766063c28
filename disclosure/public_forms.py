"""What every form the public posts on the portal shares (issue #16 item 7): a small question
that needs no outside service, asked once per submission, and a limit of submissions per client
per hour. CSRF is Django's (every public form renders ``{% csrf_token %}``); sizes are the
forms' own ``max_length`` and ``DATA_UPLOAD_MAX_MEMORY_SIZE``.

The question is a sum of two digits, its operands signed into a hidden field (``challenge``),
so no session is needed and a page from the page cache is never served with a stale question
(pages with a CSRF form are not cached). A correctly answered token is spent: posting it again
asks a new question. Clients are counted by their address as the trusted proxy names it
(:mod:`disclosure.client_address`), so citizens behind the proxy are counted one by one.
"""

import hashlib
import secrets

from django import forms
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.client_address import client_address

CHALLENGE_SALT = "public_forms.challenge"
#: Seconds a question stays valid (a long application form takes a while to fill in).
CHALLENGE_MAX_AGE = 3600


def new_challenge():
    """``(question, signed token)`` of a small sum."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    question = _("%(a)s 加 %(b)s 等于几？") % {"a": a, "b": b}
    return question, signing.dumps([a, b, secrets.token_hex(4)], salt=CHALLENGE_SALT)


def _spend(token):
    """True the first time ``token`` is spent, False after."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return cache.add(f"public_forms:spent:{digest}", 1, timeout=CHALLENGE_MAX_AGE)


class ChallengeMixin(forms.Form):
    """The question, as two fields of a form: ``challenge`` (hidden) and ``answer``.

    ``form.question`` is the text to show beside the answer field; :meth:`ask_again` sets a new
    question on a bound form shown again (after an error or a refusal)."""

    challenge = forms.CharField(widget=forms.HiddenInput)
    answer = forms.CharField(label=gettext_lazy("验证问题"), max_length=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = ""
        if not self.is_bound:
            self.question, self.fields["challenge"].initial = new_challenge()

    def clean_answer(self):
        token = self.data.get("challenge", "")
        try:
            a, b, *_nonce = signing.loads(token, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
        except (signing.BadSignature, ValueError, TypeError):
            raise ValidationError(_("验证问题已过期，请重新填写。")) from None
        if self.cleaned_data["answer"].strip() != str(a + b):
            raise ValidationError(_("验证问题的答案不正确。"))
        if not _spend(token):
            raise ValidationError(_("该验证问题已使用过，请回答新的验证问题。"))
        return self.cleaned_data["answer"]

    def ask_again(self):
        """A new question for the form shown again; its answer field emptied."""
        self.question, token = new_challenge()
        self.data = self.data.copy()
        self.data["challenge"] = token
        self.data["answer"] = ""


def too_many(request, scope, limit):
    """True when this client has posted more than ``limit`` times to ``scope`` within the
    hour (``limit`` 0: no limit). Counted in the shared cache, so every process agrees."""
    if not limit:
        return False
    key = f"public_forms:rate:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=3600)
        return False
