"""The single place where a claim changes status: ``transition``.

It locks the claim row, asks the permission module, checks the workflow table, records the
event (who, when, what, before and after) and notifies the enterprise. Callers (services of
each area) do their own extra work inside the same transaction via ``apply``.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.models import Claim, ClaimEvent
from applications.workflow import ACTIONS, WorkflowError

RELEASING_STATUSES = ("withdrawn", "rejected", "revoked")


def lock_claim(claim_id: int) -> Claim:
    """The claim row locked for this transaction (only the claim: joined rows stay unlocked, so
    transitions of other claims of the same item, year or enterprise do not queue behind it;
    the ledger takes the enterprise lock itself)."""
    return (
        Claim.objects.select_for_update(of=("self",))
        .select_related("item", "guideline", "enterprise")
        .get(pk=claim_id)
    )


def record_event(claim: Claim, action: str, actor, *, from_status="", to_status="", message="", data=None, public=True):
    return ClaimEvent.objects.create(
        claim=claim,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        message=message,
        data=data or {},
        public=public,
    )


def transition(
    claim: Claim | int,
    action: str,
    actor,
    *,
    message: str = "",
    data: dict | None = None,
    apply: Callable[[Claim], dict | None] | None = None,
    notify: bool = True,
    check_permission: bool = True,
) -> Claim:
    """Apply workflow ``action`` to the claim as ``actor``; raises WorkflowError or PermissionDenied.

    ``apply(claim)`` runs on the locked claim before it is saved and may return extra event data.
    Everything happens in one transaction: a refused action changes nothing.
    """
    act = ACTIONS[action]
    claim_id = claim if isinstance(claim, int) else claim.pk
    with transaction.atomic():
        locked = lock_claim(claim_id)
        if check_permission:
            decision = permissions.can(actor, action, locked)
            if not decision:
                if locked.status not in act.sources:
                    raise WorkflowError(decision.reason)
                from django.core.exceptions import PermissionDenied

                raise PermissionDenied(decision.reason)
        elif locked.status not in act.sources:
            raise WorkflowError(
                _("当前状态（%(status)s）不能执行“%(action)s”。") % {"status": locked.get_status_display(), "action": act.label}
            )
        before = locked.status
        extra = apply(locked) if apply else None
        if act.target is not None:
            locked.status = act.target
        if locked.status in RELEASING_STATUSES and before != locked.status:
            # The ledger gives back what the claim had reserved or committed.
            from applications.services.ledger import release_for_claim

            release_for_claim(locked)
        locked.updated_at = timezone.now()
        locked.save()
        event_data = dict(data or {})
        if extra:
            event_data.update(extra)
        record_event(locked, action, actor, from_status=before, to_status=locked.status, message=message, data=event_data)
        if notify:
            from applications.services.notifications import notify_claim_change

            transaction.on_commit(lambda: notify_claim_change(locked.pk, action, message))
    return locked
