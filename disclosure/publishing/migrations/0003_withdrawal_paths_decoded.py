"""Withdrawal paths stored percent-encoded (a Chinese slug) are stored decoded, as Django gives
``request.path``, so that the old URL answers 410 (issue #12 item 1)."""

from urllib.parse import unquote

from django.db import migrations


def decode_paths(apps, schema_editor):
    Withdrawal = apps.get_model("publishing", "Withdrawal")
    for pk, path in Withdrawal.objects.filter(public_path__contains="%").values_list(
        "pk", "public_path"
    ):
        # Append-only model: a raw UPDATE corrects the stored form of the same path.
        Withdrawal.objects.filter(pk=pk).update(public_path=unquote(path))


class Migration(migrations.Migration):
    dependencies = [("publishing", "0002_historicalwithdrawal_withdrawal")]

    operations = [migrations.RunPython(decode_paths, migrations.RunPython.noop)]
