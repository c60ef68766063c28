from django.utils.translation import gettext as _


def corpus_column(slug="laws"):
    """The column that holds the law corpus; created (and published) below the home page if absent."""
    from wagtail.models import Site

    from disclosure.columns.models import ColumnPage

    column = ColumnPage.objects.filter(slug=slug).first()
    if column is not None:
        return column
    site = Site.objects.get(is_default_site=True)
    column = ColumnPage(
        live=False,
        title=_("法律法规库"),
        slug=slug,
        description=_("法律、行政法规、地方性法规、规章和司法解释等参考法规，供公众查阅。"),
        column_type=_("信息公开"),
        show_in_menus=True,
    )
    site.root_page.specific.add_child(instance=column)
    column.save_revision().publish()
    return column
