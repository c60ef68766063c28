"""Import and export of the standard catalogue in the national format (disclosure.catalogue.io)."""

import io

import pytest
from catalogue_testutils import csv_bytes, good_row
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from disclosure.catalogue.choices import Channel
from disclosure.catalogue.io import (
    HEADER,
    SHIPPED_CATALOGUE,
    CatalogueFileError,
    export_csv,
    export_rows,
    export_xlsx,
    import_rows,
    read_table,
    validate_rows,
)
from disclosure.catalogue.models import CatalogueItem
from disclosure.departments.models import Department, DepartmentKind

CHANNEL_LABELS = "、".join(str(label) for _code, label in Channel.choices)


def table_from_csv(rows, **kwargs):
    return read_table(io.BytesIO(csv_bytes(rows, **kwargs)), "目录.csv")


def snapshot():
    """Everything an import can change, as comparable data."""
    return (
        export_rows(),
        sorted(Department.objects.values_list("name", "kind")),
        CatalogueItem.history.count(),
    )


# --------------------------------------------------------------------------- shipped file


@pytest.mark.django_db
def test_import_shipped_catalogue(imported):
    assert (imported.created, imported.updated, imported.errors) == (36, 0, [])
    assert CatalogueItem.objects.count() == 36
    assert imported.summary() == "新增 36 条，更新 0 条"

    placeholder = Department.objects.get(name="各起草科室")
    assert placeholder.kind == DepartmentKind.PLACEHOLDER
    assert Department.objects.get(name="执法支队").kind == DepartmentKind.DETACHMENT

    policy = CatalogueItem.objects.get(number=7)
    assert policy.lead_department.name == "政策法规科"
    assert {d.name for d in policy.responsible_departments.all()} == {"政策法规科", "各起草科室"}
    assert policy.channels == [Channel.WEBSITE, Channel.NEW_MEDIA]

    emergency = CatalogueItem.objects.get(number=29)
    assert emergency.channels == ["website", "new_media", "press_conference"]
    assert emergency.get_channels_display() == "政府网站；两微一端；发布会/听证会"
    assert (emergency.audience, emergency.method, emergency.level) == (
        "public",
        "proactive",
        "city",
    )
    assert emergency.suggested_column == "应急管理"

    # 公开依据 is free text: its semicolons and quotes are kept, not split.
    assert CatalogueItem.objects.get(number=3).legal_basis == (
        "《政府信息公开条例》第十七条;本局政务公开实施方案"
    )
    assert '"双随机、一公开"' in CatalogueItem.objects.get(number=16).legal_basis


@pytest.mark.django_db
def test_reimport_is_idempotent(imported, shipped_table):
    before = snapshot()
    result = import_rows(shipped_table)
    assert (result.created, result.updated, result.unchanged) == (0, 36, 36)
    assert result.errors == []
    assert result.summary() == "新增 0 条，更新 36 条（其中 36 条内容无变化）"
    assert CatalogueItem.objects.count() == 36
    assert Department.objects.filter(name="各起草科室").count() == 1
    assert snapshot() == before  # no duplicates, no new history records


@pytest.mark.django_db
def test_import_keeps_items_not_in_file(imported):
    result = import_rows(table_from_csv([good_row(1, 公开时限="每季度")]))
    assert (result.created, result.updated) == (0, 1)
    assert result.not_in_file == list(range(2, 37))
    assert CatalogueItem.objects.count() == 36
    assert CatalogueItem.objects.get(number=1).time_limit == "每季度"


# --------------------------------------------------------------------------- validation

BAD_ROWS = [
    good_row(1),  # row 2: valid
    good_row(2, 公开渠道和载体="政府网站;微信群"),  # row 3: unknown channel
    good_row("abc"),  # row 4: 序号 not a number
    good_row(1),  # row 5: duplicate 序号
    good_row(5, 二级事项=""),  # row 6: empty 二级事项
    good_row(6, 公开方式="主动推送"),  # row 7: unknown 公开方式
]
BAD_ROW_ERRORS = [
    (3, f"公开渠道和载体“微信群”无法识别，可选值：{CHANNEL_LABELS}"),
    (4, "序号“abc”不是正整数"),
    (5, "序号 1 与第 2 行重复"),
    (6, "二级事项不能为空"),
    (7, "公开方式“主动推送”无法识别，可选值：主动、依申请"),
]


@pytest.mark.django_db
def test_bad_rows_are_reported_and_nothing_changes():
    before = snapshot()
    result = import_rows(table_from_csv(BAD_ROWS))
    assert result.errors == BAD_ROW_ERRORS
    assert (result.created, result.updated) == (0, 0)
    assert not result.ok
    assert result.summary() == "导入失败：共 5 处错误，未作任何改动。"
    assert CatalogueItem.objects.count() == 0
    assert snapshot() == before  # not even the departments of the valid row


@pytest.mark.django_db
def test_bad_rows_leave_existing_items_unchanged(imported):
    before = snapshot()
    rows = [good_row(1, 二级事项="改过的名称"), *BAD_ROWS[1:], good_row(99)]
    result = import_rows(table_from_csv(rows))
    assert result.errors == BAD_ROW_ERRORS
    assert snapshot() == before
    assert not CatalogueItem.objects.filter(number=99).exists()
    assert CatalogueItem.objects.get(number=1).item == "机构职能"


@pytest.mark.django_db
def test_every_error_of_a_row_is_reported():
    row = good_row(
        0,
        一级事项="",
        公开主体="",
        公开渠道和载体="",
        公开对象="部分人",
        公开层级="省级",
    )
    errors = validate_rows(table_from_csv([row]))
    assert errors == [
        (2, "序号“0”不是正整数"),
        (2, "一级事项不能为空"),
        (2, "公开主体不能为空"),
        (2, "公开渠道和载体不能为空"),
        (2, "公开对象“部分人”无法识别，可选值：全社会、特定群体"),
        (2, "公开层级“省级”无法识别，可选值：市级、县级、乡级"),
    ]


@pytest.mark.django_db
def test_length_limits():
    rows = [good_row(1, 一级事项="长" * 101), good_row(2, 公开主体="办公室;" + "科" * 101)]
    assert validate_rows(table_from_csv(rows)) == [
        (2, "一级事项过长（101 个字符），最多 100 个字符"),
        (3, f"公开主体中的科室名称“{'科' * 101}”过长（101 个字符），最多 100 个字符"),
    ]


@pytest.mark.django_db
def test_row_numbers_count_blank_rows_and_title_rows():
    rows = [
        ["XX市市场监督管理局政务公开标准目录"],
        [],
        HEADER,
        good_row(1),
        [""] * 12,
        good_row("x"),
    ]
    buffer = io.StringIO()
    import csv

    csv.writer(buffer).writerows(rows)
    table = read_table(io.BytesIO(buffer.getvalue().encode()), "目录.csv")
    assert (table.header_row, table.start_row) == (3, 4)
    assert validate_rows(table) == [(6, "序号“x”不是正整数")]


@pytest.mark.django_db
def test_missing_header_column_is_one_clear_error():
    header = [label for label in HEADER if label != "公开方式"]
    rows = [[cell for label, cell in zip(HEADER, good_row(1), strict=True) if label != "公开方式"]]
    result = import_rows(table_from_csv(rows, header=header))
    assert len(result.errors) == 1
    row_number, message = result.errors[0]
    assert row_number == 1
    assert message.startswith("表头缺少必需的列：公开方式。")
    assert CatalogueItem.objects.count() == 0


@pytest.mark.django_db
def test_suggested_column_may_be_left_out(imported):
    header = HEADER[:-1]
    result = import_rows(table_from_csv([good_row(1)[:-1]], header=header))
    assert result.ok, result.errors
    assert CatalogueItem.objects.get(number=1).suggested_column == "机构概况"


@pytest.mark.django_db
def test_header_only_file_and_empty_file():
    assert validate_rows(table_from_csv([])) == [(1, "文件中没有数据行。")]
    assert validate_rows(read_table(io.BytesIO(b""), "empty.csv")) == [(1, "文件为空，没有表头。")]


@pytest.mark.django_db
def test_lenient_spellings():
    """Full-width digits and separators, channel aliases, ``主动公开``, half-width brackets."""
    header = [label.replace("（", "(").replace("）", ")") for label in HEADER]
    row = good_row(
        "１",
        公开主体="办公室；各业务科室；办公室",
        公开渠道和载体="政务微信；公示栏",
        公开方式="依申请公开",
    )
    result = import_rows(table_from_csv([row], header=header))
    assert result.ok, result.errors
    item = CatalogueItem.objects.get(number=1)
    assert item.channels == [Channel.NEW_MEDIA, Channel.NOTICE_BOARD]
    assert item.method == "on_request"
    assert [d.name for d in item.responsible_departments.order_by("name")] == sorted(
        ["办公室", "各业务科室"]
    )


def test_unsupported_or_unreadable_files():
    with pytest.raises(CatalogueFileError, match="不支持的文件格式“.xls”"):
        read_table(io.BytesIO(b""), "目录.xls")
    with pytest.raises(CatalogueFileError, match="无法识别文件编码"):
        read_table(io.BytesIO(b"\xff\xfe\xff\x00\x81"), "目录.csv")
    with pytest.raises(CatalogueFileError, match="无法读取 Excel 文件"):
        read_table(io.BytesIO(b"not a zip"), "目录.xlsx")


# --------------------------------------------------------------------------- formats


@pytest.mark.django_db
def test_xlsx_round_trip(imported):
    before = export_rows()
    buffer = io.BytesIO()
    export_xlsx(buffer)
    table = read_table(io.BytesIO(buffer.getvalue()), "标准目录.xlsx")
    assert table.header == HEADER
    assert len(table) == 36
    assert table[28]["序号"] == 29
    assert table[28]["公开渠道和载体"] == "政府网站;两微一端;发布会/听证会"

    history = CatalogueItem.history.count()
    result = import_rows(table)
    assert (result.created, result.updated, result.unchanged) == (0, 36, 36)
    assert export_rows() == before
    assert CatalogueItem.history.count() == history


@pytest.mark.django_db
def test_xlsx_into_empty_database_gives_the_same_catalogue(imported):
    before = export_rows()
    buffer = io.BytesIO()
    export_xlsx(buffer)
    CatalogueItem.objects.all().delete()
    result = import_rows(read_table(io.BytesIO(buffer.getvalue()), "标准目录.xlsx"))
    assert result.created == 36
    assert export_rows() == before


@pytest.mark.django_db
def test_xlsx_with_title_row_and_two_row_header():
    """The national format prints 公开事项 above 一级事项 / 二级事项 under a title row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["XX市市场监督管理局基层政务公开标准目录"])
    top = ["序号", "公开事项", None, *HEADER[3:]]
    sheet.append(top)
    sheet.append([None, "一级事项", "二级事项"])
    row = good_row(7)
    row[0] = 7
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    table = read_table(io.BytesIO(buffer.getvalue()), "目录.xlsx")
    assert table.header == HEADER
    assert (table.header_row, table.start_row) == (2, 4)
    result = import_rows(table)
    assert result.ok, result.errors
    assert CatalogueItem.objects.get(number=7).item == "测试事项7"


@pytest.mark.django_db
def test_csv_export_has_bom_and_reads_back(imported):
    buffer = io.BytesIO()
    export_csv(buffer)
    data = buffer.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").splitlines()[0] == ",".join(HEADER)

    text = io.StringIO()
    export_csv(text)
    assert text.getvalue().encode("utf-8") == data

    table = read_table(io.BytesIO(data), "标准目录.csv")
    assert table.header == HEADER
    result = import_rows(table)
    assert (result.created, result.unchanged) == (0, 36)


@pytest.mark.django_db
def test_csv_with_bom_and_gb18030():
    text = SHIPPED_CATALOGUE.read_text(encoding="utf-8")
    with_bom = read_table(io.BytesIO(("\ufeff" + text).encode("utf-8")), "bom.csv")
    gb18030 = read_table(io.BytesIO(text.encode("gb18030")), "gbk.csv")
    assert with_bom.header == gb18030.header == HEADER
    assert list(with_bom) == list(gb18030)

    result = import_rows(gb18030)
    assert result.created == 36
    assert (
        CatalogueItem.objects.get(number=7)
        .responsible_departments.filter(name="各起草科室")
        .exists()
    )


@pytest.mark.django_db
def test_gbk_csv_as_chinese_excel_saves_it():
    rows = [good_row(1), good_row(2, 公开主体="办公室；各业务科室", 公开方式="依申请公开")]
    table = read_table(io.BytesIO(csv_bytes(rows, encoding="gbk")), "目录.csv")
    result = import_rows(table)
    assert (result.created, result.errors) == (2, [])
    item = CatalogueItem.objects.get(number=2)
    assert item.item == "测试事项2" and item.method == "on_request"
    assert item.lead_department.name == "办公室"


# --------------------------------------------------------------------------- history


@pytest.mark.django_db
def test_changing_import_adds_history_record(imported, django_user_model):
    user = django_user_model.objects.create_user("importer", password="x")
    item = CatalogueItem.objects.get(number=1)
    count = item.history.count()

    row = good_row(
        1,
        二级事项="机构职能",
        公开时限="每季度",
        公开主体="办公室;政策法规科",
    )
    result = import_rows(table_from_csv([row]), user=user)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)

    assert item.history.count() == count + 1  # one record for fields and departments
    record = item.history.first()
    assert record.history_type == "~"
    assert record.history_change_reason == "导入"
    assert record.history_user == user
    assert record.time_limit == "每季度"
    assert {d.department.name for d in record.responsible_departments.all()} == {
        "办公室",
        "政策法规科",
    }
    assert record.prev_record.time_limit == "信息形成或变更之日起20个工作日内"


@pytest.mark.django_db
def test_new_items_are_recorded_with_the_reason(imported):
    records = CatalogueItem.objects.get(number=7).history.all()
    assert {record.history_change_reason for record in records} == {"导入"}
    assert records.last().history_type == "+"
    assert {d.department.name for d in records.first().responsible_departments.all()} == {
        "政策法规科",
        "各起草科室",
    }


# --------------------------------------------------------------------------- commands


@pytest.mark.django_db
def test_import_command_defaults_to_shipped_catalogue():
    out = io.StringIO()
    call_command("import_catalogue", stdout=out)
    assert "新增 36 条，更新 0 条" in out.getvalue()
    out = io.StringIO()
    call_command("import_catalogue", str(SHIPPED_CATALOGUE), stdout=out)
    assert "新增 0 条，更新 36 条" in out.getvalue()
    assert CatalogueItem.objects.count() == 36


@pytest.mark.django_db
def test_import_command_prints_errors_per_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(BAD_ROWS))
    err = io.StringIO()
    with pytest.raises(CommandError, match="共 5 处错误"):
        call_command("import_catalogue", str(path), stderr=err)
    assert "第 4 行：序号“abc”不是正整数" in err.getvalue()
    assert "第 7 行：公开方式“主动推送”无法识别" in err.getvalue()
    assert CatalogueItem.objects.count() == 0


@pytest.mark.django_db
def test_import_command_check_only():
    out = io.StringIO()
    call_command("import_catalogue", "--check", stdout=out)
    assert "检查通过：36 行均可导入" in out.getvalue()
    assert CatalogueItem.objects.count() == 0


@pytest.mark.django_db
def test_export_command(imported, tmp_path):
    for name in ("目录.csv", "目录.xlsx"):
        out = io.StringIO()
        call_command("export_catalogue", str(tmp_path / name), stdout=out)
        assert "已导出 36 条" in out.getvalue()
        table = read_table(tmp_path / name)
        assert len(table) == 36
        assert validate_rows(table) == []
    assert (tmp_path / "目录.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(CommandError, match="不支持的文件格式"):
        call_command("export_catalogue", str(tmp_path / "目录.xls"))
