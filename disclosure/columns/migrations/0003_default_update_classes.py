from django.db import migrations

# 国办秘函〔2019〕19号: news 2 weeks, notices/policy documents 6 months; personnel and planning
# yearly (practice); irregular columns have no interval.
DEFAULTS = [("动态要闻", 14, 10), ("通知公告/政策文件", 183, 20), ("人事/规划", 365, 30), ("不定期", None, 40)]


def create(apps, schema_editor):
    UpdateClass = apps.get_model("columns.UpdateClass")
    for name, days, order in DEFAULTS:
        UpdateClass.objects.get_or_create(name=name, defaults={"max_interval_days": days, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("columns", "0002_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
