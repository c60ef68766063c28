"""The filterable list of the normative-document database (规章和规范性文件数据库 "一网通查").

Filters: 法规类别, 发布机构, 年份 (of the 成文日期, i.e. the version date of a law), 有效性 and scope
(本机关制发 / 参考法规); current versions only unless asked otherwise. A keyword query goes
through :func:`search.service.search` with these filters, so the list finds what the site
search finds."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.publishing.choices import Validity
from search import filters as search_filters
from search import service

from .validity import live_superseded

SCOPES = {"here": True, "reference": False}
#: The orders a reader can choose; the newest first unless a keyword asks for relevance.
SORT_CHOICES = {
    "relevance": gettext_lazy("相关度"),
    "newest": gettext_lazy("成文日期（新→旧）"),
    "oldest": gettext_lazy("成文日期（旧→新）"),
}
PUBLISHER_OPTIONS = 60


@dataclass(frozen=True)
class NormativeFilters(search_filters.SearchFilters):
    """The site search's filters plus the database's own: publisher, scope, all versions."""

    publisher: str = ""
    issued_here: bool | None = None
    all_versions: bool = False

    def __bool__(self):
        return True  # always restricted to normative documents

    def key_filter(self, keys):
        """The search's facet keys cannot answer these filters: :meth:`apply` must run."""
        return None

    def documents(self):
        """The live documents these filters select, as a page-type queryset."""
        from .models import NormativeDocumentPage

        documents = NormativeDocumentPage.objects.live().public()
        if self.category:
            documents = documents.filter(legal_category=self.category)
        if self.year:
            documents = documents.filter(written_on__year=self.year)
        if self.validity:
            documents = documents.filter(validity=self.validity)
        if self.publisher:
            documents = documents.filter(publisher=self.publisher)
        if self.issued_here is not None:
            documents = documents.filter(issued_here=self.issued_here)
        if not self.all_versions and self.validity != Validity.AMENDED:
            documents = documents.exclude(pk__in=live_superseded())
        return documents

    def apply(self, queryset):
        return queryset.filter(pk__in=self.documents().values("pk"))


def parse_filters(params):
    """Filters from the request; unknown values are ignored (a list never fails)."""
    from .models import NormativeDocumentPage

    year = (params.get("year") or "").strip()
    validity = (params.get("validity") or "").strip()
    scope = (params.get("scope") or "").strip()
    return NormativeFilters(
        type=NormativeDocumentPage._meta.label_lower,
        category=(params.get("category") or "").strip()[:50],
        year=int(year) if year.isdigit() and len(year) == 4 else None,
        validity=validity if validity in Validity.values else "",
        publisher=(params.get("publisher") or "").strip()[:200],
        issued_here=SCOPES.get(scope),
        all_versions=params.get("versions") == "all",
    )


def filter_options():
    from .models import NormativeDocumentPage

    live = NormativeDocumentPage.objects.live()
    categories = (
        live.exclude(legal_category="")
        .values_list("legal_category", flat=True)
        .distinct()
        .order_by("legal_category")
    )
    publishers = (
        live.exclude(publisher="")
        .values("publisher")
        .annotate(n=Count("pk"))
        .order_by("-n", "publisher")[:PUBLISHER_OPTIONS]
    )
    years = sorted(
        {d.year for d in live.exclude(written_on=None).values_list("written_on", flat=True)},
        reverse=True,
    )
    return {
        "categories": list(categories),
        "publishers": sorted(row["publisher"] for row in publishers),
        "years": years,
        "validities": Validity.choices,
        "scopes": [("here", _("本机关制发")), ("reference", _("参考法规"))],
    }


def parse_sort(params, query):
    """The chosen order: relevance (the default with a keyword) or the 成文日期 newest first
    (the default without); oldest first only for the list without a keyword."""
    sort = (params.get("sort") or "").strip()
    choices = sort_choices(query)
    return sort if sort in choices else next(iter(choices))


def sort_choices(query):
    names = ("relevance", "newest") if query else ("newest", "oldest")
    return {name: SORT_CHOICES[name] for name in names}


def database_context(request, per_page):
    from .models import NormativeDocumentPage

    filters = parse_filters(request.GET)
    query = (request.GET.get("q") or "").strip()
    sort = parse_sort(request.GET, query)
    error = ""
    if query:
        try:
            outcome = service.search(
                query,
                page=request.GET.get("page") or 1,
                page_size=per_page,
                filters=filters,
                sort="relevance" if sort == "relevance" else "written",
            )
        except service.SearchQueryError as exc:
            error = exc.messages[0]
            outcome = None
        if outcome is not None:
            ids = [p.pk for p in outcome.results]
            loaded = NormativeDocumentPage.objects.in_bulk(ids)
            results = [loaded[pk] for pk in ids if pk in loaded]
            return {
                "query": query,
                "documents": results,
                "count": outcome.count,
                "page_number": outcome.page,
                "num_pages": outcome.num_pages,
                "filters": filters,
                "options": filter_options(),
                "error": error,
                "sort": sort,
                "sort_choices": sort_choices(query),
            }
    if sort == "oldest":
        order = (F("written_on").asc(nulls_last=True), "pk")
    else:
        order = (F("written_on").desc(nulls_last=True), "-pk")
    documents = filters.documents().order_by(*order)
    page_obj = Paginator(documents, per_page).get_page(request.GET.get("page"))
    return {
        "query": query,
        "documents": page_obj.object_list,
        "count": page_obj.paginator.count,
        "page_number": page_obj.number,
        "num_pages": page_obj.paginator.num_pages,
        "filters": filters,
        "options": filter_options(),
        "error": error,
        "sort": sort,
        "sort_choices": sort_choices(query),
    }
