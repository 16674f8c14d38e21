"""Evaluation: each declarative :class:`~rules.declarations.Item` compiled once into a fast function.

:func:`evaluate` validates the facts an item reads (raising :class:`RulesError`), checks every
condition (all of them, so a calculator can list everything missing), applies the formula and the
item's limit across earlier awards, and returns a :class:`~rules.result.Result` whose trace is kept
as tuples and worded only on demand.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .declarations import (
    Compare,
    Const,
    Diff,
    EnteredAmount,
    Fact,
    FixedAward,
    Item,
    LevelAmount,
    Param,
    PerWholeStep,
    RateOf,
    RequiredWhen,
)
from .errors import RulesError
from .facts import FACTS, FactSpec
from .items import ITEMS
from .money import CONTEXT, ZERO, parse_money, to_fen
from .parameters import YearParameters, _unknown_item
from .result import Result
from .steps import (
    AmountStep,
    BoolStep,
    CompareStep,
    CountStep,
    FinalStep,
    InfoDef,
    LevelAmountStep,
    LevelPaidStep,
    OnceStep,
    PerStepRawStep,
    ProjectOnceStep,
    RateStep,
    RawAmountStep,
    RequiredWhenStep,
)

__all__ = ["PriorAward", "evaluate"]

_add = CONTEXT.add
_subtract = CONTEXT.subtract
_multiply = CONTEXT.multiply
_divide_int = CONTEXT.divide_int


# --- earlier awards -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriorAward:
    """An award the same enterprise received before this claim (from the ledger).

    Validated at construction: ``item`` a known code, ``year`` an int, ``amount`` money (stored
    rounded to the fen), ``project_ref`` None or text (spaces stripped; empty means None).
    """

    item: str
    year: int
    amount: Decimal
    project_ref: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.item, str) or self.item not in ITEMS:
            known = "、".join(ITEMS)
            raise RulesError(
                "unknown_item",
                f"{_PRIOR_ZH}的事项 (item) {self.item!r} 未知（可选：{known}）",
                f"{_PRIOR_EN} item (item) {self.item!r} is unknown (known: {', '.join(ITEMS)})",
                "item",
            )
        if self.year.__class__ is not int:
            raise RulesError(
                "wrong_type",
                f"{_PRIOR_ZH}的年度 (year) 应为整数，收到 {self.year!r}",
                f"{_PRIOR_EN} year (year) must be an integer, got {self.year!r}",
                "year",
            )
        amount = parse_money(
            self.amount, "amount", f"{_PRIOR_ZH}的金额 (amount)", f"{_PRIOR_EN} amount (amount)"
        )
        object.__setattr__(self, "amount", to_fen(amount))
        ref = self.project_ref
        if ref is not None:
            if not isinstance(ref, str):
                raise RulesError(
                    "wrong_type",
                    f"{_PRIOR_ZH}的项目编号 (project_ref) 应为文字，收到 {ref!r}",
                    f"{_PRIOR_EN} project reference (project_ref) must be text, got {ref!r}",
                    "project_ref",
                )
            object.__setattr__(self, "project_ref", ref.strip() or None)

    @classmethod
    def from_mapping(cls, entry: Mapping[str, object], index: int = 0) -> PriorAward:
        """Build from ``{"item": …, "year": …, "amount": …, "project_ref": …}`` (a case file, a form).

        Errors name the entry: field ``prior_awards[2].amount``, message ``已获奖励记录第 3 条的金额…``.
        """
        try:
            if not isinstance(entry, Mapping):
                raise RulesError(
                    "wrong_type",
                    f"{_PRIOR_ZH}应为包含 item、year、amount 的记录，收到 {entry!r}",
                    f"{_PRIOR_EN} record must have item, year and amount, got {entry!r}",
                    None,
                )
            for key, label in (("item", "事项"), ("year", "年度"), ("amount", "金额")):
                if entry.get(key) is None:
                    raise RulesError(
                        "missing_fact",
                        f"{_PRIOR_ZH}的{label} ({key}) 缺失",
                        f"{_PRIOR_EN} {key} is missing",
                        key,
                    )
            return cls(entry["item"], entry["year"], entry["amount"], entry.get("project_ref"))
        except RulesError as error:
            field = f"prior_awards[{index}]" + (f".{error.field}" if error.field else "")
            raise RulesError(
                error.code,
                error.message_zh.replace(_PRIOR_ZH, f"{_PRIOR_ZH}第 {index + 1} 条", 1),
                error.message_en.replace(_PRIOR_EN, f"Prior award #{index + 1}'s", 1),
                field,
            ) from None


_PRIOR_ZH = "已获奖励记录"
_PRIOR_EN = "The prior award's"


def _prior_awards_of(code: str, prior_awards: Iterable[PriorAward | Mapping] | None) -> list[PriorAward]:
    """Validate every earlier award and keep those of item ``code`` (no item reads another's)."""
    if isinstance(prior_awards, (str, bytes, Mapping)):
        raise RulesError(
            "wrong_type",
            f"已获奖励应为记录的列表，收到 {prior_awards!r}",
            f"Prior awards must be a list of records, got {prior_awards!r}",
            "prior_awards",
        )
    try:
        entries = iter(prior_awards)
    except TypeError:
        raise RulesError(
            "wrong_type",
            f"已获奖励应为记录的列表，收到 {prior_awards!r}",
            f"Prior awards must be a list of records, got {prior_awards!r}",
            "prior_awards",
        ) from None
    own = []
    for index, award in enumerate(entries):
        if award.__class__ is not PriorAward and not isinstance(award, PriorAward):
            award = PriorAward.from_mapping(award, index)
        if award.item == code:
            own.append(award)
    return own


# --- facts ----------------------------------------------------------------------------------


def _missing(spec: FactSpec) -> RulesError:
    return RulesError("missing_fact", f"{spec.subject_zh} 缺失", f"{spec.subject_en} is missing", spec.name)


def _wrong_type(spec: FactSpec, expected_zh: str, expected_en: str, value: object) -> RulesError:
    return RulesError(
        "wrong_type",
        f"{spec.subject_zh} 应为{expected_zh}，收到 {value!r}",
        f"{spec.subject_en} must be {expected_en}, got {value!r}",
        spec.name,
    )


def _reader(spec: FactSpec) -> Callable[[object], object]:
    """A function that returns a fact's value validated for its kind, or raises RulesError."""
    name = spec.name
    if spec.kind == "bool":

        def read_bool(value):
            # Python bool only: "true", 1 or "是" are a form's job to convert.
            if value is True or value is False:
                return value
            if value is None:
                raise _missing(spec)
            raise _wrong_type(spec, "是/否（布尔值 true 或 false）", "a boolean (true or false)", value)

        return read_bool

    if spec.kind == "money":
        subject_zh, subject_en = spec.subject_zh, spec.subject_en

        def read_money(value):
            return parse_money(value, name, subject_zh, subject_en)

        return read_money

    if spec.kind == "int":
        low, high = spec.minimum, spec.maximum

        def read_int(value):
            if value.__class__ is int:  # bool is refused: type(True) is bool
                if low <= value <= high:
                    return value
                raise RulesError(
                    "level_out_of_range",
                    f"{spec.subject_zh} 应在 {low} 至 {high} 之间，收到 {value!r}",
                    f"{spec.subject_en} must be between {low} and {high}, got {value!r}",
                    name,
                )
            if value is None:
                raise _missing(spec)
            raise _wrong_type(spec, f"整数（{low} 至 {high}）", f"a whole number from {low} to {high}", value)

        return read_int

    if spec.kind == "choice":
        allowed = frozenset(value for value, _label in spec.choices)
        listed_zh = "、".join(f"{value}（{label}）" for value, label in spec.choices)
        listed_en = ", ".join(value for value, _label in spec.choices)

        def read_choice(value):
            if value.__class__ is str and value in allowed:
                return value
            if value is None:
                raise _missing(spec)
            if not isinstance(value, str):
                raise _wrong_type(spec, f"以下取值之一：{listed_zh}", f"one of {listed_en}", value)
            raise RulesError(
                "unknown_choice",
                f"{spec.subject_zh} 的取值 {value!r} 无效，可选：{listed_zh}",
                f"{spec.subject_en} has an unknown value {value!r}; allowed: {listed_en}",
                name,
            )

        return read_choice

    def read_text(value):
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is None or isinstance(value, str):
            raise RulesError(
                "missing_fact",
                f"{spec.subject_zh} 缺失（不能为空）",
                f"{spec.subject_en} is missing (it cannot be empty)",
                name,
            )
        raise _wrong_type(spec, "文字", "text", value)

    return read_text


# --- conditions -----------------------------------------------------------------------------

_TESTS = {">=": operator.ge, ">": operator.gt, "<": operator.lt}


def _compile_compare(condition: Compare, item: Item):
    definition = CompareStep(condition, item)
    test = _TESTS[condition.op]
    left, right = condition.left, condition.right
    if isinstance(left, Diff):
        minuend, subtrahend = left.minuend, left.subtrahend

        def left_value(vals, params):
            return _subtract(vals[minuend], vals[subtrahend])
    else:
        left_name = left.name

        def left_value(vals, params):
            return vals[left_name]

    if isinstance(right, Param):
        right_name = right.name

        def check(vals, params):
            a = left_value(vals, params)
            b = params[right_name]
            return definition, test(a, b), (a, b)
    elif isinstance(right, Fact):
        right_name = right.name

        def check(vals, params):
            a = left_value(vals, params)
            b = vals[right_name]
            return definition, test(a, b), (a, b)
    else:
        assert isinstance(right, Const)
        constant = right.value

        def check(vals, params):
            a = left_value(vals, params)
            return definition, test(a, constant), (a, constant)

    return check


def _compile_required_when(condition: RequiredWhen, item: Item):
    definition = RequiredWhenStep(condition, item.clause)
    fact, when_fact, when_value = condition.fact, condition.when_fact, condition.when_value

    def check(vals, params):
        if vals[when_fact] != when_value:
            return None  # not applicable: the fact was not even read
        return definition, vals[fact], None

    return check


def _compile_condition(condition, item: Item):
    if isinstance(condition, Compare):
        return _compile_compare(condition, item)
    return _compile_required_when(condition, item)


# --- limits across earlier awards -----------------------------------------------------------

# Labels of the cap, already-awarded and remaining steps, by limit kind.
_CAP_LABELS = {
    "annual_cap": (
        ("每年最高", "annual cap"),
        ("本年度已获该项奖励", "already awarded this year"),
        ("本年度剩余额度", "remaining this year"),
    ),
    "term_cap": (
        ("政策期内每家企业最高", "cap over the policy term"),
        ("政策期内已获该项奖励", "already awarded in the term"),
        ("政策期内剩余额度", "remaining in the term"),
    ),
    "level_cap_once_per_project": (
        ("该级别项目最高", "cap for the project's level"),
        ("该项目已获配套", "already awarded to the project"),
        ("剩余额度", "remaining"),
    ),
    "m7_levels": (
        ("本等级奖励额", "amount of the level"),
        ("此前已获该项奖励", "already awarded under the item"),
        ("差额", "difference"),
    ),
}


def _compile_limit(item: Item):
    """``limit(vals, params, own_priors, year) -> (cap, already_awarded, condition step or None)``."""
    kind, clause = item.limit, item.clause
    if kind in ("annual_cap", "term_cap"):
        cap_name = item.cap_param
        this_year_only = kind == "annual_cap"

        def capped(vals, params, priors, year):
            already = ZERO
            for award in priors:
                if award.year == year or not this_year_only:
                    already = _add(already, award.amount)
            return params[cap_name], already, None

        return capped

    if kind == "once":
        definition = OnceStep(clause)

        def once(vals, params, priors, year):
            already = ZERO
            for award in priors:
                already = _add(already, award.amount)
            return None, already, (definition, not priors, already)

        return once

    if kind in ("level_cap_once_per_project", "once_per_project"):
        definition = ProjectOnceStep(clause)
        project_fact, level_fact = item.project_fact, item.level_fact
        caps = dict(item.level_caps)

        def once_per_project(vals, params, priors, year):
            ref = vals[project_fact]
            already, seen = ZERO, False
            for award in priors:
                if award.project_ref == ref:
                    already, seen = _add(already, award.amount), True
            cap = params[caps[vals[level_fact]]] if caps else None
            return cap, already, (definition, not seen, (ref, already))

        return once_per_project

    if kind == "m7_levels":
        definition = LevelPaidStep(clause)
        level_fact = item.formula.fact
        amounts = dict(item.formula.amounts)

        def by_level(vals, params, priors, year):
            already = ZERO
            for award in priors:
                already = _add(already, award.amount)
            level = vals[level_fact]
            name = amounts.get(level)
            if name is None:
                return None, already, None  # the level condition already fails
            cap = params[name]
            return cap, already, (definition, already < cap, (level, cap, already))

        return by_level

    assert kind == "none", kind

    def unlimited(vals, params, priors, year):
        return None, ZERO, None

    return unlimited


# --- formulas -------------------------------------------------------------------------------


def _base_label(base: Fact | Diff) -> tuple[str, str]:
    if isinstance(base, Diff):
        return base.label_zh, base.label_en
    return FACTS[base.name].label_zh, FACTS[base.name].label_en


def _compile_formula(item: Item):
    """``formula(vals, params, steps) -> (raw amount, info or None)``; appends its steps."""
    formula, clause = item.formula, item.clause

    if isinstance(formula, FixedAward):
        spec = item.param(formula.param)
        award_step = AmountStep("award", spec.label_zh, spec.label_en, clause)
        param = formula.param

        def fixed(vals, params, steps):
            raw = params[param]
            steps.append((award_step, None, raw))
            return raw, None

        return fixed

    if isinstance(formula, RateOf):
        label_zh, label_en = _base_label(formula.base)
        rate_spec = item.param(formula.rate)
        base_step = AmountStep("base", f"计算基数（{label_zh}）", f"base ({label_en})", clause)
        rate_step = RateStep("rate", rate_spec.label_zh, rate_spec.label_en, clause)
        raw_step = RawAmountStep("raw_amount", "公式金额", "formula amount", clause)
        rate_name = formula.rate
        if isinstance(formula.base, Diff):
            minuend, subtrahend = formula.base.minuend, formula.base.subtrahend

            def base_of(vals):
                return _subtract(vals[minuend], vals[subtrahend])
        else:
            base_name = formula.base.name

            def base_of(vals):
                return vals[base_name]

        def rate_of(vals, params, steps):
            base = base_of(vals)
            rate = params[rate_name]
            raw = to_fen(_multiply(base, rate))
            steps.append((base_step, None, base))
            steps.append((rate_step, None, rate))
            steps.append((raw_step, None, (base, rate, raw)))
            return raw, None

        return rate_of

    if isinstance(formula, PerWholeStep):
        growth = formula.growth
        minuend, subtrahend = growth.minuend, growth.subtrahend
        step_name, award_name = formula.step, formula.award
        growth_step = AmountStep(
            "base", f"计算基数（{growth.label_zh}）", f"base ({growth.label_en})", clause
        )
        size_step = AmountStep("step", item.param(step_name).label_zh, item.param(step_name).label_en, clause)
        count_step = CountStep("steps", "完整档数", "whole steps", clause)
        award_step = AmountStep(
            "award_per_step", item.param(award_name).label_zh, item.param(award_name).label_en, clause
        )
        raw_step = PerStepRawStep("raw_amount", "公式金额", "formula amount", clause)
        not_grown = InfoDef(
            "revenue_not_grown",
            clause,
            "营业收入增长额为 {growth}，没有增长，按每增长 {step} 奖励计算，金额为 0.00 元",
            "Revenue did not grow ({growth}); the award per step of {step} gives 0.00 yuan",
            "营业收入需比上年度至少增长 {step}（当前增长额 {growth}）",
            "Revenue must grow by at least {step} (now {growth})",
        )
        partial = InfoDef(
            "no_whole_step",
            clause,
            "营业收入增长额 {growth} 不足一档（每档 {step}），不足一档的部分不予奖励，金额为 0.00 元",
            "Revenue growth of {growth} is less than one whole step of {step}; a partial step pays nothing",
            "营业收入增长额需达到 {step}（当前 {growth}）",
            "Revenue growth must reach {step} (now {growth})",
        )

        def per_whole_step(vals, params, steps):
            grown = _subtract(vals[minuend], vals[subtrahend])
            size, award = params[step_name], params[award_name]
            count = _divide_int(grown, size) if grown > 0 else ZERO.quantize(1)
            raw = to_fen(_multiply(count, award))
            steps.append((growth_step, None, grown))
            steps.append((size_step, None, size))
            steps.append((count_step, None, count))
            steps.append((award_step, None, award))
            steps.append((raw_step, None, (count, award, raw)))
            info = None
            if not count:
                info = (not_grown if grown <= 0 else partial), {"growth": grown, "step": size}
            return raw, info

        return per_whole_step

    if isinstance(formula, EnteredAmount):
        spec = FACTS[formula.fact]
        entered_step = AmountStep("base", spec.label_zh, spec.label_en, clause)
        fact = formula.fact

        def entered(vals, params, steps):
            raw = to_fen(vals[fact])
            steps.append((entered_step, None, raw))
            return raw, None

        return entered

    assert isinstance(formula, LevelAmount)
    level_step = LevelAmountStep("level_amount", "等级对应奖励", "amount of the level", clause)
    fact, amounts = formula.fact, dict(formula.amounts)

    def by_level(vals, params, steps):
        level = vals[fact]
        raw = params[amounts[level]]
        steps.append((level_step, None, (level, raw)))
        return raw, None

    return by_level


# --- the compiled item ----------------------------------------------------------------------


def _compile(item: Item):
    """Build ``run(params, year, facts, prior_awards) -> Result`` for one item."""
    code, clause = item.code, item.clause
    conditional = {
        c.fact: (c.when_fact, c.when_value) for c in item.conditions if isinstance(c, RequiredWhen)
    }
    readers = tuple(
        (name, _reader(FACTS[name])) for name in item.requires + item.reads if name not in conditional
    )
    conditional_readers = tuple((name, _reader(FACTS[name])) + conditional[name] for name in conditional)
    bool_steps = tuple((name, BoolStep(FACTS[name], clause)) for name in item.requires)
    checks = tuple(_compile_condition(condition, item) for condition in item.conditions)
    limit = _compile_limit(item)
    formula = _compile_formula(item)
    final_step = FinalStep(clause)
    labels = _CAP_LABELS.get(item.limit)
    cap_step = already_step = remaining_step = exhausted = None
    if labels is not None:
        cap_step = AmountStep("cap", *labels[0], clause)
        already_step = AmountStep("already_awarded", *labels[1], clause)
        remaining_step = AmountStep("remaining_cap", *labels[2], clause)
        cap_word = "每年最高" if item.limit == "annual_cap" else "最高"
        exhausted = InfoDef(
            "cap_exhausted",
            clause,
            f"{labels[1][0]} {{already}}，已达{cap_word} {{cap}}，本次核定金额为 0.00 元",
            "Already awarded {already} under this item, reaching the cap of {cap}; this claim gets 0.00 yuan",
            "该事项额度已用完"
            + ("，可在下一年度申报" if item.limit == "annual_cap" else "（政策期内不再奖励）"),
            "The cap is used up"
            + (" for this year" if item.limit == "annual_cap" else " for the policy term"),
        )
    zero = InfoDef(
        "zero_amount",
        clause,
        "按公式计算的金额为 0.00 元，本次没有奖励金额",
        "The formula gives 0.00 yuan; there is nothing to award",
        "计算基数大于 0 时才有奖励金额",
        "An award needs a base above 0",
    )

    def run(params, year, facts, prior_awards):
        try:
            get = facts.get
        except AttributeError:
            raise RulesError(
                "wrong_type",
                f"事实应为键值映射，收到 {facts!r}",
                f"Facts must be a mapping, got {facts!r}",
                "facts",
            ) from None
        vals = {}
        for name, read in readers:
            vals[name] = read(get(name))
        for name, read, when_fact, when_value in conditional_readers:
            if vals[when_fact] == when_value:
                vals[name] = read(get(name))
        priors = _prior_awards_of(code, prior_awards) if prior_awards else ()

        steps = []
        eligible = True
        for name, definition in bool_steps:
            held = vals[name]
            steps.append((definition, held, None))
            if not held:
                eligible = False
        for check in checks:
            entry = check(vals, params)
            if entry is not None:
                steps.append(entry)
                if not entry[1]:
                    eligible = False
        cap, already, entry = limit(vals, params, priors, year)
        if entry is not None:
            steps.append(entry)
            if not entry[1]:
                eligible = False
        if cap is None:
            remaining = None
        else:
            remaining = _subtract(cap, already) if cap > already else ZERO

        if not eligible:
            steps.append((final_step, None, (ZERO, False, False)))
            return Result(code, year, False, ZERO, None, cap, already, remaining, steps, None)

        raw, info = formula(vals, params, steps)
        if remaining is None:
            amount = raw
        else:
            steps.append((cap_step, None, cap))
            steps.append((already_step, None, already))
            steps.append((remaining_step, None, remaining))
            amount = raw if raw <= remaining else remaining
        steps.append((final_step, None, (amount, True, amount < raw)))
        if info is None and not amount:
            info = (exhausted, {"cap": cap, "already": already}) if raw else (zero, {})
        return Result(code, year, True, amount, raw, cap, already, remaining, steps, info)

    return run


_EVALUATORS = {code: _compile(item) for code, item in ITEMS.items()}


def evaluate(
    item_code: str,
    year_parameters: YearParameters,
    facts: Mapping[str, object],
    prior_awards: Iterable[PriorAward | Mapping[str, object]] = (),
) -> Result:
    """Evaluate one claim for ``item_code`` under ``year_parameters``.

    ``facts`` maps fact names to values (facts the item does not read are ignored);
    ``prior_awards`` lists what the same enterprise was awarded before (any item; each item
    counts only its own). Raises :class:`RulesError` on bad input; a claim that fails a
    condition is not an error but an ineligible :class:`Result` listing every failed condition.
    """
    try:
        run = _EVALUATORS[item_code]
    except (KeyError, TypeError):
        raise _unknown_item(item_code) from None
    if not isinstance(year_parameters, YearParameters):
        raise RulesError(
            "bad_parameter",
            f"应提供某一年度的申报指南参数（YearParameters），收到 {year_parameters!r}",
            f"year_parameters must be a YearParameters, got {year_parameters!r}",
            "year_parameters",
        )
    return run(year_parameters._by_item[item_code], year_parameters.year, facts, prior_awards)
