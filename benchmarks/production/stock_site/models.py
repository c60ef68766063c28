"""The pages of ``wagtail start``'s home app, and the plain page of Wagtail's tutorial (a RichText
body) for the column, the article and the laws."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    pass


class ContentPage(Page):
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
