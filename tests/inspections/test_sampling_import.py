"""Sampling results: CSV/xlsx import, all rows validated first, all-or-nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from disclosure.inspections import io as sampling_io
from disclosure.inspections.models import SamplingResult
from tests.factories import department, superuser
from tests.records import bad_credit_code, credit_code

pytestmark = pytest.mark.django_db

HEADER = [
    "检验报告编号",
    "产品名称",
    "生产日期/批号",
    "标称生产企业名称",
    "被抽样单位名称",
    "被抽样单位统一社会信用代码",
    "抽样日期",
    "抽样数量",
    "检验依据",
    "检验机构",
    "检验结论",
    "不合格项目",
    "核查处置状态",
    "承办科室",
]


def row(number, **values):
    base = {
        "检验报告编号": f"GZ2026-{number:05d}",
        "产品名称": "大米",
        "生产日期/批号": "2026-02-01",
        "标称生产企业名称": "示范市粮油有限公司",
        "被抽样单位名称": "示范市便民超市",
        "被抽样单位统一社会信用代码": credit_code(number),
        "抽样日期": "2026-03-10",
        "抽样数量": "5",
        "检验依据": "GB 2762-2022",
        "检验机构": "示范市食品药品检验所",
        "检验结论": "合格",
        "不合格项目": "",
        "核查处置状态": "",
        "承办科室": "食品抽检科",
    }
    base.update(values)
    return base


def csv_file(rows, header=HEADER, title=None):
    stream = io.StringIO()
    writer = csv.writer(stream)
    if title:
        writer.writerow([title])
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(label, "") for label in header])
    return SimpleUploadedFile("抽检.csv", stream.getvalue().encode("utf-8-sig"))


def import_file(upload, default_department=None):
    return sampling_io.import_table(sampling_io.read_table(upload, upload.name), default_department)


@pytest.fixture
def lab_department():
    return department(name="食品抽检科")


def test_valid_file_is_imported_and_reimport_changes_nothing(lab_department):
    rows = [
        row(1),
        row(2, 检验结论="不合格", 不合格项目="镉（以Cd计）：0.35mg/kg", 核查处置状态="核查处置中"),
    ]
    result = import_file(csv_file(rows))
    assert result.ok, result.errors
    assert (result.created, result.updated) == (2, 0)
    failed = SamplingResult.objects.get(report_number="GZ2026-00002")
    assert failed.verdict == "fail"
    assert failed.sample_quantity == 5
    assert failed.department == lab_department
    again = import_file(csv_file(rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert failed.history.count() == 1


def test_title_row_above_the_header_is_skipped(lab_department):
    result = import_file(csv_file([row(1)], title="2026年第1期食品安全监督抽检信息"))
    assert result.ok, result.errors
    assert SamplingResult.objects.count() == 1


def test_bad_check_digit_is_refused_naming_the_row_and_nothing_is_written(lab_department):
    rows = [row(1), row(2, 被抽样单位统一社会信用代码=bad_credit_code(2)), row(3)]
    result = import_file(csv_file(rows))
    assert not result.ok
    assert len(result.errors) == 1
    row_number, message = result.errors[0]
    assert row_number == 3  # header is row 1
    assert "被抽样单位统一社会信用代码" in message and "校验位" in message
    assert SamplingResult.objects.count() == 0


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"产品名称": ""}, "产品名称不能为空"),
        ({"抽样数量": "五"}, "抽样数量“五”不是正整数"),
        ({"抽样数量": "0"}, "抽样数量“0”不是正整数"),
        ({"检验结论": "基本合格"}, "检验结论“基本合格”无法识别"),
        (
            {"检验结论": "不合格", "不合格项目": "铅", "核查处置状态": "待定"},
            "核查处置状态“待定”无法识别",
        ),
        ({"抽样日期": "2026-02-30"}, "抽样日期“2026-02-30”不是有效日期"),
        (
            {"检验结论": "不合格", "核查处置状态": "核查处置中"},
            "不合格项目：检验结论为不合格时须填写不合格项目",
        ),
        ({"承办科室": "不存在的科室"}, "承办科室“不存在的科室”不存在"),
    ],
)
def test_bad_row_is_refused_with_a_chinese_message(lab_department, values, expected):
    result = import_file(csv_file([row(1), row(2, **values)]))
    assert not result.ok
    assert [number for number, _message in result.errors] == [3]
    assert expected in result.errors[0][1]
    assert SamplingResult.objects.count() == 0


def test_failed_import_leaves_existing_records_unchanged(lab_department):
    assert import_file(csv_file([row(1)])).ok
    result = import_file(csv_file([row(1, 产品名称="糯米"), row(2, 抽样数量="abc")]))
    assert not result.ok
    assert SamplingResult.objects.get().product_name == "大米"


def test_duplicate_report_number_in_file_is_refused(lab_department):
    result = import_file(csv_file([row(1), row(1)]))
    assert result.errors == [(3, "检验报告编号“GZ2026-00001”与第 2 行重复")]


def test_missing_required_column_is_refused(lab_department):
    header = [label for label in HEADER if label != "检验机构"]
    result = import_file(csv_file([row(1)], header=header))
    assert result.errors[0][0] == 1
    assert "检验机构" in result.errors[0][1]


def test_department_chosen_at_import_when_the_file_has_no_column():
    chosen = department(name="稽查科")
    header = [label for label in HEADER if label != "承办科室"]
    assert not import_file(csv_file([row(1)], header=header)).ok
    assert import_file(csv_file([row(1)], header=header), chosen).ok
    assert SamplingResult.objects.get().department == chosen


def test_xlsx_with_real_dates_and_numbers(lab_department):
    import datetime as dt

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    values = row(1)
    values["抽样日期"] = dt.datetime(2026, 3, 10)
    values["抽样数量"] = 6.0
    sheet.append([values.get(label) for label in HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_file(SimpleUploadedFile("抽检.xlsx", buffer.getvalue()))
    assert result.ok, result.errors
    imported = SamplingResult.objects.get()
    assert imported.sampled_on == dt.date(2026, 3, 10)
    assert imported.sample_quantity == 6


def test_unsupported_format_is_refused():
    with pytest.raises(sampling_io.SamplingFileError):
        sampling_io.read_table(SimpleUploadedFile("抽检.txt", b"x"), "抽检.txt")


def test_export_rows_round_trip(lab_department):
    assert import_file(csv_file([row(1)])).ok
    rows = sampling_io.export_rows()
    assert rows[0] == sampling_io.HEADER
    table = sampling_io.Table(header=rows[0], rows=[(2, dict(zip(rows[0], rows[1], strict=True)))])
    again = sampling_io.import_table(table)
    assert again.ok, again.errors
    assert again.unchanged == 1


def test_admin_import_shows_row_errors_and_writes_nothing(client, lab_department):
    client.force_login(superuser())
    bad = csv_file([row(1), row(2, 被抽样单位统一社会信用代码=bad_credit_code(2))])
    response = client.post("/admin/inspections/sampling/import/", {"file": bad})
    content = response.content.decode()
    assert response.status_code == 200
    assert "第 3 行" in content and "校验位" in content
    assert SamplingResult.objects.count() == 0
    good = csv_file([row(1)])
    response = client.post("/admin/inspections/sampling/import/", {"file": good})
    assert response.status_code == 302
    assert SamplingResult.objects.count() == 1


def test_import_command(tmp_path, lab_department):
    path = tmp_path / "抽检.csv"
    path.write_bytes(csv_file([row(1), row(2, 抽样数量="x")]).read())
    with pytest.raises(CommandError):
        call_command("import_sampling", str(path))
    assert SamplingResult.objects.count() == 0


def test_gbk_csv_as_chinese_excel_saves_it(lab_department):
    rows = [row(1, 检验结论="不合格", 不合格项目="镉（以Cd计）", 核查处置状态="核查处置中")]
    utf8 = csv_file(rows, title="2026年第1期食品安全监督抽检信息").read()
    gbk = SimpleUploadedFile("抽检.csv", utf8.decode("utf-8-sig").encode("gbk"))
    result = import_file(gbk)
    assert result.ok, result.errors
    imported = SamplingResult.objects.get()
    assert imported.nonconforming_items == "镉（以Cd计）"
    assert imported.department == lab_department


def test_import_command_check_only(tmp_path, lab_department):
    path = tmp_path / "抽检.csv"
    path.write_bytes(csv_file([row(1), row(2)]).read())
    out = io.StringIO()
    call_command("import_sampling", str(path), "--check", stdout=out)
    assert "检查通过：2 行均可导入。" in out.getvalue()
    assert SamplingResult.objects.count() == 0
    call_command("import_sampling", str(path), stdout=out)
    assert "新增 2 条，更新 0 条，无变化 0 条" in out.getvalue()


def test_admin_listing_exports_csv(client, lab_department):
    assert import_file(csv_file([row(1)])).ok
    client.force_login(superuser())
    response = client.get("/admin/sampling_results/?export=csv")
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode("utf-8")
        if response.streaming
        else response.content.decode()
    )
    assert "检验报告编号" in text and "GZ2026-00001" in text
    assert "大米" in client.get("/admin/sampling_results/?verdict=pass").content.decode()
    assert "大米" not in client.get("/admin/sampling_results/?verdict=fail").content.decode()


def test_personal_data_in_a_row_is_refused_naming_the_row(lab_department):
    rows = [
        row(1),
        row(2, 检验结论="不合格", 不合格项目="铅", 核查处置状态="核查处置中")
        | {"核查处置情况": "联系经营者 13812345678 下架"},
    ]
    header = [*HEADER, "核查处置情况"]
    result = import_file(csv_file(rows, header=header))
    assert [number for number, _message in result.errors] == [3]
    assert "个人信息" in result.errors[0][1]
    assert SamplingResult.objects.count() == 0


def test_row_numbers_are_the_file_rows_below_a_title_row(lab_department):
    """With a title row above the header, the first data row is row 3 of the file."""
    rows = [row(1), row(2), row(3, 被抽样单位统一社会信用代码=bad_credit_code(3))]
    result = import_file(csv_file(rows, title="2026年第1期食品安全监督抽检信息"))
    assert [number for number, _message in result.errors] == [5]
    assert "校验位" in result.errors[0][1]
    assert SamplingResult.objects.count() == 0


def test_xlsx_bad_check_digit_names_the_row_and_writes_nothing(lab_department):
    assert import_file(csv_file([row(1)])).ok
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    changed = row(1, 产品名称="糯米")
    bad = row(2, 被抽样单位统一社会信用代码=bad_credit_code(2))
    for values in (changed, bad):
        sheet.append([values.get(label) for label in HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_file(SimpleUploadedFile("抽检.xlsx", buffer.getvalue()))
    assert not result.ok
    assert [number for number, _message in result.errors] == [3]
    assert "被抽样单位统一社会信用代码" in result.errors[0][1] and "校验位" in result.errors[0][1]
    assert SamplingResult.objects.get().product_name == "大米"  # the valid row changed nothing


def test_the_upload_page_refuses_a_zip_bomb(client, lab_department, settings):
    # Issue #11 finding 5: the sampling import is open to editors.
    import zipfile

    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (4 * 1024 * 1024))
    client.force_login(superuser())
    bomb = SimpleUploadedFile("抽检.xlsx", buffer.getvalue())
    response = client.post("/admin/inspections/sampling/import/", {"file": bomb})
    assert response.status_code == 200
    assert "解压后过大" in response.content.decode()
    assert SamplingResult.objects.count() == 0


def test_the_upload_size_is_a_setting(client, lab_department, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10
    client.force_login(superuser())
    response = client.post("/admin/inspections/sampling/import/", {"file": csv_file([row(1)])})
    assert "文件过大" in response.content.decode()
    assert SamplingResult.objects.count() == 0
