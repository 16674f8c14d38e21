"""Who an audit-log entry names when a service runs outside a request (Celery, API token, shell)."""

import contextlib

from auditlog.context import auditlog_value, set_actor
from django.db.models.signals import pre_save


def _live_context():
    """The audit context of the enclosing ``AuditlogMiddleware``/``set_actor`` block, if still open.

    django-auditlog leaves the last context in its ContextVar after the block ends (it only
    disconnects the receiver), so check that the receiver of that context is still connected.
    """
    current = auditlog_value.get(None)
    if not current:
        return None
    duid = current.get("signal_duid")
    if any(key[0] == duid for key, *_rest in pre_save.receivers):
        return current
    return None


@contextlib.contextmanager
def acting_as(actor):
    """Record ``actor`` on every audit entry written inside the block.

    In a request ``AuditlogMiddleware`` has already opened a context (its actor is None for a
    token-authenticated API call, which the middleware cannot see): fill it in place rather than
    nesting a second context, which django-auditlog would not unwind cleanly.
    """
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    current = _live_context()
    if current is not None:
        previous = current.get("actor")
        if previous is None:
            current["actor"] = actor
        try:
            yield
        finally:
            current["actor"] = previous
        return
    with set_actor(actor):
        yield
