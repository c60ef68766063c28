"""Background work for the task worker (``django_tasks``; the immediate backend runs it right
after the commit, a database backend in a worker process)."""

from django_tasks import task


@task()
def sync_feed():
    """Take new outbox events into the feed and the read model."""
    from .projection import sync

    return sync()


@task()
def deliver_due_webhooks():
    """Send the webhook deliveries that are due (retries included)."""
    from .webhooks import deliver_due

    return deliver_due()
