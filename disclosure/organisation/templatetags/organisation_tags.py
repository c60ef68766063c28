from django import template
from django.utils import timezone

from disclosure.organisation.models import raised_notices

register = template.Library()


@register.simple_tag
def emergency_notices():
    """The emergency notices raised and not yet ended, newest end first."""
    return raised_notices(timezone.now())
