"""The glossary's names (docs: glossary.md): an information request (InformationRequest, not
"application"), its requester, and 补正 as a clarification. Stored codes follow."""

from django.db import migrations

RENAMED_FIELDS = [
    ("applicant_type", "requester_type"),
    ("applicant_name", "requester_name"),
    ("correction_requested_on", "clarification_requested_on"),
    ("correction_due_on", "clarification_due_on"),
    ("correction_request", "clarification_request"),
    ("correction_received_on", "clarification_received_on"),
]
CODES = [
    ("status", "correction", "clarification"),
    ("outcome", "other_no_correction", "other_no_clarification"),
]


def rename_codes(apps, schema_editor, forward=True):
    for model_name in ("InformationRequest", "HistoricalInformationRequest"):
        model = apps.get_model("applications", model_name)
        for field, old, new in CODES:
            before, after = (old, new) if forward else (new, old)
            model.objects.filter(**{field: before}).update(**{field: after})


def rename_codes_back(apps, schema_editor):
    rename_codes(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("Application", "InformationRequest"),
        migrations.RenameModel("HistoricalApplication", "HistoricalInformationRequest"),
        *[
            migrations.RenameField(model, old, new)
            for model in ("informationrequest", "historicalinformationrequest")
            for old, new in RENAMED_FIELDS
        ],
        migrations.RenameField("consultation", "application", "information_request"),
        migrations.RenameField("historicalconsultation", "application", "information_request"),
        migrations.RunPython(rename_codes, rename_codes_back),
    ]
