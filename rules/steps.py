"""How each step of an evaluation is worded: trace labels, values, sentences, reasons and hints.

The engine records a step as a plain tuple ``(definition, held, data)``; the definitions here
turn it into text only when someone asks (``Result.trace``, ``explain_zh()``, ``to_dict()``), so
that evaluating stays cheap. ``held`` is True/False for a condition, None for any other step.
"""

from __future__ import annotations

from decimal import Decimal

from .declarations import Compare, Diff, Fact, Item, Param, RequiredWhen
from .facts import FACTS, FactSpec
from .money import format_rate, format_yuan, to_fen

__all__ = [
    "AmountStep",
    "BoolStep",
    "CompareStep",
    "CountStep",
    "FinalStep",
    "InfoDef",
    "LevelAmountStep",
    "LevelPaidStep",
    "OnceStep",
    "PerStepRawStep",
    "ProjectOnceStep",
    "RateStep",
    "RawAmountStep",
    "RequiredWhenStep",
    "StepDef",
]


def yuan_en(amount: Decimal) -> str:
    return f"{to_fen(amount):,.2f} yuan"


class StepDef:
    """A step of one item's evaluation: its code, labels and clause, and how to word its data."""

    __slots__ = ("code", "label_zh", "label_en", "clause")

    def __init__(self, code: str, label_zh: str, label_en: str, clause: str):
        self.code = code
        self.label_zh = label_zh
        self.label_en = label_en
        self.clause = clause

    def value(self, held: bool | None, data: object) -> str:
        raise NotImplementedError

    def sentence_zh(self, held: bool | None, data: object) -> str:
        """A plain Chinese sentence for the step, without the closing （依据：…）."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.clause}>"


class ConditionStep(StepDef):
    """A condition; when it fails it becomes a blocking :class:`~rules.result.Reason`."""

    __slots__ = ()

    @staticmethod
    def _verdict(held: bool) -> str:
        return "满足条件" if held else "不满足条件"

    def message_zh(self, data: object) -> str:
        raise NotImplementedError

    def message_en(self, data: object) -> str:
        raise NotImplementedError

    def hint_zh(self, data: object) -> str:
        raise NotImplementedError

    def hint_en(self, data: object) -> str:
        raise NotImplementedError


class BoolStep(ConditionStep):
    """A required bool fact (``above_scale`` …); data is None, ``held`` is the fact."""

    __slots__ = ("spec",)

    def __init__(self, spec: FactSpec, clause: str, label_zh: str | None = None, label_en: str | None = None):
        super().__init__(spec.name, label_zh or spec.label_zh, label_en or spec.label_en, clause)
        self.spec = spec

    def value(self, held, data):
        return "是" if held else "否"

    def sentence_zh(self, held, data):
        return f"{self.label_zh}：{'是' if held else '否'}，{self._verdict(held)}"

    def message_zh(self, data):
        return f"不满足条件「{self.label_zh}」"

    def message_en(self, data):
        return f'Condition "{self.label_en}" does not hold'

    def hint_zh(self, data):
        return self.spec.requirement_zh

    def hint_en(self, data):
        return self.spec.requirement_en


class RequiredWhenStep(BoolStep):
    """A bool fact required only for one value of a choice (``accepted`` for a core_tech_project)."""

    __slots__ = ()

    def __init__(self, condition: RequiredWhen, clause: str):
        spec = FACTS[condition.fact]
        when = FACTS[condition.when_fact]
        super().__init__(
            spec,
            clause,
            f"{spec.label_zh}（{when.choice_label(condition.when_value)}）",
            f"{spec.label_en} ({condition.when_value})",
        )
        self.code = condition.code


_OPS_ZH = {">=": ("≥", "<", "达到 {}及以上"), ">": (">", "≤", "超过 {}"), "<": ("<", "≥", "低于 {}")}
_OPS_EN = {">=": "at least {}", ">": "more than {}", "<": "below {}"}


class CompareStep(ConditionStep):
    """``left op right``; data is ``(left value, right value)``."""

    __slots__ = (
        "_left_zh",
        "_left_en",
        "_right_label_zh",
        "_right_label_en",
        "_op",
        "_kind",
        "_right_is_fact",
    )

    def __init__(self, condition: Compare, item: Item):
        left, right = condition.left, condition.right
        if isinstance(left, Diff):
            left_zh, left_en, kind = left.label_zh, left.label_en, "money"
        else:
            spec = FACTS[left.name]
            left_zh, left_en, kind = spec.label_zh, spec.label_en, spec.kind
        if isinstance(right, Param):
            param = item.param(right.name)
            right_zh, right_en = param.label_zh, param.label_en
        elif isinstance(right, Fact):
            right_zh, right_en = FACTS[right.name].label_zh, FACTS[right.name].label_en
        else:
            right_zh, right_en = _value_zh(kind, right.value), _value_en(kind, right.value)
        symbol = _OPS_ZH[condition.op][0]
        super().__init__(
            condition.code,
            f"{left_zh} {symbol} {right_zh}",
            f"{left_en} {condition.op} {right_en}",
            item.clause,
        )
        self._left_zh, self._left_en = left_zh, left_en
        self._right_label_zh, self._right_label_en = right_zh, right_en
        self._op, self._kind = condition.op, kind
        self._right_is_fact = isinstance(right, Fact)

    def _right_zh(self, right) -> str:
        shown = _value_zh(self._kind, right)
        return f"{self._right_label_zh}（{shown}）" if self._right_is_fact else shown

    def _right_en(self, right) -> str:
        shown = _value_en(self._kind, right)
        return f"{self._right_label_en} ({shown})" if self._right_is_fact else shown

    def _requirement_zh(self, right) -> str:
        if self._right_is_fact and self._op == ">":
            return f"高于{self._right_zh(right)}"
        return _OPS_ZH[self._op][2].format(self._right_zh(right))

    def value(self, held, data):
        left, right = data
        symbol = _OPS_ZH[self._op][0 if held else 1]
        verdict = "满足" if held else "不满足"
        return f"{_value_zh(self._kind, left)} {symbol} {_value_zh(self._kind, right)}：{verdict}"

    def sentence_zh(self, held, data):
        left, right = data
        requirement = self._requirement_zh(right)
        return (
            f"{self._left_zh}为 {_value_zh(self._kind, left)}，{'' if held else '未'}{requirement}，"
            f"{self._verdict(held)}"
        )

    def message_zh(self, data):
        left, right = data
        return f"{self._left_zh}为 {_value_zh(self._kind, left)}，未{self._requirement_zh(right)}"

    def message_en(self, data):
        left, right = data
        return f"{self._left_en} is {_value_en(self._kind, left)}, not {_OPS_EN[self._op].format(self._right_en(right))}"

    def hint_zh(self, data):
        left, right = data
        return f"{self._left_zh}需{self._requirement_zh(right)}（当前 {_value_zh(self._kind, left)}）"

    def hint_en(self, data):
        left, right = data
        return (
            f"{self._left_en} must be {_OPS_EN[self._op].format(self._right_en(right))} "
            f"(now {_value_en(self._kind, left)})"
        )


def _value_zh(kind: str, value) -> str:
    return format_yuan(value) if kind == "money" else f"{value} 级"


def _value_en(kind: str, value) -> str:
    return yuan_en(value) if kind == "money" else f"level {value}"


class OnceStep(ConditionStep):
    """Once per enterprise (``M1A``, ``M1B``); data is the amount already awarded (0 when none)."""

    __slots__ = ()

    def __init__(self, clause: str):
        super().__init__("already_awarded", "此前未获得该项一次性奖励", "not awarded before", clause)

    def value(self, held, data):
        return "此前未获得" if held else f"此前已获得 {format_yuan(data)}"

    def sentence_zh(self, held, data):
        if held:
            return f"此前未获得过该项一次性奖励，{self._verdict(held)}"
        return f"此前已获得该项一次性奖励 {format_yuan(data)}，每家企业只奖励一次，{self._verdict(held)}"

    def message_zh(self, data):
        return f"该项为一次性奖励，此前已获得 {format_yuan(data)}"

    def message_en(self, data):
        return f"This is a one-off award, already received ({yuan_en(data)})"

    def hint_zh(self, data):
        return "每家企业只能获得一次该项奖励"

    def hint_en(self, data):
        return "An enterprise can receive this award only once"


class ProjectOnceStep(ConditionStep):
    """Once per project (``M4``); data is ``(project_ref, amount already awarded to it)``."""

    __slots__ = ()

    def __init__(self, clause: str):
        super().__init__("project_already_awarded", "该项目此前未获配套", "project not funded before", clause)

    def value(self, held, data):
        ref, already = data
        return f"项目「{ref}」此前未获配套" if held else f"项目「{ref}」此前已获配套 {format_yuan(already)}"

    def sentence_zh(self, held, data):
        ref, already = data
        if held:
            return f"项目「{ref}」此前未获配套，{self._verdict(held)}"
        return f"项目「{ref}」此前已获配套 {format_yuan(already)}，同一项目只配套一次，{self._verdict(held)}"

    def message_zh(self, data):
        ref, already = data
        return f"项目「{ref}」此前已获配套 {format_yuan(already)}，同一项目只配套一次"

    def message_en(self, data):
        ref, already = data
        return f"Project {ref!r} was already funded ({yuan_en(already)}); a project is funded once"

    def hint_zh(self, data):
        return "同一项目只能获得一次配套；其他项目可另行申报"

    def hint_en(self, data):
        return "A project is funded only once; other projects may be claimed"


class LevelPaidStep(ConditionStep):
    """``M7``: what was already paid stays below the level's amount; data ``(level, amount, already)``."""

    __slots__ = ()

    def __init__(self, clause: str):
        super().__init__(
            "level_already_paid",
            "此前所获该项奖励低于本等级奖励额",
            "paid so far below the level's amount",
            clause,
        )

    def value(self, held, data):
        level, amount, already = data
        return f"已获 {format_yuan(already)}，{level} 级奖励 {format_yuan(amount)}：{'满足' if held else '不满足'}"

    def sentence_zh(self, held, data):
        level, amount, already = data
        if held and not already:
            return f"此前未获该项奖励，{self._verdict(held)}"
        if held:
            return (
                f"此前已获该项奖励 {format_yuan(already)}，低于 {level} 级奖励 {format_yuan(amount)}，"
                f"按差额奖励，{self._verdict(held)}"
            )
        return self.message_zh(data) + f"，{self._verdict(held)}"

    def message_zh(self, data):
        level, amount, already = data
        return f"此前已获该项奖励 {format_yuan(already)}，已达到 {level} 级奖励 {format_yuan(amount)}"

    def message_en(self, data):
        level, amount, already = data
        return f"Already paid {yuan_en(already)} under this item, reaching the level {level} amount {yuan_en(amount)}"

    def hint_zh(self, data):
        return "通过更高等级的 DCMM 评估后，可申报与已获奖励的差额"

    def hint_en(self, data):
        return "After certifying at a higher DCMM level, the difference can be claimed"


# --- steps that are not conditions ----------------------------------------------------------


class AmountStep(StepDef):
    """An amount of 元 (base, cap, already awarded, remaining cap, award, step…); data is a Decimal."""

    __slots__ = ()

    def value(self, held, data):
        return format_yuan(data)

    def sentence_zh(self, held, data):
        return f"{self.label_zh}为 {format_yuan(data)}"


class RateStep(StepDef):
    """A rate; data is a Decimal in [0, 1]."""

    __slots__ = ()

    def value(self, held, data):
        return format_rate(data)

    def sentence_zh(self, held, data):
        return f"{self.label_zh}为 {format_rate(data)}"


class CountStep(StepDef):
    """A whole number of steps (``M2``); data is a Decimal integer."""

    __slots__ = ()

    def value(self, held, data):
        return f"{data} 档"

    def sentence_zh(self, held, data):
        return f"{self.label_zh}为 {data} 档"


class RawAmountStep(StepDef):
    """``base × rate``; data is ``(base, rate, raw amount rounded to the fen)``."""

    __slots__ = ()

    def value(self, held, data):
        return format_yuan(data[2])

    def sentence_zh(self, held, data):
        base, rate, raw = data
        return f"按公式计算：{format_yuan(base)} × {format_rate(rate)}，四舍五入到分为 {format_yuan(raw)}"


class PerStepRawStep(StepDef):
    """``steps × award per step`` (``M2``); data is ``(steps, award per step, raw amount)``."""

    __slots__ = ()

    def value(self, held, data):
        return format_yuan(data[2])

    def sentence_zh(self, held, data):
        steps, award, raw = data
        return f"按公式计算：{steps} 档 × {format_yuan(award)} = {format_yuan(raw)}"


class LevelAmountStep(StepDef):
    """The amount of a level (``M7``); data is ``(level, amount)``."""

    __slots__ = ()

    def value(self, held, data):
        return format_yuan(data[1])

    def sentence_zh(self, held, data):
        level, amount = data
        return f"DCMM {level} 级对应奖励 {format_yuan(amount)}"


class FinalStep(StepDef):
    """The award; data is ``(amount, eligible, limited)`` (limited: the cap cut the formula amount)."""

    __slots__ = ()

    def __init__(self, clause: str):
        super().__init__("final", "核定金额", "award", clause)

    def value(self, held, data):
        return format_yuan(data[0])

    def sentence_zh(self, held, data):
        amount, eligible, limited = data
        if not eligible:
            return f"不符合申报条件，核定金额为 {format_yuan(amount)}"
        if limited:
            return f"取公式金额与剩余额度中的较小者，核定金额为 {format_yuan(amount)}"
        return f"核定金额为 {format_yuan(amount)}"


class InfoDef:
    """Why an eligible claim is paid 0.00 (cap used up, no whole step…): a non-blocking reason.

    ``message_zh`` / ``hint_zh`` (and ``_en``) are format strings over the reason's data, a dict.
    """

    __slots__ = ("code", "clause", "_message_zh", "_message_en", "_hint_zh", "_hint_en")

    def __init__(self, code: str, clause: str, message_zh: str, message_en: str, hint_zh: str, hint_en: str):
        self.code = code
        self.clause = clause
        self._message_zh, self._message_en = message_zh, message_en
        self._hint_zh, self._hint_en = hint_zh, hint_en

    @staticmethod
    def _words(data: dict, english: bool) -> dict:
        fmt = yuan_en if english else format_yuan
        return {key: fmt(value) if isinstance(value, Decimal) else value for key, value in data.items()}

    def message_zh(self, data: dict) -> str:
        return self._message_zh.format(**self._words(data, False))

    def message_en(self, data: dict) -> str:
        return self._message_en.format(**self._words(data, True))

    def hint_zh(self, data: dict) -> str:
        return self._hint_zh.format(**self._words(data, False))

    def hint_en(self, data: dict) -> str:
        return self._hint_en.format(**self._words(data, True))

    def __repr__(self) -> str:
        return f"<InfoDef {self.code} {self.clause}>"
