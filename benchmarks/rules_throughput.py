"""Throughput of ``rules.evaluate``: 100,000 generated claims over all 14 items, one process.

Usage: ``python benchmarks/rules_throughput.py [--claims N] [--seed S] [--repeat R]``

The claims are generated deterministically (seeded) from the items' own declarations: every
fact an item reads (bools true nine times in ten, amounts from 0 to about 10 亿 as strings, one in
four with fen), a guideline year 2024–2026, and for about a third of them one to three earlier
awards (``PriorAward`` objects, as the ledger would pass them) of the same or another item. All
claims are valid input; some are ineligible. Timings are the best of ``--repeat`` runs of the
whole batch; the trace is always built (as tuples) by ``evaluate``, and a second figure adds
``Result.to_dict()``, which words every step. Peak memory is measured in separate runs under
``tracemalloc`` (which slows them down): evaluating the claims one after another, and keeping every
Result; plus the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rules import FACTS, GUIDELINE_YEARS, ITEM_CODES, ITEMS, PriorAward, YearParameters, evaluate  # noqa: E402


def _amount(rng: random.Random) -> str:
    whole = int(10 ** rng.uniform(4, 9.5))
    return f"{whole}.{rng.randrange(100):02d}" if rng.random() < 0.25 else str(whole)


def _fact_value(name: str, rng: random.Random):
    spec = FACTS[name]
    if spec.kind == "bool":
        return rng.random() < 0.9
    if spec.kind == "money":
        return _amount(rng)
    if spec.kind == "int":
        return rng.randint(spec.minimum, spec.maximum)
    if spec.kind == "choice":
        return rng.choice(spec.choices)[0]
    return f"PRJ-{rng.randrange(40):03d}"


def generate_claims(count: int, seed: int) -> list[tuple]:
    """``count`` claims ``(item_code, YearParameters, facts, prior_awards)``, spread over all items."""
    rng = random.Random(seed)
    years = {year: YearParameters.for_year(year) for year in GUIDELINE_YEARS}
    claims = []
    for index in range(count):
        code = ITEM_CODES[index % len(ITEM_CODES)]
        item = ITEMS[code]
        facts = {
            name: _fact_value(name, rng) for name in ("registered_in_tianhe", "above_scale", "ai_enterprise")
        }
        facts.update((name, _fact_value(name, rng)) for name in item.requires + item.reads)
        if code == "M2" and rng.random() < 0.7:  # make most M2 claims reach its 50亿 threshold
            facts["annual_revenue"] = str(5_000_000_000 + rng.randrange(500_000_000))
            facts["rd_investment"] = str(500_000_000 + rng.randrange(100_000_000))
        priors = []
        if rng.random() < 0.33:
            for _ in range(rng.randint(1, 3)):
                prior_code = code if rng.random() < 0.6 else rng.choice(ITEM_CODES)
                ref = facts.get("project_ref") if rng.random() < 0.3 else None
                priors.append(
                    PriorAward(prior_code, rng.choice(GUIDELINE_YEARS), str(rng.randrange(1, 600_000)), ref)
                )
        claims.append((code, years[rng.choice(GUIDELINE_YEARS)], facts, priors))
    return claims


def run_evaluate(claims) -> None:
    for code, parameters, facts, priors in claims:
        evaluate(code, parameters, facts, priors)


def run_evaluate_to_dict(claims) -> None:
    for code, parameters, facts, priors in claims:
        evaluate(code, parameters, facts, priors).to_dict()


def best_of(function, claims, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(claims)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    claims = generate_claims(args.claims, args.seed)
    eligible = sum(evaluate(*claim).eligible for claim in claims)
    seconds = best_of(run_evaluate, claims, args.repeat)
    seconds_dict = best_of(run_evaluate_to_dict, claims, args.repeat)

    tracemalloc.start()
    run_evaluate(claims)
    _current, peak_streaming = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    kept = [evaluate(*claim) for claim in claims]
    _current, peak_kept = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}")
    print(f"claims: {len(claims):,} over {len(ITEM_CODES)} items, {eligible:,} eligible, seed {args.seed}")
    print(
        f"evaluate:           {len(claims) / seconds:>10,.0f} evaluations/s  "
        f"({seconds * 1e6 / len(claims):.2f} µs each, best of {args.repeat})"
    )
    print(
        f"evaluate + to_dict: {len(claims) / seconds_dict:>10,.0f} evaluations/s  "
        f"({seconds_dict * 1e6 / len(claims):.2f} µs each, best of {args.repeat})"
    )
    print(
        f"peak traced memory: {peak_streaming / 1024:.0f} KiB evaluating the claims one after another; "
        f"{peak_kept / 1024 / 1024:.1f} MiB keeping every Result ({peak_kept / len(claims):.0f} bytes each)"
    )
    print(f"process max RSS (claims, results and interpreter): {max_rss_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
