"""Builds the labelled set of the personal-data scanner: snippets in the style of penalty
decisions (行政处罚决定书), each with the exact spans of the personal data it holds.

Run ``python -m benchmarks.checks.build_samples`` to (re)write ``samples.jsonl``; the seed is
fixed, so the file is reproducible. The negatives are the numbers a decision is full of and that
look like personal data: unified social credit codes, 18-digit numbers with a wrong ID check
digit, 文号, 索引号, batch numbers (some of 11 digits starting with 13–19), amounts, dates,
office landlines, order numbers, government mailboxes, company addresses (住所).

Each line: {"text": ..., "findings": [{"kind", "start", "end"}], "template": ...}.
"""

import json
import random
import string
from pathlib import Path

OUT = Path(__file__).with_name("samples.jsonl")
SEED = 20261127

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
REGIONS = ["520201", "520203", "520221", "520102", "110105", "330106", "440304", "510107", "430111"]
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SURNAMES = "张王李赵刘陈杨黄吴周徐孙马朱胡郭何罗高林"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "涛", "明", "超", "兰"]
COMPANIES = [
    "示范市钟山区好又多超市有限公司",
    "示范市惠民食品经营部",
    "示范市安康大药房连锁有限公司",
    "示范市鑫源建材有限公司",
    "示范市水城区老王烧烤店",
    "示范市佳美眼镜有限公司",
]
ROADS = ["人民路", "钟山大道", "凉都大道", "明湖路", "荷城街", "建设东路", "德坞街道新华巷"]
DISTRICTS = ["贵州省六盘水市钟山区", "示范市钟山区", "示范市水城区", "六盘水市六枝特区", ""]
MAIL_HOSTS = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com"]


def id_number(rng, valid=True):
    born = f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = rng.choice(REGIONS) + born + f"{rng.randint(0, 999):03d}"
    check = ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]
    if not valid:
        check = rng.choice([c for c in ID_CHECK if c != check])
    value = first17 + check
    return value.lower() if check == "X" and rng.random() < 0.3 else value


def luhn_complete(prefix_digits):
    total = 0
    for position, char in enumerate(reversed(prefix_digits + "0")):
        value = int(char)
        if position % 2:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return prefix_digits + str((10 - total % 10) % 10)


def bank_card(rng):
    length = rng.choice([16, 19, 19])
    prefix = rng.choice(["6222", "6228", "6217", "6214", "6236", "6259"])
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - 5))
    number = luhn_complete(body)
    if rng.random() < 0.25:
        number = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def company_account(rng):
    digits = "".join(rng.choice(string.digits) for _ in range(18))
    return luhn_complete("2402" + digits[:14])


def mobile(rng):
    number = rng.choice(["13", "15", "17", "18", "19"]) + "".join(
        rng.choice(string.digits) for _ in range(9)
    )
    form = rng.random()
    if form < 0.15:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    if form < 0.25:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    return number


def credit_code(rng):
    first17 = rng.choice(["9152", "9252", "1152", "9144"]) + "".join(
        rng.choice(CREDIT_CHARS) for _ in range(13)
    )
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return first17 + CREDIT_CHARS[(31 - total % 31) % 31]


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def home_address(rng):
    district = rng.choice(DISTRICTS) or "示范市"
    road = rng.choice(ROADS)
    form = rng.random()
    if form < 0.4:
        rest = f"{rng.randint(1, 300)}号{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(101, 2802)}室"
    elif form < 0.7:
        rest = f"{rng.randint(1, 300)}号附{rng.randint(1, 20)}号"
    elif form < 0.85:
        rest = f"{rng.choice(['阳光', '幸福', '盛世'])}小区{rng.randint(1, 20)}幢{rng.randint(101, 1802)}号"
        road = ""
    else:
        district = district.replace("区", "区") + "大河镇"
        road = f"{rng.choice(['新寨', '上坝', '白果'])}村"
        rest = f"{rng.randint(1, 12)}组{rng.randint(1, 80)}号"
    return district + road + rest


def company_address(rng):
    return f"{rng.choice(DISTRICTS) or '示范市'}{rng.choice(ROADS)}{rng.randint(1, 300)}号"


def landline(rng):
    return rng.choice(
        [
            f"0858-{rng.randint(8000000, 8999999)}",
            f"0851-{rng.randint(85000000, 86999999)}",
            f"（0858）{rng.randint(8000000, 8999999)}",
            "12315",
            f"0858－{rng.randint(8000000, 8999999)}",
        ]
    )


def doc_number(rng):
    return f"示市监处罚〔{rng.randint(2019, 2026)}〕{rng.randint(1, 399)}号"


def index_number(rng):
    return f"11520200MB15762018/{rng.randint(2019, 2026)}-{rng.randint(1, 99999):05d}"


def batch(rng):
    return rng.choice(
        [
            f"{rng.randint(2022, 2026)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
            f"{rng.choice(['13', '15', '18'])}{rng.randint(100000000, 999999999)}",
            f"B{rng.randint(2022, 2026)}{rng.randint(1000, 9999)}",
            f"{rng.randint(2022, 2026)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(1, 99):02d}",
        ]
    )


def amount(rng):
    return rng.choice(
        [
            f"{rng.randint(1, 500) * 100}元",
            f"{rng.randint(1, 90)},{rng.randint(0, 999):03d}.00元",
            f"人民币{rng.choice(['壹万', '贰万伍仟', '伍仟'])}元整（¥{rng.randint(1000, 99999)}.00）",
        ]
    )


def date(rng):
    y, m, d = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}{m:02d}{d:02d}"])


class Snippet:
    def __init__(self):
        self.text = ""
        self.findings = []

    def add(self, part, kind=None):
        if kind:
            self.findings.append(
                {"kind": kind, "start": len(self.text), "end": len(self.text) + len(part)}
            )
        self.text += part
        return self


# Each template writes one snippet; positives carry their kind.
def t_natural_person(s, rng):
    s.add(f"当事人：{person(rng)}，性别：{rng.choice('男女')}，公民身份号码：")
    s.add(id_number(rng), "id_number").add("，住址：")
    s.add(home_address(rng), "address").add("，联系电话：")
    s.add(mobile(rng), "mobile").add("。")


def t_individual_business(s, rng):
    s.add(f"当事人：{rng.choice(COMPANIES)}（个体工商户），统一社会信用代码：{credit_code(rng)}，")
    s.add(f"经营场所：{company_address(rng)}，经营者：{person(rng)}，身份证号码")
    s.add(id_number(rng), "id_number").add("，联系方式")
    s.add(mobile(rng), "mobile").add("。")


def t_company(s, rng):
    s.add(f"当事人：{rng.choice(COMPANIES)}，统一社会信用代码：{credit_code(rng)}，")
    s.add(f"住所：{company_address(rng)}，法定代表人：{person(rng)}，")
    s.add(f"办公电话：{landline(rng)}。")


def t_company_account(s, rng):
    s.add(
        f"当事人应自收到本决定书之日起十五日内将罚没款缴至{rng.choice(['中国工商银行示范市分行', '示范市农村信用合作联社'])}，户名：{rng.choice(COMPANIES)}，账号："
    )
    s.add(company_account(rng), "bank_card").add("。")


def t_bank_card(s, rng):
    s.add(f"经查，当事人通过其本人{rng.choice(['银行卡', '借记卡', '名下账户'])}（卡号")
    s.add(bank_card(rng), "bank_card").add(f"）收取货款共计{amount(rng)}。")


def t_email(s, rng):
    local = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9)))
    s.add("当事人通过电子邮箱")
    s.add(f"{local}{rng.randint(1, 999)}@{rng.choice(MAIL_HOSTS)}", "email")
    s.add(f"向消费者发送虚假宣传材料，涉案金额{amount(rng)}。")


def t_gov_mail(s, rng):
    s.add(
        f"如对本决定不服，可于{date(rng)}前通过邮箱 {rng.choice(['fazhike', 'zhifa', 'gongkai'])}@samr-demo.gov.cn 或电话 {landline(rng)} 咨询。"
    )


def t_wrong_check(s, rng):
    s.add(f"涉案商品外包装标注的追溯码为{id_number(rng, valid=False)}，与备案信息不符。")


def t_document(s, rng):
    s.add(
        f"{rng.choice(COMPANIES)}违反《中华人民共和国食品安全法》，本局于{date(rng)}作出{doc_number(rng)}行政处罚决定，索引号{index_number(rng)}。"
    )


def t_batch(s, rng):
    s.add(
        f"经抽检，批号{batch(rng)}的{rng.choice(['大米', '白酒', '食用油', '酱油'])}（生产日期：{date(rng)}，批次：{batch(rng)}）不符合食品安全标准，货值金额{amount(rng)}。"
    )


def t_amount(s, rng):
    s.add(
        f"决定没收违法所得{amount(rng)}，并处罚款{amount(rng)}，合计{rng.randint(10000, 99999999)}元，于{date(rng)}前缴纳。"
    )


def t_landline(s, rng):
    s.add(f"举报电话：{landline(rng)}，投诉热线12315，传真：{landline(rng)}，邮政编码553000。")


def t_witness(s, rng):
    s.add(f"证人{person(rng)}（家住")
    s.add(home_address(rng), "address").add("）证实，当事人于")
    s.add(f"{date(rng)}销售过期食品。")


def t_unit_only(s, rng):
    s.add("执法人员在")
    addr = f"{rng.choice(DISTRICTS) or '示范市'}{rng.choice(ROADS)}{rng.randint(1, 200)}号{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(101, 2802)}室"
    s.add(addr, "address").add(f"（当事人住处）查获假冒商品{rng.randint(10, 900)}件。")


def t_mobile_messaging(s, rng):
    s.add("当事人使用手机号")
    s.add(mobile(rng), "mobile").add(f"注册网店，通过微信向{rng.randint(2, 90)}名消费者销售。")


def t_plus86(s, rng):
    number = mobile(rng).replace("-", "").replace(" ", "")
    s.add(f"联系人{person(rng)}，电话+86 ")
    s.add(number, "mobile").add("。")


def t_order(s, rng):
    digits = "".join(rng.choice(string.digits) for _ in range(15))
    s.add(
        f"订单号：{luhn_complete(digits)}，快递单号SF{rng.randint(10**11, 10**12 - 1)}，{amount(rng)}。"
    )


def t_credit_list(s, rng):
    s.add(
        f"列入经营异常名录的企业：{rng.choice(COMPANIES)}（{credit_code(rng)}）、{rng.choice(COMPANIES)}（{credit_code(rng)}）。"
    )


def t_hukou(s, rng):
    s.add(f"当事人{person(rng)}，户籍地址：")
    s.add(home_address(rng), "address").add("，身份证号")
    s.add(id_number(rng), "id_number").add("。")


def t_fullwidth(s, rng):
    number = mobile(rng).replace("-", "").replace(" ", "")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number)
    s.add(f"举报人{person(rng)}（电话")
    s.add(wide, "mobile").add("）反映，当事人销售的商品无中文标签。")


def t_table_row(s, rng):
    s.add(f"{person(rng)} 身份证")
    s.add(id_number(rng), "id_number").add(" 电话")
    s.add(mobile(rng), "mobile").add(f"联系 罚款{amount(rng)}")


def t_licence(s, rng):
    s.add(
        f"食品经营许可证编号JY{rng.randint(10**13, 10**14 - 1)}，生产许可证编号SC{rng.randint(10**13, 10**14 - 1)}，"
        f"营业执照注册号{rng.randint(10**14, 10**15 - 1)}，案件编号{rng.randint(10**10, 10**11 - 1)}，"
        f"抽样单编号：{rng.choice(['13', '15', '18'])}{rng.randint(10**8, 10**9 - 1)}。"
    )


TEMPLATES = [
    (t_fullwidth, 4),
    (t_table_row, 8),
    (t_licence, 8),
    (t_natural_person, 24),
    (t_individual_business, 18),
    (t_company, 16),
    (t_company_account, 8),
    (t_bank_card, 10),
    (t_email, 10),
    (t_gov_mail, 8),
    (t_wrong_check, 18),
    (t_document, 14),
    (t_batch, 16),
    (t_amount, 12),
    (t_landline, 12),
    (t_witness, 8),
    (t_unit_only, 6),
    (t_mobile_messaging, 10),
    (t_plus86, 6),
    (t_order, 8),
    (t_credit_list, 10),
    (t_hukou, 10),
]


def build():
    rng = random.Random(SEED)
    samples = []
    for template, count in TEMPLATES:
        for _ in range(count):
            snippet = Snippet()
            template(snippet, rng)
            samples.append(
                {
                    "text": snippet.text,
                    "findings": snippet.findings,
                    "template": template.__name__,
                }
            )
    rng.shuffle(samples)
    return samples


def main():
    samples = build()
    with OUT.open("w", encoding="utf-8") as out:
        for sample in samples:
            out.write(json.dumps(sample, ensure_ascii=False) + "\n")
    print(f"{len(samples)} snippets → {OUT.name}")  # noqa: T201


if __name__ == "__main__":
    main()
