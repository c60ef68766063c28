"""The upload field of import forms (disclosure.importing.forms)."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.importing.forms import ImportFileField


class UploadForm(forms.Form):
    file = ImportFileField(max_bytes=2 * 1024 * 1024)


@pytest.mark.parametrize("name", ["科室.csv", "科室.XLSX"])
def test_csv_and_xlsx_are_accepted(name):
    form = UploadForm(files={"file": SimpleUploadedFile(name, b"x")})
    assert form.is_valid(), form.errors


def test_other_formats_and_large_files_are_refused():
    form = UploadForm(files={"file": SimpleUploadedFile("科室.xls", b"x")})
    assert not form.is_valid()
    too_large = SimpleUploadedFile("科室.csv", b"x" * (2 * 1024 * 1024 + 1))
    form = UploadForm(files={"file": too_large})
    assert form.errors["file"] == ["文件过大（最大 2.0\xa0MB）。"]
