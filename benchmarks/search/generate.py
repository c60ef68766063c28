"""Synthetic corpus for scale tests: N plausible documents of a city market-supervision bureau.

Usage (from the project root)::

    .venv/bin/python -m benchmarks.search.generate --count 100000 --out /tmp/synthetic.jsonl \\
        [--seed 1] [--paragraphs 3-8] [--corpus disclosure/normative/data/laws.jsonl.xz]

then ``manage.py import_corpus /tmp/synthetic.jsonl --column synthetic --no-progress``.

The output is JSON lines in the corpus format read by ``import_corpus`` (``id``, ``title``,
``category``, ``region``, ``issued``, ``effective``, ``version``, ``history``, ``text``,
``source``). It is deterministic: the same corpus, ``--seed``, ``--count`` and
``--paragraphs`` give the same file byte for byte.

What a bureau's portal holds beside the national laws is its own and its neighbours'
documents, so that is what is generated (issue #21 item 6): no national law and no State
Council order is made up, and no real 文号 is copied, so that a number query still finds the one
document it names and a judged query still finds its law among 100k documents.

* Issuers: 示范市市场监督管理局 (the bureau of the demo site), its district branches
  (示范市东城区市场监督管理局 …), 示范市人民政府 and its office, 示范省市场监督管理局.
* Kinds (``category``), by share: 行政处罚决定 (50 %: summaries of 行政处罚决定书 of the bureau or a
  district branch: party, facts, the article broken and the penalty, of a real law), 工作通知
  (33 %: ``…关于开展2023年电梯安全监管专项整治行动的通知``), 公告 (16 %), 规范性文件 of the
  bureau or the province (0.8 %, some 40 a year: ``示范市明码标价管理办法``), 地方政府规章 of the
  city (0.1 %).
  Subjects, departments (those of the demo catalogue: 登记注册科, 执法支队, …) and the laws
  cited are a fixed list of market-supervision matters.
* 文号: each issuer code numbers its documents from 1 every year (GB/T 9704-2012 7.2.4):
  ``示市监规〔2023〕4号``, ``示东市监处罚〔2024〕118号``, ``示府办函〔2019〕7号``; the city
  government's orders are numbered without a year (``示范市人民政府令第12号``). Every number
  is unique; it is the first ``history`` line, followed by ``<date> <issuer>发布`` (or 公布), so
  the importer reads the 文号 and the 发布机构 as it does for the real corpus.
* ``text``: the notices, announcements and regulations are framed in the usual phrasing
  (``为…，根据《…》等有关规定，结合本市实际，…通知如下：``, ``特此通知。``, ``第一条 为了…，制定本办法。``
  … ``本办法自…起施行，有效期五年。``) around whole articles of the real corpus (passages of
  one or more consecutive articles of a random real document, up to 200 characters and 4
  articles; the regulations renumber them ``第二条``, ``第三条``…). Articles carrying a 文号 are
  left out; the names of other provinces and cities in them become 本省/本市 and ``本法``,
  ``本条例``… become ``本办法``. Bodies are ~840 characters on average.
* Dates: issue years 2005–2025, more documents in later years. Regulations carry a version
  date; 0.2 % of the records are revisions of an earlier regulation (same title, a new 文号 of
  the year of the revision, one more ``…以示市监规〔2024〕3号修订`` history line, a new body), so
  ``import_corpus`` links them as version chains. Other titles are unique (a repeated title
  gets its 文号 in brackets).
* ``region``: 示范市 or 示范省; ``source``: ``SYN/<category>/<region>/<id>.md``.

Progress goes to stderr every 10,000 records; the total number of records, of characters
of text and of bytes written are printed at the end.
"""

import argparse
import datetime
import json
import lzma
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "disclosure/normative/data/laws.jsonl.xz"

LATEST_VERSION = datetime.date(2025, 12, 31)
CN_DIGITS = "零一二三四五六七八九"

ARTICLE_RE = re.compile(
    r"^第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*"
)
CHAPTER_RE = re.compile(r"^##\s*第[零一二三四五六七八九十百]+章[\s\u3000]*(\S.*)$")


def chinese_number(n):
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (up to 9,999)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero:
                parts.append("零")
                zero = False
            parts.append(CN_DIGITS[digit] + unit)
        elif parts:
            zero = True
    return "".join(parts)


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def read_corpus(path):
    opener = lzma.open if str(path).endswith(".xz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def articles_of(text):
    """Whole articles of a body: (first paragraph without its number, following paragraphs)."""
    articles, current = [], None
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph or paragraph.startswith("#"):
            if current:
                articles.append(current)
            current = None
            continue
        match = ARTICLE_RE.match(paragraph)
        if match:
            if current:
                articles.append(current)
            current = [paragraph[match.end() :]]
        elif current is not None:
            current.append(paragraph)
    if current:
        articles.append(current)
    return [a for a in articles if a[0] and sum(len(p) for p in a) <= 1200]


# ---------------------------------------------------------------------------------------------
# Who issues what: the bureau itself, its district branches, the city and the province. Each
# issuer code (机关代字) numbers its documents from 1 every year (GB/T 9704-2012 7.2.4); the
# city government's orders (地方政府规章, 立法法 第93条) are numbered without a year.
CITY = "示范市"
PROVINCE = "示范省"
BUREAU = f"{CITY}市场监督管理局"
DISTRICTS = ["东城", "西城", "南湖", "北山", "高新", "临江", "青河", "云岭"]
DEPARTMENTS = [
    "办公室",
    "政策法规科",
    "登记注册科",
    "信用监管科",
    "执法支队",
    "食品生产科",
    "食品流通科",
    "特种设备安全监察科",
    "知识产权科",
    "消费者权益保护科",
    "价格监督检查科",
    "广告监督管理科",
    "计量科",
    "标准化科",
    "质量发展科",
    "药品化妆品监督管理科",
    "网络交易监督管理科",
    "反垄断与反不正当竞争科",
]
FIRST_YEAR, LAST_YEAR = 2005, 2025

# Subjects of market supervision: (subject as written in titles, department, laws cited).
SUBJECTS = [
    ("食品安全监督抽检", "食品流通科", ["中华人民共和国食品安全法", "食品安全抽样检验管理办法"]),
    ("校园及周边食品安全", "食品流通科", ["中华人民共和国食品安全法"]),
    ("食品生产许可", "食品生产科", ["中华人民共和国食品安全法", "食品生产许可管理办法"]),
    ("食品小作坊登记管理", "食品生产科", ["中华人民共和国食品安全法"]),
    ("农贸市场食用农产品质量安全", "食品流通科", ["食用农产品市场销售质量安全监督管理办法"]),
    ("餐饮服务食品安全量化分级", "食品流通科", ["中华人民共和国食品安全法"]),
    (
        "电梯安全监管",
        "特种设备安全监察科",
        ["中华人民共和国特种设备安全法", "特种设备安全监察条例"],
    ),
    ("锅炉压力容器安全", "特种设备安全监察科", ["中华人民共和国特种设备安全法"]),
    ("气瓶充装单位监督检查", "特种设备安全监察科", ["特种设备安全监察条例"]),
    ("特种设备隐患排查治理", "特种设备安全监察科", ["中华人民共和国特种设备安全法"]),
    ("民生计量器具强制检定", "计量科", ["中华人民共和国计量法"]),
    ("加油机计量作弊专项治理", "计量科", ["中华人民共和国计量法"]),
    ("商品条码管理", "标准化科", ["中华人民共和国标准化法"]),
    ("企业标准自我声明公开", "标准化科", ["中华人民共和国标准化法"]),
    ("产品质量监督抽查", "质量发展科", ["中华人民共和国产品质量法"]),
    ("重要工业产品生产许可", "质量发展科", ["中华人民共和国产品质量法"]),
    ("儿童用品质量安全", "质量发展科", ["中华人民共和国产品质量法"]),
    ("明码标价", "价格监督检查科", ["中华人民共和国价格法", "明码标价和禁止价格欺诈规定"]),
    ("涉企违规收费整治", "价格监督检查科", ["中华人民共和国价格法"]),
    ("节日市场价格监管", "价格监督检查科", ["中华人民共和国价格法"]),
    ("广告导向监管", "广告监督管理科", ["中华人民共和国广告法"]),
    ("医疗美容广告整治", "广告监督管理科", ["中华人民共和国广告法"]),
    ("保健食品广告审查", "广告监督管理科", ["中华人民共和国广告法"]),
    (
        "网络交易监督检查",
        "网络交易监督管理科",
        ["中华人民共和国电子商务法", "网络交易监督管理办法"],
    ),
    ("网络直播营销规范", "网络交易监督管理科", ["中华人民共和国电子商务法"]),
    ("消费投诉举报处理", "消费者权益保护科", ["中华人民共和国消费者权益保护法"]),
    ("放心消费创建", "消费者权益保护科", ["中华人民共和国消费者权益保护法"]),
    ("单用途商业预付卡监管", "消费者权益保护科", ["中华人民共和国消费者权益保护法"]),
    ("市场主体登记注册", "登记注册科", ["中华人民共和国市场主体登记管理条例"]),
    ("个体工商户登记", "登记注册科", ["促进个体工商户发展条例"]),
    ("企业开办便利化", "登记注册科", ["中华人民共和国市场主体登记管理条例"]),
    ("企业年度报告公示", "信用监管科", ["企业信息公示暂行条例"]),
    ("经营异常名录管理", "信用监管科", ["企业信息公示暂行条例"]),
    ("信用修复", "信用监管科", ["企业信息公示暂行条例"]),
    ("双随机一公开监管", "信用监管科", ["企业信息公示暂行条例"]),
    ("商标专用权保护", "知识产权科", ["中华人民共和国商标法"]),
    ("专利侵权纠纷行政裁决", "知识产权科", ["中华人民共和国专利法"]),
    ("地理标志保护", "知识产权科", ["中华人民共和国商标法"]),
    ("药品零售企业监督检查", "药品化妆品监督管理科", ["中华人民共和国药品管理法"]),
    ("化妆品经营使用", "药品化妆品监督管理科", ["化妆品监督管理条例"]),
    ("医疗器械经营使用", "药品化妆品监督管理科", ["医疗器械监督管理条例"]),
    ("反不正当竞争执法", "反垄断与反不正当竞争科", ["中华人民共和国反不正当竞争法"]),
    ("公平竞争审查", "反垄断与反不正当竞争科", ["中华人民共和国反垄断法"]),
    ("打击传销规范直销", "执法支队", ["禁止传销条例", "直销管理条例"]),
    ("行政处罚裁量基准", "政策法规科", ["中华人民共和国行政处罚法"]),
    ("行政执法公示", "政策法规科", ["中华人民共和国行政处罚法"]),
    ("规范性文件清理", "政策法规科", ["中华人民共和国行政许可法"]),
    ("政府信息公开", "办公室", ["中华人民共和国政府信息公开条例"]),
]
NOTICE_TITLES = [
    "关于开展{year}年{subject}专项整治行动的通知",
    "关于做好{year}年{subject}工作的通知",
    "关于进一步加强{subject}工作的通知",
    "关于印发《{city}{subject}工作方案》的通知",
    "关于印发《{year}年{subject}工作要点》的通知",
    "关于开展{subject}监督检查的通知",
    "关于{subject}工作情况的通报",
    "关于做好{subject}有关工作的紧急通知",
    "关于转发{province}市场监督管理局关于加强{subject}工作的通知的通知",
]
ANNOUNCEMENT_TITLES = [
    "关于{year}年第{serial}期{subject}结果的公告",
    "关于{subject}有关事项的公告",
    "关于公布{year}年度{subject}情况的公告",
    "关于征求《{city}{subject}管理办法（征求意见稿）》意见的公告",
]
REGULATION_TITLES = [
    "{city}{subject}管理办法",
    "{city}{subject}实施细则",
    "{city}{subject}若干规定",
    "关于加强{subject}的实施意见",
    "{city}{subject}工作规范",
]
PURPOSES = [
    "切实保障人民群众生命财产安全",
    "进一步优化营商环境",
    "规范市场秩序，维护公平竞争",
    "落实监管责任，防范化解风险",
    "保护消费者合法权益",
    "推进严格规范公正文明执法",
    "提升监管效能",
]
HEADINGS = ["工作目标", "主要任务", "工作措施", "职责分工", "时间安排", "工作要求", "保障措施"]
CLOSINGS = [
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
    "请各区局于每季度结束后5个工作日内将工作进展情况报送市局{department}。",
    "工作中遇到的问题，请及时与市局{department}联系。",
]
# 行政处罚决定书 summaries: (what the party did, the law broken, its article, the penalty).
VIOLATIONS = [
    ("销售超过保质期的食品", "中华人民共和国食品安全法", 34, 124),
    ("未按规定建立并遵守进货查验记录制度", "中华人民共和国食品安全法", 53, 126),
    ("生产经营标签不符合规定的预包装食品", "中华人民共和国食品安全法", 67, 125),
    ("使用未经定期检验的电梯", "中华人民共和国特种设备安全法", 40, 84),
    ("使用未经检定的计量器具", "中华人民共和国计量法", 9, 26),
    ("销售不合格产品", "中华人民共和国产品质量法", 39, 50),
    ("发布虚假广告", "中华人民共和国广告法", 28, 55),
    ("在广告中使用绝对化用语", "中华人民共和国广告法", 9, 57),
    ("不按规定明码标价", "中华人民共和国价格法", 13, 42),
    ("利用虚假的或者使人误解的价格手段诱骗消费者交易", "中华人民共和国价格法", 14, 40),
    ("对商品作虚假或者引人误解的商业宣传", "中华人民共和国反不正当竞争法", 8, 20),
    ("销售侵犯注册商标专用权的商品", "中华人民共和国商标法", 57, 60),
    ("未在首页显著位置公示营业执照信息", "中华人民共和国电子商务法", 15, 76),
    ("经营未取得医疗器械注册证的第二类医疗器械", "医疗器械监督管理条例", 55, 86),
    ("经营变质的化妆品", "化妆品监督管理条例", 38, 60),
    ("未按规定公示年度报告", "企业信息公示暂行条例", 8, 17),
]
SHOP_WORDS = list("华盛鑫隆昌泰恒达瑞祥福源德兴嘉和润丰宏远汇通佳美")
TRADES = ["商贸", "食品", "餐饮管理", "电子科技", "医药", "超市", "百货", "建材", "汽车服务"]
SHOP_FORMS = ["有限公司", "有限责任公司", "店", "经营部"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚")
# A passage copied from the corpus must not carry a real 文号 (order or bracketed): the numbers
# of the generated documents are their own and unique.
NUMBER_IN_TEXT = re.compile(
    r"令\s*[（(]?\s*第|第\s*[0-9０-９]+\s*号令|[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]"
)
SELF_REFERENCE = re.compile(r"本(?:法|条例|规定|解释|细则|决定)")


class Issuers:
    """The 文号 of every issuer code: ``next(code, year)`` gives 示市监规〔2023〕4号 and so on,
    one sequence per code and year, so that no two documents share a number."""

    def __init__(self):
        self.serials = defaultdict(int)

    def number(self, code, year=None):
        self.serials[code, year] += 1
        serial = self.serials[code, year]
        if year is None:
            return f"{code}第{serial}号"
        return f"{code}〔{year}〕{serial}号"


class Material:
    """What the generator draws from, extracted once from the real corpus: whole articles
    (without 文号, place names of other regions replaced by 本市/本省) and chapter names."""

    def __init__(self, records):
        self.records = sorted(records, key=lambda r: r["id"])
        places = set()
        for record in self.records:
            region = record.get("region") or ""
            if region and region != "全国":
                places.add(region)
            match = re.match(r"^([\u4e00-\u9fff]{2,3}?)(?:市|省)", record["title"])
            if match:
                places.add(match.group(1))
        self.place_re = re.compile(
            "(?:" + "|".join(sorted(map(re.escape, places), key=len, reverse=True)) + ")(省|市)"
        )
        self.documents = []  # list of article lists
        self.chapters = []
        for record in self.records:
            text = record.get("text") or ""
            articles = [
                [self.localise(p) for p in article]
                for article in articles_of(text)
                if not any(NUMBER_IN_TEXT.search(p) for p in article)
            ]
            if len(articles) >= 2:
                self.documents.append(articles)
            for line in text.split("\n"):
                match = CHAPTER_RE.match(line.strip())
                if match and len(match.group(1)) <= 20:
                    self.chapters.append(match.group(1).strip())
        self.chapter_names = sorted(set(self.chapters)) or ["总则"]

    def localise(self, paragraph):
        return self.place_re.sub(lambda m: f"本{m.group(1)}", paragraph)


class Generator:
    """Records of the bureau, its district branches, the city and the province (see the
    module docstring); ``record(number)`` gives the next one."""

    KINDS = (
        ("penalty", 0.50),
        ("notice", 0.33),
        ("announcement", 0.16),
        ("regulation", 0.008),
        ("order", 0.001),
    )

    def __init__(self, material, seed=1, paragraphs=(3, 8)):
        self.m = material
        self.rng = random.Random(seed)
        self.paragraphs = paragraphs
        self.issuers = Issuers()
        self.titles = set()
        self.regulations = []  # heads of 规范性文件 that may be revised later
        self.credit_codes = set()

    # -- pieces -------------------------------------------------------------------------------
    def date_in(self, year):
        start = datetime.date(year, 1, 1).toordinal()
        end = min(datetime.date(year, 12, 31), LATEST_VERSION).toordinal()
        return datetime.date.fromordinal(self.rng.randint(start, end))

    def year(self):
        # More documents in later years, as on a real portal.
        years = range(FIRST_YEAR, LAST_YEAR + 1)
        return self.rng.choices(years, weights=[1 + i for i in range(len(years))])[0]

    def unique_title(self, title, number):
        if title in self.titles:
            title = f"{title}（{number}）"
        self.titles.add(title)
        return title

    def passages(self, low, high, renumber=True, self_word="本办法"):
        rng = self.rng
        lines, article = [], 0
        for _ in range(rng.randint(low, high)):
            articles = rng.choice(self.m.documents)
            start = rng.randrange(len(articles))
            length = 0
            for taken, item in enumerate(articles[start:]):
                if taken >= 4 or (taken and length >= 200):
                    break
                item = [SELF_REFERENCE.sub(self_word, p) for p in item]
                if renumber:
                    article += 1
                    lines.append(f"第{chinese_number(article)}条 {item[0]}")
                else:
                    lines.append(item[0])
                lines.extend(item[1:])
                length += sum(len(p) for p in item)
        return lines

    def party(self, district):
        rng = self.rng
        name = (
            f"{CITY}{district or rng.choice(DISTRICTS)}区{''.join(rng.sample(SHOP_WORDS, 2))}"
            f"{rng.choice(TRADES)}{rng.choice(SHOP_FORMS)}"
        )
        while True:
            code = "91" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(16))
            if code not in self.credit_codes:
                self.credit_codes.add(code)
                break
        person = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
        return name, code, person

    # -- kinds --------------------------------------------------------------------------------
    def record(self, number):
        rng = self.rng
        corpus_id = f"syn-{number:06d}"
        if self.regulations and rng.random() < 0.002:
            head = rng.choice(self.regulations)
            if (LATEST_VERSION - head["version"]).days >= 400:
                return self.revision(corpus_id, head)
        kind = rng.choices([k for k, _ in self.KINDS], weights=[w for _, w in self.KINDS])[0]
        return getattr(self, kind)(corpus_id)

    def penalty(self, corpus_id):
        rng = self.rng
        year = self.year()
        district = rng.choice([*DISTRICTS, ""])
        if district:
            authority = f"{CITY}{district}区市场监督管理局"
            code = f"示{district[0]}市监处罚"
        else:
            authority, code = BUREAU, "示市监处罚"
        number = self.issuers.number(code, year)
        decided = self.date_in(year)
        act, law, article, penalty_article = rng.choice(VIOLATIONS)
        name, credit_code, person = self.party(district)
        title = self.unique_title(f"{authority}行政处罚决定书（{name}{act}案）", number)
        fine = rng.choice([2000, 5000, 10000, 20000, 30000, 50000, 100000])
        found = decided - datetime.timedelta(rng.randint(20, 90))
        text = [
            f"当事人：{name}",
            f"统一社会信用代码：{credit_code}",
            f"法定代表人（负责人、经营者）：{person}",
            f"{chinese_date(found)}，本局执法人员对当事人经营场所依法进行检查，发现当事人涉嫌"
            f"{act}。经本局负责人批准，于同日立案调查。",
            f"经查，当事人{act}，违反了《{law}》第{chinese_number(article)}条的规定。"
            "上述事实，有现场检查笔录、询问笔录、相关票据等证据为证。",
            f"本局于{chinese_date(decided)}向当事人送达了《行政处罚告知书》，告知当事人拟作出行政处罚"
            "的事实、理由、依据及依法享有的陈述、申辩和要求听证的权利。当事人在法定期限内未提出"
            "陈述、申辩，也未要求听证。",
            f"依据《{law}》第{chinese_number(penalty_article)}条的规定，本局决定对当事人作出如下"
            f"行政处罚：1. 警告；2. 罚款人民币{fine}元。",
            "当事人应当自收到本行政处罚决定书之日起十五日内，到指定银行缴纳罚款。逾期不缴纳的，"
            "每日按罚款数额的百分之三加处罚款。",
            f"当事人如不服本行政处罚决定，可以在收到本行政处罚决定书之日起六十日内向{CITY}人民政府"
            "申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。",
        ]
        return self.dump(
            corpus_id,
            title,
            "行政处罚决定",
            CITY,
            decided,
            None,
            None,
            [number, f"{chinese_date(decided)} {authority}公布"],
            text,
        )

    def notice(self, corpus_id):
        rng = self.rng
        year = self.year()
        subject, department, laws = rng.choice(SUBJECTS)
        provincial = rng.random() < 0.15
        if provincial:
            issuer, code = f"{PROVINCE}市场监督管理局", rng.choice(["示省市监发", "示省市监办发"])
        elif rng.random() < 0.1:
            issuer, code = f"{CITY}人民政府办公室", rng.choice(["示府办发", "示府办函"])
        else:
            issuer, code = BUREAU, rng.choice(["示市监发", "示市监办", "示市监函"])
        number = self.issuers.number(code, year)
        issued = self.date_in(year)
        template = rng.choice(NOTICE_TITLES)
        title = issuer + template.format(
            year=year, subject=subject, city=PROVINCE if provincial else CITY, province=PROVINCE
        )
        title = self.unique_title(title, number)
        lead = (
            "各市（州）市场监督管理局"
            if provincial
            else "各区市场监督管理局，局机关各科室、执法支队"
        )
        text = [
            f"{lead}：",
            f"为{rng.choice(PURPOSES)}，根据《{rng.choice(laws)}》等有关规定，结合"
            f"{'本省' if provincial else '本市'}实际，现就{subject}有关事项通知如下：",
        ]
        headings = rng.sample(HEADINGS, rng.randint(2, 4))
        for index, heading in enumerate(headings):
            text.append(f"{chinese_number(index + 1)}、{heading}")
            text.extend(self.passages(1, 2, renumber=False))
        text.append(rng.choice(CLOSINGS).format(department=department))
        text.extend(["特此通知。", issuer, chinese_date(issued)])
        return self.dump(
            corpus_id,
            title,
            "工作通知",
            PROVINCE if provincial else CITY,
            issued,
            None,
            None,
            [number, f"{chinese_date(issued)} {issuer}发布"],
            text,
        )

    def announcement(self, corpus_id):
        rng = self.rng
        year = self.year()
        subject, department, laws = rng.choice(SUBJECTS)
        number = self.issuers.number("示市监公告", year)
        issued = self.date_in(year)
        title = BUREAU + rng.choice(ANNOUNCEMENT_TITLES).format(
            year=year, serial=rng.randint(1, 24), subject=subject, city=CITY
        )
        title = self.unique_title(title, number)
        text = [f"根据《{rng.choice(laws)}》有关规定，现将{subject}有关情况公告如下："]
        text.extend(self.passages(1, 3, renumber=False))
        text.append(f"联系单位：{BUREAU}{department}")
        text.extend(["特此公告。", BUREAU, chinese_date(issued)])
        return self.dump(
            corpus_id,
            title,
            "公告",
            CITY,
            issued,
            None,
            None,
            [number, f"{chinese_date(issued)} {BUREAU}发布"],
            text,
        )

    def regulation(self, corpus_id, order=False):
        rng = self.rng
        year = self.year()
        subject, department, laws = rng.choice(SUBJECTS)
        if order:
            issuer, code = f"{CITY}人民政府", f"{CITY}人民政府令"
            number = self.issuers.number(code)
            category = "地方政府规章"
        elif rng.random() < 0.2:
            issuer, code, category = f"{PROVINCE}市场监督管理局", "示省市监规", "规范性文件"
            number = self.issuers.number(code, year)
        else:
            issuer, code, category = BUREAU, "示市监规", "规范性文件"
            number = self.issuers.number(code, year)
        region = PROVINCE if issuer.startswith(PROVINCE) else CITY
        issued = self.date_in(year)
        effective = issued + datetime.timedelta(rng.choice([0, 30, 31, 60]))
        template = rng.choice(REGULATION_TITLES)
        title = template.format(city=region, subject=subject)
        if not template.startswith("{city}"):
            title = issuer + title
        title = self.unique_title(title, number)
        genre = "本规范" if title.endswith("规范") else "本意见" if "意见" in title else "本办法"
        history = [number, f"{chinese_date(issued)} {issuer}发布"]
        if effective != issued:
            history.append(f"{chinese_date(effective)} 施行")
        head = {
            "title": title,
            "category": category,
            "region": region,
            "issuer": issuer,
            "code": code,
            "issued": issued,
            "history": history,
            "version": issued,
            "revisions": 0,
            "laws": laws,
            "genre": genre,
            "order": order,
        }
        if not order:
            self.regulations.append(head)
        version = issued if not order else None
        return self.dump(
            corpus_id,
            title,
            category,
            region,
            issued,
            effective,
            version,
            history,
            self.regulation_body(head, effective),
        )

    def order(self, corpus_id):
        return self.regulation(corpus_id, order=True)

    def regulation_body(self, head, effective):
        rng = self.rng
        genre = head["genre"]
        passages = self.passages(*self.paragraphs, renumber=True, self_word=genre)
        first = (
            f"第一条 为了{rng.choice(PURPOSES)}，根据《{rng.choice(head['laws'])}》等法律、法规"
            f"和规章，结合{'本省' if head['region'] == PROVINCE else '本市'}实际，制定{genre}。"
        )
        lines, article = [first], 1
        for line in passages:
            match = re.match(r"^第[零一二三四五六七八九十百千]+条 ", line)
            if match:
                article += 1
                line = f"第{chinese_number(article)}条 {line[match.end() :]}"
            lines.append(line)
        lines.append(
            f"第{chinese_number(article + 1)}条 {genre}自{chinese_date(effective)}起施行，"
            "有效期五年。"
        )
        return lines

    def revision(self, corpus_id, head):
        rng = self.rng
        room = (LATEST_VERSION - head["version"]).days
        version = head["version"] + datetime.timedelta(rng.randint(365, min(room, 1800)))
        number = self.issuers.number(head["code"], version.year)
        head["version"] = version
        head["revisions"] += 1
        head["history"] = [
            *head["history"],
            f"{chinese_date(version)} {head['issuer']}以{number}修订",
        ]
        return self.dump(
            corpus_id,
            head["title"],
            head["category"],
            head["region"],
            head["issued"],
            None,
            version,
            head["history"],
            self.regulation_body(head, version),
        )

    def dump(self, corpus_id, title, category, region, issued, effective, version, history, text):
        iso = lambda day: day.isoformat() if day else None  # noqa: E731
        return {
            "id": corpus_id,
            "title": title,
            "category": category,
            "region": region,
            "issued": iso(issued),
            "effective": iso(effective),
            "version": iso(version),
            "history": list(history),
            "text": "\n\n".join(text),
            "source": f"SYN/{category}/{region}/{corpus_id}.md",
        }


def parse_range(value):
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", value.strip())
    if not match:
        raise argparse.ArgumentTypeError("expected N or N-M, e.g. 3-8")
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if low < 1 or high < low:
        raise argparse.ArgumentTypeError("expected 1 <= N <= M")
    return low, high


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=100_000, help="number of records")
    parser.add_argument("--out", required=True, help="output JSON-lines file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--paragraphs", type=parse_range, default=(3, 8), help="passages per body, N-M"
    )
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="real corpus (.jsonl[.xz])")
    args = parser.parse_args(argv)

    material = Material(read_corpus(args.corpus))
    print(
        f"material: {len(material.records)} records, "
        f"{len(material.documents)} bodies with articles, "
        f"{len(material.chapter_names)} chapter names",
        file=sys.stderr,
    )
    generator = Generator(material, seed=args.seed, paragraphs=args.paragraphs)
    characters = written = versions = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for number in range(1, args.count + 1):
            record = generator.record(number)
            if record["history"] and record["history"][-1].endswith("修订"):
                versions += 1
            characters += len(record["text"])
            line = json.dumps(record, ensure_ascii=False) + "\n"
            written += len(line.encode("utf-8"))
            out.write(line)
            if number % 10_000 == 0:
                print(f"{number} records, {characters:,} characters", file=sys.stderr)
    print(
        f"{args.count} records ({versions} later versions of earlier titles) written to "
        f"{args.out}: {characters:,} characters of text "
        f"({characters / max(args.count, 1):,.0f} per record), {written:,} bytes"
    )


if __name__ == "__main__":
    main()
