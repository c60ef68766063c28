"""Licensing: service-guide completeness, licence decisions and their publication deadline."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from disclosure.licensing import rules
from disclosure.licensing.models import LicenceDecision, LicensingItem
from tests.factories import superuser
from tests.records import bad_credit_code, licence_decision, licensing_item

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_MAKEUP_SATURDAY = dt.date(2026, 2, 13)  # 2026-02-14 is a make-up working Saturday


def test_complete_guide_has_no_missing_element():
    item = licensing_item()
    assert item.missing_guide_elements == []
    assert item.guide_complete


def test_guide_missing_one_element_is_flagged_by_name():
    item = licensing_item(fees="")
    assert item.missing_guide_elements == ["收费依据及标准"]
    assert list(LicensingItem.objects.filter(rules.incomplete_guide_q())) == [item]


def test_every_guide_element_is_checked():
    # 事项名称 is a required field, so it is never blank on a saved item.
    for name, label in rules.GUIDE_ELEMENTS[1:]:
        item = licensing_item(**{name: ""})
        assert item.missing_guide_elements == [str(label)], name


def test_cancelled_or_delegated_item_needs_no_guide():
    cancelled = licensing_item(status="cancelled", status_basis="国发〔2025〕1号", fees="")
    delegated = licensing_item(
        status="delegated", status_basis="国发〔2025〕1号", delegated_to="区县市场监管局", fees=""
    )
    assert cancelled.missing_guide_elements == []
    assert delegated.missing_guide_elements == []
    assert not LicensingItem.objects.filter(rules.incomplete_guide_q()).exists()


def test_delegated_item_names_where_and_why():
    with pytest.raises(ValidationError) as error:
        licensing_item(status="delegated")
    assert set(error.value.message_dict) == {"delegated_to", "status_basis"}


def test_admin_list_filter_shows_incomplete_guides(client):
    complete = licensing_item(name="食品生产许可")
    incomplete = licensing_item(name="药品零售许可", complaint_phone="")
    client.force_login(superuser())
    response = client.get("/admin/licensing_items/?guide=incomplete")
    assert response.status_code == 200
    content = response.content.decode()
    assert incomplete.name in content
    assert complete.name not in content
    assert "缺：投诉电话" in content


def test_guide_report_lists_missing_elements(client):
    licensing_item(name="药品零售许可", materials="", procedure="")
    client.force_login(superuser())
    response = client.get("/admin/licensing/guide-report/")
    assert response.status_code == 200
    assert "申请材料、办理流程" in response.content.decode()


def test_guide_check_command_fails_on_incomplete_guide(capsys):
    licensing_item(code="XK-9001", time_limit="")
    with pytest.raises(CommandError):
        call_command("guide_check", "--fail")
    assert "XK-9001" in capsys.readouterr().out


def test_publication_due_counts_the_makeup_saturday():
    """Decided on the Friday before the make-up Saturday: that Saturday counts, the Spring
    Festival week does not (政府信息公开条例 第26条: 20 working days)."""
    assert rules.publication_due_on(FRIDAY_BEFORE_MAKEUP_SATURDAY) == dt.date(2026, 3, 19)


def test_published_on_the_due_day_is_not_late_a_day_after_is():
    on_time = licence_decision(
        decided_on=FRIDAY_BEFORE_MAKEUP_SATURDAY, published_on=dt.date(2026, 3, 19)
    )
    late = licence_decision(
        decided_on=FRIDAY_BEFORE_MAKEUP_SATURDAY, published_on=dt.date(2026, 3, 20)
    )
    assert not on_time.published_late
    assert late.published_late


def test_grant_needs_licence_number_and_validity():
    with pytest.raises(ValidationError) as error:
        licence_decision(licence_number="", valid_until=None)
    assert set(error.value.message_dict) == {"licence_number", "valid_until"}


def test_revocation_needs_no_validity():
    decision = licence_decision(kind="revoke", licence_number="", valid_from=None, valid_until=None)
    assert decision.get_kind_display() == "撤销"


def test_credit_code_with_wrong_check_character_is_refused():
    with pytest.raises(ValidationError) as error:
        licence_decision(party_credit_code=bad_credit_code())
    assert "校验位" in error.value.message_dict["party_credit_code"][0]


def test_validity_cannot_end_before_it_starts():
    with pytest.raises(ValidationError) as error:
        licence_decision(valid_from=dt.date(2026, 3, 2), valid_until=dt.date(2026, 3, 1))
    assert "有效期至" in error.value.message_dict["valid_until"][0]


def test_personal_data_in_content_is_refused_before_it_goes_public():
    with pytest.raises(ValidationError) as error:
        licence_decision(content="联系人手机 13812345678")
    assert "个人信息" in error.value.message_dict["content"][0]
    assert not LicenceDecision.objects.exists()


def test_changes_are_kept_in_history_and_shown_in_the_admin(client):
    decision = licence_decision(content="热食类食品制售")
    decision.content = "热食类食品制售；冷食类食品制售"
    decision._change_reason = "许可变更"
    decision.save()
    assert decision.history.count() == 2
    client.force_login(superuser())
    response = client.get(f"/admin/licence_decisions/inspect/{decision.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "变更历史" in content
    assert "许可变更" in content
