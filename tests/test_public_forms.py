"""The question and the rate limit every public form shares (disclosure/public_forms.py)."""

import pytest
from django import forms
from django.core import signing
from django.core.cache import cache
from django.test import RequestFactory

from disclosure.public_forms import CHALLENGE_SALT, ChallengeMixin, new_challenge, too_many


class MessageForm(ChallengeMixin, forms.Form):
    text = forms.CharField(max_length=20)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def answered(**overrides):
    _question, token = new_challenge()
    a, b, _nonce = signing.loads(token, salt=CHALLENGE_SALT)
    return {"text": "你好", "challenge": token, "answer": str(a + b), **overrides}


def test_an_unbound_form_asks_a_question_in_chinese():
    form = MessageForm()
    assert form.question.endswith("等于几？")
    assert form.fields["challenge"].initial


def test_the_right_answer_passes_once():
    data = answered()
    assert MessageForm(data).is_valid()
    again = MessageForm(data)
    assert not again.is_valid()
    assert again.errors["answer"] == ["该验证问题已使用过，请回答新的验证问题。"]


def test_a_wrong_answer_or_a_forged_question_is_refused_in_chinese():
    data = answered()
    data["answer"] = str(int(data["answer"]) + 1)
    assert MessageForm(data).errors["answer"] == ["验证问题的答案不正确。"]
    forged = answered(challenge=signing.dumps([1, 1, "x"], salt="another"), answer="2")
    assert MessageForm(forged).errors["answer"] == ["验证问题已过期，请重新填写。"]
    assert MessageForm(answered(challenge="")).errors["answer"]


def test_ask_again_sets_a_new_question_and_empties_the_answer():
    data = answered()
    form = MessageForm(data)
    form.ask_again()
    assert form.question and form.data["answer"] == ""
    assert form.data["challenge"] != data["challenge"]


def test_too_many_counts_per_client_and_per_form():
    one = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    other = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2")
    assert [too_many(one, "messages", 2) for _ in range(3)] == [False, False, True]
    assert not too_many(other, "messages", 2)
    assert not too_many(one, "consultations", 2)
    assert not any(too_many(one, "unlimited", 0) for _ in range(5))
