"""The test settings' media folders (cms/settings/test.py) are removed when the process that
made them exits: every pytest run, and every subprocess a test starts with these settings,
used to leave two folders in the temp directory for good."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROGRAM = """
import json, os
import cms.settings.test as test_settings
for folder in (test_settings.MEDIA_ROOT, test_settings.PRIVATE_MEDIA_ROOT):
    with open(os.path.join(folder, "upload.txt"), "w") as handle:
        handle.write("x")
print(json.dumps([test_settings.MEDIA_ROOT, test_settings.PRIVATE_MEDIA_ROOT]))
"""


def test_the_media_folders_are_removed_when_the_process_exits():
    finished = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    folders = [Path(folder) for folder in json.loads(finished.stdout.strip().splitlines()[-1])]
    assert len(folders) == 2
    assert all(folder.name.startswith("disclosure-test-") for folder in folders)
    assert not any(folder.exists() for folder in folders)


def test_this_process_keeps_its_media_folders_while_it_runs():
    assert Path(settings.MEDIA_ROOT).is_dir()
    assert Path(settings.PRIVATE_MEDIA_ROOT).is_dir()
