"""The public list of 惠民政策项目资金 and its CSV export (one query, the same filters)."""

from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from disclosure import spreadsheets

from .models import FundKind, FundRecord

PER_PAGE = 20
CSV_HEADER = [
    _("类别"),
    _("名称"),
    _("政策依据"),
    _("资金金额（万元）"),
    _("受益对象数量"),
    _("受益对象（汇总）"),
    _("主管科室"),
    _("实施期限起"),
    _("实施期限止"),
    _("内容概述"),
]


def filtered_records(params):
    """Public records matching the request's filters, and the filters as read."""
    records = FundRecord.objects.filter(is_public=True).select_related("department", "policy")
    kind = (params.get("kind") or "").strip()
    department = (params.get("department") or "").strip()
    year = (params.get("year") or "").strip()
    query = (params.get("q") or "").strip()[:100]
    if kind in FundKind.values:
        records = records.filter(kind=kind)
    else:
        kind = ""
    if department.isdigit():
        records = records.filter(department_id=int(department))
    else:
        department = ""
    if year.isdigit() and len(year) == 4:
        # In force at some time of that year.
        records = records.filter(period_start__year__lte=int(year)).filter(
            Q(period_end__isnull=True) | Q(period_end__year__gte=int(year))
        )
    else:
        year = ""
    if query:
        records = records.filter(
            Q(name__icontains=query) | Q(recipients__icontains=query) | Q(summary__icontains=query)
        )
    return records, {"kind": kind, "department": department, "year": year, "q": query}


def list_context(request):
    from disclosure.departments.models import Department

    records, filters = filtered_records(request.GET)
    page_obj = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    all_public = FundRecord.objects.filter(is_public=True)
    years = sorted(
        {d.year for d in all_public.values_list("period_start", flat=True)}, reverse=True
    )
    return {
        "page_obj": page_obj,
        "filters": filters,
        "total_amount": records.aggregate(total=Sum("amount"))["total"],
        "kinds": FundKind.choices,
        "departments": Department.objects.filter(
            pk__in=all_public.values("department_id")
        ).order_by("name"),
        "years": years,
    }


def csv_response(records):
    """CSV with a UTF-8 BOM so that spreadsheet software opens the Chinese text correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = gettext("惠民政策项目资金-%(date)s.csv") % {"date": timezone.localdate().isoformat()}
    response["Content-Disposition"] = content_disposition_header(True, name)
    response.write("\ufeff")
    writer = spreadsheets.writer(response)
    writer.writerow(CSV_HEADER)
    for record in records:
        writer.writerow(
            [
                record.get_kind_display(),
                record.name,
                # As on the page: a draft or withdrawn policy is not named to the public.
                record.policy.title if record.policy and record.policy.live else "",
                "" if record.amount is None else f"{record.amount:.2f}",
                "" if record.recipient_count is None else record.recipient_count,
                record.recipients,
                record.department.name,
                record.period_start.isoformat(),
                record.period_end.isoformat() if record.period_end else "",
                record.summary,
            ]
        )
    return response
