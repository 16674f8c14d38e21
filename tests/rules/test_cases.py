"""Every case file — the project's own and shared/spec/rules-cases — as one test per case, plus the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rules import RulesError, YearParameters, evaluate
from rules.cases import load_cases, run_case, run_cases

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SHARED_CASES_DIR = SHARED / "spec" / "rules-cases"
OWN_CASES_DIR = Path(__file__).resolve().parent / "cases"

OWN_FILES = sorted(OWN_CASES_DIR.glob("*.yaml"))
SHARED_FILES = sorted(SHARED_CASES_DIR.glob("*.yaml"))


def _params(files: list[Path]) -> list:
    params = []
    for path in files:
        for index, case in enumerate(load_cases(path)):
            name = case.get("name", f"#{index + 1}") if isinstance(case, dict) else f"#{index + 1}"
            params.append(pytest.param(case, id=f"{path.stem}::{name}"))
    return params


OWN_CASES = _params(OWN_FILES)
# shared/ sits beside the repository; without it the shared examples cannot be checked: fail, don't skip.
SHARED_CASES = _params(SHARED_FILES) or [pytest.param(None, id="shared-rules-cases-missing")]


@pytest.mark.parametrize("case", OWN_CASES)
def test_own_case(case):
    ok, line = run_case(case)
    assert ok, line


@pytest.mark.parametrize("case", SHARED_CASES)
def test_shared_case(case):
    if case is None:
        pytest.fail(f"no shared case files found in {SHARED_CASES_DIR}")
    ok, line = run_case(case)
    assert ok, line


def test_own_case_files_are_plentiful():
    assert len(OWN_FILES) >= 6
    assert len(OWN_CASES) >= 150


ERROR_CASES = [p for p in OWN_CASES if p.values[0]["expect"] == {"error": True}]


@pytest.mark.parametrize("case", ERROR_CASES)
def test_own_error_case_is_refused_for_the_reason_its_name_gives(case):
    """Own error cases carry the expected code in their name ("refused [wrong_type] - …")."""
    match = re.search(r"refused \[(\w+)\]", case["name"])
    assert match, f"error case without [code] in its name: {case['name']}"
    with pytest.raises(RulesError) as caught:
        evaluate(
            case["item"],
            YearParameters.for_year(case["year"], case.get("overrides")),
            case.get("facts", {}),
            case.get("prior_awards") or (),
        )
    assert caught.value.code == match.group(1), caught.value.message_zh


# --- run_cases --------------------------------------------------------------------------------


def _write(tmp_path: Path, cases: object, name: str = "cases.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        yaml.safe_dump(cases, allow_unicode=True) if not isinstance(cases, str) else cases, "utf-8"
    )
    return path


M3S_FACTS = {
    "registered_in_tianhe": True,
    "above_scale": True,
    "selected_demonstration": True,
    "actual_payment": "2800000",
}


def test_run_cases_reports_a_wrong_amount(tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "name": "wrong",
                "item": "M3S",
                "year": 2025,
                "facts": M3S_FACTS,
                "expect": {"eligible": True, "amount": "1.00"},
            }
        ],
    )
    assert run_cases([path]) == (
        0,
        1,
        ["FAIL wrong: expected eligible=true amount=1.00, got eligible=true amount=280000.00"],
    )


def test_run_cases_reports_an_error_that_was_not_raised(tmp_path):
    path = _write(
        tmp_path,
        [{"name": "no error", "item": "M3S", "year": 2025, "facts": M3S_FACTS, "expect": {"error": True}}],
    )
    assert run_cases([path]) == (0, 1, ["FAIL no error: expected error, got eligible=true amount=280000.00"])


def test_run_cases_prints_the_message_of_an_unexpected_error(tmp_path):
    facts = dict(M3S_FACTS, actual_payment="abc")
    path = _write(
        tmp_path, [{"name": "bad", "item": "M3S", "year": 2025, "facts": facts, "expect": {"eligible": True}}]
    )
    passed, failed, lines = run_cases([path])
    assert (passed, failed) == (0, 1)
    assert lines[0].startswith("FAIL bad: expected eligible=true, got error (wrong_type): ")
    assert "事实「项目实际支付总金额」(actual_payment)" in lines[0]


def test_run_cases_counts_a_crash_as_a_failure():
    def broken(year, overrides):
        raise RuntimeError("database is down")

    case = {"name": "crash", "item": "M3S", "year": 2025, "facts": M3S_FACTS, "expect": {"error": True}}
    ok, line = run_case(case, broken)
    assert not ok
    assert line == "FAIL crash: expected error, got a crash: RuntimeError: database is down"


def test_run_cases_passes_year_and_overrides_to_parameters_for(tmp_path):
    seen = []

    def from_db(year, overrides):
        seen.append((year, overrides))
        return YearParameters.for_year(2025, overrides)

    path = _write(
        tmp_path,
        [
            {
                "name": "db",
                "item": "M3S",
                "year": 2031,
                "facts": M3S_FACTS,
                "overrides": {"M3S.rate": "0.2"},
                "expect": {"amount": "500000.00"},
            }
        ],
    )
    assert run_cases([path], parameters_for=from_db) == (1, 0, [])
    assert seen == [(2031, {"M3S.rate": "0.2"})]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("- name: [unclosed\n", "malformed YAML"),
        ("name: not a list\n", "a case file is a YAML list of cases"),
    ],
)
def test_run_cases_reports_a_malformed_file(tmp_path, content, expected):
    path = _write(tmp_path, content)
    passed, failed, lines = run_cases([path])
    assert (passed, failed) == (0, 1)
    assert lines[0].startswith(f"FAIL {path}: {expected}")


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ({"name": "c", "year": 2025, "facts": {}, "expect": {"error": True}}, "'item' is missing"),
        (
            {"name": "c", "item": "M7", "year": 2025, "facts": [], "expect": {"error": True}},
            "'facts' must be a mapping",
        ),
        (
            {"name": "c", "item": "M7", "year": 2025, "facts": {}, "expect": {"error": False}},
            "exactly {error: true}",
        ),
        (
            {"name": "c", "item": "M7", "year": 2025, "facts": {}, "expect": {"amount": "abc"}},
            "decimal amount",
        ),
        (
            {"name": "c", "item": "M7", "year": 2025, "facts": {}, "expect": {"eligible": "yes"}},
            "true or false",
        ),
        ({"name": "c", "item": "M7", "year": 2025, "facts": {}, "expect": {"reasons": []}}, "unknown keys"),
        ({"name": "c", "item": "M7", "year": 2025, "fact": {}, "expect": {"error": True}}, "unknown keys"),
        ({"name": "c", "item": "M7", "year": 2025, "facts": {}, "expect": {}}, "non-empty mapping"),
        (
            {
                "name": "c",
                "item": "M7",
                "year": 2025,
                "facts": {},
                "prior_awards": {},
                "expect": {"error": True},
            },
            "'prior_awards' must be a list",
        ),
    ],
)
def test_run_cases_reports_a_malformed_case(tmp_path, case, problem):
    path = _write(tmp_path, [case])
    passed, failed, lines = run_cases([path])
    assert (passed, failed) == (0, 1)
    assert lines[0].startswith("FAIL c: malformed case: ") and problem in lines[0], lines[0]


def test_run_cases_reports_a_missing_file(tmp_path):
    passed, failed, lines = run_cases([tmp_path / "nowhere.yaml"])
    assert (passed, failed) == (0, 1)
    assert lines[0].startswith(f"FAIL {tmp_path / 'nowhere.yaml'}: cannot read the file")


def test_run_cases_accepts_a_yaml_float_as_the_expected_amount(tmp_path):
    path = _write(
        tmp_path,
        "- {name: f, item: M7, year: 2025, facts: {registered_in_tianhe: true, above_scale: true,"
        " dcmm_level: 3}, expect: {amount: 50000.00}}\n",
    )
    assert run_cases([path]) == (1, 0, [])


# --- the command line -------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rules", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_cli_passes_the_shared_examples():
    assert SHARED_FILES, f"no shared case files in {SHARED_CASES_DIR}"
    total = sum(len(load_cases(path)) for path in SHARED_FILES)
    done = _cli("check", *map(str, SHARED_FILES))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"{total} passed, 0 failed"]


def test_cli_passes_the_own_case_files():
    done = _cli("check", *map(str, OWN_FILES))
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1] == f"{len(OWN_CASES)} passed, 0 failed"


def test_cli_prints_one_line_per_failure_and_exits_1(tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "name": "good",
                "item": "M3S",
                "year": 2025,
                "facts": M3S_FACTS,
                "expect": {"amount": "280000.00"},
            },
            {
                "name": "bad amount",
                "item": "M3S",
                "year": 2025,
                "facts": M3S_FACTS,
                "expect": {"amount": "1"},
            },
            {
                "name": "bad error",
                "item": "M3S",
                "year": 2023,
                "facts": M3S_FACTS,
                "expect": {"eligible": True},
            },
        ],
    )
    broken = _write(tmp_path, "- [\n", "broken.yaml")
    done = _cli("check", str(path), str(broken))
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "FAIL bad amount: expected amount=1, got eligible=true amount=280000.00",
        "FAIL bad error: expected eligible=true, got error (no_guideline): 2023 年度没有申报指南（现有年度：2024、2025、2026）",
        f"FAIL {broken}: " + done.stdout.splitlines()[2].split(": ", 1)[1],
        "1 passed, 3 failed",
    ]
    assert "malformed YAML" in done.stdout.splitlines()[2]


def test_cli_verbose_lists_passing_cases_and_refusal_messages(tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "name": "neg",
                "item": "M6",
                "year": 2025,
                "expect": {"error": True},
                "facts": {
                    "registered_in_tianhe": True,
                    "above_scale": True,
                    "ai_enterprise": True,
                    "ai_llm_field": True,
                    "paid_to_institutions": "-100",
                },
            }
        ],
    )
    done = _cli("check", "-v", str(path))
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "ok neg: refused (negative_amount): 事实「实到高校、科研机构金额」(paid_to_institutions) 不能为负数，收到 '-100'",
        "1 passed, 0 failed",
    ]


def test_cli_without_files_is_a_usage_error():
    done = _cli("check")
    assert done.returncode == 2
    assert "usage" in done.stderr
