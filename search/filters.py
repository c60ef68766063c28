"""Search filters and facet counts (one aggregation per facet over the matched set, never one
count per facet value).

- ``type``: a page type label, e.g. ``normative.normativedocumentpage``;
- ``column``: a column page id (the column and everything below it);
- ``department``: a department id (the pages of the columns it is responsible for, and below);
- ``category``: the corpus category of a law (行政法规, 地方性法规, …) or the catalogue 一级事项 of
  an item (the top-level column it is published in);
- ``year``: the year of 成文日期 (for a law: the date of its version);
- ``validity``: 有效性 code (in_force, not_yet_in_force, amended, expired, repealed).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, Q
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

from disclosure.publishing.choices import Validity
from disclosure.statements import fetch_rows, kept_statement, padded

FILTER_NAMES = ("type", "column", "department", "category", "year", "validity")


def _item_models():
    from disclosure.columns.models import item_models

    return item_models()


def _related(model):
    return model._meta.model_name


@dataclass(frozen=True)
class SearchFilters:
    type: str = ""
    column: int | None = None
    department: int | None = None
    category: str = ""
    year: int | None = None
    validity: str = ""

    def __bool__(self):
        return any(
            (self.type, self.column, self.department, self.category, self.year, self.validity)
        )

    @classmethod
    def parse(cls, params):
        """Filters from request parameters; :class:`search.service.SearchQueryError` when bad."""
        from .service import SearchQueryError

        values = {name: (params.get(name) or "").strip() for name in FILTER_NAMES}
        kwargs = {
            "type": values["type"],
            "category": values["category"],
            "validity": values["validity"],
        }
        if values["type"]:
            models = filterable_types()
            if values["type"] not in models:
                # The types' names, not their internal labels: the portal shows this message.
                names = sorted({str(m._meta.verbose_name) for m in models.values()})
                raise SearchQueryError(
                    _("不支持的信息类型：%(value)s（可选：%(choices)s）")
                    % {"value": values["type"], "choices": "、".join(names)},
                    code="bad_filter",
                )
        if values["validity"] and values["validity"] not in Validity.values:
            raise SearchQueryError(
                _("不支持的有效性：%(value)s（可选：%(choices)s）")
                % {"value": values["validity"], "choices": "、".join(Validity.values)},
                code="bad_filter",
            )
        for name in ("column", "department", "year"):
            if values[name]:
                if not values[name].isdigit() or int(values[name]) < 1:
                    raise SearchQueryError(
                        _("%(name)s 必须是正整数。") % {"name": name}, code="bad_filter"
                    )
                kwargs[name] = int(values[name])
        if (
            kwargs.get("column")
            and not Page.objects.filter(pk=kwargs["column"], live=True).exists()
        ):
            raise SearchQueryError(
                _("栏目不存在：%(value)s") % {"value": values["column"]}, code="bad_filter"
            )
        if kwargs.get("department"):
            from disclosure.departments.models import Department

            if not Department.objects.filter(pk=kwargs["department"]).exists():
                raise SearchQueryError(
                    _("科室不存在：%(value)s") % {"value": values["department"]},
                    code="bad_filter",
                )
        return cls(**kwargs)

    def apply(self, queryset):
        if self.type:
            app_label, model = self.type.split(".")
            queryset = queryset.filter(
                content_type=ContentType.objects.get_by_natural_key(app_label, model)
            )
        if self.column:
            column = Page.objects.get(pk=self.column)
            queryset = queryset.filter(path__startswith=column.path)
        if self.department:
            paths = _department_paths(self.department)
            condition = Q(pk__in=[])
            for path in paths:
                condition |= Q(path__startswith=path)
            queryset = queryset.filter(condition)
        if self.validity:
            queryset = queryset.filter(
                _any_item(lambda name: Q(**{f"{name}__validity": self.validity}))
            )
        if self.year:
            queryset = queryset.filter(
                _any_item(lambda name: Q(**{f"{name}__written_on__year": self.year}))
            )
        if self.category:
            # As the facets count (:func:`_fold`): a law by its corpus category, any other page
            # by its top-level column — a law inside that column is not in the column's category.
            queryset = queryset.filter(
                Q(normativedocumentpage__legal_category=self.category)
                | Q(
                    path__startswith=_top_column_path(self.category) or "-",
                    normativedocumentpage__isnull=True,
                )
            )
        return queryset

    def accepts_key(self, key, column_path=None, category_path=None):
        """Whether a facet key (see :mod:`search.facet_index`) passes the filters; the column
        filter is answered by :meth:`key_filter`'s ``column_path``."""
        content_type, year, validity, is_law, law_category, column = key
        if self.type and content_type != _content_type_id(self.type):
            return False
        if self.year and year != self.year:
            return False
        if self.validity and validity != self.validity:
            return False
        if column_path and not column.startswith(column_path):
            return False
        if self.category and not (
            (is_law and law_category == self.category)
            or (not is_law and category_path and column == category_path)
        ):
            return False
        return True

    def key_filter(self, keys):
        """The ids of the facet keys that pass, or None when a filter cannot be answered from
        the keys (a column below the top level)."""
        column_path = None
        if self.department:
            return None
        if self.column:
            column = Page.objects.only("path", "depth").get(pk=self.column)
            if column.depth > 3:
                return None
            column_path = column.path
        category_path = _top_column_path(self.category) if self.category else None
        return [
            pk
            for pk, key in keys.items()
            if self.accepts_key(key, column_path=column_path, category_path=category_path)
        ]


def filterable_types():
    """Every page type a search can find and its type facet offer, by label: the item types and
    the other portal pages (a gazette issue, a column)."""
    return {model._meta.label_lower: model for model in get_page_models() if model is not Page}


def add_facets(facets, more):
    """The facets of two disjoint sets of pages added together, in display order."""
    if not more:
        return facets
    if not facets:
        return more
    total = {}
    for name in ("type", "category", "year", "validity"):
        values = dict(facets.get(name, {}))
        for value, n in more.get(name, {}).items():
            values[value] = values.get(value, 0) + n
        total[name] = values
    total["category"] = dict(sorted(total["category"].items(), key=lambda item: -item[1]))
    total["year"] = dict(sorted(total["year"].items(), reverse=True))
    return total


def _department_paths(department_id):
    """The paths of the live columns a department is responsible for."""
    from disclosure.columns.models import ColumnPage

    return list(
        ColumnPage.objects.live()
        .filter(departments__pk=department_id)
        .values_list("path", flat=True)
    )


def _content_type_id(label):
    app_label, model = label.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model).pk


def _any_item(condition):
    q = Q()
    for model in _item_models():
        q |= condition(_related(model))
    return q


def _top_column_path(title):
    from disclosure.columns.models import ColumnPage

    column = ColumnPage.objects.filter(depth=3, title=title).only("path").first()
    return column.path if column else None


def _coalesce(field):
    expressions = [F(f"{_related(m)}__{field}") for m in _item_models()]
    return Coalesce(*expressions) if len(expressions) > 1 else expressions[0]


def written_on():
    """The 成文日期 of whichever item type a page is (None for other pages)."""
    return _coalesce("written_on")


def facets_from_keys(counts, keys):
    """The facets of :func:`facets` from (facet key id, count) pairs."""
    rows = []
    for key_id, n in counts:
        content_type, year, validity, is_law, law_category, column = keys[key_id]
        rows.append(
            (content_type, year or None, validity, law_category if is_law else None, column, n)
        )
    return _fold(rows)


def facet_values(queryset):
    """``queryset`` annotated with what the facets count by: ``_year``, ``_validity``,
    ``_law_category`` (None for a page that is not a law) and ``_column`` (the path of the
    top-level column). Shared with :mod:`search.facet_index`."""
    return queryset.annotate(
        # The first four characters of the ISO date: cheaper than a date function per row.
        _year=Substr(Cast(_coalesce("written_on"), CharField()), 1, 4),
        _validity=_coalesce("validity"),
        _law_category=F("normativedocumentpage__legal_category"),
        _column=Substr("path", 1, Page.steplen * 3),
    )


def facets(queryset):
    """Counts per type, year, validity and category of the matched pages, from one grouped
    query folded in Python."""
    rows = (
        facet_values(queryset)
        .order_by()
        .values_list("content_type", "_year", "_validity", "_law_category", "_column")
        .annotate(n=Count("id"))
    )
    return _fold(rows)


def _content_type(pk):
    """Content type ``pk`` from Django's per-process cache of them (a statement a search
    before), or None when it is gone."""
    try:
        return ContentType.objects.get_for_id(pk)
    except ContentType.DoesNotExist:
        return None


@kept_statement(values=1)
def _column_titles_statement(database, paths):
    return (
        Page.objects.using(database).filter(path__in=paths).order_by().values_list("path", "title")
    )


def _column_titles(paths):
    """{path: title} of the top-level columns at ``paths``, by one kept statement (the facets
    of each search name their columns)."""
    if not paths:
        return {}
    database = Page.objects.db
    return dict(fetch_rows(database, _column_titles_statement(database, padded(paths))))


def _fold(rows):
    by_type, years, validity, categories, columns = {}, {}, {}, {}, {}
    for content_type, year, code, law_category, column_path, n in rows:
        by_type[content_type] = by_type.get(content_type, 0) + n
        if year:
            years[str(year)] = years.get(str(year), 0) + n
        if code:
            validity[code] = validity.get(code, 0) + n
        # A law's category is its corpus category; an item's is the top-level column (the
        # catalogue 一级事项) it is published in.
        if law_category is not None:
            if law_category:
                categories[law_category] = categories.get(law_category, 0) + n
        elif column_path:
            columns[column_path] = columns.get(column_path, 0) + n
    titles = _column_titles(tuple(columns))
    for path, n in columns.items():
        if path in titles:
            categories[titles[path]] = categories.get(titles[path], 0) + n
    types = {pk: _content_type(pk) for pk in by_type}
    return {
        "type": {
            types[pk].model_class()._meta.label_lower: n
            for pk, n in by_type.items()
            if types[pk] is not None
        },
        "category": dict(sorted(categories.items(), key=lambda item: -item[1])),
        "year": dict(sorted(years.items(), reverse=True)),
        "validity": validity,
    }
