"""The vocabulary items are written in: parameters, operands, conditions, formulas.

These are plain frozen dataclasses with no behaviour; :mod:`rules.engine` compiles them once, at
import, into fast evaluators, and :mod:`rules.steps` words them for the trace and the reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "LIMIT_KINDS",
    "PARAM_KINDS",
    "Compare",
    "Const",
    "Diff",
    "EnteredAmount",
    "Fact",
    "FixedAward",
    "Item",
    "LevelAmount",
    "Param",
    "ParamSpec",
    "PerWholeStep",
    "RateOf",
    "RequiredWhen",
]

PARAM_KINDS = {"money": "元", "rate": "比例", "int": "个"}

#: How an item limits what it pays across claims (see measures.md "Conventions").
LIMIT_KINDS = (
    "annual_cap",  # sum per enterprise, item and year ≤ cap
    "term_cap",  # the same over every year of the policy term (M8)
    "once",  # at most one award of the item per enterprise, any year (M1A, M1B)
    "once_per_project",  # at most one award per project_ref, no cap
    "m7_levels",  # level amount minus everything already paid under the item (M7)
    "level_cap_once_per_project",  # once per project_ref, cap chosen by the project's level (M4)
    "none",  # no limit (M1C)
)


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One parameter of an annual guideline: a threshold, rate, cap or count.

    ``kind`` is ``"money"`` (元, > 0), ``"rate"`` (比例, in [0, 1]) or ``"int"`` (个, ≥ 1);
    ``unit`` is the matching ``"元"`` / ``"比例"`` / ``"个"``.
    """

    name: str
    kind: str
    unit: str
    label_zh: str
    label_en: str
    default: Decimal


def money_param(name: str, label_zh: str, label_en: str, default: str) -> ParamSpec:
    return ParamSpec(name, "money", "元", label_zh, label_en, Decimal(default))


def rate_param(name: str, label_zh: str, label_en: str, default: str) -> ParamSpec:
    return ParamSpec(name, "rate", "比例", label_zh, label_en, Decimal(default))


def int_param(name: str, label_zh: str, label_en: str, default: str) -> ParamSpec:
    return ParamSpec(name, "int", "个", label_zh, label_en, Decimal(default))


# --- operands -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    """The value of a fact the item reads."""

    name: str


@dataclass(frozen=True, slots=True)
class Param:
    """The value of one of the item's parameters in the claim's guideline year."""

    name: str


@dataclass(frozen=True, slots=True)
class Diff:
    """``minuend − subtrahend`` of two money facts (a growth or an increment; may be negative)."""

    minuend: str
    subtrahend: str
    label_zh: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Const:
    """A number fixed by the policy text itself (not a guideline parameter)."""

    value: int


# --- conditions -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Compare:
    """Condition ``left op right`` with op ``">="`` (及以上/以上/达), ``">"`` (超/超过) or ``"<"``."""

    code: str
    left: Fact | Diff
    op: str
    right: Fact | Param | Const


@dataclass(frozen=True, slots=True)
class RequiredWhen:
    """Bool fact ``fact`` must be true, but only when choice fact ``when_fact`` is ``when_value``.

    The fact is read (and so must be present) only in that case.
    """

    code: str
    fact: str
    when_fact: str
    when_value: str


# --- formulas -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FixedAward:
    """A fixed amount: the parameter ``param``."""

    param: str


@dataclass(frozen=True, slots=True)
class RateOf:
    """``rate × base``, rounded HALF_UP to the fen."""

    base: Fact | Diff
    rate: str


@dataclass(frozen=True, slots=True)
class PerWholeStep:
    """``floor(growth / step) × award`` for a positive growth, else 0."""

    growth: Diff
    step: str
    award: str


@dataclass(frozen=True, slots=True)
class EnteredAmount:
    """An amount a reviewer enters (the 一事一议 approved amount): the fact itself."""

    fact: str


@dataclass(frozen=True, slots=True)
class LevelAmount:
    """An amount by level: ``amounts`` maps a level (int) to the parameter holding its amount."""

    fact: str
    amounts: tuple[tuple[int, str], ...]


Formula = FixedAward | RateOf | PerWholeStep | EnteredAmount | LevelAmount
Condition = Compare | RequiredWhen


# --- the item -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One payable item of the policy: who qualifies, what it pays and how often.

    - ``requires``: bool facts that must all be true (always including ``registered_in_tianhe``);
    - ``reads``: the other facts the item reads, in the order they are checked;
    - ``conditions``: the remaining conditions, each evaluated on every claim;
    - ``formula``: the amount before any limit;
    - ``limit`` (one of :data:`LIMIT_KINDS`) with ``cap_param`` (annual or term cap) or
      ``level_caps`` (cap parameter per value of ``level_fact``, for ``M4``);
    - ``consistency``: ``(a, ">=", b)`` relations its parameters must keep (guideline editor);
    - ``has_project_ref``: a claim carries a project or event reference (only ``M4`` reads it);
    - ``discretionary``: no formula, a reviewer enters the amount (``M1C``).
    """

    code: str
    measure: int
    name_zh: str
    name_en: str
    clause: str
    clause_text: str
    requires: tuple[str, ...]
    reads: tuple[str, ...]
    params: tuple[ParamSpec, ...]
    conditions: tuple[Condition, ...]
    formula: Formula
    limit: str
    cap_param: str | None = None
    level_fact: str | None = None
    level_caps: tuple[tuple[str, str], ...] = ()
    project_fact: str | None = None
    consistency: tuple[tuple[str, str, str], ...] = ()
    has_project_ref: bool = False
    discretionary: bool = False

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def param(self, name: str) -> ParamSpec:
        """The :class:`ParamSpec` called ``name`` (``KeyError`` if the item has none)."""
        for spec in self.params:
            if spec.name == name:
                return spec
        raise KeyError(name)
