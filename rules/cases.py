"""Case files (measures.md "Case files"): load them, run them against the rules, report.

A case file is a YAML list of cases::

    - name: M3 supplier, part of the annual cap already used
      item: M3S
      year: 2025
      facts: {registered_in_tianhe: true, above_scale: true, selected_demonstration: true,
              actual_payment: "3200000"}
      prior_awards: [{item: M3S, year: 2025, amount: "300000"}]   # optional
      overrides: {M3S.annual_cap: "800000"}                        # optional
      expect: {eligible: true, amount: "320000.00"}                 # or {error: true}

Each key present in ``expect`` is checked (``amount`` as a decimal, ``eligible`` as a bool);
``{error: true}`` passes only when the rules raise :class:`RulesError`. Any other exception is a
failure (a crash), and so is a malformed file or case. :func:`run_cases` is the reusable part: a
Django command passes its own ``parameters_for(year, overrides)`` reading stored guidelines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from .engine import evaluate
from .errors import RulesError
from .parameters import YearParameters
from .result import Result

__all__ = ["MalformedCase", "load_cases", "run_case", "run_cases"]

ParametersFor = Callable[[int, Mapping[str, object] | None], YearParameters]

_CASE_KEYS = frozenset({"name", "item", "year", "facts", "prior_awards", "overrides", "expect"})
_EXPECT_KEYS = frozenset({"eligible", "amount"})


class MalformedCase(Exception):
    """A case (or file) that cannot be run as written."""


def run_cases(
    paths: Iterable[str | Path],
    parameters_for: ParametersFor = YearParameters.for_year,
    *,
    verbose: bool = False,
) -> tuple[int, int, list[str]]:
    """Run every case of the files ``paths``; return ``(passed, failed, lines)``.

    ``lines`` holds one ``FAIL <name>: expected <...>, got <...>`` line per failing case (with
    ``verbose``, also an ``ok <name>`` line per passing case, giving the message of a refused
    input); the caller prints them and the closing ``N passed, N failed``.
    ``parameters_for(year, overrides)`` returns the guideline a case runs under.
    """
    passed = failed = 0
    lines: list[str] = []
    for path in paths:
        try:
            cases = load_cases(Path(path))
        except MalformedCase as problem:
            failed += 1
            lines.append(f"FAIL {path}: {problem}")
            continue
        for index, case in enumerate(cases):
            ok, line = run_case(case, parameters_for, where=f"{path}#{index + 1}")
            if ok:
                passed += 1
                if verbose:
                    lines.append(line)
            else:
                failed += 1
                lines.append(line)
    return passed, failed, lines


def load_cases(path: Path) -> list:
    """The cases of one file, unchecked; raises :class:`MalformedCase` for an unreadable file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedCase(f"cannot read the file ({error})") from None
    try:
        cases = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MalformedCase(f"malformed YAML: {' '.join(str(error).split())}") from None
    if cases is None:
        return []
    if not isinstance(cases, list):
        raise MalformedCase(f"a case file is a YAML list of cases, got {type(cases).__name__}")
    return cases


def run_case(
    case: object, parameters_for: ParametersFor = YearParameters.for_year, *, where: str = "case"
) -> tuple[bool, str]:
    """Run one case; return ``(passed, line)`` with an ``ok …`` or ``FAIL …`` line.

    ``where`` names a case that has no name of its own.
    """
    name = case.get("name") if isinstance(case, dict) and isinstance(case.get("name"), str) else where
    try:
        item, year, facts, prior_awards, overrides, expect = _parse_case(case)
    except MalformedCase as problem:
        return False, f"FAIL {name}: malformed case: {problem}"
    try:
        outcome: Result | RulesError = evaluate(item, parameters_for(year, overrides), facts, prior_awards)
    except RulesError as error:
        outcome = error
    except Exception as error:  # noqa: BLE001 - a crash is reported as a failure, not raised
        return (
            False,
            f"FAIL {name}: expected {_describe_expect(expect)}, got a crash: {type(error).__name__}: {error}",
        )

    if expect.get("error"):
        if isinstance(outcome, RulesError):
            return True, f"ok {name}: refused ({outcome.code}): {outcome.message_zh}"
        return False, f"FAIL {name}: expected error, got {_describe_result(outcome)}"
    if isinstance(outcome, RulesError):
        return (
            False,
            f"FAIL {name}: expected {_describe_expect(expect)}, got error ({outcome.code}): {outcome}",
        )
    if "eligible" in expect and outcome.eligible is not expect["eligible"]:
        return False, f"FAIL {name}: expected {_describe_expect(expect)}, got {_describe_result(outcome)}"
    if "amount" in expect and outcome.amount != expect["amount"]:
        return False, f"FAIL {name}: expected {_describe_expect(expect)}, got {_describe_result(outcome)}"
    return True, f"ok {name}"


def _parse_case(case: object):
    if not isinstance(case, dict):
        raise MalformedCase(f"a case is a mapping, got {type(case).__name__}")
    unknown = set(case) - _CASE_KEYS
    if unknown:
        raise MalformedCase(f"unknown keys {sorted(map(str, unknown))}")
    for key in ("item", "year", "expect"):
        if key not in case:
            raise MalformedCase(f"'{key}' is missing")
    facts = case.get("facts", {})
    if not isinstance(facts, dict):
        raise MalformedCase("'facts' must be a mapping")
    prior_awards = case.get("prior_awards")
    if prior_awards is None:
        prior_awards = []
    elif not isinstance(prior_awards, list):
        raise MalformedCase("'prior_awards' must be a list")
    overrides = case.get("overrides")
    if overrides is not None and not isinstance(overrides, dict):
        raise MalformedCase("'overrides' must be a mapping")
    return case["item"], case["year"], facts, prior_awards, overrides or None, _parse_expect(case["expect"])


def _parse_expect(expect: object) -> dict:
    if not isinstance(expect, dict) or not expect:
        raise MalformedCase("'expect' must be a non-empty mapping")
    if "error" in expect:
        if expect != {"error": True}:
            raise MalformedCase("'expect' with 'error' must be exactly {error: true}")
        return dict(expect)
    unknown = set(expect) - _EXPECT_KEYS
    if unknown:
        raise MalformedCase(f"unknown keys in 'expect': {sorted(map(str, unknown))}")
    parsed = {}
    if "eligible" in expect:
        if not isinstance(expect["eligible"], bool):
            raise MalformedCase("'expect.eligible' must be true or false")
        parsed["eligible"] = expect["eligible"]
    if "amount" in expect:
        amount = expect["amount"]
        try:
            if isinstance(amount, bool) or not isinstance(amount, (str, int, float)):
                raise InvalidOperation
            parsed["amount"] = Decimal(str(amount))  # an expectation, so a YAML float is fine here
            if not parsed["amount"].is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise MalformedCase(f"'expect.amount' must be a decimal amount, got {amount!r}") from None
    return parsed


def _describe_expect(expect: dict) -> str:
    if expect.get("error"):
        return "error"
    parts = []
    if "eligible" in expect:
        parts.append(f"eligible={str(expect['eligible']).lower()}")
    if "amount" in expect:
        parts.append(f"amount={expect['amount']}")
    return " ".join(parts)


def _describe_result(result: Result) -> str:
    return f"eligible={str(result.eligible).lower()} amount={result.amount}"
