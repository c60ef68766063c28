"""Laws and rules of other bodies (``issued_here`` false) are reference material: they carry no
索引号 of the bureau (issue #14 item 11). The numbers they were given are released; the series
is not renumbered (a 索引号 once published is never reused)."""

from django.db import migrations


def release_reference_numbers(apps, schema_editor):
    NormativeDocumentPage = apps.get_model("normative", "NormativeDocumentPage")
    NormativeDocumentPage.objects.filter(issued_here=False).exclude(index_number=None).update(
        index_number=None
    )


class Migration(migrations.Migration):
    dependencies = [("normative", "0004_normativesettings_history")]

    operations = [migrations.RunPython(release_reference_numbers, migrations.RunPython.noop)]
