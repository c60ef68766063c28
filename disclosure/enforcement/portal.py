"""The public list of penalty notices: filters (year, kind, department, party name, fine
range), pagination, and the same selection as CSV and JSON (machine-readable enforcement data)."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure import spreadsheets
from disclosure.departments.models import Department

from . import rules
from .choices import PenaltyKind

ITEMS_PER_PAGE = 20
CSV_COLUMNS = [
    ("index_number", _("索引号")),
    ("decision_number", _("行政处罚决定书文号")),
    ("party_name", _("当事人")),
    ("party_credit_code", _("统一社会信用代码")),
    ("violation_type", _("违法行为类型")),
    ("penalty_kinds", _("处罚种类")),
    ("fine_amount", _("罚款金额（元）")),
    ("penalty_content", _("处罚内容")),
    ("legal_basis", _("处罚依据")),
    ("deciding_authority", _("作出决定机关")),
    ("department", _("办案机构")),
    ("decided_on", _("决定日期")),
    ("performance", _("履行方式和期限")),
    ("published_at", _("公示日期")),
    ("publicity_ends_at", _("公示截止")),
    ("url", _("网址")),
]


class PenaltyFilterForm(forms.Form):
    year = forms.IntegerField(label=_("决定年份"), required=False, min_value=1990, max_value=2100)
    kind = forms.ChoiceField(
        label=_("处罚种类"), required=False, choices=[("", _("全部"))] + PenaltyKind.choices
    )
    department = forms.ModelChoiceField(
        label=_("办案机构"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=_("全部"),
    )
    party = forms.CharField(label=_("当事人"), required=False, max_length=100)
    fine_min = forms.DecimalField(
        label=_("罚款金额不低于（元）"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("罚款金额必须是数字。")},
    )
    fine_max = forms.DecimalField(
        label=_("罚款金额不高于（元）"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("罚款金额必须是数字。")},
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = (
            departments if departments is not None else Department.objects.all()
        )

    def clean(self):
        data = super().clean()
        low, high = data.get("fine_min"), data.get("fine_max")
        if low is not None and high is not None and low > high:
            self.add_error("fine_max", _("罚款金额上限不能小于下限。"))
        return data


def filtered(list_page, request):
    notices = list_page.notices().select_related("department").order_by("-decided_on", "-pk")
    departments = Department.objects.filter(
        pk__in=notices.exclude(department=None).values("department")
    )
    form = PenaltyFilterForm(request.GET or None, departments=departments)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data.get("year"):
            notices = notices.filter(decided_on__year=data["year"])
        if data.get("kind"):
            notices = notices.filter(penalty_kinds__icontains=f'"{data["kind"]}"')
        if data.get("department"):
            notices = notices.filter(department=data["department"])
        if data.get("party"):
            notices = notices.filter(party_name__icontains=data["party"].strip())
        if data.get("fine_min") is not None:
            notices = notices.filter(fine_amount__gte=data["fine_min"])
        if data.get("fine_max") is not None:
            notices = notices.filter(fine_amount__lte=data["fine_max"])
    elif form.is_bound:
        notices = notices.none()
    return form, notices


def list_view(list_page, request):
    form, notices = filtered(list_page, request)
    page_obj = Paginator(notices, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = list_page.get_context(request)
    context.update(
        {
            "form": form,
            "page_obj": page_obj,
            "query": query.urlencode(),
            "csv_url": list_page.url + list_page.reverse_subpage("export_csv"),
            "json_url": list_page.url + list_page.reverse_subpage("export_json"),
        }
    )
    return TemplateResponse(request, "enforcement/penalty_list_page.html", context)


def _label_kinds(codes):
    return "、".join(str(PenaltyKind(c).label) for c in codes if c in PenaltyKind)


def export_csv(list_page, request):
    _form, notices = filtered(list_page, request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="penalties.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    writer = spreadsheets.writer(response)
    writer.writerow([label for _name, label in CSV_COLUMNS])
    for notice in notices:
        record = _csv_record(notice)
        writer.writerow(["" if record[name] is None else record[name] for name, _l in CSV_COLUMNS])
    return response


def _csv_record(notice):
    """The record as people read it in a spreadsheet: kinds by name, times to the minute
    (``2026-12-03 15:05``) and the end of publicity as its last day at 24:00 (民法典 第203条);
    the JSON export keeps ISO 8601."""
    record = notice.as_record()
    record["penalty_kinds"] = _label_kinds(record["penalty_kinds"])
    if notice.first_published_at:
        record["published_at"] = timezone.localtime(notice.first_published_at).strftime(
            "%Y-%m-%d %H:%M"
        )
    if notice.expire_at:
        record["publicity_ends_at"] = f"{rules.last_day_of(notice.expire_at).isoformat()} 24:00"
    return record


def export_json(list_page, request):
    form, notices = filtered(list_page, request)
    if form.is_bound and not form.is_valid():
        # The error shape of every other API answer, with the message of each field.
        return JsonResponse(
            {
                "error": {
                    "code": "invalid_filter",
                    "message": " ".join(str(m) for v in form.errors.values() for m in v),
                    "fields": {k: [str(m) for m in v] for k, v in form.errors.items()},
                }
            },
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    records = [notice.as_record() for notice in notices]
    return JsonResponse(
        {"count": len(records), "results": records},
        json_dumps_params={"ensure_ascii": False},
    )
