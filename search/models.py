"""Editor-managed synonyms and the query log."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

TERM_SEPARATORS = re.compile(r"[,，、;；\n]+")


def split_terms(text):
    """The terms of a synonym group as editors write it (commas, 、, semicolons or lines)."""
    return [term.strip() for term in TERM_SEPARATORS.split(text) if term.strip()]


class Synonym(models.Model):
    """A group of interchangeable search terms (市场监管局 ⇔ 市场监督管理局, 汽车三包 ⇔
    家用汽车产品修理更换退货责任规定), or an everyday word and the legal wording the laws use
    for it (退休金 → 基本养老金): a citizen's question often shares no word with the article
    that answers it (issue #21 item 4), so a question is also searched in the laws' words."""

    class Kind(models.TextChoices):
        INTERCHANGEABLE = "interchangeable", _("同义词（可互换）")
        EVERYDAY = "everyday", _("口语词（问句中的说法 → 法律用语）")

    terms = models.TextField(
        _("同义词"), help_text=_("用逗号、顿号或换行分隔，如：市场监管局，市场监督管理局")
    )
    kind = models.CharField(
        _("类型"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.INTERCHANGEABLE,
        help_text=_(
            "口语词：第一个词是群众的说法，其后是法律法规的用语，如：退休金，基本养老金；"
            "只在问句中、只由前者扩展到后者。"
        ),
    )
    note = models.CharField(_("说明"), max_length=255, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")
        ordering = ["pk"]

    def __str__(self):
        terms = self.term_list()
        if self.kind == self.Kind.EVERYDAY:
            return f"{terms[0]} → {'、'.join(terms[1:])}" if terms else ""
        return " ⇔ ".join(terms)

    def term_list(self):
        return split_terms(self.terms)

    @classmethod
    def load_groups(cls, groups, kind=Kind.INTERCHANGEABLE):
        """Create the groups of ``kind`` not yet present (compared as sets of terms; an
        everyday word's group by its words in order); returns how many."""

        def key(terms):
            return tuple(terms) if kind == cls.Kind.EVERYDAY else frozenset(terms)

        existing = {key(s.term_list()) for s in cls.objects.filter(kind=kind)}
        created = 0
        for group in groups:
            terms = split_terms("，".join(str(t) for t in group))
            if len(terms) >= 2 and key(terms) not in existing:
                cls.objects.create(terms="，".join(terms), kind=kind, note=gettext("预置"))
                existing.add(key(terms))
                created += 1
        return created

    def clean(self):
        if len(self.term_list()) >= 2:
            return
        if self.kind == self.Kind.EVERYDAY:
            raise ValidationError({"terms": _("请先填写群众的说法，再填写至少一个法律用语。")})
        raise ValidationError({"terms": _("请至少填写两个可互换的词。")})


class QueryLog(models.Model):
    """The searches of one query from one source on one day, counted in one row (issue #11
    finding 6: a row per anonymous search let anyone grow the table at will); for the top and
    zero-result query reports."""

    query = models.CharField(_("检索词"), max_length=200, db_index=True)
    source = models.CharField(_("来源"), max_length=20, default="portal")
    day = models.DateField(_("日期"), default=timezone.localdate, db_index=True)
    searches = models.PositiveIntegerField(_("检索次数"), default=1)
    result_count = models.PositiveIntegerField(_("结果数（最近一次）"))
    results_total = models.PositiveBigIntegerField(_("结果数合计"), default=0)
    relaxed = models.BooleanField(_("放宽匹配"), default=False)
    created_at = models.DateTimeField(_("首次检索时间"), auto_now_add=True, db_index=True)
    last_seen = models.DateTimeField(_("最近检索时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("检索记录")
        verbose_name_plural = _("检索记录")
        ordering = ["-last_seen"]
        indexes = [models.Index(fields=["query", "source", "day"], name="search_querylog_key")]

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query, source, result_count, relaxed=False):
        """Count one search: the day's row of ``(query, source)`` grows by one."""
        now = timezone.now()
        updated = cls.objects.filter(query=query, source=source, day=timezone.localdate()).update(
            searches=F("searches") + 1,
            results_total=F("results_total") + result_count,
            result_count=result_count,
            relaxed=relaxed,
            last_seen=now,
        )
        if not updated:
            cls.objects.create(
                query=query,
                source=source,
                result_count=result_count,
                results_total=result_count,
                relaxed=relaxed,
                last_seen=now,
            )


class FacetKey(models.Model):
    """One combination of the values the search facets count by (type, year, validity, law
    category, top-level column), shared by every page that has it; see :mod:`search.facet_index`."""

    content_type_id = models.IntegerField()
    year = models.IntegerField(default=0)  # 0: no 成文日期
    validity = models.CharField(max_length=32, blank=True)
    is_law = models.BooleanField(default=False)
    law_category = models.CharField(max_length=64, blank=True)
    column_path = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "content_type_id",
                    "year",
                    "validity",
                    "is_law",
                    "law_category",
                    "column_path",
                ],
                name="search_facetkey_unique",
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}/{self.year}/{self.validity}/{self.law_category}"


class FacetEntry(models.Model):
    """The facet key, liveness and ranking prior of one search index entry, keyed by the entry's
    id (the FTS5 rowid) so that a MATCH joins it without touching the page tables. Derived
    data: written when the entry is indexed, rebuilt by ``update_index``."""

    # IntegerField: on SQLite "integer PRIMARY KEY" is the table's rowid, so the join from
    # an FTS5 rowid is one B-tree lookup.
    entry_id = models.IntegerField(primary_key=True)
    page_id = models.IntegerField(db_index=True)
    live = models.BooleanField()
    key = models.ForeignKey(FacetKey, on_delete=models.CASCADE, db_constraint=False)
    prior = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.entry_id} → {self.page_id}"
