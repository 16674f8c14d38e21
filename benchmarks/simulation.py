"""政策沙盘 (what-if simulation): evaluation of 100,000 claims, and end to end with the database.

Usage: ``python benchmarks/simulation.py [--claims N] [--db-claims M] [--repeat R]``

1. **Evaluation only** — ``administration.services.simulation.evaluate_claims`` over N generated
   claims (the facts generator of ``rules_throughput.py``, all of one year, every item; one in
   three enterprises with 1–3 ledger awards), under the stored parameters and a draft:
   (a) one item's rate changed (M6.rate 0.10 → 0.12: only M6 claims are evaluated twice), and
   (b) the worst case, every item's parameters changed (every claim evaluated twice).
2. **End to end** — ``simulate(year, overrides=...)``: M claims and their awards written to a
   fresh test database (SQLite in memory, or PostgreSQL when ``DATABASE_URL`` is set: a
   ``test_…`` database is created and dropped), then loaded (2 queries + prefetch), evaluated
   and summed, with the top changes and their traces. The figures printed split load/evaluate.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from rules_throughput import generate_claims  # noqa: E402

import rules  # noqa: E402
from administration.services.simulation import SimClaim, evaluate_claims  # noqa: E402

YEAR = 2025


def generated(count: int, seed: int):
    """SimClaims of one year and a ledger {enterprise: [(claim_id, PriorAward)]} (about 3 claims a firm)."""
    rng = random.Random(seed)
    claims, ledger = [], {}
    for pk, (code, _params, facts, priors) in enumerate(generate_claims(count, seed), 1):
        enterprise = rng.randrange(max(count // 3, 1))
        claims.append(SimClaim(pk, code, enterprise, f"TH{YEAR}-{code}-{pk:06d}", facts))
        for prior in priors:
            ledger.setdefault(enterprise, []).append((0, prior))
    return claims, ledger


def all_items_changed() -> dict:
    """A draft that moves every item's parameters (rates −0.01 or caps +10 %), so every claim is re-evaluated."""
    overrides = {}
    for code, item in rules.ITEMS.items():
        for p in item.params:
            if p.kind == "rate":
                overrides[f"{code}.{p.name}"] = str(p.default * 9 / 10)
            elif p.kind == "money" and ("cap" in p.name or "award" in p.name):
                overrides[f"{code}.{p.name}"] = str(p.default * 11 / 10)
    return overrides


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def evaluation_only(count: int, seed: int, repeat: int) -> None:
    claims, ledger = generated(count, seed)
    current = rules.YearParameters.for_year(YEAR)
    one = rules.YearParameters.for_year(YEAR, overrides={"M6.rate": "0.12"})
    every = rules.YearParameters.for_year(YEAR, overrides=all_items_changed())
    m6 = sum(1 for c in claims if c.item == "M6")
    t_one = best_of(lambda: evaluate_claims(claims, ledger, current, one), repeat)
    t_all = best_of(lambda: evaluate_claims(claims, ledger, current, every), repeat)
    print(f"evaluation only, {count:,} claims ({m6:,} of M6), best of {repeat}:")
    print(f"  draft changes M6.rate only  : {t_one:6.2f} s  ({count / t_one:,.0f} claims/s; {count + m6:,} evaluations)")
    print(f"  draft changes every item    : {t_all:6.2f} s  ({count / t_all:,.0f} claims/s; {2 * count:,} evaluations)")


def end_to_end(count: int, seed: int) -> None:
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import setup_test_environment

    from accounts.models import User
    from administration.services.simulation import simulate
    from applications.models import Award, Claim, Enterprise
    from subsidies.models import Guideline

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rng = random.Random(seed)
        start = time.perf_counter()
        firms = Enterprise.objects.bulk_create(
            Enterprise(uscc=f"BENCH{n:013d}", name=f"企业{n}", registered_address="天河区", district="天河区")
            for n in range(max(count // 3, 1))
        )
        guideline = Guideline.objects.get(year=YEAR)
        User.objects.create_user(email="bench@example.cn", password="x" * 12)
        rows = []
        for code, _params, facts, _priors in generate_claims(count, seed):
            rows.append(Claim(enterprise=rng.choice(firms), item_id=code, guideline=guideline, year=YEAR, status="submitted", facts=facts))
        Claim.objects.bulk_create(rows, batch_size=5000)
        awarded = [c for c in rows[: count // 3]]
        Award.objects.bulk_create(
            (Award(claim=c, enterprise_id=c.enterprise_id, item_id=c.item_id, year=YEAR, amount=Decimal(rng.randrange(1, 300000)), status="committed")
             for c in awarded),
            batch_size=5000,
        )
        print(f"end to end on {connection.vendor}: {count:,} claims, {len(awarded):,} ledger awards written in {time.perf_counter() - start:.1f} s")
        for label, overrides in (("M6.rate only", {"M6.rate": "0.12"}), ("every item", all_items_changed())):
            start = time.perf_counter()
            result = simulate(YEAR, overrides=overrides)
            total = time.perf_counter() - start
            t = result["timing_ms"]
            print(
                f"  simulate, draft changes {label:12}: {total:6.2f} s  (load {t['load'] / 1000:.2f} s, "
                f"evaluate {t['evaluate'] / 1000:.2f} s, sums+traces {(t['total'] - t['load'] - t['evaluate']) / 1000:.2f} s); "
                f"{result['totals']['count']:,} claims, {result['totals']['errors']:,} refused"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db-claims", type=int, default=100_000, help="0 to skip the end-to-end run")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")
    evaluation_only(args.claims, args.seed, args.repeat)
    if args.db_claims:
        end_to_end(args.db_claims, args.seed)


if __name__ == "__main__":
    main()
