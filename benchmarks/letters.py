"""Decision letters: seconds per letter against a minimal one-page Chinese WeasyPrint document, PDF
size, and letters a minute with two workers.

Usage: ``python benchmarks/letters.py [--letters N] [--repeat R] [--worker-letters M]``

Runs in a throw-away test database (pytest-django's way: ``test_<name>``; SQLite by default,
PostgreSQL when ``DATABASE_URL`` is set). In the same process it times, interleaved so that the
machine's load hits both alike:

- the *minimal* document: WeasyPrint rendering one line of Chinese on an A4 page in
  "Noto Serif CJK SC" (no Django, no database);
- a *letter*: ``issue_letter`` for a fresh decided claim — number taken under lock, context built
  from the stored result, HTML, PDF, file stored with its SHA-256 (everything but Celery).

With ``REDIS_URL`` and a PostgreSQL ``DATABASE_URL`` it then starts a real Celery worker with
``--concurrency=2`` and measures letters a minute for a batch queued with ``queue_letters``;
otherwise it says that part was skipped.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

MINIMAL = (
    '<html><head><style>@page { size: A4; margin: 2cm } body { font-family: "Noto Serif CJK SC" }</style></head>'
    "<body><p>广州市天河区科技工业和信息化局决定书。</p></body></html>"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=30, help="letters timed in-process")
    parser.add_argument("--worker-letters", type=int, default=60, help="letters for the two-worker run")
    args = parser.parse_args()

    private = tempfile.mkdtemp(prefix="letters-bench-")
    os.environ["PRIVATE_STORAGE_ROOT"] = private
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    with_workers = bool(os.environ.get("REDIS_URL")) and os.environ.get("DATABASE_URL", "").startswith("postgres")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0" if with_workers else "1"

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    old = setup_databases(verbosity=0, interactive=False)
    try:
        run(args, with_workers, private, connection)
    finally:
        teardown_databases(old, verbosity=0)


def _claims(n: int):
    from tests.factories import EnterpriseFactory
    from tests.letters.conftest import make_decided_claim

    return [make_decided_claim(awarded=i % 4 != 3, enterprise=EnterpriseFactory()) for i in range(n)]


def run(args, with_workers: bool, private: str, connection) -> None:
    import weasyprint

    from applications.letters.fonts import font_face_css
    from applications.models import DecisionLetter
    from applications.services.letters import issue_letter

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, "
          f"WeasyPrint {weasyprint.__version__}, database {connection.vendor}")
    t = time.perf_counter()
    font_face_css()  # builds the subset fonts once if missing (cached in var/cache/letter-fonts)
    print(f"letter fonts ready in {time.perf_counter() - t:.1f} s")

    claims = _claims(args.letters + 1)
    minimal_pdf = weasyprint.HTML(string=MINIMAL).write_pdf()  # warm-up of both paths
    issue_letter(claims[0].pk)
    minimal, letter_times = [], []
    for claim in claims[1:]:
        t = time.perf_counter()
        weasyprint.HTML(string=MINIMAL).write_pdf()
        minimal.append(time.perf_counter() - t)
        t = time.perf_counter()
        issue_letter(claim.pk)
        letter_times.append(time.perf_counter() - t)
    sizes = [d.size for d in DecisionLetter.objects.all()]
    m, lt = statistics.median(minimal), statistics.median(letter_times)
    print(f"minimal one-page Chinese PDF: median {m * 1000:.1f} ms, size {len(minimal_pdf) / 1024:.0f} KiB")
    print(f"decision letter (issue_letter, {len(letter_times)} letters): median {lt * 1000:.1f} ms, "
          f"p95 {sorted(letter_times)[int(0.95 * (len(letter_times) - 1))] * 1000:.1f} ms")
    print(f"ratio letter / minimal: {lt / m:.2f}x (target <= 2x)")
    print(f"letter PDF size: median {statistics.median(sizes) / 1024:.0f} KiB, max {max(sizes) / 1024:.0f} KiB (2 pages)")

    if not with_workers:
        print("two workers: SKIPPED (set REDIS_URL and a PostgreSQL DATABASE_URL to run a real Celery worker)")
        return
    run_workers(args, private, connection)


def run_workers(args, private: str, connection) -> None:
    from applications.models import LetterJob
    from applications.services.letters import queue_letters
    from tests.celery_worker import celery_worker
    from tests.factories import SeniorReviewerFactory
    from tests.letters.test_worker import _database_url

    claims = _claims(args.worker_letters)
    senior = SeniorReviewerFactory()
    env = {"DATABASE_URL": _database_url(), "PRIVATE_STORAGE_ROOT": private}
    with celery_worker(os.environ["REDIS_URL"], concurrency=2, extra_env=env, name="bench-letters"):
        # a small warm-up job so that each worker process has loaded WeasyPrint and the fonts
        warm = queue_letters([c.pk for c in claims[:4]], senior)
        _wait_job(warm.pk)
        t = time.perf_counter()
        job = queue_letters([c.pk for c in claims[4:]], senior)
        _wait_job(job.pk)
        elapsed = time.perf_counter() - t
    job = LetterJob.objects.get(pk=job.pk)
    print(f"two workers (celery --concurrency=2, Redis + PostgreSQL): {job.done} letters in {elapsed:.1f} s "
          f"= {job.done / elapsed * 60:.0f} letters a minute ({job.failed} failed)")


def _wait_job(pk: int, timeout: float = 600) -> None:
    from applications.models import LetterJob

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if LetterJob.objects.filter(pk=pk, finished_at__isnull=False).exists():
            return
        time.sleep(0.1)
    raise SystemExit("the worker did not finish in time")


if __name__ == "__main__":
    main()
