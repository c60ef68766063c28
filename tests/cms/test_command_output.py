"""A management command's output is its own: no upstream deprecation warning before it (issue #12,
item 16)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", [["check"], ["gate_rules"]])
def test_command_prints_no_warning(command):
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr
    assert "Warning" not in result.stdout
