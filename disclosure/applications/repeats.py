"""Repeated requests (条例 第36条第六项: “行政机关已就申请人提出的政府信息公开申请作出答复、
申请人重复申请公开相同政府信息的，告知申请人不予重复处理”): the earlier answered requests
of the same requester (the same identity document number) that ask for similar information.

Similarity is the overlap of the two descriptions' character pairs (Dice coefficient over
bigrams of their Chinese characters, letters and digits), which holds up against reordered
clauses and added particles; the clerk decides, the software only points."""

import re

from .choices import Status
from .models import InformationRequest

#: Descriptions at least this similar are shown as possible repeats.
SIMILARITY_THRESHOLD = 0.6
_WORD_CHARACTERS = re.compile(r"[\w]", re.UNICODE)
#: Words that say nothing about which information is wanted.
_FILLER = re.compile(
    r"申请|公开|请求|要求|提供|查询|相关|有关|政府信息|信息|的|关于|贵局|你局|本人"
)


def _bigrams(text):
    text = _FILLER.sub("", text or "")
    characters = [c for c in text if _WORD_CHARACTERS.match(c) and c != "_"]
    return {a + b for a, b in zip(characters, characters[1:], strict=False)}


def similarity(a, b):
    """Dice coefficient of the two texts' character bigrams, 0–1."""
    first, second = _bigrams(a), _bigrams(b)
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def candidates(information_request, threshold=SIMILARITY_THRESHOLD):
    """``[(earlier request, similarity)]``, most similar first."""
    if not information_request.identity_number:
        return []
    earlier = InformationRequest.objects.filter(
        identity_number=information_request.identity_number, status=Status.REPLIED
    ).exclude(pk=information_request.pk)
    if information_request.pk is not None:
        earlier = earlier.filter(submitted_at__lte=information_request.submitted_at)
    found = []
    for other in earlier:
        score = similarity(information_request.description, other.description)
        if score >= threshold:
            found.append((other, score))
    return sorted(found, key=lambda pair: -pair[1])
