"""Every kind of input the rules refuse: one RulesError, a stable code, a message naming the fact."""

from __future__ import annotations

import dataclasses
from decimal import Decimal, localcontext

import pytest

from rules import (
    DEFAULT_PARAMETERS,
    FACTS,
    GUIDELINE_YEARS,
    ITEMS,
    PriorAward,
    RulesError,
    YearParameters,
    evaluate,
    validate_parameters,
)

Y2025 = YearParameters.for_year(2025)

#: One valid, eligible claim per item.
VALID = {
    "M1A": {
        "registered_in_tianhe": True,
        "investor_qualified": True,
        "newly_established": True,
        "ai_business": True,
        "above_scale": True,
    },
    "M1B": {
        "registered_in_tianhe": True,
        "investor_qualified": True,
        "newly_established": True,
        "ai_business": True,
        "annual_revenue": "135000000",
        "previous_peak_revenue": "62000000",
    },
    "M1C": {
        "registered_in_tianhe": True,
        "investor_qualified": True,
        "newly_established": True,
        "district_government_approved": True,
        "approved_amount": "2500000",
    },
    "M2": {
        "registered_in_tianhe": True,
        "llm_enterprise": True,
        "annual_revenue": "6235000000",
        "prev_annual_revenue": "6000000000",
        "rd_investment": "620000000",
        "prev_rd_investment": "580000000",
    },
    "M3S": {
        "registered_in_tianhe": True,
        "above_scale": True,
        "selected_demonstration": True,
        "actual_payment": "2800000",
    },
    "M3P": {
        "registered_in_tianhe": True,
        "above_scale": True,
        "selected_demonstration": True,
        "actual_payment": "4000000",
    },
    "M4": {
        "registered_in_tianhe": True,
        "ai_llm_field": True,
        "basis": "core_tech_project",
        "accepted": True,
        "level": "provincial",
        "superior_funding": "1600000",
        "project_ref": "粤首版次-2024-017",
    },
    "M5": {
        "registered_in_tianhe": True,
        "cac_algorithm_filed": True,
        "rd_investment": "48500000",
        "prev_rd_investment": "30000000",
    },
    "M6": {
        "registered_in_tianhe": True,
        "above_scale": True,
        "ai_enterprise": True,
        "ai_llm_field": True,
        "paid_to_institutions": "3800000",
    },
    "M7": {"registered_in_tianhe": True, "above_scale": True, "dcmm_level": 4},
    "M8": {
        "registered_in_tianhe": True,
        "ai_enterprise": True,
        "compute_transaction_amount": "12600000",
        "compute_contract_amount": "12600000",
    },
    "M9A": {"registered_in_tianhe": True, "ai_enterprise": True, "vc_investment_prev_year": "20000000"},
    "M9B": {
        "registered_in_tianhe": True,
        "above_scale": True,
        "ai_enterprise": True,
        "cumulative_bank_loans": "9000000",
        "interest_paid_prev_year": "360000",
    },
    "M10": {
        "registered_in_tianhe": True,
        "preapproved": True,
        "event_in_tianhe": True,
        "organizer_type": "industry_association",
        "actual_expenses": "640000",
    },
}


def refused(item: str, facts: dict, prior_awards=(), parameters: YearParameters = Y2025) -> RulesError:
    with pytest.raises(RulesError) as caught:
        evaluate(item, parameters, facts, prior_awards)
    return caught.value


def test_every_valid_claim_is_eligible():
    assert set(VALID) == set(ITEMS)
    for code, facts in VALID.items():
        assert evaluate(code, Y2025, facts).eligible, code


def test_rules_error_is_a_value_error_with_chinese_str():
    error = refused("M6", dict(VALID["M6"], paid_to_institutions="-100"))
    assert isinstance(error, ValueError)
    assert str(error) == error.message_zh
    assert error.to_dict() == {
        "code": "negative_amount",
        "field": "paid_to_institutions",
        "message_zh": error.message_zh,
        "message_en": error.message_en,
    }


# --- missing facts: every fact every item reads -------------------------------------------------

READ_FACTS = [
    (code, name) for code, item in ITEMS.items() for name in item.requires + item.reads if name in VALID[code]
]


@pytest.mark.parametrize(("code", "name"), READ_FACTS, ids=[f"{c}-{n}" for c, n in READ_FACTS])
def test_every_missing_fact_is_named_by_label_and_key(code, name):
    facts = dict(VALID[code])
    del facts[name]
    error = refused(code, facts)
    spec = FACTS[name]
    assert error.code == "missing_fact"
    assert error.field == name
    assert error.message_zh == f"事实「{spec.label_zh}」({name}) 缺失" + (
        "（不能为空）" if spec.kind == "text" else ""
    )
    assert name in error.message_en and "missing" in error.message_en


@pytest.mark.parametrize(("code", "name"), READ_FACTS, ids=[f"{c}-{n}" for c, n in READ_FACTS])
def test_none_counts_as_missing(code, name):
    assert refused(code, dict(VALID[code], **{name: None})).code == "missing_fact"


def test_invalid_fact_is_refused_even_when_a_condition_already_fails():
    facts = dict(VALID["M3S"], above_scale=False, actual_payment="abc")
    assert refused("M3S", facts).code == "wrong_type"


def test_facts_an_item_does_not_read_are_ignored():
    facts = dict(VALID["M7"], annual_revenue="garbage", level="county", accepted="n/a", unknown_fact=object())
    assert evaluate("M7", Y2025, facts).amount == Decimal("100000.00")


def test_accepted_is_read_only_for_a_core_technology_project():
    facts = dict(VALID["M4"], basis="first_version_software")
    del facts["accepted"]
    assert evaluate("M4", Y2025, facts).eligible
    facts["basis"] = "core_tech_project"
    assert refused("M4", facts).field == "accepted"


# --- money -----------------------------------------------------------------------------------

MONEY_CASES = [
    ("abc", "wrong_type", "应为金额（元，仅限数字和小数点），收到 'abc'"),
    ("1,234,567.89", "wrong_type", "收到 '1,234,567.89'"),
    ("1e6", "wrong_type", "收到 '1e6'"),
    (" 100", "wrong_type", "收到 ' 100'"),
    ("+100", "wrong_type", "收到 '+100'"),
    ("1_000", "wrong_type", "收到 '1_000'"),
    (".5", "wrong_type", "收到 '.5'"),
    ("5.", "wrong_type", "收到 '5.'"),
    ("１００", "wrong_type", "收到 '１００'"),
    ("1.001", "wrong_type", "应精确到分（最多两位小数），收到 '1.001'"),
    (Decimal("1.001"), "wrong_type", "应精确到分"),
    (3800000.0, "wrong_type", "不接受浮点数，收到 3800000.0"),
    (True, "wrong_type", "收到布尔值 True"),
    (False, "wrong_type", "收到布尔值 False"),
    (["1"], "wrong_type", "收到 ['1']"),
    ("NaN", "not_finite", "应为有限的金额，收到 'NaN'"),
    ("nan", "not_finite", "收到 'nan'"),
    ("sNaN", "not_finite", "收到 'sNaN'"),
    ("Infinity", "not_finite", "收到 'Infinity'"),
    ("-inf", "not_finite", "收到 '-inf'"),
    (Decimal("NaN"), "not_finite", "应为有限的金额"),
    (Decimal("Infinity"), "not_finite", "应为有限的金额"),
    ("-100", "negative_amount", "不能为负数，收到 '-100'"),
    ("-0.01", "negative_amount", "不能为负数，收到 '-0.01'"),
    (-1, "negative_amount", "不能为负数，收到 -1"),
    (Decimal("-5"), "negative_amount", "不能为负数"),
    ("1000000000000000", "too_large", "超出可处理的范围"),
    (10**15, "too_large", "超出可处理的范围"),
    ("", "missing_fact", "缺失"),
    ("   ", "missing_fact", "缺失"),
]


@pytest.mark.parametrize(("value", "code", "problem"), MONEY_CASES, ids=[repr(c[0]) for c in MONEY_CASES])
def test_bad_money_is_refused_with_the_fact_and_the_problem(value, code, problem):
    error = refused("M6", dict(VALID["M6"], paid_to_institutions=value))
    assert error.code == code
    assert error.field == "paid_to_institutions"
    assert error.message_zh.startswith("事实「实到高校、科研机构金额」(paid_to_institutions) ")
    assert problem in error.message_zh
    assert "paid_to_institutions" in error.message_en


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("3800000", "380000.00"),
        ("3800000.5", "380000.05"),
        ("3800000.50", "380000.05"),
        (3800000, "380000.00"),
        (Decimal("3800000.50"), "380000.05"),
        (Decimal("3.8E+6"), "380000.00"),
        ("0", "0.00"),
        ("-0", "0.00"),
        ("999999999999999.99", "1000000.00"),
        ("1.500", "0.15"),
    ],
)
def test_accepted_money_forms(value, amount):
    assert evaluate("M6", Y2025, dict(VALID["M6"], paid_to_institutions=value)).amount == Decimal(amount)


# --- bools, ints, choices, text -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["true", "True", 1, 0, "是", "yes", [], Decimal(1)])
def test_bool_facts_accept_python_bools_only(value):
    error = refused("M3S", dict(VALID["M3S"], above_scale=value))
    assert error.code == "wrong_type"
    assert error.field == "above_scale"
    assert (
        error.message_zh
        == f"事实「天河区规模以上企业」(above_scale) 应为是/否（布尔值 true 或 false），收到 {value!r}"
    )


@pytest.mark.parametrize("level", [0, 6, -1, 100])
def test_dcmm_level_outside_1_to_5(level):
    error = refused("M7", dict(VALID["M7"], dcmm_level=level))
    assert error.code == "level_out_of_range"
    assert error.message_zh == f"事实「DCMM 评估等级」(dcmm_level) 应在 1 至 5 之间，收到 {level}"
    assert "between 1 and 5" in error.message_en


@pytest.mark.parametrize("level", ["4", 4.0, True, Decimal(4)])
def test_dcmm_level_must_be_an_int(level):
    error = refused("M7", dict(VALID["M7"], dcmm_level=level))
    assert error.code == "wrong_type"
    assert error.message_zh == f"事实「DCMM 评估等级」(dcmm_level) 应为整数（1 至 5），收到 {level!r}"


@pytest.mark.parametrize(
    ("item", "fact", "value"),
    [
        ("M4", "level", "county"),
        ("M4", "level", "National"),
        ("M4", "basis", "patent"),
        ("M10", "organizer_type", "university"),
        ("M10", "organizer_type", ""),
    ],
)
def test_unknown_choice(item, fact, value):
    error = refused(item, dict(VALID[item], **{fact: value}))
    assert error.code == "unknown_choice"
    assert error.field == fact
    assert error.message_zh.startswith(
        f"事实「{FACTS[fact].label_zh}」({fact}) 的取值 {value!r} 无效，可选："
    )
    for choice, label in FACTS[fact].choices:
        assert f"{choice}（{label}）" in error.message_zh


def test_choice_of_the_wrong_type():
    error = refused("M4", dict(VALID["M4"], level=3))
    assert error.code == "wrong_type"
    assert error.message_zh.startswith("事实「项目级别」(level) 应为以下取值之一：")


@pytest.mark.parametrize(
    ("value", "code"), [("", "missing_fact"), ("  ", "missing_fact"), (17, "wrong_type")]
)
def test_project_ref_must_be_non_empty_text(value, code):
    assert refused("M4", dict(VALID["M4"], project_ref=value)).code == code


@pytest.mark.parametrize("facts", [None, [], "facts", 3])
def test_facts_must_be_a_mapping(facts):
    error = refused("M7", facts)
    assert error.code == "wrong_type"
    assert error.field == "facts"


# --- items and years ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["M11", "m3s", "M3", "", None, 6, ("M3S",), ["M3S"]])
def test_unknown_item(code):
    error = refused(code, VALID["M3S"])
    assert error.code == "unknown_item"
    assert error.message_zh.startswith(f"未知的奖励事项 {code!r}（可选：M1A、M1B、")
    assert "Unknown item" in error.message_en


@pytest.mark.parametrize("year", [2023, 2027, 1999])
def test_a_year_without_a_guideline(year):
    with pytest.raises(RulesError) as caught:
        YearParameters.for_year(year)
    assert caught.value.code == "no_guideline"
    assert caught.value.field == "year"
    assert caught.value.message_zh == f"{year} 年度没有申报指南（现有年度：2024、2025、2026）"


def test_a_year_from_another_source():
    source = {2027: {code: dict(values) for code, values in DEFAULT_PARAMETERS.items()}}
    assert YearParameters.for_year(2027, source=source).year == 2027
    with pytest.raises(RulesError) as caught:
        YearParameters.for_year(2025, source=source)
    assert caught.value.code == "no_guideline"
    with pytest.raises(RulesError) as caught:
        YearParameters.for_year(2025, source={})
    assert caught.value.message_zh == "2025 年度没有申报指南（现有年度：无）"


@pytest.mark.parametrize("year", ["2025", 2025.0, True, None])
def test_year_must_be_an_int(year):
    with pytest.raises(RulesError) as caught:
        YearParameters.for_year(year)
    assert caught.value.code == "wrong_type"


def test_evaluate_needs_year_parameters():
    error = refused("M7", VALID["M7"], parameters={"year": 2025})
    assert error.code == "bad_parameter"


# --- prior awards -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "code", "field", "message"),
    [
        (
            {"item": "M99", "year": 2024, "amount": "1"},
            "unknown_item",
            "prior_awards[0].item",
            "已获奖励记录第 1 条的事项 (item) 'M99' 未知",
        ),
        (
            {"item": "M7", "year": "2024", "amount": "1"},
            "wrong_type",
            "prior_awards[0].year",
            "已获奖励记录第 1 条的年度 (year) 应为整数，收到 '2024'",
        ),
        (
            {"item": "M7", "year": 2024, "amount": "-1"},
            "negative_amount",
            "prior_awards[0].amount",
            "已获奖励记录第 1 条的金额 (amount) 不能为负数，收到 '-1'",
        ),
        (
            {"item": "M7", "year": 2024},
            "missing_fact",
            "prior_awards[0].amount",
            "已获奖励记录第 1 条的金额 (amount) 缺失",
        ),
        (
            {"item": "M7", "year": 2024, "amount": 1.5},
            "wrong_type",
            "prior_awards[0].amount",
            "已获奖励记录第 1 条的金额 (amount) 应为金额（元），请以字符串或整数提供，不接受浮点数",
        ),
        (
            {"item": "M7", "year": 2024, "amount": "1", "project_ref": 5},
            "wrong_type",
            "prior_awards[0].project_ref",
            "已获奖励记录第 1 条的项目编号 (project_ref) 应为文字",
        ),
        (
            "M7 2024 1",
            "wrong_type",
            "prior_awards[0]",
            "已获奖励记录第 1 条应为包含 item、year、amount 的记录",
        ),
    ],
)
def test_bad_prior_awards_are_refused_naming_the_entry(entry, code, field, message):
    error = refused("M7", VALID["M7"], [entry])
    assert (error.code, error.field) == (code, field)
    assert error.message_zh.startswith(message), error.message_zh
    assert error.message_en.startswith("Prior award #1's") or "Prior award #1" in error.message_en


def test_bad_prior_award_of_another_item_is_still_refused():
    error = refused(
        "M7", VALID["M7"], [PriorAward("M7", 2024, "1"), {"item": "M3S", "year": 2024, "amount": "x"}]
    )
    assert error.field == "prior_awards[1].amount"
    assert error.message_zh.startswith("已获奖励记录第 2 条")


@pytest.mark.parametrize("prior_awards", ["M7", {"item": "M7"}, 5])
def test_prior_awards_must_be_a_list(prior_awards):
    assert refused("M7", VALID["M7"], prior_awards).field == "prior_awards"


def test_prior_award_validates_itself():
    with pytest.raises(RulesError) as caught:
        PriorAward("M3S", 2025, "NaN")
    assert caught.value.code == "not_finite"
    assert caught.value.message_zh == "已获奖励记录的金额 (amount) 应为有限的金额，收到 'NaN'"
    award = PriorAward("M4", 2025, "300000", "  X-1 ")
    assert award == PriorAward("M4", 2025, Decimal("300000.00"), "X-1")
    assert award.amount == Decimal("300000.00") and str(award.amount) == "300000.00"
    assert PriorAward("M4", 2025, 1, "  ").project_ref is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        award.amount = Decimal(1)


# --- parameters -----------------------------------------------------------------------------------


def test_default_parameters_are_valid_for_every_item_and_year():
    for code in ITEMS:
        assert validate_parameters(code, DEFAULT_PARAMETERS[code]) == []
    for year in GUIDELINE_YEARS:
        assert YearParameters.for_year(year).values == DEFAULT_PARAMETERS


@pytest.mark.parametrize(
    ("code", "changes", "field", "problem"),
    [
        ("M3S", {"rate": "1.01"}, "M3S.rate", "应在 0 至 1 之间"),
        ("M3S", {"rate": "-0.1"}, "M3S.rate", "应在 0 至 1 之间"),
        ("M3S", {"rate": "ten"}, "M3S.rate", "应为数字"),
        ("M3S", {"rate": 0.1}, "M3S.rate", "应为数字"),
        ("M3S", {"annual_cap": "0"}, "M3S.annual_cap", "应大于 0"),
        ("M3S", {"annual_cap": "-5"}, "M3S.annual_cap", "不能为负数"),
        ("M3S", {"annual_cap": "1.001"}, "M3S.annual_cap", "应精确到分"),
        ("M3S", {"quota": "0"}, "M3S.quota", "应为不小于 1 的整数"),
        ("M3S", {"quota": "1.5"}, "M3S.quota", "应为不小于 1 的整数"),
        ("M3S", {"quota": True}, "M3S.quota", "应为数字"),
        ("M4", {"cap_municipal": "600000"}, "M4.cap_provincial", "不应低于「市级项目最高」"),
        ("M4", {"cap_provincial": "1000000.01"}, "M4.cap_national", "不应低于「省级项目最高」"),
        ("M7", {"award_level3": "100000.01"}, "M7.award_level4", "不应低于「三级奖励」"),
        ("M7", {"award_level5": "99999"}, "M7.award_level5", "不应低于「四级奖励」"),
        ("M2", {"rate": "0.1"}, "M2.rate", "没有参数 'rate'"),
    ],
)
def test_validate_parameters_finds_each_problem(code, changes, field, problem):
    problems = validate_parameters(code, {**DEFAULT_PARAMETERS[code], **changes})
    assert [p.field for p in problems] == [field]
    assert problems[0].code == "bad_parameter"
    assert problem in problems[0].message_zh, problems[0].message_zh
    assert problems[0].message_en


def test_validate_parameters_lists_every_problem():
    values = dict(DEFAULT_PARAMETERS["M9B"])
    del values["annual_cap"]
    values["rate"] = "2"
    problems = validate_parameters("M9B", values)
    assert sorted(p.field for p in problems) == ["M9B.annual_cap", "M9B.rate"]
    assert any(p.message_zh == "参数「每年最高」(M9B.annual_cap) 缺失" for p in problems)


def test_validate_parameters_of_an_unknown_item():
    assert [p.code for p in validate_parameters("M11", {})] == ["unknown_item"]


def test_edge_values_are_valid():
    assert validate_parameters("M3S", {"rate": "0", "annual_cap": "0.01", "quota": 1}) == []
    assert (
        validate_parameters("M3S", {"rate": Decimal("1"), "annual_cap": 1, "quota": Decimal("10.000")}) == []
    )
    assert (
        validate_parameters(
            "M4", {"rate": "0.5", "cap_national": "1", "cap_provincial": "1", "cap_municipal": "1"}
        )
        == []
    )


def test_year_parameters_validate_once_and_refuse_an_incomplete_guideline():
    values = {code: dict(v) for code, v in DEFAULT_PARAMETERS.items()}
    del values["M5"]
    with pytest.raises(RulesError) as caught:
        YearParameters(2025, values)
    assert caught.value.code == "bad_parameter"
    assert caught.value.field == "M5.increment_threshold"
    values = {code: dict(v) for code, v in DEFAULT_PARAMETERS.items()}
    values["M11"] = {}
    with pytest.raises(RulesError) as caught:
        YearParameters(2025, values)
    assert caught.value.code == "unknown_item"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"M99.rate": "0.1"}, "unknown_item"),
        ({"rate": "0.1"}, "bad_parameter"),
        ({"M3S.cap": "1"}, "bad_parameter"),
        ({"M3S.annual_cap": "abc"}, "bad_parameter"),
        ({"M4.cap_municipal": "900000"}, "bad_parameter"),
    ],
)
def test_bad_overrides(overrides, code):
    with pytest.raises(RulesError) as caught:
        YearParameters.for_year(2025, overrides)
    assert caught.value.code == code


def test_year_parameters_are_frozen_and_overrides_leave_the_defaults_alone():
    changed = YearParameters.for_year(2025, {"M3S.annual_cap": "800000"})
    assert changed.values["M3S"]["annual_cap"] == Decimal("800000.00")
    assert YearParameters.for_year(2025).values["M3S"]["annual_cap"] == Decimal("500000.00")
    assert DEFAULT_PARAMETERS["M3S"]["annual_cap"] == Decimal("500000")
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.year = 2026
    with pytest.raises(TypeError):
        changed.values["M3S"]["annual_cap"] = Decimal(1)
    with pytest.raises(TypeError):
        DEFAULT_PARAMETERS["M3S"]["annual_cap"] = Decimal(1)
    assert changed == YearParameters.for_year(2025, {"M3S.annual_cap": 800000})
    assert hash(changed) == hash(YearParameters.for_year(2025, {"M3S.annual_cap": 800000}))
    assert changed != YearParameters.for_year(2025)


def test_default_parameters_are_measures_md_table():
    expected = {
        "M1A": {"award": "100000"},
        "M1B": {"revenue_threshold": "100000000", "award": "1000000"},
        "M1C": {},
        "M2": {
            "revenue_threshold": "5000000000",
            "rd_threshold": "500000000",
            "step": "10000000",
            "award_per_step": "100000",
            "annual_cap": "10000000",
        },
        "M3S": {"rate": "0.10", "annual_cap": "500000", "quota": "10"},
        "M3P": {"rate": "0.10", "annual_cap": "500000", "quota": "10"},
        "M4": {
            "rate": "0.50",
            "cap_national": "1000000",
            "cap_provincial": "500000",
            "cap_municipal": "300000",
        },
        "M5": {"increment_threshold": "10000000", "rate": "0.03", "annual_cap": "1000000"},
        "M6": {"rate": "0.10", "annual_cap": "1000000"},
        "M7": {"award_level3": "50000", "award_level4": "100000", "award_level5": "200000"},
        "M8": {"threshold": "5000000", "rate": "0.05", "cap": "1000000"},
        "M9A": {"threshold": "1000000", "rate": "0.03", "annual_cap": "1000000"},
        "M9B": {
            "loan_threshold": "5000000",
            "interest_threshold": "200000",
            "rate": "0.50",
            "annual_cap": "1000000",
        },
        "M10": {"rate": "0.50", "annual_cap": "500000"},
    }
    assert list(DEFAULT_PARAMETERS) == list(expected)
    for code, values in expected.items():
        assert dict(DEFAULT_PARAMETERS[code]) == {name: Decimal(v) for name, v in values.items()}, code
        assert all(isinstance(v, Decimal) for v in DEFAULT_PARAMETERS[code].values())


def test_a_changed_decimal_context_does_not_change_an_award():
    expected = evaluate("M5", Y2025, dict(VALID["M5"], rd_investment="40000001.50"))
    with localcontext() as context:
        context.prec = 3
        context.rounding = "ROUND_DOWN"
        again = evaluate("M5", Y2025, dict(VALID["M5"], rd_investment="40000001.50"))
    assert again.amount == expected.amount == Decimal("300000.05")
