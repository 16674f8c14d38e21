"""Amounts in Chinese capitals (大写金额) as written on cheques and decision letters.

Follows the People's Bank of China rules for 中文大写金额 (《支付结算办法》附件一):

- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, groups 万 and 亿 (万亿 for 10^12 and up);
- 整 after 元 when there are no 角/分; none after 角 or 分;
- a single 零 for one or more zeros between non-zero digits, including across groups
  (100005 → 壹拾万零伍元整, 100000005 → 壹亿零伍元整) and before 分 when 角 is zero
  (10.05 → 壹拾元零伍分); no 零 before 角;
- the leading ten keeps its digit: 壹拾伍万元整 (never 拾伍万);
- amounts under one 元 start at 角 or 分 (0.5 → 伍角, 0.05 → 伍分); zero is 零元整.

:func:`parse_chinese_capitals` reads such a string back (used by the tests as a round trip).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["MAX_CAPITALS_AMOUNT", "amount_in_chinese_capitals", "parse_chinese_capitals"]

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_CENT = Decimal("0.01")
#: 10^16 − 0.01: four groups of four digits (…万亿).
MAX_CAPITALS_AMOUNT = Decimal("9999999999999999.99")


def _group(n: int) -> str:
    """0 < n < 10000 in capitals, zeros collapsed, trailing zeros dropped (1005 → 壹仟零伍)."""
    out = []
    zero = False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[d] + _UNITS[pos])
    return "".join(out)


def _below_yi(n: int) -> str:
    """0 < n < 10^8: 万 group then units group."""
    high, low = divmod(n, 10000)
    if not high:
        return _group(low)
    text = _group(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _group(low)
    return text


def _integer(n: int) -> str:
    """0 < n < 10^16: the part above 亿 is itself written with 万 (壹万贰仟亿…)."""
    high, low = divmod(n, 10**8)
    if not high:
        return _below_yi(n)
    text = _below_yi(high) + "亿"
    if low:
        text += ("零" if low < 10**7 else "") + _below_yi(low)
    return text


def amount_in_chinese_capitals(amount) -> str:
    """``Decimal("150000")`` → ``"壹拾伍万元整"``; ``Decimal("1234567.89")`` → ``"壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"``.

    Accepts a ``Decimal``, an ``int`` or a plain decimal string, exact to the fen; raises
    ``ValueError`` for negatives, fractions of a fen, non-finite values, floats and amounts of
    10^16 元 or more.
    """
    if isinstance(amount, bool) or isinstance(amount, float):
        raise ValueError(f"金额应为 Decimal、整数或数字字符串，收到 {amount!r}")
    try:
        value = Decimal(amount) if not isinstance(amount, Decimal) else amount
    except (InvalidOperation, ValueError, TypeError):
        raise ValueError(f"不是有效的金额：{amount!r}")
    if not value.is_finite():
        raise ValueError(f"金额应为有限数：{amount!r}")
    if value < 0:
        raise ValueError(f"金额不能为负数：{amount!r}")
    if value > MAX_CAPITALS_AMOUNT:
        raise ValueError(f"金额超出可书写范围（最多 {MAX_CAPITALS_AMOUNT} 元）：{amount!r}")
    fen_total = value * 100
    if fen_total != fen_total.to_integral_value():
        raise ValueError(f"金额应精确到分：{amount!r}")
    fen_total = int(fen_total)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)

    parts = []
    if yuan:
        parts.append(_integer(yuan) + "元")
    if not cents:
        return (parts[0] if parts else "零元") + "整"
    if jiao:
        parts.append(DIGITS[jiao] + "角")
    if fen:
        if yuan and not jiao:
            parts.append("零")
        parts.append(DIGITS[fen] + "分")
    return "".join(parts)


# --- reading back -----------------------------------------------------------------------------

_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
_SMALL_UNIT = {"拾": 10, "佰": 100, "仟": 1000}


def _parse_integer(text: str) -> int:
    """Read 壹佰贰拾叁万肆仟伍佰陆拾柒 (no 元) back to an int."""
    total = 0  # completed 亿 groups
    section = 0  # completed 万 group below the current 亿
    current = 0  # the current four-digit group
    digit = None
    for ch in text:
        if ch in _DIGIT_VALUE:
            if digit is not None:
                raise ValueError(f"两个数字之间缺少单位：{text!r}")
            digit = _DIGIT_VALUE[ch] or None
            if ch == "零":
                digit = None
        elif ch in _SMALL_UNIT:
            if digit is None:
                raise ValueError(f"单位前缺少数字：{text!r}")
            current += digit * _SMALL_UNIT[ch]
            digit = None
        elif ch == "万":
            section = (section + current + (digit or 0)) * 10000
            current, digit = 0, None
        elif ch == "亿":
            total = (total + section + current + (digit or 0)) * 10**8
            section, current, digit = 0, 0, None
        else:
            raise ValueError(f"无法识别的字符 {ch!r}：{text!r}")
    return total + section + current + (digit or 0)


def parse_chinese_capitals(text: str) -> Decimal:
    """Inverse of :func:`amount_in_chinese_capitals`: ``"壹拾元零伍分"`` → ``Decimal("10.05")``."""
    rest = text
    yuan = 0
    if rest.endswith("整"):
        rest = rest[:-1]
    if "元" in rest:
        head, rest = rest.split("元", 1)
        yuan = _parse_integer(head)
    cents = 0
    rest = rest.lstrip("零")
    if "角" in rest:
        head, rest = rest.split("角", 1)
        if len(head) != 1 or head not in _DIGIT_VALUE:
            raise ValueError(f"角前应为一个数字：{text!r}")
        cents += _DIGIT_VALUE[head] * 10
    rest = rest.lstrip("零")
    if "分" in rest:
        head, rest = rest.split("分", 1)
        if len(head) != 1 or head not in _DIGIT_VALUE:
            raise ValueError(f"分前应为一个数字：{text!r}")
        cents += _DIGIT_VALUE[head]
    if rest:
        raise ValueError(f"多余的文字 {rest!r}：{text!r}")
    return (Decimal(yuan) + Decimal(cents) / 100).quantize(_CENT)
