"""The personal-data scanner and the masks (总局令第45号 第6条)."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from disclosure.checks.scanner import id_check_character, is_id_number, luhn_valid, mask, scan

ID = "52020119900307123" + id_check_character("52020119900307123")
WRONG_ID = ID[:17] + ("0" if ID[17] != "0" else "1")


def kinds(text):
    return [(m.kind, m.text) for m in scan(text)]


def test_id_number_with_a_valid_check_digit():
    assert is_id_number(ID)
    assert kinds(f"身份证号：{ID}，") == [("id_number", ID)]


def test_an_18_digit_number_with_a_wrong_check_digit_is_not_an_id_number():
    assert not is_id_number(WRONG_ID)
    assert kinds(f"追溯码{WRONG_ID}。") == []


def test_lower_case_x_check_character():
    first17 = next(
        f"11010519850101{n:03d}"
        for n in range(1000)
        if id_check_character(f"11010519850101{n:03d}") == "X"
    )
    assert kinds(f"身份证{first17}x号") == [("id_number", first17 + "x")]


@pytest.mark.parametrize(
    "text",
    [
        "统一社会信用代码：91520200MA6DX1234K",
        "索引号：11520200MB15762018/2026-00012",
        "示市监处罚〔2026〕123号",
        "批号13820240315，生产日期2024-03-15",
        "罚款人民币13800000元",
        "电话：0858-8221234，（0858）8123456，12315",
        "邮箱 gongkai@samr-demo.gov.cn",
        "住所：示范市钟山区人民路88号",
        "订单号：6222021234567890128",
    ],
)
def test_what_is_not_personal_data(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("电话13812345678。", "13812345678"),
        ("电话 138-1234-5678", "138-1234-5678"),
        ("电话+86 139 1234 5678", "139 1234 5678"),
        ("电话１３８１２３４５６７８", "１３８１２３４５６７８"),
    ],
)
def test_mobile_numbers(text, found):
    assert kinds(text) == [("mobile", found)]


def test_bank_cards_are_luhn_checked():
    assert luhn_valid("6222021234567890128")
    assert kinds("账号：6222021234567890128") == [("bank_card", "6222021234567890128")]
    assert kinds("银行卡 6222021234567890127") == []  # a label of its own (卡号, 账号): see below
    assert kinds("卡号 6222 0212 3456 7890 128") == [("bank_card", "6222 0212 3456 7890 128")]


def test_email_and_address():
    assert kinds("邮箱 zhangsan@qq.com") == [("email", "zhangsan@qq.com")]
    text = "住址：贵州省六盘水市钟山区人民路12号3栋2单元501室，电话"
    assert kinds(text) == [("address", "贵州省六盘水市钟山区人民路12号3栋2单元501室")]


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        ("id_number", "520201199003071234", "5202**********1234"),
        ("mobile", "13812341234", "138****1234"),
        ("mobile", "138-1234-1234", "138****1234"),
        ("bank_card", "6222021234567890128", "6222***********0128"),
        ("email", "zhangsan@qq.com", "z***@qq.com"),
        ("address", "贵州省六盘水市钟山区人民路12号3栋", "贵州省六盘水市钟山区****"),
    ],
)
def test_masks(kind, value, masked):
    assert mask(kind, value) == masked


def test_the_command_prints_json_findings_with_character_offsets():
    text = f"当事人张三，身份证号{ID}，手机13812345678，邮箱a1@qq.com。"
    findings = _run_json(text)
    assert [f["kind"] for f in findings] == ["id_number", "mobile", "email"]
    first = findings[0]
    assert text[first["start"] : first["end"]] == ID
    assert set(first) == {"kind", "start", "end"}


def test_the_command_in_a_subprocess_reads_utf8_stdin():
    text = "住址：示范市人民路1号3栋2单元501室，电话13812345678"
    result = subprocess.run(
        [sys.executable, "manage.py", "scan_personal_data", "--json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )
    findings = json.loads(result.stdout.decode("utf-8"))
    assert findings == [
        {"kind": "address", "start": 3, "end": 20},
        {"kind": "mobile", "start": 23, "end": 34},
    ]


def _run_json(text):
    out = StringIO()
    stdin = sys.stdin
    try:
        sys.stdin = type("In", (), {"buffer": __import__("io").BytesIO(text.encode("utf-8"))})()
        call_command("scan_personal_data", "--json", stdout=out)
    finally:
        sys.stdin = stdin
    return json.loads(out.getvalue())


def test_the_command_prints_an_empty_array_when_nothing_is_found():
    assert _run_json("") == []
    # Negatives of a penalty decision: a credit code, a 文号, a wrong check digit, a landline.
    assert _run_json(f"91110000600037341L 示市监处罚〔2026〕12号 {WRONG_ID} 0858-8221234") == []


def test_the_command_reports_every_kind_with_character_offsets_in_order():
    text = (
        f"😀当事人身份证号{ID}，手机13812345678，账号6222021234567890128，"
        "邮箱zhangsan@qq.com，住址：贵州省六盘水市钟山区人民路12号3栋2单元501室。"
    )
    findings = _run_json(text)
    assert [f["kind"] for f in findings] == ["id_number", "mobile", "bank_card", "email", "address"]
    assert all(set(f) == {"kind", "start", "end"} for f in findings)
    assert all(isinstance(f["start"], int) and isinstance(f["end"], int) for f in findings)
    # Offsets count characters (the emoji is one), not UTF-8 bytes or UTF-16 units.
    assert [text[f["start"] : f["end"]] for f in findings] == [
        ID,
        "13812345678",
        "6222021234567890128",
        "zhangsan@qq.com",
        "贵州省六盘水市钟山区人民路12号3栋2单元501室",
    ]


@pytest.mark.parametrize(
    "label", ["身份证号", "身份证号：", "身份证", "证件号码为", "公民身份号码", "居民身份证号码 "]
)
def test_an_id_number_after_its_label_counts_whatever_its_check_digit(label):
    # Issue #12 item 2: a typo in the check digit is still a person's number.
    assert not is_id_number("110101199003077516")
    text = f"经营者张三（{label}110101199003077516，联系电话13812345678）"
    assert kinds(text) == [("id_number", "110101199003077516"), ("mobile", "13812345678")]


def test_a_card_number_after_its_label_counts_whatever_its_luhn_digit():
    assert kinds("卡号：6222021234567890127") == [("bank_card", "6222021234567890127")]
    assert kinds("账号6222021234567890127，") == [("bank_card", "6222021234567890127")]
    # Without the label the checks stay: an unlabelled number with a wrong digit is not a card.
    assert kinds("订单 6222021234567890127") == []
