"""索引号 allocation (政府信息公开目录系统实施指引).

Format ``{credit code}/{YYYY}-{serial}``: YYYY is the year of the first publish, the serial
counts per code and year, zero-padded to 5 digits and widening beyond 99999. Assigned once,
inside the transaction of the first publish, and never changed afterwards.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.organisation.models import organisation_for


def format_index_number(credit_code, year, serial):
    return f"{credit_code}/{year}-{serial:05d}"


def organisation_credit_code(page=None):
    """The credit code of ``page``'s organisation, which the 索引号 starts with."""
    settings = organisation_for(page)
    code = (settings.credit_code or "").strip().upper() if settings else ""
    if not code:
        raise ValidationError(
            _("请先在“机构设置”中填写本机关的统一社会信用代码，才能生成索引号。"),
            code="no_credit_code",
        )
    return code


def allocate_index_number(credit_code, when=None):
    """The next 索引号 of ``credit_code`` in the year of ``when`` (now by default)."""
    return allocate_index_numbers(credit_code, 1, when)[0]


@transaction.atomic
def allocate_index_numbers(credit_code, count, when=None):
    """The next ``count`` 索引号 of ``credit_code`` in the year of ``when`` (now by default),
    in order: consecutive serials taken in one update of the locked sequence row (the bulk
    importer numbers a batch of pages at once)."""
    from .models import IndexNumberSequence

    if count < 1:
        return []
    year = timezone.localtime(when or timezone.now()).year
    IndexNumberSequence.objects.get_or_create(credit_code=credit_code, year=year)
    sequence = IndexNumberSequence.objects.select_for_update().get(
        credit_code=credit_code, year=year
    )
    first = sequence.last_serial + 1
    sequence.last_serial += count
    sequence.save(update_fields=["last_serial"])
    return [
        format_index_number(credit_code, year, serial) for serial in range(first, first + count)
    ]
