"""Synthetic corpus for scale tests: N records made from the real corpus's material.

Usage (from the project root)::

    .venv/bin/python -m benchmarks.search.generate --count 100000 --out /tmp/synthetic.jsonl \\
        [--seed 1] [--paragraphs 3-8] [--corpus disclosure/normative/data/laws.jsonl.xz]

then ``manage.py import_corpus /tmp/synthetic.jsonl --column synthetic --no-progress``.

The output is JSON lines in the corpus format read by ``import_corpus`` (``id``, ``title``,
``category``, ``region``, ``issued``, ``effective``, ``version``, ``history``, ``text``,
``source``). It is deterministic: the same corpus, ``--seed``, ``--count`` and
``--paragraphs`` give the same file byte for byte.

How a record is made:

* ``id``: ``syn-000001``, ``syn-000002``, … (six digits at least).
* ``category`` and ``region``: those of a real record drawn at random (uniformly over the
  3,471 records), so both follow the corpus distribution and stay consistent with each other
  (地方性法规 go with a province, 行政法规 with 全国, …).
* ``title``: recombined from real title parts: an issuer/region prefix taken from a real
  title of the same category and region (``上海市``, ``山东省``, ``中华人民共和国``, ``最高人民法院关于``, …),
  a subject taken from another real title (what is left of it once its prefix and genre
  suffix are removed, e.g. ``口岸服务``, ``不动产登记``), and a genre suffix drawn from the
  suffixes of real titles of the same category (``条例``, ``办法``, ``规定``, ``实施细则``,
  ``若干问题的解释``, …). A title already used gets a serial ``（二）``, ``（三）``… so every
  document has a title of its own, except version chains (below).
* ``text``: 3 to 8 (``--paragraphs``) passages of real text. A real paragraph is short (the
  corpus has ~350,000 paragraphs of 54 characters on average: an article is often split
  into several), so a passage is one or more consecutive whole articles (``第…条`` with the
  paragraphs that follow it) of a random real document, taken until it reaches 200
  characters (at most 4 articles). Articles are renumbered ``第一条``, ``第二条``… in the
  synthetic document. One document in three is divided into chapters: a ``## 第…章  NAME``
  heading (a real chapter name) before the first passage and then every 2 or 3 passages.
  Bodies are kept moderate on purpose: ~1,000–2,000 characters (the real documents average
  ~5,700), so that 100,000 documents stay a few GB in SQLite with the search index; the scale
  test is about the number of documents (index size, candidate sets, counts, facets), made
  "from corpus paragraphs" as the issue asks, not about long bodies.
* ``issued``: a date between 1985 and 2024 for 85 % of the records (null otherwise);
  ``effective``: the first of a month 1 to 6 months later for 20 % of them.
* ``version``: 40 % of the records carry a version date (the issue date, or a later one).
  5 % of the records are not new documents but a later version of an earlier synthetic
  document that has a version date: same title, same category and region, a version date
  200–2,000 days after the latest version of that title, a history with one more
  ``修正``/``修订`` line, a new body, so ``import_corpus`` links them as a version chain.
* ``history``: lines in the corpus style, by category: ``…人民代表大会常务委员会第N次会议
  通过`` for local regulations, ``中华人民共和国国务院令第N号公布`` for administrative
  regulations, ``XX部令第N号发布`` for rules (order numbers for about half of the non-local
  records), ``最高人民法院审判委员会第N次会议通过`` for judicial interpretations, plus
  ``施行`` lines when there is an effective date.
* ``source``: ``SYN/<category>/<region>/<title>.md``.

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

PREFIX_RE = re.compile(
    r"^(中华人民共和国|最高人民法院、最高人民检察院关于|最高人民法院关于|最高人民检察院关于"
    r"|国务院办公厅关于|国务院关于|国务院|全国人民代表大会常务委员会关于"
    r"|[^、，（）《》]{2,5}?(?:省|自治区|市|自治州|州|县|区)(?!场|政|民|委))"
)
SUFFIX_RE = re.compile(
    r"(若干问题的解释|问题的解释|若干规定|实施细则|实施办法|暂行条例|暂行办法|暂行规定"
    r"|管理条例|管理办法|管理规定|条例|办法|规定|细则|规则|解释|决定|决议|批复|法)$"
)
PARENTHETICAL_RE = re.compile(r"（[^（）]*）$")
ARTICLE_RE = re.compile(
    r"^第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*"
)
CHAPTER_RE = re.compile(r"^##\s*第[零一二三四五六七八九十百]+章[\s\u3000]*(\S.*)$")

MINISTRIES = [
    "中华人民共和国交通运输部",
    "中华人民共和国财政部",
    "中华人民共和国商务部",
    "国家市场监督管理总局",
    "中华人民共和国生态环境部",
    "中华人民共和国农业农村部",
    "中华人民共和国公安部",
    "中华人民共和国司法部",
]


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


def split_title(title):
    """(prefix, subject, suffix) of a real title; parts may be empty."""
    core = PARENTHETICAL_RE.sub("", title.strip())
    prefix_match = PREFIX_RE.match(core)
    prefix = prefix_match.group(1) if prefix_match else ""
    rest = core[len(prefix) :]
    suffix_match = SUFFIX_RE.search(rest)
    suffix = suffix_match.group(1) if suffix_match else ""
    subject = rest[: len(rest) - len(suffix)] if suffix else rest
    return prefix, subject, suffix


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


class Material:
    """What the generator draws from, extracted once from the real corpus."""

    def __init__(self, records):
        self.records = sorted(records, key=lambda r: r["id"])
        self.prefixes = defaultdict(list)  # (category, region) -> prefixes
        self.region_prefixes = defaultdict(list)  # region -> prefixes
        self.subjects = []
        self.suffixes = defaultdict(list)  # category -> suffixes
        self.documents = []  # list of article lists
        self.chapters = []
        for record in self.records:
            prefix, subject, suffix = split_title(record["title"])
            region = record.get("region") or ""
            category = record.get("category") or ""
            if prefix:
                self.prefixes[category, region].append(prefix)
                self.region_prefixes[region].append(prefix)
            if 2 <= len(subject) <= 20 and not re.search(r"[《》（）]", subject):
                self.subjects.append(subject)
            if suffix:
                self.suffixes[category].append(suffix)
            articles = articles_of(record.get("text") or "")
            if len(articles) >= 2:
                self.documents.append(articles)
            for line in (record.get("text") or "").split("\n"):
                match = CHAPTER_RE.match(line.strip())
                if match and len(match.group(1)) <= 20:
                    self.chapters.append(match.group(1).strip())
        self.all_prefixes = [p for key in sorted(self.prefixes) for p in self.prefixes[key]]
        self.all_suffixes = [s for cat in sorted(self.suffixes) for s in self.suffixes[cat]]
        self.chapter_names = sorted(set(self.chapters)) or ["总则"]


class Generator:
    def __init__(self, material, seed=1, paragraphs=(3, 8)):
        self.m = material
        self.rng = random.Random(seed)
        self.paragraphs = paragraphs
        self.titles = {}  # title -> count of documents using it (for the serial)
        self.chainable = []  # indexes into self.heads of titles with a version date
        self.heads = []  # dicts: title, category, region, history, latest version date

    def random_date(self, start_year=1985, end_year=2024):
        start = datetime.date(start_year, 1, 1).toordinal()
        end = datetime.date(end_year, 12, 31).toordinal()
        return datetime.date.fromordinal(self.rng.randint(start, end))

    def title(self, region, category):
        rng = self.rng
        prefix = rng.choice(
            self.m.prefixes.get((category, region))
            or self.m.region_prefixes.get(region)
            or self.m.all_prefixes
        )
        subject = rng.choice(self.m.subjects)
        suffix = rng.choice(self.m.suffixes.get(category) or self.m.all_suffixes)
        if suffix.endswith("解释") and not prefix.endswith("关于"):
            subject = f"关于{subject}"
        base = f"{prefix}{subject}{suffix}"
        used = self.titles.get(base, 0)
        self.titles[base] = used + 1
        return base if not used else f"{base}（{chinese_number(used + 1)}）"

    def body(self):
        rng = self.rng
        count = rng.randint(*self.paragraphs)
        chapters = rng.random() < 1 / 3
        lines, article, chapter = [], 0, 0
        next_chapter = 0
        for index in range(count):
            if chapters and index == next_chapter:
                chapter += 1
                name = "总则" if chapter == 1 else rng.choice(self.m.chapter_names)
                lines.append(f"## 第{chinese_number(chapter)}章  {name}")
                next_chapter = index + rng.randint(2, 3)
            articles = rng.choice(self.m.documents)
            start = rng.randrange(len(articles))
            length = 0
            for taken, item in enumerate(articles[start:]):
                if taken >= 4 or (taken and length >= 200):
                    break
                article += 1
                lines.append(f"第{chinese_number(article)}条 {item[0]}")
                lines.extend(item[1:])
                length += sum(len(p) for p in item)
        return "\n\n".join(lines)

    def history(self, title, category, region, issued, effective):
        rng = self.rng
        lines = []
        if issued is not None:
            when = chinese_date(issued)
            session = chinese_number(rng.randint(1, 40))
            if category == "地方性法规" or region not in ("", "全国"):
                prefix = split_title(title)[0]
                body = prefix if prefix and not prefix.endswith("关于") else region
                term = chinese_number(rng.randint(8, 14))
                lines.append(f"{when} {body}第{term}届人民代表大会常务委员会第{session}次会议通过")
            elif category == "司法解释":
                lines.append(f"{when} 最高人民法院审判委员会第{rng.randint(1000, 1900)}次会议通过")
            elif rng.random() < 0.5:
                if category == "部门规章":
                    issuer = rng.choice(MINISTRIES)
                    lines.append(f"{when} {issuer}令第{rng.randint(1, 80)}号发布")
                else:
                    lines.append(f"{when} 中华人民共和国国务院令第{rng.randint(1, 800)}号公布")
            else:
                lines.append(f"{when} 公布")
        if effective is not None:
            lines.append(f"{chinese_date(effective)} 施行")
        return lines

    def record(self, number):
        rng = self.rng
        corpus_id = f"syn-{number:06d}"
        if self.chainable and rng.random() < 0.05:
            head = self.heads[rng.choice(self.chainable)]
            room = (LATEST_VERSION - head["version"]).days
            if room >= 30:
                return self.next_version(
                    corpus_id, head, rng.randint(min(200, room), min(2000, room))
                )
        template = rng.choice(self.m.records)
        category = template.get("category") or ""
        region = template.get("region") or ""
        title = self.title(region, category)
        issued = self.random_date() if rng.random() < 0.85 else None
        effective = None
        if issued is not None and rng.random() < 0.2:
            month = issued.month + rng.randint(1, 6)
            effective = datetime.date(issued.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        version = None
        if rng.random() < 0.4:
            base = issued or self.random_date()
            later = base + datetime.timedelta(rng.randint(30, 3000))
            version = base if rng.random() < 0.5 else min(later, LATEST_VERSION)
        history = self.history(title, category, region, issued, effective)
        if version is not None:
            self.chainable.append(len(self.heads))
            self.heads.append(
                {
                    "title": title,
                    "category": category,
                    "region": region,
                    "issued": issued,
                    "history": history,
                    "version": version,
                    "revisions": 0,
                }
            )
        return self.dump(corpus_id, title, category, region, issued, effective, version, history)

    def next_version(self, corpus_id, head, days):
        rng = self.rng
        version = head["version"] + datetime.timedelta(days)
        head["version"] = version
        head["revisions"] += 1
        kind = "修订" if rng.random() < 0.3 else "修正"
        ordinal = chinese_number(head["revisions"])
        prefix = split_title(head["title"])[0] or head["region"]
        line = (
            f"{chinese_date(version)} {prefix}《关于修改〈{head['title']}〉的决定》"
            f"第{ordinal}次{kind}"
        )
        head["history"] = [*head["history"], line]
        return self.dump(
            corpus_id,
            head["title"],
            head["category"],
            head["region"],
            head["issued"],
            None,
            version,
            head["history"],
        )

    def dump(self, corpus_id, title, category, region, issued, effective, version, history):
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
            "text": self.body(),
            "source": f"SYN/{category or '未分类'}/{region or '未知'}/{title}.md",
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
        f"material: {len(material.records)} records, {len(material.subjects)} subjects, "
        f"{len(material.all_prefixes)} prefixes, {len(material.documents)} bodies with articles, "
        f"{len(material.chapter_names)} chapter names",
        file=sys.stderr,
    )
    generator = Generator(material, seed=args.seed, paragraphs=args.paragraphs)
    characters = written = versions = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for number in range(1, args.count + 1):
            record = generator.record(number)
            if record["history"] and "《关于修改〈" in record["history"][-1]:
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
