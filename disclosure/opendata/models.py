"""The page that shows one public list (:mod:`.registry`) on the portal.

A :class:`DatasetPage` is a column (栏目) whose content is the records of its list, so it
sits in the column tree, links catalogue items and departments like any column, and its list
is filterable (年份, 类别, 科室, 名称) and exported as CSV and JSON at ``csv/`` and ``json/``
below the page's URL (the seed plan's "机器可读" enforcement data).
"""

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from disclosure.columns.models import ColumnPage

from . import registry
from .exports import (
    PAGE_SIZE,
    csv_response,
    filtered,
    json_error,
    json_response,
    parse_filters,
)


class DatasetPage(RoutablePageMixin, ColumnPage):
    dataset = models.CharField(
        _("数据集"), max_length=50, choices=registry.dataset_choices, help_text=_("本页公开的清单")
    )
    intro = RichTextField(_("说明"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("dataset"),
        FieldPanel("intro"),
        FieldPanel("description"),
    ]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []
    template = "opendata/dataset_page.html"

    class Meta:
        verbose_name = _("公开清单页面")
        verbose_name_plural = _("公开清单页面")

    def get_dataset(self):
        dataset = registry.get(self.dataset)
        if dataset is None:
            raise Http404(_("数据集不存在"))
        return dataset

    def route_url(self, name, *args):
        """The URL of one of this page's routes (csv, json, summary, a record)."""
        return self.url + self.reverse_subpage(name, args=args)

    def _context(self, request, **extra):
        context = self.get_context(request)
        context.update(extra)
        return context

    @path("")
    def list_view(self, request):
        dataset = self.get_dataset()
        filters, errors = parse_filters(dataset, request.GET)
        queryset = filtered(dataset, filters)
        page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        columns = dataset.table_columns()
        rows = [
            (self.route_url("detail_view", obj.pk), dataset.row(obj, columns))
            for obj in page_obj.object_list
        ]
        departments = []
        if dataset.department_field:
            from disclosure.departments.models import Department

            departments = Department.objects.filter(
                pk__in=dataset.queryset().values(f"{dataset.department_field}_id")
            ).order_by("name")
        context = self._context(
            request,
            data=dataset,
            filters=filters,
            filter_errors=errors,
            page_obj=page_obj,
            columns=columns,
            rows=rows,
            years=dataset.years(),
            departments=departments,
            query_prefix=filters.query_string(),
            csv_url=self.route_url("csv_view"),
            json_url=self.route_url("json_view"),
            summary_url=self.route_url("summary_view") if dataset.summary else "",
        )
        return TemplateResponse(request, self.template, context, status=400 if errors else 200)

    @path("csv/")
    def csv_view(self, request):
        dataset = self.get_dataset()
        filters, errors = parse_filters(dataset, request.GET)
        if errors:
            return json_error("；".join(errors))
        return csv_response(dataset, filtered(dataset, filters))

    @path("json/")
    def json_view(self, request):
        dataset = self.get_dataset()
        filters, errors = parse_filters(dataset, request.GET)
        if errors:
            return json_error("；".join(errors))
        return json_response(dataset, filtered(dataset, filters), request.GET)

    @path("<int:pk>/")
    def detail_view(self, request, pk):
        dataset = self.get_dataset()
        obj = dataset.queryset().filter(pk=pk).first()
        if obj is None:
            raise Http404(_("记录不存在"))
        fields = [(column.label, column.get(obj)) for column in dataset.columns]
        context = self._context(request, data=dataset, record=obj, fields=fields)
        return TemplateResponse(request, "opendata/dataset_detail.html", context)

    @path("summary/")
    def summary_view(self, request):
        dataset = self.get_dataset()
        if dataset.summary is None:
            raise Http404(_("本清单没有汇总"))
        filters, errors = parse_filters(dataset, request.GET)
        summary = dataset.summary(filtered(dataset, filters))
        context = self._context(
            request, data=dataset, summary=summary, filters=filters, filter_errors=errors
        )
        return TemplateResponse(request, dataset.summary_template, context)
