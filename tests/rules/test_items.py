"""The item declarations against measures.md and the policy text; and the package's purity."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from rules import DEFAULT_PARAMETERS, FACTS, ITEMS, MEASURES, format_wan, format_yuan
from rules.declarations import LIMIT_KINDS, PARAM_KINDS, Compare, Fact, RequiredWhen
from rules.facts import FACT_KINDS

REPO = Path(__file__).resolve().parents[2]
POLICY = REPO.parent / "shared" / "policy" / "000_b4e07f6a1d9fdc80.txt"

REQUIRES = {  # measures.md "The items", plus registered_in_tianhe for every item
    "M1A": {"investor_qualified", "newly_established", "ai_business", "above_scale"},
    "M1B": {"investor_qualified", "newly_established", "ai_business"},
    "M1C": {"investor_qualified", "newly_established", "district_government_approved"},
    "M2": {"llm_enterprise"},
    "M3S": {"above_scale", "selected_demonstration"},
    "M3P": {"above_scale", "selected_demonstration"},
    "M4": {"ai_llm_field"},
    "M5": {"cac_algorithm_filed"},
    "M6": {"above_scale", "ai_enterprise", "ai_llm_field"},
    "M7": {"above_scale"},
    "M8": {"ai_enterprise"},
    "M9A": {"ai_enterprise"},
    "M9B": {"above_scale", "ai_enterprise"},
    "M10": {"preapproved", "event_in_tianhe"},
}
READS = {
    "M1A": set(),
    "M1B": {"annual_revenue", "previous_peak_revenue"},
    "M1C": {"approved_amount"},
    "M2": {"annual_revenue", "prev_annual_revenue", "rd_investment", "prev_rd_investment"},
    "M3S": {"actual_payment"},
    "M3P": {"actual_payment"},
    "M4": {"basis", "accepted", "level", "superior_funding", "project_ref"},
    "M5": {"rd_investment", "prev_rd_investment"},
    "M6": {"paid_to_institutions"},
    "M7": {"dcmm_level"},
    "M8": {"compute_transaction_amount", "compute_contract_amount"},
    "M9A": {"vc_investment_prev_year"},
    "M9B": {"cumulative_bank_loans", "interest_paid_prev_year"},
    "M10": {"organizer_type", "actual_expenses"},
}


def test_items_in_policy_order():
    assert list(ITEMS) == [
        "M1A",
        "M1B",
        "M1C",
        "M2",
        "M3S",
        "M3P",
        "M4",
        "M5",
        "M6",
        "M7",
        "M8",
        "M9A",
        "M9B",
        "M10",
    ]
    assert [code for measure in MEASURES for code in measure.items] == list(ITEMS)
    assert [m.number for m in MEASURES] == list(range(1, 11))
    assert [m.clause for m in MEASURES] == [f"三.{n}" for n in range(1, 11)]


def test_requires_and_reads_follow_measures_md():
    for code, item in ITEMS.items():
        assert item.requires[0] == "registered_in_tianhe", code
        assert set(item.requires) == REQUIRES[code] | {"registered_in_tianhe"}, code
        assert set(item.reads) == READS[code], code
        assert all(FACTS[name].kind == "bool" for name in item.requires), code
        assert all(FACTS[name].kind != "bool" or name == "accepted" for name in item.reads), code


def test_every_fact_is_declared_and_labelled():
    assert FACT_KINDS == ("bool", "money", "int", "choice", "text")
    used = {name for item in ITEMS.values() for name in item.requires + item.reads}
    assert used == set(FACTS)
    assert {"registered_in_tianhe", "above_scale", "ai_enterprise"} <= set(FACTS)
    for name, spec in FACTS.items():
        assert spec.name == name
        assert spec.kind in FACT_KINDS
        assert re.search(r"[\u4e00-\u9fff]", spec.label_zh) and spec.label_en and spec.help_zh
        assert bool(spec.choices) == (spec.kind == "choice")
        assert bool(spec.requirement_zh) == (spec.kind == "bool")
    assert [c for c, _ in FACTS["level"].choices] == ["national", "provincial", "municipal"]
    assert [c for c, _ in FACTS["basis"].choices] == ["first_version_software", "core_tech_project"]
    assert [c for c, _ in FACTS["organizer_type"].choices] == ["industry_association", "leading_enterprise"]


def test_item_metadata():
    assert PARAM_KINDS == {"money": "元", "rate": "比例", "int": "个"}
    for code, item in ITEMS.items():
        assert item.code == code
        assert item.clause == f"三.{item.measure}"
        assert item.limit in LIMIT_KINDS
        assert item.name_zh and item.name_en
        assert [p.name for p in item.params] == list(DEFAULT_PARAMETERS[code])
        for param in item.params:
            assert param.unit == PARAM_KINDS[param.kind]
            assert isinstance(param.default, Decimal) and param.label_zh and param.label_en
        for condition in item.conditions:
            assert isinstance(condition, (Compare, RequiredWhen))
            if isinstance(condition, Compare) and isinstance(condition.right, Fact):
                assert condition.right.name in item.reads
    assert {c for c, i in ITEMS.items() if i.has_project_ref} == {"M3S", "M3P", "M4", "M10"}
    assert {c for c, i in ITEMS.items() if i.discretionary} == {"M1C"}
    assert {c: i.limit for c, i in ITEMS.items()} == {
        "M1A": "once",
        "M1B": "once",
        "M1C": "none",
        "M2": "annual_cap",
        "M3S": "annual_cap",
        "M3P": "annual_cap",
        "M4": "level_cap_once_per_project",
        "M5": "annual_cap",
        "M6": "annual_cap",
        "M7": "m7_levels",
        "M8": "term_cap",
        "M9A": "annual_cap",
        "M9B": "annual_cap",
        "M10": "annual_cap",
    }


def _policy_text() -> str:
    text = POLICY.read_text("utf-8")
    text = re.sub(r"\n+— \d+ (\*\*)?—(\*\*)?\n+(- )?", "", text)  # page breaks inside a clause
    return text.replace("按实际发\n\n生利息", "按实际发生利息")


def test_clause_texts_are_verbatim():
    policy = _policy_text()
    for measure in MEASURES:
        assert measure.clause_text in policy, measure.clause
        assert measure.clause_text.startswith(f"{measure.number}.")
        assert measure.name_zh in measure.clause_text
        for code in measure.items:
            assert ITEMS[code].clause_text in measure.clause_text, code
            assert ITEMS[code].measure == measure.number


def test_format_yuan_and_wan():
    assert format_yuan(Decimal("1234567.89")) == "1,234,567.89 元"
    assert format_yuan(Decimal("0")) == "0.00 元"
    assert format_yuan(Decimal("0.005")) == "0.01 元"
    assert format_yuan(Decimal("-1500")) == "-1,500.00 元"
    assert format_wan(Decimal("1234567.89")) == "123.46 万元"
    assert format_wan(Decimal("100000")) == "10.00 万元"
    assert format_wan(Decimal("50000000")) == "5,000.00 万元"
    assert format_wan(Decimal("50")) == "0.01 万元"  # 0.005 万元 → HALF_UP


# --- purity: no Django, nothing beyond the stdlib (PyYAML for the case files only) ---------------

RULES_DIR = REPO / "rules"


def _imported_in_subprocess(statement: str) -> list[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_importing_rules_loads_no_django():
    modules = _imported_in_subprocess("import rules, rules.cases, rules.__main__")
    assert [m for m in modules if m.startswith("django")] == []


def _third_party(statement: str) -> set[str]:
    """Top-level non-stdlib modules ``statement`` loads beyond what the interpreter starts with."""
    loaded = set(_imported_in_subprocess(statement)) - set(_imported_in_subprocess("pass"))
    return {name.split(".")[0] for name in loaded} - set(sys.stdlib_module_names) - {"rules"}


def test_the_rules_core_uses_only_the_standard_library():
    assert _third_party("import rules") == set()
    # PyYAML's C extension brings its Cython runtime along.
    extra = {name for name in _third_party("import rules.cases") if not name.startswith("_cython")}
    assert extra <= {"yaml", "_yaml", "cython_runtime"}


def test_no_source_file_mentions_django_imports():
    for path in RULES_DIR.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "django" for name in names), path
