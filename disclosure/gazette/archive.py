"""The gazette archive on the portal: issues grouped by year, and a keyword search over the
issues and their articles through :func:`search.service.search`."""

from dataclasses import dataclass

from django.db.models import Count

from search import filters as search_filters
from search import service

PER_PAGE = 20


@dataclass(frozen=True)
class GazetteFilters(search_filters.SearchFilters):
    """Issues of one archive, optionally one year."""

    archive_path: str = ""
    gazette_year: int | None = None

    def __bool__(self):
        return True

    def key_filter(self, keys):
        """The search's facet keys cannot answer these filters: :meth:`apply` must run."""
        return None

    def apply(self, queryset):
        from .models import GazetteIssuePage

        queryset = super().apply(queryset).filter(path__startswith=self.archive_path)
        issues = GazetteIssuePage.objects.all()
        if self.gazette_year:
            issues = issues.filter(year=self.gazette_year)
        return queryset.filter(pk__in=issues.values("pk"))


def archive_context(archive, request):
    from .models import GazetteIssuePage

    issues = archive.issues()
    years = list(issues.order_by().values_list("year").annotate(n=Count("pk")).order_by("-year"))
    raw_year = (request.GET.get("year") or "").strip()
    year = int(raw_year) if raw_year.isdigit() else None
    query = (request.GET.get("q") or "").strip()
    context = {"years": years, "query": query, "error": "", "selected_year": year}
    if query:
        filters = GazetteFilters(
            type=GazetteIssuePage._meta.label_lower,
            archive_path=archive.path,
            gazette_year=year,
        )
        try:
            outcome = service.search(
                query, page=request.GET.get("page") or 1, page_size=PER_PAGE, filters=filters
            )
        except service.SearchQueryError as error:
            context["error"] = error.messages[0]
            context["results"] = []
            return context
        loaded = GazetteIssuePage.objects.in_bulk([p.pk for p in outcome.results])
        context.update(
            {
                "results": [loaded[p.pk] for p in outcome.results if p.pk in loaded],
                "count": outcome.count,
                "page_number": outcome.page,
                "num_pages": outcome.num_pages,
            }
        )
        return context
    if year is None and years:
        year = years[0][0]
    context["selected_year"] = year
    context["issues"] = issues.filter(year=year).order_by("number") if year else []
    context["missing"] = archive.missing_numbers().get(year, [])
    return context
