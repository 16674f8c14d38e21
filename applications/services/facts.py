"""The facts a claim hands to the rules, and the prior awards from the ledger.

Some facts are not the applicant's to state but follow from what the bureau recorded
(``BUREAU_FACTS``): a M3 claim is ``selected_demonstration`` when it refers to one of the year's
selected projects on the right side; a M10 claim is ``preapproved`` when it refers to a granted
事前同意 of the same organiser; a M1C claim is ``district_government_approved`` when the
district's approval reference is recorded, and its ``approved_amount`` is entered by a reviewer.
"""

from decimal import Decimal

import rules
from applications.models import Award, Claim
from applications.models.ledger import COUNTING_STATUSES
from applications.models.review import PreApprovalStatus
from subsidies.selectors import year_parameters

BUREAU_FACTS = frozenset({"selected_demonstration", "preapproved", "approved_amount", "district_government_approved"})


def derived_facts(claim: Claim) -> dict:
    code = claim.item_id
    out: dict = {}
    if code in ("M3S", "M3P"):
        project = claim.demo_project
        side_ok = False
        if project is not None and project.year == claim.year:
            side_ok = (project.supplier_id if code == "M3S" else project.purchaser_id) == claim.enterprise_id
        out["selected_demonstration"] = side_ok
    elif code == "M10":
        pre = claim.preapproval
        out["preapproved"] = bool(
            pre is not None and pre.status == PreApprovalStatus.GRANTED and pre.enterprise_id == claim.enterprise_id
        )
    elif code == "M1C":
        out["district_government_approved"] = bool(claim.approval_ref)
    return out


def rule_facts(claim: Claim, *, verified: bool = True) -> dict:
    """Claimed facts (overlaid with the reviewer's verified values) plus the bureau's facts."""
    facts = dict(claim.facts or {})
    if verified:
        facts.update(claim.verified_facts or {})
    for name in BUREAU_FACTS - {"approved_amount"}:
        facts.pop(name, None)
    facts.update(derived_facts(claim))
    return facts


def prior_awards(enterprise_id: int, *, exclude_claim_id: int | None = None) -> list[rules.PriorAward]:
    """What the enterprise was awarded or has reserved, for every item and year (the ledger)."""
    rows = Award.objects.filter(enterprise_id=enterprise_id, status__in=COUNTING_STATUSES)
    if exclude_claim_id is not None:
        rows = rows.exclude(claim_id=exclude_claim_id)
    return [
        rules.PriorAward(item=r.item_id, year=r.year, amount=Decimal(r.amount), project_ref=r.project_ref or None)
        for r in rows.only("item_id", "year", "amount", "project_ref")
    ]


def evaluate_claim(claim: Claim, *, verified: bool = True) -> rules.Result:
    """The award the rules compute for this claim now; raises ``rules.RulesError`` on bad facts."""
    return rules.evaluate(
        claim.item_id,
        year_parameters(claim.year),
        rule_facts(claim, verified=verified),
        prior_awards(claim.enterprise_id, exclude_claim_id=claim.pk),
    )
