"""政策沙盘: a year's claims evaluated under the stored (current) and a draft set of parameters.

How it works, and the one simplification:

* The claims of a year that reached the bureau (every status but draft and withdrawn) are
  loaded with their demonstration project and pre-approval in one query, the ledger's counting
  awards (reserved, committed, paid) of their enterprises in a second; everything else happens
  in memory, with ``rules.evaluate`` on ``applications.services.facts.rule_facts(claim)``.
* **Each claim is evaluated on its own against the ledger's other awards** (its own award
  excluded), exactly as a reviewer would see it today. The draft does not re-play the year in
  order: when a draft raises one claim's award, the cap left for the same enterprise's next
  claim of that item is not lowered in the simulation. Sums over enterprises with several claims
  of a capped item can therefore be slightly above what a re-played year would give.
* An item whose parameters are the same in the draft is not evaluated twice: its draft amount
  is its current amount.
* A claim whose facts the rules refuse (``RulesError``) is counted under ``errors`` with the
  message and contributes 0 to both sums.
"""

import heapq
import time
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

import rules
from administration.models import AnnualBudget, Simulation
from administration.services.guidelines import clean_number
from applications.models import Award, Claim, ClaimStatus
from applications.models.ledger import COUNTING_STATUSES
from applications.services.facts import rule_facts
from subsidies.models import Guideline, Item
from subsidies.selectors import format_parameter, parameter_values

EXCLUDED_STATUSES = (ClaimStatus.DRAFT, ClaimStatus.WITHDRAWN)
TOP_CHANGES = 5
PROGRESS_EVERY = 2000
ZERO = Decimal("0.00")


class SimulationError(ValueError):
    """Bad input for a simulation; ``str()`` is the Chinese message, ``fields`` per input."""

    def __init__(self, message: str, fields: dict | None = None):
        super().__init__(message)
        self.fields = fields or {}


def inline_limit() -> int:
    """Runs with more claims than this go to a Celery worker (with a progress bar)."""
    return int(getattr(settings, "PORTAL_SIMULATION_INLINE_MAX", 2000))


@dataclass(slots=True)
class SimClaim:
    pk: int
    item: str
    enterprise_id: int
    number: str
    facts: dict


def simulation_claims(year: int):
    return Claim.objects.filter(year=year).exclude(status__in=EXCLUDED_STATUSES)


def load_claims(year: int) -> tuple[list[SimClaim], dict[int, list]]:
    """The year's claims (facts ready for the rules) and the ledger by enterprise: two queries."""
    qs = (
        simulation_claims(year)
        .select_related("demo_project", "preapproval")
        .only(
            "id", "item_id", "year", "enterprise_id", "facts", "verified_facts", "approval_ref",
            "demo_project__year", "demo_project__supplier_id", "demo_project__purchaser_id",
            "preapproval__status", "preapproval__enterprise_id",
        )
        .order_by("id")
    )
    claims = [SimClaim(c.pk, c.item_id, c.enterprise_id, c.number, rule_facts(c)) for c in qs.iterator(chunk_size=5000)]
    awards = (
        Award.objects.filter(status__in=COUNTING_STATUSES, enterprise_id__in=Subquery(simulation_claims(year).values("enterprise_id")))
        .values_list("claim_id", "enterprise_id", "item_id", "year", "amount", "project_ref")
    )
    ledger: dict[int, list] = {}
    for claim_id, enterprise_id, item, award_year, amount, project_ref in awards.iterator(chunk_size=5000):
        ledger.setdefault(enterprise_id, []).append(
            (claim_id, rules.PriorAward(item=item, year=award_year, amount=Decimal(amount), project_ref=project_ref or None))
        )
    return claims, ledger


def draft_parameters(year: int, draft_year: int | None, overrides: dict | None) -> tuple[rules.YearParameters, rules.YearParameters]:
    """(current, draft) parameters for evaluating ``year``'s claims; draft = a guideline's values + overrides."""
    current_guideline = Guideline.objects.filter(year=year).first()
    if current_guideline is None:
        raise SimulationError(_("%(year)s 年度没有申报指南。") % {"year": year}, {"year": [_("没有这一年度的申报指南。")]})
    current_values = parameter_values(current_guideline)
    current = rules.YearParameters.for_year(year, source={year: current_values})
    base = current_values
    if draft_year:
        draft_guideline = Guideline.objects.filter(year=draft_year).first()
        if draft_guideline is None:
            raise SimulationError(
                _("%(year)s 年度没有申报指南。") % {"year": draft_year}, {"draft_year": [_("没有这一年度的申报指南。")]}
            )
        base = parameter_values(draft_guideline)
    clean = {str(k).strip(): v if isinstance(v, int | Decimal) else clean_number(v) for k, v in (overrides or {}).items() if str(v).strip() != ""}
    try:
        draft = rules.YearParameters.for_year(year, overrides=clean, source={year: base})
    except rules.RulesError as exc:
        raise SimulationError(str(exc), {"overrides": [str(exc)]})
    return current, draft


def changed_parameters(current: rules.YearParameters, draft: rules.YearParameters) -> list[dict]:
    out = []
    for code, item in rules.ITEMS.items():
        for p in item.params:
            a, b = current.values[code][p.name], draft.values[code][p.name]
            if a != b:
                out.append(
                    {"key": f"{code}.{p.name}", "item": code, "label": p.label_zh,
                     "current": format_parameter(a, p.kind), "draft": format_parameter(b, p.kind)}
                )
    return out


def _share(amount: Decimal, budget: Decimal | None) -> str | None:
    if not budget:
        return None
    return str((amount * 100 / budget).quantize(Decimal("0.01")))


def evaluate_claims(claims, ledger, current, draft, progress=None) -> dict:
    """The per-item sums and the biggest changes; pure computation over loaded data."""
    changed_items = {code for code in rules.ITEMS if dict(current.values[code]) != dict(draft.values[code])}
    per_item: dict[str, dict] = {}
    evaluate = rules.evaluate
    for index, claim in enumerate(claims, 1):
        row = per_item.get(claim.item)
        if row is None:
            row = per_item[claim.item] = {"count": 0, "current": ZERO, "draft": ZERO, "errors": 0, "error_samples": [], "changed": 0, "top": []}
        row["count"] += 1
        priors = [pa for cid, pa in ledger.get(claim.enterprise_id, ()) if cid != claim.pk]
        try:
            now = evaluate(claim.item, current, claim.facts, priors).amount
            new = evaluate(claim.item, draft, claim.facts, priors).amount if claim.item in changed_items else now
        except rules.RulesError as exc:
            row["errors"] += 1
            if len(row["error_samples"]) < 3:
                row["error_samples"].append({"claim": claim.number, "message": str(exc)})
            continue
        row["current"] += now
        row["draft"] += new
        if new != now:
            row["changed"] += 1
            entry = (abs(new - now), -claim.pk, claim, now, new)
            if len(row["top"]) < TOP_CHANGES:
                heapq.heappush(row["top"], entry)
            elif entry[:2] > row["top"][0][:2]:
                heapq.heapreplace(row["top"], entry)
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index)
    return per_item


def _explain(claim: SimClaim, ledger, parameters) -> list[str]:
    priors = [pa for cid, pa in ledger.get(claim.enterprise_id, ()) if cid != claim.pk]
    return rules.evaluate(claim.item, parameters, claim.facts, priors).explain_zh()


def build_result(year, per_item, ledger, current, draft, budget: Decimal | None) -> dict:
    from applications.models import Enterprise

    items = {i.code: i for i in Item.objects.order_by("order")}
    top_ids = {e[2].enterprise_id for row in per_item.values() for e in row["top"]}
    names = dict(Enterprise.objects.filter(pk__in=top_ids).values_list("pk", "name"))
    rows = []
    totals = {"count": 0, "current": ZERO, "draft": ZERO, "errors": 0, "changed": 0}
    for code, item in items.items():
        row = per_item.get(code)
        if row is None:
            continue
        top = []
        for _diff, _neg, claim, now, new in sorted(row["top"], key=lambda e: (-e[0], -e[1])):
            top.append(
                {
                    "claim_id": claim.pk, "number": claim.number, "enterprise": names.get(claim.enterprise_id, ""),
                    "current": str(now), "draft": str(new), "difference": str(new - now),
                    "explain_current": _explain(claim, ledger, current), "explain_draft": _explain(claim, ledger, draft),
                }
            )
        rows.append(
            {
                "item": code, "name": item.name, "count": row["count"], "errors": row["errors"],
                "error_samples": row["error_samples"], "changed": row["changed"],
                "current": str(row["current"]), "draft": str(row["draft"]), "difference": str(row["draft"] - row["current"]),
                "share_current": _share(row["current"], budget), "share_draft": _share(row["draft"], budget),
                "top": top,
            }
        )
        for key in ("count", "current", "draft", "errors", "changed"):
            totals[key] += row[key]
    return {
        "year": year,
        "budget": str(budget) if budget else None,
        "items": rows,
        "totals": {
            "count": totals["count"], "errors": totals["errors"], "changed": totals["changed"],
            "current": str(totals["current"]), "draft": str(totals["draft"]),
            "difference": str(totals["draft"] - totals["current"]),
            "share_current": _share(totals["current"], budget), "share_draft": _share(totals["draft"], budget),
        },
        "changed_parameters": changed_parameters(current, draft),
    }


def simulate(year: int, draft_year: int | None = None, overrides: dict | None = None, progress=None) -> dict:
    """Run a simulation now and return its result (see the module docstring)."""
    started = time.perf_counter()
    current, draft = draft_parameters(year, draft_year, overrides)
    claims, ledger = load_claims(year)
    loaded = time.perf_counter()
    per_item = evaluate_claims(claims, ledger, current, draft, progress)
    evaluated = time.perf_counter()
    budget = AnnualBudget.objects.filter(year=year).values_list("amount", flat=True).first()
    result = build_result(year, per_item, ledger, current, draft, budget or None)
    result["timing_ms"] = {
        "load": round((loaded - started) * 1000), "evaluate": round((evaluated - loaded) * 1000),
        "total": round((time.perf_counter() - started) * 1000),
    }
    return result


def start_simulation(user, year, draft_year=None, overrides=None) -> Simulation:
    """Check the input, record the run; small runs are computed now, large ones by a Celery worker."""
    from administration.tasks import run_simulation_task

    try:
        year = int(year)
        draft_year = int(draft_year) if draft_year not in (None, "") else None
    except (TypeError, ValueError):
        raise SimulationError(_("年度应为整数。"), {"year": [_("年度应为整数。")]})
    if overrides is not None and not isinstance(overrides, dict):
        raise SimulationError(_("参数调整应为“参数: 取值”的映射。"), {"overrides": [_("格式有误。")]})
    draft_parameters(year, draft_year, overrides)  # refuse bad input before recording anything
    total = simulation_claims(year).count()
    sim = Simulation.objects.create(
        year=year, draft_year=draft_year, overrides=overrides or {}, created_by=user, total=total
    )
    if total <= inline_limit():
        run_simulation(sim.pk)
        sim.refresh_from_db()
    else:
        transaction.on_commit(lambda: run_simulation_task.delay(sim.pk))
    return sim


def run_simulation(simulation_id: int) -> None:
    """Compute a recorded simulation (idempotent: a finished one is left alone)."""
    sim = Simulation.objects.get(pk=simulation_id)
    if sim.status == Simulation.Status.DONE:
        return
    Simulation.objects.filter(pk=sim.pk).update(status=Simulation.Status.RUNNING, done=0)

    def progress(done):
        Simulation.objects.filter(pk=sim.pk).update(done=done)

    try:
        result = simulate(sim.year, sim.draft_year, sim.overrides, progress)
    except (SimulationError, rules.RulesError) as exc:
        Simulation.objects.filter(pk=sim.pk).update(status=Simulation.Status.FAILED, error=str(exc), finished_at=timezone.now())
        return
    Simulation.objects.filter(pk=sim.pk).update(
        status=Simulation.Status.DONE, result=result, done=result["totals"]["count"],
        total=result["totals"]["count"], finished_at=timezone.now(),
    )
