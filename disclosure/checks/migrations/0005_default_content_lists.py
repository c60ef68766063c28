"""The default lists of the content checks, written for the project (``disclosure/checks/lists/``):
added where missing, never overwriting what the office has edited since (idempotent)."""

import csv
from pathlib import Path

from django.db import migrations

LISTS = Path(__file__).resolve().parents[1] / "lists"


def rows(file_name):
    with (LISTS / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def lines(value):
    return "\n".join(part.strip() for part in (value or "").split("|") if part.strip())


def load_defaults(apps, schema_editor):
    WordingRule = apps.get_model("checks", "WordingRule")
    SensitiveTerm = apps.get_model("checks", "SensitiveTerm")
    OfficialName = apps.get_model("checks", "OfficialName")
    for row in rows("wording_rules.csv"):
        WordingRule.objects.get_or_create(
            wrong=row["wrong"],
            defaults={
                "right": row["right"],
                "explanation": row["explanation"],
                "severity": int(row["severity"]),
            },
        )
    for row in rows("sensitive_terms.csv"):
        SensitiveTerm.objects.get_or_create(
            term=row["term"], defaults={"severity": int(row["severity"]), "note": row["note"]}
        )
    for row in rows("official_names.csv"):
        OfficialName.objects.get_or_create(
            kind=row["kind"],
            name=row["name"],
            defaults={
                "short_names": lines(row["short_names"]),
                "wrong_names": lines(row["wrong_names"]),
                "title": row["title"],
                "outdated_titles": lines(row["outdated_titles"]),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("checks", "0004_content_lists")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
