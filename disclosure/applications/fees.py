"""信息处理费 (条例 第42条): an agency charges no fee for a reply, except when a requester asks for
information in a volume or frequency clearly beyond a reasonable range (第35条 context); then it
may charge by the standard of 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号):

- **按件计收** (per request): in one calendar month the same requester's first 10
  requests are free; the 11th–30th cost 100 yuan each; from the 31st on, the price rises by
  100 yuan per request for every further band of 10 (31st–40th 200 yuan, 41st–50th 300
  yuan, …).
- **按量计收** (per page of the information provided): up to 30 pages free; pages 31–100 at 10
  yuan, 101–200 at 20 yuan, from 201 on at 40 yuan each.

The agency picks one basis per request. Amounts are whole yuan.
"""

from .choices import FeeBasis

FREE_APPLICATIONS_PER_MONTH = 10
FREE_PAGES = 30
#: (first page of the band, yuan per page) for 按量计收.
PAGE_BANDS = ((31, 10), (101, 20), (201, 40))


def per_item_fee(nth):
    """The fee of the requester's ``nth`` request of the calendar month (按件计收)."""
    if nth <= FREE_APPLICATIONS_PER_MONTH:
        return 0
    if nth <= 30:
        return 100
    return 100 + 100 * ((nth - 31) // 10 + 1)


def per_volume_fee(pages):
    """The fee of ``pages`` pages of information (按量计收)."""
    total = 0
    bounds = [start for start, _price in PAGE_BANDS[1:]] + [None]
    for (start, price), next_start in zip(PAGE_BANDS, bounds, strict=True):
        if pages < start:
            break
        last = pages if next_start is None else min(pages, next_start - 1)
        total += (last - start + 1) * price
    return total


def fee(basis, *, nth=0, pages=0):
    """The fee for ``basis``: ``nth`` request of the month for 按件, ``pages`` for 按量."""
    if basis == FeeBasis.PER_ITEM:
        return per_item_fee(nth)
    if basis == FeeBasis.PER_VOLUME:
        return per_volume_fee(pages)
    raise ValueError(basis)
