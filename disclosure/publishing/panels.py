"""Read-only panels of the item editor."""

from wagtail.admin.panels import Panel

from .timeliness import timeliness


class TimelinessPanel(Panel):
    """条例 第26条 for the item being edited: the due date from its 成文日期 and, once
    published, whether it was late and by how many working days."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/panels/timeliness.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["timeliness"] = timeliness(self.instance) if self.instance else None
            return context
