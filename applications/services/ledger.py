"""The award ledger: reserve on 复审 approval, commit on the final decision, release on
rejection, withdrawal, revocation or an upheld objection, and mark paid.

Caps and once-only rules read the rows that count (reserved, committed, paid) through
``services.facts.prior_awards``. The amount of a reservation is computed while the
ENTERPRISE row is locked (``SELECT … FOR UPDATE``), so two approvals racing for the same
enterprise, item and year are serialised and can never exceed the cap.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

import rules
from applications.models import Award, AwardStatus, Claim, Enterprise
from applications.services.facts import evaluate_claim
from applications.workflow import WorkflowError

ZERO = Decimal("0.00")


def lock_enterprise(enterprise_id: int) -> Enterprise:
    """Lock the enterprise row for the rest of the transaction (the ledger's lock)."""
    return Enterprise.objects.select_for_update().get(pk=enterprise_id)


def _project_ref(claim: Claim) -> str:
    return str((claim.effective_facts() or {}).get("project_ref") or claim.project_ref or "")[:80]


def reserve_for_claim(claim: Claim) -> tuple[Award, rules.Result]:
    """Reserve the award of ``claim`` (already locked by ``transition``).

    The amount is ``min(formula, cap − reserved − committed − paid)`` as the rules compute it
    from the ledger, read after the enterprise row is locked. Refuses an ineligible claim or a
    zero award with a WorkflowError that says why.
    """
    assert transaction.get_connection().in_atomic_block, "reserve_for_claim needs a transaction"
    lock_enterprise(claim.enterprise_id)
    result = evaluate_claim(claim)
    claim.result = result.to_dict()
    claim.computed_amount = result.amount
    if not result.eligible:
        reasons = "；".join(r.message_zh for r in result.reasons if r.blocking)
        raise WorkflowError(_("按核定数据不符合扶持条件，不能复审通过：%(reasons)s。请作“不予扶持”处理。") % {"reasons": reasons})
    if result.amount <= ZERO:
        why = "；".join(r.message_zh for r in result.reasons) or _("测算金额为 0")
        raise WorkflowError(_("测算金额为 0 元（%(why)s），不能复审通过。请作“不予扶持”处理。") % {"why": why})
    award = Award.objects.filter(claim=claim).first()
    if award is None:
        award = Award(claim=claim)
    award.enterprise_id = claim.enterprise_id
    award.item_id = claim.item_id
    award.year = claim.year
    award.project_ref = _project_ref(claim)
    award.amount = result.amount
    award.status = AwardStatus.RESERVED
    award.committed_at = None
    award.released_at = None
    award.save()
    claim.awarded_amount = result.amount
    return award, result


def commit_for_claim(claim: Claim) -> Award:
    """The decision is final: the reservation becomes a commitment."""
    award = Award.objects.select_for_update().filter(claim=claim).first()
    if award is None or award.status != AwardStatus.RESERVED:
        raise WorkflowError(_("申报 %(number)s 没有已预留的资金，不能作出扶持决定。") % {"number": claim.number})
    award.status = AwardStatus.COMMITTED
    award.committed_at = timezone.now()
    award.save(update_fields=["status", "committed_at"])
    return award


def release_for_claim(claim: Claim) -> Award | None:
    """Give back what the claim had reserved or committed (reject, withdraw, revoke, objection)."""
    award = Award.objects.select_for_update().filter(claim_id=claim.pk).first()
    if award is None or award.status == AwardStatus.RELEASED:
        return award
    if award.payments.exists():
        raise WorkflowError(_("该申报已有拨付记录，不能释放资金。"))
    award.status = AwardStatus.RELEASED
    award.released_at = timezone.now()
    award.save(update_fields=["status", "released_at"])
    return award


@dataclass(frozen=True)
class LedgerSummary:
    reserved: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def counting(self) -> Decimal:
        return self.reserved + self.committed + self.paid


def summary(enterprise_id: int, item_code: str, year: int | None, *, exclude_claim_id: int | None = None) -> LedgerSummary:
    """Sums of the enterprise's awards of an item (one year, or every year when ``year`` is None)."""
    rows = Award.objects.filter(enterprise_id=enterprise_id, item_id=item_code)
    if year is not None:
        rows = rows.filter(year=year)
    if exclude_claim_id:
        rows = rows.exclude(claim_id=exclude_claim_id)
    sums = {s: ZERO for s in AwardStatus.values}
    for row in rows.values("status").annotate(total=Sum("amount")):
        sums[row["status"]] = row["total"] or ZERO
    return LedgerSummary(
        reserved=sums[AwardStatus.RESERVED], committed=sums[AwardStatus.COMMITTED], paid=sums[AwardStatus.PAID]
    )


def counting_total(enterprise_id: int, item_code: str, year: int) -> Decimal:
    return summary(enterprise_id, item_code, year).counting
