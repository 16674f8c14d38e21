"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character.

Characters are ``0-9A-HJ-NPQRTUWXY`` (31 of them: no I, O, S, V, Z); position i (1-based) of
the first 17 has weight 3^(i−1) mod 31; the check character is the one whose value is
``31 − (Σ value × weight) mod 31`` (31 becomes 0).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = [pow(3, i, 31) for i in range(17)]
FORBIDDEN_HINT = "I、O、S、V、Z"


def check_character(first17: str) -> str:
    total = sum(VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def with_check_character(first17: str) -> str:
    first17 = first17.upper()
    return first17 + check_character(first17)


def validate_uscc(value: str) -> str:
    """Return the normalised code or raise ValidationError saying exactly what is wrong."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，您输入了%(n)d位。") % {"n": len(code)}, code="uscc_length"
        )
    bad = [c for c in code if c not in VALUES]
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符“%(chars)s”（只能是数字和除 %(forbidden)s 以外的大写字母）。")
            % {"chars": "".join(dict.fromkeys(bad)), "forbidden": FORBIDDEN_HINT},
            code="uscc_character",
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("统一社会信用代码校验位不正确：最后一位应为“%(expected)s”，请核对后重新输入。") % {"expected": expected},
            code="uscc_check",
        )
    return code
