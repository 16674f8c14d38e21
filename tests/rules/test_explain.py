"""The trace, the reasons and the Chinese explanation: every step cites its clause."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from rules import ITEMS, PriorAward, Reason, Result, Step, YearParameters, evaluate

from .test_errors import VALID

Y2025 = YearParameters.for_year(2025)
CJK = re.compile(r"[\u4e00-\u9fff]")
CAPPED = {"M2", "M3S", "M3P", "M4", "M5", "M6", "M7", "M8", "M9A", "M9B", "M10"}


@pytest.mark.parametrize("code", list(ITEMS))
def test_every_sentence_is_chinese_and_ends_with_its_clause(code):
    result = evaluate(code, Y2025, VALID[code])
    clause = ITEMS[code].clause
    lines = result.explain_zh()
    assert len(lines) == len(result.trace)
    for line in lines:
        assert line.endswith(f"（依据：{clause}）"), line
        assert CJK.search(line[: -len(f"（依据：{clause}）")]), line


@pytest.mark.parametrize("code", list(ITEMS))
def test_trace_has_one_step_per_condition_then_the_figures(code):
    item = ITEMS[code]
    result = evaluate(code, Y2025, VALID[code])
    steps = result.trace
    codes = [step.code for step in steps]
    assert all(isinstance(step, Step) and step.clause == item.clause for step in steps)
    assert codes[: len(item.requires)] == list(item.requires)
    assert all(step.held is True for step in steps[: len(item.requires)])
    assert codes[-1] == "final"
    assert steps[-1].value == f"{result.amount:,.2f} 元"
    if code in CAPPED:
        assert codes[-4:-1] == ["cap", "already_awarded", "remaining_cap"]
    else:
        assert "cap" not in codes
    for step in steps:
        assert step.label_zh and step.label_en and step.value
        assert step.held in (True, False, None)


def test_trace_of_a_rate_item():
    result = evaluate(
        "M3S", Y2025, dict(VALID["M3S"], actual_payment="3200000"), [PriorAward("M3S", 2025, "300000")]
    )
    assert [(s.code, s.value) for s in result.trace] == [
        ("registered_in_tianhe", "是"),
        ("above_scale", "是"),
        ("selected_demonstration", "是"),
        ("base", "3,200,000.00 元"),
        ("rate", "10%"),
        ("raw_amount", "320,000.00 元"),
        ("cap", "500,000.00 元"),
        ("already_awarded", "300,000.00 元"),
        ("remaining_cap", "200,000.00 元"),
        ("final", "200,000.00 元"),
    ]
    assert result.explain_zh() == [
        "在天河区注册：是，满足条件（依据：三.3）",
        "天河区规模以上企业：是，满足条件（依据：三.3）",
        "入选重点应用场景示范项目：是，满足条件（依据：三.3）",
        "计算基数（项目实际支付总金额）为 3,200,000.00 元（依据：三.3）",
        "奖励比例为 10%（依据：三.3）",
        "按公式计算：3,200,000.00 元 × 10%，四舍五入到分为 320,000.00 元（依据：三.3）",
        "每年最高为 500,000.00 元（依据：三.3）",
        "本年度已获该项奖励为 300,000.00 元（依据：三.3）",
        "本年度剩余额度为 200,000.00 元（依据：三.3）",
        "取公式金额与剩余额度中的较小者，核定金额为 200,000.00 元（依据：三.3）",
    ]
    assert (result.formula_amount, result.cap, result.already_awarded, result.remaining_cap) == (
        Decimal("320000.00"),
        Decimal("500000.00"),
        Decimal("300000.00"),
        Decimal("200000.00"),
    )
    assert result.reasons == []


def test_all_failed_conditions_are_listed_with_hints():
    facts = dict(
        VALID["M1B"], newly_established=False, annual_revenue="62000000", previous_peak_revenue="120000000"
    )
    result = evaluate("M1B", Y2025, facts, [PriorAward("M1B", 2024, "1000000")])
    assert not result.eligible and result.amount == Decimal("0.00") and str(result.amount) == "0.00"
    assert result.formula_amount is None
    assert [r.code for r in result.reasons] == [
        "newly_established",
        "revenue_reached",
        "first_time",
        "already_awarded",
    ]
    assert all(isinstance(r, Reason) and r.blocking and r.clause == "三.1" for r in result.reasons)
    hints = [r.hint_zh for r in result.reasons]
    assert hints == [
        "须为政策期内在天河区新设立（新注册成立或从广州市外新迁入）的企业",
        "年度营业收入需达到 100,000,000.00 元及以上（当前 62,000,000.00 元）",
        "以往年度最高营业收入需低于 100,000,000.00 元（当前 120,000,000.00 元）",
        "每家企业只能获得一次该项奖励",
    ]
    assert [r.message_zh for r in result.reasons] == [
        "不满足条件「在天河区新设立」",
        "年度营业收入为 62,000,000.00 元，未达到 100,000,000.00 元及以上",
        "以往年度最高营业收入为 120,000,000.00 元，未低于 100,000,000.00 元",
        "该项为一次性奖励，此前已获得 1,000,000.00 元",
    ]
    assert all(r.message_en and r.hint_en for r in result.reasons)
    assert result.trace[-1].code == "final"
    assert result.explain_zh()[-1] == "不符合申报条件，核定金额为 0.00 元（依据：三.1）"


def test_bool_reason_hint():
    result = evaluate("M3S", Y2025, dict(VALID["M3S"], above_scale=False))
    (reason,) = result.reasons
    assert (reason.code, reason.hint_zh, reason.message_zh) == (
        "above_scale",
        "须为天河区规模以上企业",
        "不满足条件「天河区规模以上企业」",
    )
    assert result.trace[1].value == "否" and result.trace[1].held is False


def test_strict_threshold_is_worded_as_exceeding():
    result = evaluate("M8", Y2025, dict(VALID["M8"], compute_transaction_amount="5000000"))
    (reason,) = result.reasons
    assert reason.hint_zh == "年度算力算法交易额需超过 5,000,000.00 元（当前 5,000,000.00 元）"
    assert (
        reason.message_en
        == "annual compute and algorithm transactions is 5,000,000.00 yuan, not more than 5,000,000.00 yuan"
    )


def test_growth_condition_names_both_facts():
    result = evaluate("M2", Y2025, dict(VALID["M2"], prev_rd_investment="620000000"))
    (reason,) = result.reasons
    assert reason.code == "rd_growth"
    assert reason.hint_zh == "年度研发投入需高于上年度研发投入（620,000,000.00 元）（当前 620,000,000.00 元）"


def test_increment_condition_reads_the_difference():
    result = evaluate("M5", Y2025, dict(VALID["M5"], rd_investment="35000000"))
    (reason,) = result.reasons
    assert reason.hint_zh == "研发投入增量需达到 10,000,000.00 元及以上（当前 5,000,000.00 元）"
    step = next(s for s in result.trace if s.code == "increment_threshold")
    assert step.value == "5,000,000.00 元 < 10,000,000.00 元：不满足"


def test_cap_used_up_is_eligible_with_an_info_reason():
    result = evaluate("M3P", Y2025, VALID["M3P"], [PriorAward("M3P", 2025, "500000")])
    assert result.eligible and result.amount == Decimal("0.00")
    (reason,) = result.reasons
    assert (reason.code, reason.blocking, reason.clause) == ("cap_exhausted", False, "三.3")
    assert (
        reason.message_zh
        == "本年度已获该项奖励 500,000.00 元，已达每年最高 500,000.00 元，本次核定金额为 0.00 元"
    )
    assert reason.hint_zh == "该事项额度已用完，可在下一年度申报"
    assert result.explain_zh()[-1] == reason.message_zh + "（依据：三.3）"


def test_term_cap_used_up():
    priors = [PriorAward("M8", 2024, "600000"), PriorAward("M8", 2025, "400000")]
    result = evaluate("M8", YearParameters.for_year(2026), VALID["M8"], priors)
    (reason,) = result.reasons
    assert reason.code == "cap_exhausted"
    assert reason.message_zh.startswith("政策期内已获该项奖励 1,000,000.00 元，已达最高 1,000,000.00 元")
    assert result.already_awarded == Decimal("1000000.00") and result.remaining_cap == Decimal("0.00")


@pytest.mark.parametrize(
    ("revenue", "code", "hint"),
    [
        ("6009999999.99", "no_whole_step", "营业收入增长额需达到 10,000,000.00 元（当前 9,999,999.99 元）"),
        (
            "5900000000",
            "revenue_not_grown",
            "营业收入需比上年度至少增长 10,000,000.00 元（当前增长额 -100,000,000.00 元）",
        ),
    ],
)
def test_m2_without_a_whole_step_says_why(revenue, code, hint):
    result = evaluate("M2", Y2025, dict(VALID["M2"], annual_revenue=revenue))
    assert result.eligible and result.amount == Decimal("0.00")
    (reason,) = result.reasons
    assert (reason.code, reason.blocking, reason.hint_zh) == (code, False, hint)


def test_zero_base_says_why():
    result = evaluate("M6", Y2025, dict(VALID["M6"], paid_to_institutions="0"))
    (reason,) = result.reasons
    assert (reason.code, reason.blocking) == ("zero_amount", False)


def test_m2_trace_counts_whole_steps():
    result = evaluate("M2", Y2025, VALID["M2"])
    values = {step.code: step.value for step in result.trace}
    assert values["base"] == "235,000,000.00 元"
    assert values["step"] == "10,000,000.00 元"
    assert values["steps"] == "23 档"
    assert values["award_per_step"] == "100,000.00 元"
    assert values["raw_amount"] == "2,300,000.00 元"
    assert "按公式计算：23 档 × 100,000.00 元 = 2,300,000.00 元（依据：三.2）" in result.explain_zh()


def test_m7_upgrade_trace():
    result = evaluate("M7", Y2025, dict(VALID["M7"], dcmm_level=5), [PriorAward("M7", 2024, "50000")])
    assert result.amount == Decimal("150000.00")
    assert (result.cap, result.already_awarded, result.remaining_cap) == (
        Decimal("200000.00"),
        Decimal("50000.00"),
        Decimal("150000.00"),
    )
    assert (
        "此前已获该项奖励 50,000.00 元，低于 5 级奖励 200,000.00 元，按差额奖励，满足条件（依据：三.7）"
        in result.explain_zh()
    )


def test_m7_same_level_again_is_a_blocking_reason():
    result = evaluate("M7", Y2025, VALID["M7"], [PriorAward("M7", 2024, "100000")])
    (reason,) = result.reasons
    assert reason.code == "level_already_paid" and reason.blocking
    assert reason.message_zh == "此前已获该项奖励 100,000.00 元，已达到 4 级奖励 100,000.00 元"


def test_m7_low_level_skips_the_paid_check():
    result = evaluate("M7", Y2025, dict(VALID["M7"], dcmm_level=2), [PriorAward("M7", 2024, "100000")])
    assert [r.code for r in result.reasons] == ["dcmm_level"]
    assert result.reasons[0].hint_zh == "DCMM 评估等级需达到 3 级及以上（当前 2 级）"
    assert result.cap is None and result.already_awarded == Decimal("100000.00")


def test_m4_trace():
    facts = dict(VALID["M4"], basis="first_version_software")
    result = evaluate("M4", Y2025, facts, [PriorAward("M4", 2024, "300000", "other")])
    assert "accepted" not in [step.code for step in result.trace]  # not applicable to first-version software
    assert [s.code for s in result.trace][:3] == [
        "registered_in_tianhe",
        "ai_llm_field",
        "project_already_awarded",
    ]
    assert result.cap == Decimal("500000.00") and result.already_awarded == Decimal("0.00")
    refused = evaluate("M4", Y2025, VALID["M4"], [PriorAward("M4", 2024, "300000", "粤首版次-2024-017")])
    (reason,) = refused.reasons
    assert reason.message_zh == "项目「粤首版次-2024-017」此前已获配套 300,000.00 元，同一项目只配套一次"
    assert refused.already_awarded == Decimal("300000.00")


def test_to_dict_is_json_safe_with_decimal_strings():
    result = evaluate(
        "M3S",
        Y2025,
        dict(VALID["M3S"], actual_payment="333333.25"),
        [{"item": "M3S", "year": 2025, "amount": "1"}],
    )
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["item"] == "M3S" and data["year"] == 2025 and data["eligible"] is True
    assert data["amount"] == "33333.33"
    assert data["formula_amount"] == "33333.33"
    assert data["cap"] == "500000.00"
    assert data["already_awarded"] == "1.00"
    assert data["remaining_cap"] == "499999.00"
    assert data["reasons"] == []
    assert data["trace"][0] == {
        "code": "registered_in_tianhe",
        "label_zh": "在天河区注册",
        "label_en": "registered in Tianhe District",
        "value": "是",
        "clause": "三.3",
        "held": True,
    }
    ineligible = evaluate("M1C", Y2025, dict(VALID["M1C"], district_government_approved=False)).to_dict()
    assert (
        ineligible["amount"] == "0.00" and ineligible["formula_amount"] is None and ineligible["cap"] is None
    )
    assert ineligible["reasons"][0]["blocking"] is True
    assert set(ineligible["reasons"][0]) == {
        "code",
        "message_zh",
        "message_en",
        "clause",
        "hint_zh",
        "hint_en",
        "blocking",
    }


def test_result_amounts_are_quantized_to_the_fen():
    for code, facts in VALID.items():
        result = evaluate(code, Y2025, facts)
        assert isinstance(result, Result)
        for value in (
            result.amount,
            result.formula_amount,
            result.cap,
            result.already_awarded,
            result.remaining_cap,
        ):
            assert value is None or value.as_tuple().exponent == -2, (code, value)
