"""The names Wagtail's own migrations give in English to records the admin shows: the tree's
root page ("Root", the explorer's first crumb) and the default workflow and its task
("Moderators approval", in 报告 → 审核流程). Renamed in Chinese; only records that still carry
Wagtail's default name are touched, and the reverse restores it."""

from django.db import migrations

NAMES = {
    "root": ("Root", "全部站点"),
    "workflow": ("Moderators approval", "管理员审核（Wagtail 默认流程）"),
}


def rename(apps, forward=True):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    old, new = NAMES["root"] if forward else NAMES["root"][::-1]
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    old, new = NAMES["workflow"] if forward else NAMES["workflow"][::-1]
    Workflow.objects.filter(name=old).update(name=new)
    Task.objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_organisationsettings_moved"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps),
            lambda apps, schema_editor: rename(apps, forward=False),
        )
    ]
