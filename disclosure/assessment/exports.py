"""CSV and xlsx of the assessment tables, through the platform's formula-safe writers
(:mod:`disclosure.spreadsheets`)."""

import io

from django.http import HttpResponse
from openpyxl import Workbook

from disclosure import spreadsheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def response(rows, headings, file_name, file_format):
    """``rows`` (lists of cells) with ``headings`` as a CSV (UTF-8 with BOM) or xlsx download."""
    if file_format == "xlsx":
        book = Workbook()
        sheet = book.active
        for row in [headings, *rows]:
            sheet.append(["" if value is None else value for value in row])
            spreadsheets.xlsx_text_cells(sheet[sheet.max_row])
        stream = io.BytesIO()
        book.save(stream)
        result = HttpResponse(stream.getvalue(), content_type=XLSX)
    else:
        stream = io.StringIO()
        stream.write("\ufeff")
        writer = spreadsheets.writer(stream)
        writer.writerow(headings)
        writer.writerows(rows)
        result = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{file_name}.{file_format}"'
    return result
