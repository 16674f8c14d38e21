"""Money: parsing of amounts given to the rules, rounding at the fen, and display in 元 / 万元.

Every Decimal operation of the rules goes through :data:`CONTEXT`, a private context, so that a
caller who changes the thread's Decimal context (precision, rounding, traps) cannot change an award.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from .errors import RulesError

__all__ = [
    "CENT",
    "CONTEXT",
    "MAX_AMOUNT",
    "PLAIN_DECIMAL",
    "ZERO",
    "format_rate",
    "format_wan",
    "format_yuan",
    "parse_money",
    "to_fen",
]

#: The rules' own arithmetic context: 34 significant digits (amounts have at most 15 integer
#: digits and 2 decimals, rates a handful of decimals), HALF_UP, and every error trapped.
CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow])
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
_TEN_THOUSAND = Decimal(10000)
_HUNDRED = Decimal(100)

#: The largest amount the rules accept: 15 integer digits (just under 1,000 万亿元), far above any
#: figure an enterprise reports, and small enough that no product can lose precision.
MAX_AMOUNT = Decimal("999999999999999.99")
_MAX_INT = 10**15

#: A plain decimal number as the rules accept it in a string: digits, optional sign and fraction.
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_NOT_FINITE_WORDS = frozenset({"nan", "snan", "inf", "infinity"})

_quantize = Decimal.quantize


def to_fen(value: Decimal) -> Decimal:
    """Round ``value`` to the fen (0.01 元), ROUND_HALF_UP — the one rounding of the rules."""
    return _quantize(value, CENT, ROUND_HALF_UP, CONTEXT)


def parse_money(value: object, field: str, subject_zh: str, subject_en: str) -> Decimal:
    """Return ``value`` as a non-negative Decimal of 元, or raise :class:`RulesError`.

    Accepted: ``str`` of plain decimal digits with an optional fractional part (``"3200000"``,
    ``"3200000.50"``), ``int`` and ``Decimal``; at most a whole number of fen. Refused:

    - ``float`` (code ``wrong_type``): a binary float cannot hold most fen exactly
      (``0.1 + 0.2 != 0.3``), so a float reaching the rules is a bug upstream, not an amount;
    - ``bool`` (``wrong_type``), although Python counts it as an int;
    - strings with thousands separators, spaces, exponents, ``+`` or ``_`` (``wrong_type``): forms
      normalise what users type before it reaches the rules;
    - ``"NaN"`` / ``"Infinity"`` (``not_finite``), negatives (``negative_amount``) and amounts above
      :data:`MAX_AMOUNT` (``too_large``).

    ``subject_zh`` / ``subject_en`` name the value in messages, e.g. ``事实「年度营业收入」(annual_revenue)``.
    """
    cls = value.__class__
    if cls is str:
        # Fast path: the overwhelmingly common case of whole 元 as plain ASCII digits.
        if value.isdigit() and value.isascii() and len(value) <= 15:
            return Decimal(value)
        return _parse_money_text(value, field, subject_zh, subject_en)
    if cls is int:
        if 0 <= value < _MAX_INT:
            return Decimal(value)
        return _check_amount(Decimal(value), value, field, subject_zh, subject_en)
    if cls is Decimal:
        return _check_amount(value, value, field, subject_zh, subject_en)
    if value is None:
        raise RulesError("missing_fact", f"{subject_zh} 缺失", f"{subject_en} is missing", field)
    if cls is bool:
        raise RulesError(
            "wrong_type",
            f"{subject_zh} 应为金额（元），收到布尔值 {value}",
            f"{subject_en} must be an amount in yuan, got the boolean {value}",
            field,
        )
    if cls is float:
        raise RulesError(
            "wrong_type",
            f"{subject_zh} 应为金额（元），请以字符串或整数提供，不接受浮点数，收到 {value!r}",
            f"{subject_en} must be an amount in yuan given as a string or an integer, not a float; got {value!r}",
            field,
        )
    raise RulesError(
        "wrong_type",
        f"{subject_zh} 应为金额（元），收到 {value!r}",
        f"{subject_en} must be an amount in yuan, got {value!r}",
        field,
    )


def _parse_money_text(text: str, field: str, subject_zh: str, subject_en: str) -> Decimal:
    if not text.strip():  # a blank form field
        raise RulesError("missing_fact", f"{subject_zh} 缺失", f"{subject_en} is missing", field)
    if text.strip().lstrip("+-").lower() in _NOT_FINITE_WORDS:
        raise RulesError(
            "not_finite",
            f"{subject_zh} 应为有限的金额，收到 {text!r}",
            f"{subject_en} must be a finite amount, got {text!r}",
            field,
        )
    if not PLAIN_DECIMAL.fullmatch(text):
        raise RulesError(
            "wrong_type",
            f"{subject_zh} 应为金额（元，仅限数字和小数点），收到 {text!r}",
            f"{subject_en} must be an amount in yuan (digits and a decimal point only), got {text!r}",
            field,
        )
    return _check_amount(Decimal(text), text, field, subject_zh, subject_en)


def _check_amount(amount: Decimal, given: object, field: str, subject_zh: str, subject_en: str) -> Decimal:
    if not amount.is_finite():
        raise RulesError(
            "not_finite",
            f"{subject_zh} 应为有限的金额，收到 {given!r}",
            f"{subject_en} must be a finite amount, got {given!r}",
            field,
        )
    if amount < 0:
        raise RulesError(
            "negative_amount",
            f"{subject_zh} 不能为负数，收到 {given!r}",
            f"{subject_en} cannot be negative, got {given!r}",
            field,
        )
    if amount > MAX_AMOUNT:
        raise RulesError(
            "too_large",
            f"{subject_zh} 超出可处理的范围（最多 {format_yuan(MAX_AMOUNT)}），收到 {given!r}",
            f"{subject_en} is out of range (at most {MAX_AMOUNT} yuan), got {given!r}",
            field,
        )
    if to_fen(amount) != amount:
        raise RulesError(
            "wrong_type",
            f"{subject_zh} 应精确到分（最多两位小数），收到 {given!r}",
            f"{subject_en} must be a whole number of fen (at most two decimals), got {given!r}",
            field,
        )
    return amount.copy_abs()  # turns "-0" into 0


def format_yuan(amount: Decimal) -> str:
    """``Decimal("1234567.891")`` → ``"1,234,567.89 元"`` (rounded HALF_UP to the fen)."""
    return f"{to_fen(amount):,.2f} 元"


def format_wan(amount: Decimal) -> str:
    """``Decimal("1234567.89")`` → ``"123.46 万元"`` (万元 rounded HALF_UP to two decimals)."""
    return f"{to_fen(CONTEXT.divide(amount, _TEN_THOUSAND)):,.2f} 万元"


def format_rate(rate: Decimal) -> str:
    """``Decimal("0.10")`` → ``"10%"``, ``Decimal("0.125")`` → ``"12.5%"``."""
    text = f"{CONTEXT.multiply(rate, _HUNDRED):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"
