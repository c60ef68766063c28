"""Skip marks for the printing tests: a PDF needs a Chinese font (fonts-wqy-microhei), the OCR
check needs Tesseract with chi_sim. .ci/run installs both and sets REQUIRE_OCR=1, which turns
these skips into failures."""

import os
import shutil
import subprocess

import pytest

from disclosure.printing.pdf import DEFAULT_FONTS

REQUIRED = os.environ.get("REQUIRE_OCR") == "1"


def _has_chi_sim():
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=False
    )
    return "chi_sim" in (listed.stdout + listed.stderr).split()


needs_cjk_font = pytest.mark.skipif(
    not any(os.path.isfile(path) for path in DEFAULT_FONTS) and not REQUIRED,
    reason="needs a Chinese font (apt-get install fonts-wqy-microhei)",
)

needs_chinese_ocr = pytest.mark.skipif(
    not _has_chi_sim() and not REQUIRED,
    reason="needs Tesseract with chi_sim (apt-get install tesseract-ocr tesseract-ocr-chi-sim)",
)
