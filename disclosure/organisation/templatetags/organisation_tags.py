from django import template
from django.utils import timezone

from disclosure.organisation.models import EmergencyNotice

register = template.Library()


@register.simple_tag
def emergency_notices():
    """The emergency notices raised and not yet ended, newest end first."""
    return list(EmergencyNotice.objects.filter(is_active=True, ends_at__gt=timezone.now()))
