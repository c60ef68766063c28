"""Reading the law corpus (``data/laws.jsonl.xz``) into normative-document pages.

Records are keyed on their ``id``. Records that share a title and carry different version
dates are versions of one document, chained oldest → newest through ``supersedes``; records
without a version date (the parts of the 民法典 share one title) stay separate documents.
"""

import hashlib
import json
import lzma
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from disclosure.publishing import markdown_body
from disclosure.publishing.document_numbers import NUMERAL, bracketed_numbers, order_numbers

DEFAULT_CORPUS = Path(__file__).resolve().parent / "data" / "laws.jsonl.xz"
REQUIRED_KEYS = ("id", "title")

_DATE_PREFIX = re.compile(r"^[\s（(]*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*")
# An approval (经国务院批准) names who approved the text, not who issued it.
_APPROVAL = re.compile(r"^经.*批准[）)。，,]*$")
_CONGRESS = re.compile(rf"^(?P<place>[^第《]*?)第{NUMERAL}届(?P<body>[^第《]+?)第")
_SESSION = re.compile(r"^(?P<org>[^第《\s]+?)(?:审判委员会|检察委员会)?第")
_ACT = re.compile(r"^(?P<org>[^第《\s]+?)(?:批准|发布|公布|通过)")


def read_records(path=DEFAULT_CORPUS):
    """Yield ``(line_number, record_or_exception)`` from a JSON-lines file (``.xz`` or plain)."""
    path = Path(path)
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                yield (
                    number,
                    ValueError(
                        _("JSON 格式错误：%(error)s（第 %(column)s 列）")
                        % {"error": error.msg, "column": error.colno}
                    ),
                )


def _strip_date(line):
    return _DATE_PREFIX.sub("", line).strip()


def parse_publisher(history):
    """发布机构 from the first history line that names one (the body that adopted or issued
    the text). Lines that name none are passed over: a leading 文号 line (法释〔2021〕11号), a
    title wrapped into the header, an approval (经国务院批准)."""
    for line in history:
        publisher = _publisher_of(line)
        if publisher:
            return publisher
    return ""


def _publisher_of(line):
    rest = _strip_date(line)
    if _APPROVAL.match(rest):
        return ""
    orders = order_numbers(rest)
    if orders:
        return orders[0].issuer.removesuffix("令")
    rest = rest.removeprefix("由").removeprefix("经")  # 由最高人民法院审判委员会…通过
    congress = _CONGRESS.match(rest)
    if congress:
        place, body = congress.group("place").strip(), congress.group("body").strip()
        if place.startswith("最高人民") or body in {"审判委员会", "检察委员会"}:
            return place
        return f"{place}{body}"
    for pattern in (_SESSION, _ACT):
        match = pattern.match(rest)
        if match and len(match.group("org")) <= 30:
            # 国家互联网信息办公室2021年第20次室务会议 → 国家互联网信息办公室
            return re.sub(r"\d{4}年$", "", match.group("org"))
    return ""


def parse_document_number(history):
    """文号: the last order number (国务院令第711号, 国家市场监督管理总局令第45号) in the history,
    else a bracketed number such as 法释〔2021〕11号."""
    found = None
    for line in history:
        found = (order_numbers(line) or [found])[-1]
    if found is None:
        for line in history:
            bracketed = bracketed_numbers(line)
            if bracketed:
                # 最高人民法院以法发〔1993〕15号通知印发 → 法发〔1993〕15号
                issuer = bracketed[0].issuer.rpartition("以")[2]
                found = replace(bracketed[0], issuer=issuer)
    return str(found) if found else ""


def _date(value):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise ValueError(_("日期格式错误：%(value)r") % {"value": value}) from error


@dataclass
class CorpusDocument:
    """One record, validated and ready to become a page."""

    corpus_id: str
    title: str
    legal_category: str
    region: str
    promulgated_on: date | None
    effective_on: date | None
    version_date: date | None
    history: list
    body: str
    publisher: str
    document_number: str
    content_hash: str

    @classmethod
    def from_record(cls, record):
        if not isinstance(record, dict):
            raise ValueError(_("记录不是 JSON 对象"))
        missing = [key for key in REQUIRED_KEYS if not record.get(key)]
        if missing:
            raise ValueError(_("缺少字段：%(fields)s") % {"fields": "、".join(missing)})
        corpus_id = str(record["id"]).strip()
        if not re.fullmatch(r"[0-9a-zA-Z_-]{1,32}", corpus_id):
            raise ValueError(_("id 格式错误：%(id)r") % {"id": corpus_id})
        history = record.get("history") or []
        if not isinstance(history, list):
            raise ValueError(_("history 应为文本列表"))
        history = [str(line).strip() for line in history if str(line).strip()]
        canonical = json.dumps(record, ensure_ascii=False, sort_keys=True)
        return cls(
            corpus_id=corpus_id,
            title=str(record["title"]).strip()[:255],
            legal_category=str(record.get("category") or "")[:50],
            region=str(record.get("region") or "")[:50],
            promulgated_on=_date(record.get("issued")),
            effective_on=_date(record.get("effective")),
            version_date=_date(record.get("version")),
            history=history,
            body=markdown_body.clean(str(record.get("text") or "")),
            publisher=parse_publisher(history)[:200],
            document_number=parse_document_number(history)[:100],
            content_hash=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        )


def version_chains(documents):
    """Group documents into version chains (oldest first); undated records stand alone."""
    by_title = defaultdict(list)
    chains = []
    for document in documents:
        if document.version_date is None:
            chains.append([document])
        else:
            by_title[document.title].append(document)
    for versions in by_title.values():
        versions.sort(key=lambda d: (d.version_date, d.corpus_id))
        dates = [d.version_date for d in versions]
        if len(set(dates)) != len(dates):
            # Two records claim the same version date: not a chain we can trust.
            chains.extend([d] for d in versions)
        else:
            chains.append(versions)
    return chains


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line or id, message)


def fill_page(page, document, issued_here, validity):
    """Copy a record's fields onto its page (every field but the version link)."""
    page.title = document.title
    page.legal_category = document.legal_category
    page.region = document.region
    page.promulgated_on = document.promulgated_on
    page.effective_on = document.effective_on
    page.version_date = document.version_date
    page.written_on = document.version_date or document.promulgated_on
    page.history_lines = "\n".join(document.history)
    page.body = document.body
    page.publisher = document.publisher
    page.document_number = document.document_number
    page.issued_here = issued_here
    page.content_hash = document.content_hash
    page.validity = validity


def import_chain(chain, parent, report, issued_here=False, today=None):
    """Create or update the pages of one version chain, each publish through the normal path."""
    from disclosure.publishing.choices import Validity
    from disclosure.review.choices import IMPORT_DETERMINATION
    from disclosure.review.models import publish_with_system_determination

    from .models import NormativeDocumentPage

    previous = None
    for position, document in enumerate(chain):
        superseded = position < len(chain) - 1
        validity = NormativeDocumentPage.derive_validity(
            document.effective_on, superseded, today=today
        )
        try:
            with transaction.atomic():
                page = NormativeDocumentPage.objects.filter(corpus_id=document.corpus_id).first()
                new = page is None
                if not new:
                    page = page.get_latest_revision_as_object()
                    if page.validity in (Validity.EXPIRED, Validity.REPEALED) and not superseded:
                        # 失效/废止 are set by hand and survive a re-import.
                        validity = page.validity
                    same_links = page.supersedes_id == (previous.pk if previous else None)
                    if (
                        page.content_hash == document.content_hash
                        and same_links
                        and page.validity == validity
                        and page.live
                    ):
                        report.unchanged += 1
                        previous = page
                        continue
                else:
                    page = NormativeDocumentPage(
                        corpus_id=document.corpus_id, slug=document.corpus_id, live=False
                    )
                fill_page(page, document, issued_here=issued_here, validity=validity)
                page.supersedes = previous
                if new:
                    parent.add_child(instance=page)
                revision = page.save_revision(log_action=False)
                publish_with_system_determination(
                    revision, IMPORT_DETERMINATION, log_action="wagtail.publish"
                )
                if new:
                    report.created += 1
                else:
                    report.updated += 1
                previous = page
        except Exception as error:  # noqa: BLE001 - a bad record is reported, the import goes on
            report.errors.append((document.corpus_id, _describe(error)))
            previous = NormativeDocumentPage.objects.filter(corpus_id=document.corpus_id).first()


def _describe(error):
    """A validation error in Chinese: each field by its verbose name, errors that belong to
    no field without a name (not ``__all__: …``)."""
    from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist

    from .models import NormativeDocumentPage

    messages = getattr(error, "message_dict", None)
    if messages:
        parts = []
        for name, texts in messages.items():
            text = "、".join(texts)
            if name == NON_FIELD_ERRORS:
                parts.append(text)
                continue
            try:
                label = NormativeDocumentPage._meta.get_field(name).verbose_name
            except FieldDoesNotExist:
                label = name
            parts.append(f"{label}：{text}")
        return "；".join(parts)
    return str(error) or error.__class__.__name__
