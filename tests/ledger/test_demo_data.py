"""The demo ledger loads, and loads again without duplicates."""

import pytest

from demo import ledger as demo_ledger
from disclosure.ledger.models import LedgerTask, NewMediaAccount, Training, TrainingAttendance

pytestmark = pytest.mark.django_db


def test_demo_ledger_is_idempotent():
    demo_ledger.load()
    counts = (
        LedgerTask.objects.count(),
        Training.objects.count(),
        TrainingAttendance.objects.count(),
        NewMediaAccount.objects.count(),
    )
    assert counts == (15, 2, 8, 3)
    closed = LedgerTask.objects.closed()
    assert closed.count() == 6
    assert all(task.evidence_links and task.closed_at for task in closed)
    demo_ledger.load()
    assert (
        LedgerTask.objects.count(),
        Training.objects.count(),
        TrainingAttendance.objects.count(),
        NewMediaAccount.objects.count(),
    ) == counts
    assert LedgerTask.objects.closed().count() == 6
    stale = [a.name for a in NewMediaAccount.objects.all() if a.freshness() == "overdue"]
    assert stale == ["示范市场监管抖音号"]
