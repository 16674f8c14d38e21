"""Amounts in Chinese capitals: the PBOC writing rules, and a round trip through the parser."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from applications.letters.capitals import (
    MAX_CAPITALS_AMOUNT,
    amount_in_chinese_capitals,
    parse_chinese_capitals,
)

CASES = [
    ("150000", "壹拾伍万元整"),
    ("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
    ("100005", "壹拾万零伍元整"),
    ("1000000", "壹佰万元整"),
    ("0.5", "伍角"),
    ("0.50", "伍角"),
    ("10.05", "壹拾元零伍分"),
    ("0", "零元整"),
    ("0.00", "零元整"),
    ("0.05", "伍分"),
    ("0.55", "伍角伍分"),
    ("1", "壹元整"),
    ("10", "壹拾元整"),
    ("11", "壹拾壹元整"),
    ("101", "壹佰零壹元整"),
    ("110", "壹佰壹拾元整"),
    ("1010", "壹仟零壹拾元整"),
    ("1001", "壹仟零壹元整"),
    ("10000.10", "壹万元壹角"),
    ("10010", "壹万零壹拾元整"),
    ("100100", "壹拾万零壹佰元整"),
    ("1000100", "壹佰万零壹佰元整"),
    ("1100000", "壹佰壹拾万元整"),
    ("320000.00", "叁拾贰万元整"),
    ("345678.91", "叁拾肆万伍仟陆佰柒拾捌元玖角壹分"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),
    ("100000000", "壹亿元整"),
    ("100000005", "壹亿零伍元整"),
    ("100010000", "壹亿零壹万元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("2000000000.02", "贰拾亿元零贰分"),
    ("1000000000000", "壹万亿元整"),
    ("1200000000305", "壹万贰仟亿零叁佰零伍元整"),
]


@pytest.mark.parametrize(("amount", "expected"), CASES)
def test_table(amount, expected):
    assert amount_in_chinese_capitals(Decimal(amount)) == expected
    assert parse_chinese_capitals(expected) == Decimal(amount).quantize(Decimal("0.01"))


def test_int_and_string_are_accepted():
    assert amount_in_chinese_capitals(150000) == "壹拾伍万元整"
    assert amount_in_chinese_capitals("10.05") == "壹拾元零伍分"


@pytest.mark.parametrize(
    "bad",
    [Decimal("-1"), Decimal("-0.01"), -5, Decimal("0.001"), Decimal("NaN"), Decimal("Infinity"), 1.5, True, "abc",
     MAX_CAPITALS_AMOUNT + Decimal("0.01")],
)
def test_rejects_bad_amounts(bad):
    with pytest.raises(ValueError):
        amount_in_chinese_capitals(bad)


def test_negative_message_is_chinese():
    with pytest.raises(ValueError, match="负数"):
        amount_in_chinese_capitals(Decimal("-100"))


amounts = st.decimals(min_value=0, max_value=MAX_CAPITALS_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_round_trip(amount):
    text = amount_in_chinese_capitals(amount)
    assert parse_chinese_capitals(text) == amount


@given(amounts)
def test_writing_rules_hold(amount):
    text = amount_in_chinese_capitals(amount)
    assert "零零" not in text
    assert not text.endswith("零")
    assert text.endswith(("整", "角", "分"))
    assert text.endswith("整") == (amount == amount.to_integral_value())
    if text.startswith("零"):
        assert text == "零元整"
    assert "拾" not in text or not text.startswith("拾")  # the leading ten keeps its digit: 壹拾
    assert "零角" not in text and "零元" not in text.replace("零元整", "")


@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_round_trip_whole_yuan(n):
    text = amount_in_chinese_capitals(n)
    assert text.endswith("元整")
    assert parse_chinese_capitals(text) == Decimal(n)
