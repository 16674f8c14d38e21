"""政策计算器: every item of the current year evaluated on the figures a visitor enters.

Nothing is stored. Each row says eligible or not, the estimated award, why (the rule's trace in
Chinese with the clause), what is missing, and what would make the item eligible.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import rules
from applications.services.facts import BUREAU_FACTS, prior_awards
from subsidies.models import ItemSetting
from subsidies.selectors import year_parameters

# Fact groups of the calculator form, in the order an officer knows them.
GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("企业基本情况", ("registered_in_tianhe", "above_scale", "ai_enterprise", "llm_enterprise", "ai_llm_field", "cac_algorithm_filed")),
    ("新设立企业（三.1）", ("newly_established", "investor_qualified", "ai_business", "previous_peak_revenue")),
    ("营业收入与研发投入", ("annual_revenue", "prev_annual_revenue", "rd_investment", "prev_rd_investment")),
    ("项目与合作（三.3、三.4、三.6、三.7）", (
        "selected_demonstration", "actual_payment", "basis", "level", "accepted", "superior_funding",
        "paid_to_institutions", "dcmm_level",
    )),
    ("算力与科技金融（三.8、三.9）", (
        "compute_transaction_amount", "compute_contract_amount", "vc_investment_prev_year",
        "cumulative_bank_loans", "interest_paid_prev_year",
    )),
    ("活动举办（三.10）", ("preapproved", "event_in_tianhe", "organizer_type", "actual_expenses")),
]

#: Facts the calculator does not ask: the M1C amount is decided case by case; project_ref is a name.
NOT_ASKED = frozenset({"approved_amount", "district_government_approved", "project_ref"})
#: Bureau facts a visitor may assume in the calculator ("if our project were selected…").
ASSUMABLE = frozenset({"selected_demonstration", "preapproved"})


def calculator_fact_names() -> list[str]:
    names: list[str] = []
    for _title, group in GROUPS:
        names.extend(group)
    every = []
    for spec in rules.ITEMS.values():
        every.extend(spec.requires + spec.reads)
    for name in dict.fromkeys(every):
        if name not in names and name not in NOT_ASKED and (name not in BUREAU_FACTS or name in ASSUMABLE):
            names.append(name)
    return names


@dataclass
class Row:
    code: str
    name: str
    clause: str
    status: str  # eligible, ineligible, zero, incomplete, discretionary, closed
    amount: Decimal | None = None
    explain: list[str] = field(default_factory=list)
    reasons: list = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def is_eligible(self) -> bool:
        return self.status == "eligible"

    def to_dict(self) -> dict:
        return {
            "item": self.code,
            "name": self.name,
            "clause": self.clause,
            "status": self.status,
            "eligible": self.status == "eligible",
            "amount": None if self.amount is None else f"{self.amount:f}",
            "explain": self.explain,
            "reasons": [{"code": r.code, "message": r.message_zh, "hint": r.hint_zh, "clause": r.clause} for r in self.reasons],
            "hints": self.hints,
            "missing": self.missing,
            "error": self.error,
        }


def _missing_for(code: str, facts: dict) -> list[str]:
    spec = rules.ITEMS[code]
    out = []
    for name in spec.requires + spec.reads:
        if name in NOT_ASKED or name in facts:
            continue
        if name == "accepted" and facts.get("basis") != "core_tech_project":
            continue
        out.append(name)
    return out


def evaluate_all(facts: dict, guideline, enterprise_id: int | None = None) -> list[Row]:
    """One row per item of the guideline's year, best first."""
    params = year_parameters(guideline.year)
    disabled = set(ItemSetting.objects.filter(guideline=guideline, enabled=False).values_list("item_id", flat=True))
    priors = prior_awards(enterprise_id) if enterprise_id else []
    rows: list[Row] = []
    for code, spec in rules.ITEMS.items():
        row = Row(code, spec.name_zh, spec.clause, "incomplete")
        if code in disabled:
            row.status = "closed"
        elif spec.discretionary:
            row.status = "discretionary"
        else:
            missing = _missing_for(code, facts)
            if missing:
                row.missing = [rules.FACTS[n].label_zh for n in missing]
            else:
                item_facts = dict(facts)
                if "project_ref" in spec.reads:
                    item_facts.setdefault("project_ref", "试算项目")
                try:
                    result = rules.evaluate(code, params, item_facts, priors)
                except rules.RulesError as exc:
                    row.error = str(exc)
                else:
                    row.amount = result.amount
                    row.explain = result.explain_zh()
                    row.reasons = [r for r in result.reasons]
                    row.hints = [r.hint_zh for r in result.reasons if r.hint_zh]
                    if result.eligible and result.amount > 0:
                        row.status = "eligible"
                    elif result.eligible:
                        row.status = "zero"
                    else:
                        row.status = "ineligible"
        rows.append(row)
    order = {"eligible": 0, "zero": 1, "ineligible": 2, "incomplete": 3, "discretionary": 4, "closed": 5}
    rows.sort(key=lambda r: (order[r.status], -(r.amount or 0)))
    return rows


def total(rows: list[Row]) -> Decimal:
    return sum((r.amount for r in rows if r.status == "eligible" and r.amount), Decimal("0"))
