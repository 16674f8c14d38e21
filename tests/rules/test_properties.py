"""Properties of every award, checked on generated claims (hypothesis)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rules import FACTS, GUIDELINE_YEARS, ITEMS, PriorAward, YearParameters, evaluate

CODES = list(ITEMS)
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
REFS = ["P-1", "P-2", "P-3"]

amounts = st.one_of(
    st.decimals(min_value=0, max_value=10**7, places=2),
    st.decimals(min_value=0, max_value=10**10, places=2),
)
prior_amounts = st.decimals(min_value=0, max_value=2_000_000, places=2)


def fact_values(name: str):
    spec = FACTS[name]
    if spec.kind == "bool":
        return st.sampled_from([True, True, True, False])
    if spec.kind == "money":
        return amounts.map(str)
    if spec.kind == "int":
        return st.integers(spec.minimum, spec.maximum)
    if spec.kind == "choice":
        return st.sampled_from([value for value, _ in spec.choices])
    return st.sampled_from(REFS)


def facts_for(code: str):
    item = ITEMS[code]
    return st.fixed_dictionaries({name: fact_values(name) for name in item.requires + item.reads})


def prior_awards(items=CODES):
    return st.lists(
        st.builds(
            PriorAward,
            item=st.sampled_from(items),
            year=st.sampled_from(GUIDELINE_YEARS),
            amount=prior_amounts,
            project_ref=st.sampled_from([None, *REFS]),
        ),
        max_size=5,
    )


@st.composite
def claims(draw, codes=CODES):
    code = draw(st.sampled_from(codes))
    # Priors lean towards the claim's own item, where they matter.
    priors = draw(prior_awards([code] * len(CODES) + CODES))
    return (
        code,
        YearParameters.for_year(draw(st.sampled_from(GUIDELINE_YEARS))),
        draw(facts_for(code)),
        priors,
    )


def used(priors, code, year=None, project_ref=None):
    return sum(
        (
            a.amount
            for a in priors
            if a.item == code
            and (year is None or a.year == year)
            and (project_ref is None or a.project_ref == project_ref)
        ),
        ZERO,
    )


@settings(max_examples=400)
@given(claims())
def test_an_award_is_never_negative_and_is_whole_fen(claim):
    result = evaluate(*claim)
    assert result.amount >= 0
    assert result.amount == result.amount.quantize(CENT) and result.amount.as_tuple().exponent == -2
    if not result.eligible:
        assert result.amount == ZERO
        assert any(reason.blocking for reason in result.reasons)
    else:
        assert not any(reason.blocking for reason in result.reasons)
        assert len(result.reasons) == (1 if result.amount == 0 else 0)


@settings(max_examples=400)
@given(claims())
def test_an_award_never_exceeds_what_is_left_of_its_cap(claim):
    code, parameters, facts, priors = claim
    result = evaluate(code, parameters, facts, priors)
    params = parameters.values[code]
    limit = ITEMS[code].limit
    if limit == "annual_cap":
        assert result.amount <= max(params["annual_cap"] - used(priors, code, parameters.year), ZERO)
    elif limit == "term_cap":
        assert result.amount <= max(params["cap"] - used(priors, code), ZERO)
    elif limit == "level_cap_once_per_project":
        assert result.amount <= params[f"cap_{facts['level']}"]
        if any(a.item == code and a.project_ref == facts["project_ref"] for a in priors):
            assert not result.eligible
    elif limit == "m7_levels":
        level = facts["dcmm_level"]
        level_amount = params[f"award_level{level}"] if level >= 3 else ZERO
        assert result.amount <= max(level_amount - used(priors, code), ZERO)
        assert result.eligible == (
            level >= 3
            and facts["above_scale"]
            and facts["registered_in_tianhe"]
            and used(priors, code) < level_amount
        )
    elif limit == "once":
        assert result.amount <= params["award"]
        if any(a.item == code for a in priors):
            assert not result.eligible
    else:
        assert code == "M1C"
        assert result.amount == (Decimal(facts["approved_amount"]) if result.eligible else ZERO)


@settings(max_examples=300)
@given(claims(), st.data())
def test_prior_awards_of_other_items_change_nothing(claim, data):
    code, parameters, facts, priors = claim
    others = data.draw(prior_awards([c for c in CODES if c != code]).filter(bool))
    alone = evaluate(code, parameters, facts, priors).to_dict()
    assert evaluate(code, parameters, facts, priors + others).to_dict() == alone
    assert evaluate(code, parameters, facts, others + priors).to_dict() == alone


MONOTONE_BASES = {
    "M2": "annual_revenue",
    "M3S": "actual_payment",
    "M3P": "actual_payment",
    "M4": "superior_funding",
    "M5": "rd_investment",
    "M6": "paid_to_institutions",
    "M8": "compute_contract_amount",
    "M9A": "vc_investment_prev_year",
    "M9B": "interest_paid_prev_year",
    "M10": "actual_expenses",
}


@settings(max_examples=400)
@given(claims(list(MONOTONE_BASES)), amounts)
def test_an_award_does_not_decrease_when_the_base_grows(claim, growth):
    code, parameters, facts, priors = claim
    base = MONOTONE_BASES[code]
    grown = dict(facts, **{base: str(Decimal(facts[base]) + growth)})
    before = evaluate(code, parameters, facts, priors)
    after = evaluate(code, parameters, grown, priors)
    assert after.amount >= before.amount
    assert after.eligible or not before.eligible


RATE_ITEMS = {
    "M3S": "actual_payment",
    "M3P": "actual_payment",
    "M4": "superior_funding",
    "M6": "paid_to_institutions",
    "M8": "compute_contract_amount",
    "M9A": "vc_investment_prev_year",
    "M9B": "interest_paid_prev_year",
    "M10": "actual_expenses",
}


@settings(max_examples=300)
@given(claims(list(RATE_ITEMS)))
def test_rate_items_round_half_up_before_the_cap(claim):
    code, parameters, facts, priors = claim
    result = evaluate(code, parameters, facts, priors)
    if result.eligible:
        raw = (parameters.values[code]["rate"] * Decimal(facts[RATE_ITEMS[code]])).quantize(
            CENT, ROUND_HALF_UP
        )
        assert result.formula_amount == raw
        assert result.amount == min(raw, result.remaining_cap)


@settings(max_examples=200)
@given(claims())
def test_evaluation_is_deterministic_and_explained(claim):
    first, second = evaluate(*claim), evaluate(*claim)
    assert first.to_dict() == second.to_dict()
    clause = ITEMS[claim[0]].clause
    assert all(line.endswith(f"（依据：{clause}）") for line in first.explain_zh())
