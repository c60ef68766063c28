"""Give every item without a 责任科室 the default of its column (for items made before the field
existed); items that have one are left alone. Each item is saved in its own transaction."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from disclosure.columns.models import item_models
from disclosure.publishing.models import default_department


class Command(BaseCommand):
    help = "为没有责任科室的信息按所在栏目补填责任科室。"

    def handle(self, *args, **options):
        assigned = unassigned = 0
        for model in item_models():
            if not model.department_from_column:
                continue
            for page in model.objects.filter(department__isnull=True).iterator():
                department = default_department(page.get_parent())
                if department is None:
                    unassigned += 1
                    continue
                with transaction.atomic():
                    type(page).objects.filter(pk=page.pk).update(department=department)
                assigned += 1
                if assigned % 500 == 0:
                    self.stdout.write(_("已补填 %(count)s 条…") % {"count": assigned})
        self.stdout.write(
            _("补填责任科室 %(assigned)s 条；%(unassigned)s 条所在栏目未设负责科室，仍为空。")
            % {"assigned": assigned, "unassigned": unassigned}
        )
