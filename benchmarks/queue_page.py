"""The review queue page at 10,000 claims: SQL queries per page, median and p95 response time.

Usage: ``python benchmarks/queue_page.py [--claims N] [--repeat R]``

Runs in a throw-away test database (``test_<name>``: SQLite by default, PostgreSQL when
``DATABASE_URL`` is set), fills it with ``--claims`` submitted-or-later claims of 400 enterprises
over every item, status and reviewer (each with realistic ``facts`` and a stored ``result`` JSON
with its trace, the large fields the queue must not load), logs a reviewer in with Django's test
client and times whole page requests (URL resolution, middleware, permission checks, filters,
template rendering) for several typical views of the queue.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

VIEWS = [
    ("default (assigned to me first, newest first)", "/review/"),
    ("page 200 of the default view", "/review/?page=200"),
    ("filtered: year + item + status, by amount", "/review/?year=2026&item=M6&status=submitted&sort=-amount"),
    ("search by enterprise name", "/review/?q=%E6%99%BA%E7%AE%97&sort=enterprise"),
    ("only mine", "/review/?mine=true"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40, help="requests timed per view")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["PORTAL_STAFF_REQUIRE_2FA"] = "0"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()  # lets the client see the page's context (rows shown)
    old = setup_databases(verbosity=0, interactive=False)
    try:
        run(args, connection)
    finally:
        teardown_databases(old, verbosity=0)


def populate(n: int):
    import random
    from datetime import timedelta

    from django.utils import timezone

    import rules
    from accounts.models import Role, User
    from applications.models import Claim, ClaimStatus, Enterprise
    from subsidies.models import Guideline
    from tests.factories import next_uscc

    rnd = random.Random(20261125)
    reviewers = [User.objects.create_user(email=f"r{i}@bench.cn", password="x" * 12, role=Role.REVIEWER,
                                          full_name=f"初审{i}") for i in range(6)]
    seniors = [User.objects.create_user(email=f"s{i}@bench.cn", password="x" * 12, role=Role.SENIOR_REVIEWER,
                                        full_name=f"复审{i}") for i in range(3)]
    prefixes = ["智算", "五山", "金融城", "珠江", "天河软件园", "员村", "车陂", "猎德"]
    enterprises = Enterprise.objects.bulk_create([
        Enterprise(uscc=next_uscc(), name=f"广州{prefixes[i % 8]}大模型科技有限公司{i}", registered_address="广州市天河区",
                   contact_person="张三", contact_phone="13800138000",
                   profile_facts={"llm_enterprise": True, "ai_llm_field": True, "cac_algorithm_filed": i % 2 == 0},
                   above_scale=True, ai_enterprise=True)
        for i in range(400)
    ])
    guidelines = {g.year: g for g in Guideline.objects.all()}
    items = list(rules.ITEMS)
    statuses = [s for s in ClaimStatus.values if s != ClaimStatus.DRAFT]
    sample = rules.evaluate("M6", rules.YearParameters.for_year(2025), {
        "registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True, "ai_llm_field": True,
        "paid_to_institutions": "3800000"}).to_dict()
    now = timezone.now()
    rows = []
    for i in range(n):
        year = (2024, 2025, 2026)[i % 3]
        rows.append(Claim(
            enterprise=enterprises[rnd.randrange(len(enterprises))], item_id=items[i % len(items)],
            guideline=guidelines[year], year=year, status=statuses[rnd.randrange(len(statuses))],
            title=f"项目{i}", facts={"registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True,
                                    "ai_llm_field": True, "paid_to_institutions": str(1_000_000 + i),
                                    "annual_revenue": str(50_000_000 * (i % 9 + 1))},
            result=sample, computed_amount=rnd.randrange(0, 1_000_000),
            first_assignee=reviewers[i % 6] if i % 5 else None, second_assignee=seniors[i % 3] if i % 4 == 0 else None,
            submitted_at=now - timedelta(minutes=i),
        ))
    Claim.objects.bulk_create(rows, batch_size=1000)
    return reviewers[0]


def run(args, connection) -> None:
    from django.test import Client

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, "
          f"database {connection.vendor}")
    t0 = time.perf_counter()
    reviewer = populate(args.claims)
    print(f"generated {args.claims:,} claims in {time.perf_counter() - t0:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    client = Client()
    client.force_login(reviewer)
    print(f"{'view':48} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'rows':>5}")
    for label, url in VIEWS:
        statements: list[str] = []

        def count(execute, sql, params, many, context, statements=statements):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        rows = len(r.context["page"].object_list)
        for _ in range(3):  # warm-up
            client.get(url)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        print(f"{label:48} {len(statements):>7} {statistics.median(times):>10.1f} {p95:>8.1f} {rows:>5}")


if __name__ == "__main__":
    main()
