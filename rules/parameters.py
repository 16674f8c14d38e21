"""Parameters of the annual guidelines (申报指南): defaults, validation, and :class:`YearParameters`.

The policy runs 2024–2026; the bureau publishes a guideline each year and may adjust it
(section 四(二)). A year without a guideline is an error (``no_guideline``), never a zero award.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from .errors import RulesError
from .items import ITEM_CODES, ITEMS
from .money import CONTEXT, PLAIN_DECIMAL, format_yuan, parse_money, to_fen

__all__ = [
    "DEFAULT_PARAMETERS",
    "DEFAULT_SOURCE",
    "GUIDELINE_YEARS",
    "YearParameters",
    "validate_parameters",
]

GUIDELINE_YEARS: tuple[int, ...] = (2024, 2025, 2026)

#: measures.md "Parameters of a guideline": the values every year starts with (read-only).
DEFAULT_PARAMETERS: Mapping[str, Mapping[str, Decimal]] = MappingProxyType(
    {code: MappingProxyType({p.name: p.default for p in item.params}) for code, item in ITEMS.items()}
)

#: The default source of guidelines: the same default values for each policy year.
DEFAULT_SOURCE: Mapping[int, Mapping[str, Mapping[str, Decimal]]] = MappingProxyType(
    {year: DEFAULT_PARAMETERS for year in GUIDELINE_YEARS}
)

_ONE = Decimal(1)


def _bad(field_name: str | None, message_zh: str, message_en: str) -> RulesError:
    return RulesError("bad_parameter", message_zh, message_en, field_name)


def _normalise_value(item_code: str, name: str, raw: object) -> Decimal:
    """One parameter value as a Decimal of its kind, or raise ``bad_parameter``."""
    spec = ITEMS[item_code].param(name)
    key = f"{item_code}.{name}"
    subject_zh = f"参数「{spec.label_zh}」({key})"
    subject_en = f'Parameter "{spec.label_en}" ({key})'
    if spec.kind == "money":
        try:
            value = parse_money(raw, key, subject_zh, subject_en)
        except RulesError as error:
            raise _bad(key, error.message_zh, error.message_en) from None
        if value <= 0:
            raise _bad(
                key, f"{subject_zh} 应大于 0，收到 {raw!r}", f"{subject_en} must be above 0, got {raw!r}"
            )
        return to_fen(value)
    if raw.__class__ is str and PLAIN_DECIMAL.fullmatch(raw) or raw.__class__ in (int, Decimal):
        value = Decimal(raw)
    else:  # bool, float, "abc", "1e3", " 0.1" are refused, as for facts
        value = Decimal("NaN")
    if not value.is_finite():
        raise _bad(
            key,
            f"{subject_zh} 应为数字（字符串、整数或 Decimal），收到 {raw!r}",
            f"{subject_en} must be a number (string, integer or Decimal), got {raw!r}",
        )
    if spec.kind == "rate":
        if not 0 <= value <= _ONE:
            raise _bad(
                key,
                f"{subject_zh} 应在 0 至 1 之间，收到 {raw!r}",
                f"{subject_en} must be between 0 and 1, got {raw!r}",
            )
        return value
    # int
    if value != value.to_integral_value() or value < 1:
        raise _bad(
            key,
            f"{subject_zh} 应为不小于 1 的整数，收到 {raw!r}",
            f"{subject_en} must be a whole number of at least 1, got {raw!r}",
        )
    return value.quantize(_ONE, context=CONTEXT)


def validate_parameters(item_code: str, values: Mapping[str, object]) -> list[RulesError]:
    """Every problem with one item's guideline values, as unraised :class:`RulesError` (empty: fine).

    Checks that each parameter is present and none unknown, rates lie in [0, 1], amounts are
    above 0 (whole fen), counts are whole numbers ≥ 1, and the item's ordering relations hold
    (``M4``: national ≥ provincial ≥ municipal cap; ``M7``: level 3 ≤ level 4 ≤ level 5 award).
    Used by :class:`YearParameters` and by the guideline editor, which shows every problem.
    """
    return _checked(item_code, values)[1]


def _checked(item_code: str, values: Mapping[str, object]) -> tuple[dict[str, Decimal], list[RulesError]]:
    """One item's values normalised to Decimals (those that are valid), and every problem."""
    item = ITEMS.get(item_code) if isinstance(item_code, str) else None
    if item is None:
        return {}, [_unknown_item(item_code)]
    if not isinstance(values, Mapping):
        return {}, [
            _bad(
                item_code,
                f"事项 {item_code} 的参数应为键值映射，收到 {values!r}",
                f"The parameters of item {item_code} must be a mapping, got {values!r}",
            )
        ]
    problems: list[RulesError] = []
    clean: dict[str, Decimal] = {}
    for spec in item.params:
        key = f"{item_code}.{spec.name}"
        if spec.name not in values:
            problems.append(
                _bad(
                    key,
                    f"参数「{spec.label_zh}」({key}) 缺失",
                    f'Parameter "{spec.label_en}" ({key}) is missing',
                )
            )
            continue
        try:
            clean[spec.name] = _normalise_value(item_code, spec.name, values[spec.name])
        except RulesError as error:
            problems.append(error)
    for name in values:
        if name not in item.param_names:
            key = f"{item_code}.{name}"
            problems.append(
                _bad(
                    key,
                    f"事项 {item_code} 没有参数 {name!r}（可用：{'、'.join(item.param_names) or '无'}）",
                    f"Item {item_code} has no parameter {name!r}",
                )
            )
    for larger, _op, smaller in item.consistency:
        if larger in clean and smaller in clean and clean[larger] < clean[smaller]:
            big, small = item.param(larger), item.param(smaller)
            problems.append(
                _bad(
                    f"{item_code}.{larger}",
                    f"参数「{big.label_zh}」({item_code}.{larger}) 为 {format_yuan(clean[larger])}，"
                    f"不应低于「{small.label_zh}」({item_code}.{smaller}) {format_yuan(clean[smaller])}",
                    f'Parameter "{big.label_en}" ({item_code}.{larger}) is {clean[larger]}, which must not be '
                    f'below "{small.label_en}" ({item_code}.{smaller}) {clean[smaller]}',
                )
            )
    return clean, problems


def _unknown_item(code: object) -> RulesError:
    return RulesError(
        "unknown_item",
        f"未知的奖励事项 {code!r}（可选：{'、'.join(ITEM_CODES)}）",
        f"Unknown item {code!r} (known: {', '.join(ITEM_CODES)})",
        "item",
    )


def _check_year(year: object) -> int:
    if year.__class__ is not int:
        raise RulesError(
            "wrong_type", f"年度应为整数，收到 {year!r}", f"The year must be an integer, got {year!r}", "year"
        )
    return year


@dataclass(frozen=True)
class YearParameters:
    """The parameter values of one guideline year, validated once at construction.

    ``values`` maps every item code to ``{parameter name: Decimal}`` (amounts rounded to the fen).
    Build one with :meth:`for_year`, or directly from a complete mapping (a DB-backed guideline);
    an incomplete or invalid mapping raises :class:`RulesError` (``bad_parameter``).
    """

    year: int
    values: Mapping[str, Mapping[str, Decimal]]
    _by_item: dict[str, dict[str, Decimal]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_year(self.year)
        if not isinstance(self.values, Mapping):
            raise _bad(
                None, f"{self.year} 年度的参数应为键值映射", f"The {self.year} parameters must be a mapping"
            )
        for code in self.values:
            if code not in ITEMS:
                raise _unknown_item(code)
        by_item: dict[str, dict[str, Decimal]] = {}
        for code in ITEM_CODES:
            clean, problems = _checked(code, self.values.get(code, {}))
            if problems:
                raise problems[0]
            by_item[code] = clean
        object.__setattr__(self, "_by_item", by_item)
        object.__setattr__(
            self, "values", MappingProxyType({code: MappingProxyType(dict(v)) for code, v in by_item.items()})
        )

    def __hash__(self) -> int:
        return hash((self.year, tuple((code, tuple(v.items())) for code, v in self._by_item.items())))

    @classmethod
    def for_year(
        cls,
        year: int,
        overrides: Mapping[str, object] | None = None,
        source: Mapping[int, Mapping[str, Mapping[str, object]]] | None = None,
    ) -> YearParameters:
        """The guideline of ``year`` from ``source`` (default: the 2024–2026 defaults), with overrides.

        ``overrides`` maps ``"ITEM.param"`` to a new value, e.g. ``{"M3S.annual_cap": "800000"}``.
        Raises :class:`RulesError`: ``no_guideline`` if ``source`` has no such year,
        ``unknown_item`` / ``bad_parameter`` for a bad override.
        """
        _check_year(year)
        if source is None and not overrides:
            cached = _DEFAULT_CACHE.get(year)
            if cached is not None:
                return cached
        years = DEFAULT_SOURCE if source is None else source
        if year not in years:
            known = "、".join(str(y) for y in sorted(years)) or "无"
            raise RulesError(
                "no_guideline",
                f"{year} 年度没有申报指南（现有年度：{known}）",
                f"There is no guideline for {year} (years with one: {', '.join(str(y) for y in sorted(years))})",
                "year",
            )
        values = {code: dict(v) for code, v in years[year].items()}
        for key, value in (overrides or {}).items():
            code, _, name = key.partition(".") if isinstance(key, str) else ("", "", "")
            if not name:
                raise _bad(
                    str(key),
                    f"参数覆盖的键 {key!r} 应形如 “M3S.annual_cap”",
                    f"Override key {key!r} must look like 'M3S.annual_cap'",
                )
            if code not in ITEMS:
                raise _unknown_item(code)
            if name not in ITEMS[code].param_names:
                raise _bad(
                    key,
                    f"事项 {code} 没有参数 {name!r}（可用：{'、'.join(ITEMS[code].param_names) or '无'}）",
                    f"Item {code} has no parameter {name!r}",
                )
            values.setdefault(code, {})[name] = value
        parameters = cls(year, values)
        if source is None and not overrides:
            _DEFAULT_CACHE[year] = parameters
        return parameters


_DEFAULT_CACHE: dict[int, YearParameters] = {}
