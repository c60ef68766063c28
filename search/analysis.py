"""Chinese text analysis shared by every search backend.

One pipeline for index and query text, so that both are cut the same way:

1. ``normalise``: traditional → simplified (OpenCC ``t2s``), full-width → half-width (NFKC),
   lower case.
2. ``document_numbers``: canonical tokens for document numbers (spellings as
   :mod:`disclosure.publishing.document_numbers` reads them) (``黔府办函〔2020〕23号`` =
   ``黔府办函[2020]23号`` = ``黔府办函(2020)23号``) and order numbers (``国务院令第711号``,
   ``国家市场监督管理总局令第45号``), wherever they appear, history lines included.
3. ``segment``: a dictionary segmenter (jieba's Rust port, new-word guessing off) with the
   domain's terms added (``data/terms.txt``); search mode at index time emits the shorter
   words inside longer ones.
4. Titles also get CJK character bigrams (typo tolerance) and pinyin (full and initials).
"""

import functools
import re
import unicodedata
from pathlib import Path

from disclosure.publishing import document_numbers as numbers

TERMS_FILE = Path(__file__).resolve().parent / "data" / "terms.txt"

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKEN_CHARS = re.compile(f"[{_CJK}a-z0-9]")
# Words that carry no meaning in a query ("怎么办", "的"…); never removed from documents.
QUERY_STOPWORDS = frozenset(
    "的 了 吗 呢 吧 啊 么 是 在 有 和 与 及 或 对 被 把 给 要 会 能 可以 怎么 怎么样 怎样 如何 什么 哪些 哪个 多久 多少 "
    "怎么办 咋办 为什么 是否 还是 应该 需要 请问 我 我们 你 他 她 它 这 那 这个 那个 一个 吗 呀 啦 呗 现行 最新 全文 原文".split()
)
# Words that ask: a query holding one is a question (开网店要办营业执照吗, 加班费怎么算), not a name
# or a topic.
_ASKING = re.compile(
    "吗|呢|怎么|怎样|如何|什么|哪些|哪个|哪里|多久|多少|多长|几|为什么|是否|能不能|可不可以|会不会|"
    "要不要|有没有|谁|咋"
)


def is_question(query):
    """Whether ``query`` asks something (a word that asks: 吗, 怎么, 多久…)."""
    return bool(_ASKING.search(normalise(query)))


# The corpus's ``region`` of national documents, and the province-level divisions by their
# short names, as it names them.
NATIONAL = "全国"
PROVINCES = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split()
)
_REGION_PREFIX = re.compile(r"^(中华人民共和国|[\u4e00-\u9fff]{2,8}?(省|自治区|市|县|区))")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def segmenter():
    """The process-wide segmenter with the domain's terms (loaded once, ~0.5 s)."""
    import rjieba

    jieba = rjieba.Jieba()
    for word in domain_terms():
        jieba.add_word(word, None, None)
    return jieba


# Any text loads the tables; traditional characters load the converter's too.
_WARM_UP_TEXT = "預熱载入"


def load():
    """Load the segmenter, the traditional-to-simplified converter and the pinyin tables now,
    not on a first search: the application server loads them once before it forks its workers
    (``cms/wsgi.py``, ``preload_app``), so a worker replaced under load answers at once."""
    segment(_WARM_UP_TEXT)
    normalise(_WARM_UP_TEXT)
    pinyin_tokens(_WARM_UP_TEXT)


def domain_terms():
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# The words add_terms has looked at, and those it added, for the current segmenter.
_looked_at = set()
_added = set()


def add_terms(words):
    """Keep each of ``words`` (editor-managed synonyms, the laws' wording of everyday words)
    whole: cut by the segmenter alone, 预付消费卡 became 预付/消费/卡 and 七日内退货 七日/内/退货, and
    a query variant with a one-character word gives way to the others
    (:func:`search.fts.variant_groups`); a term of the laws' wording is searched as the laws
    write it (市场主体登记, not 市场主体 and 登记 anywhere apart). Only runs of Chinese characters
    are words (不公平、不合理 is two); each word is looked at once."""
    jieba = segmenter()
    for word in words:
        if word in _looked_at:
            continue
        _looked_at.add(word)
        text = normalise(word).strip()
        if len(text) > 1 and _CJK_RUN.fullmatch(text):
            jieba.add_word(text, None, None)
            _added.add(text)


def added_terms():
    """The words :func:`add_terms` added to the current segmenter."""
    return frozenset(_added)


def forget_added_terms():
    """A segmenter with the domain's terms only (the next call loads it again)."""
    segmenter.cache_clear()
    _looked_at.clear()
    _added.clear()


def normalise(text):
    """Simplified, half-width, lower-case text."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    return _t2s().convert(text).lower()


def _canonical_bracketed(issuer, number):
    # One token for every spelling of the brackets: letters and digits only, so that the
    # database tokenizers (SQLite unicode61, PostgreSQL's parser) keep it whole.
    return f"{issuer}{number.year}n{number.serial}号"


def _suffixes(prefix, shortest):
    # The regex cannot tell where an issuer's name starts in running text ("依据黔府办函…"):
    # every suffix is a candidate, and the user's query names one of them.
    return [prefix[i:] for i in range(len(prefix) - shortest + 1)]


def document_numbers(text, query=False):
    """Canonical tokens of the document and order numbers in (normalised) ``text``.

    In a document every possible start of the issuer's name is emitted; in a query the
    issuer is taken as typed."""
    found = []
    for number in numbers.bracketed_numbers(text):
        for issuer in [number.issuer] if query else _suffixes(number.issuer, 1):
            found.append(_canonical_bracketed(issuer, number))
    for number in numbers.order_numbers(text):
        for name in [number.issuer] if query else _suffixes(number.issuer, 3):
            found.append(f"{name}第{number.serial}号")
    return found


def _keep(token):
    return bool(_TOKEN_CHARS.search(token))


def segment(text, search_mode=True):
    """Tokens of normalised ``text``: words, numbers and Latin words; punctuation dropped."""
    jieba = segmenter()
    words = jieba.cut_for_search(text, False) if search_mode else jieba.cut(text, False)
    tokens = []
    for word in words:
        word = word.strip()
        if word and _keep(word):
            tokens.append(word)
    return tokens


def bigrams(text):
    """Overlapping CJK character pairs (and single characters of one-character runs)."""
    grams = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            grams.append(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


# The names of norms the rules for making them give (行政法规制定程序条例 第五条: 条例, 规定,
# 办法; 规章制定程序条例 第七条: 规定, 办法) and their implementing rules: a query ending in one
# asks for a norm of that kind.
NORM_KINDS = tuple("条例 规定 办法 细则 规则".split())
# The last word of any title that names its kind (a notice, a decision, a penalty decision…).
_TITLE_KINDS = NORM_KINDS + tuple(
    "法 法典 决定 决定书 通知 通报 意见 标准 规范 目录 清单 指南 方案 解释 决议 规划 纲要 批复 公告 "
    "公示 准则 守则 制度 章程 要点 报告".split()
)
_KIND_AT_END = re.compile("(?:" + "|".join(sorted(_TITLE_KINDS, key=len, reverse=True)) + ")$")
# Trailing notes in brackets: a document number, 征求意见稿, an edition (2021年修正).
_TRAILING_NOTES = re.compile(r"(?:[（(][^（）()]*[）)]\s*)+$")


def kind_of(title):
    """The kind a title (or a query) names at its end — 办法 for …投诉举报处理暂行办法, 公告 for
    …关于征求《…办法》意见的公告（示市监公告〔2025〕371号）—, or ``""``."""
    text = _TRAILING_NOTES.sub("", normalise(title).strip())
    found = _KIND_AT_END.search(text)
    return found.group() if found else ""


def short_name(title):
    """A title without its region or state prefix (中华人民共和国食品安全法 → 食品安全法)."""
    return _REGION_PREFIX.sub("", title)


def pinyin_tokens(title):
    """Full pinyin and initials of a title and of its short name (without the region prefix),
    so that ``shipinanquanfa`` or ``spaqf`` find 中华人民共和国食品安全法."""
    from pypinyin import Style, lazy_pinyin

    names = [title]
    short = short_name(title)
    if short and short != title:
        names.append(short)
    tokens = []
    for name in names:
        cjk = "".join(_CJK_RUN.findall(name))
        if not cjk:
            continue
        tokens.append("".join(lazy_pinyin(cjk)))
        tokens.append("".join(lazy_pinyin(cjk, style=Style.FIRST_LETTER)))
    for word in segment(short or title, search_mode=False):
        if _CJK_RUN.fullmatch(word) and len(word) > 1:
            tokens.append("".join(lazy_pinyin(word)))
    return [t for t in tokens if t.isascii() and t.isalnum()]


_LATIN = re.compile(r"[a-z0-9]+")


def index_grams(text):
    """The CJK tokens of a body: every overlapping character pair, and the last character of
    each run. Any substring of two or more characters is then a run of bigrams, and a single
    character is a bigram prefix or a run's last character (see :func:`term_tokens`)."""
    grams = []
    for run in _CJK_RUN.findall(text):
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
        grams.append(run[-1])
    return grams


def index_text(text):
    """Space-separated tokens to store in a full-text index: the CJK grams, Latin words and
    numbers, and canonical document numbers. Queries are cut into words by the segmenter and
    matched through these grams, so the index does not depend on how the segmenter would have
    cut the text around a word."""
    text = normalise(text)
    return " ".join(index_grams(text) + _LATIN.findall(text) + document_numbers(text))


def title_index_text(text):
    """Tokens of a title: as :func:`index_text`, plus the segmenter's words and pinyin."""
    normalised = normalise(text)
    return " ".join([index_text(text)] + segment(normalised) + pinyin_tokens(normalised))


def query_terms(query):
    """The words of a query: document numbers as one word, the rest cut without search mode,
    stopwords dropped."""
    text = numbers.uninvert_orders(normalise(query))
    found = document_numbers(text, query=True)
    rest = numbers.without_numbers(text)
    words = [w for w in segment(rest, search_mode=False) if w not in QUERY_STOPWORDS]
    terms = found + words
    seen = set()
    return [t for t in terms if not (t in seen or seen.add(t))]


def term_tokens(term):
    """The index tokens that must all be present for ``term`` to match: a Chinese word by its
    bigrams; a single Chinese character as a prefix (``*``) of the grams."""
    if _CJK_RUN.fullmatch(term):
        return bigrams(term) if len(term) > 1 else [f"{term}*"]
    return [term]


def query_groups(query):
    """The query as groups of index tokens: all tokens of a group must match; the groups are
    combined with the query's operator."""
    return [term_tokens(term) for term in query_terms(query)]


def query_bigrams(query):
    return bigrams(normalise(query))


def is_pinyin(query):
    stripped = query.strip().lower().replace(" ", "")
    return bool(stripped) and stripped.isascii() and stripped.isalpha()


def names_a_place(query):
    """Whether a query names where it applies: a province (浙江, 山东省) or starts with a
    place (洛阳市…, 浦东新区…)."""
    text = normalise(query)
    opening = _REGION_PREFIX.match(text)
    return any(name in text for name in PROVINCES) or bool(opening and opening.group(2))
