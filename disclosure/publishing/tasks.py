from django_tasks import task

from .scheduling import run_due


@task()
def publish_due():
    """The task worker's entry to scheduled publishing and expiry; returns the counts."""
    report = run_due()
    return {
        "published": len(report.published),
        "expired": len(report.expired),
        "refused": len(report.refused),
    }
