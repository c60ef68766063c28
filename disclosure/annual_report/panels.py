"""The report editor's read-only panel: tables 二–四 as they will be published (the figures of
the last saved revision), the cells the office overrode, and the 勾稽 checks' errors."""

from wagtail.admin.panels import Panel

from . import layout


class FiguresPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "annual_report/panels/figures.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["page"] = page
            if page is None or not page.pk or not page.figures:
                context["tables"] = None
                return context
            values = page.values()
            context["tables"] = [
                (layout.section_title("proactive"), layout.table_two(values)),
                (layout.section_title("requests"), layout.table_three(values)),
                (layout.section_title("remedies"), layout.table_four(values)),
            ]
            context["errors"] = page.consistency_errors()
            context["overridden"] = page.overridden_cells()
            return context
