"""Letters rendered by real Celery workers through Redis, numbered on PostgreSQL row locks.

The worker subprocess uses the same test database (``DATABASE_URL`` built from
``connection.settings_dict``) and the same private storage; the tests are transactional so what
they create is committed and visible to it.
"""

import threading
import time

import pytest
from django.db import connection, connections

from applications.models import DecisionLetter, LetterJob, LetterSerial
from applications.services import letters as svc
from tests.celery_worker import celery_worker
from tests.factories import EnterpriseFactory, SeniorReviewerFactory
from tests.letters.conftest import make_decided_claim


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] or ""
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{s['NAME']}"


def _wait(predicate, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_duplicate_and_redelivered_tasks_make_one_letter(postgres, redis_url, settings):
    from applications.tasks import render_decision_letter

    senior = SeniorReviewerFactory()
    claim = make_decided_claim()
    other = make_decided_claim(enterprise=EnterpriseFactory())
    job = LetterJob.objects.create(created_by=senior, claim_ids=[claim.pk, other.pk], total=2)
    env = {"DATABASE_URL": _database_url(), "PRIVATE_STORAGE_ROOT": str(settings.PRIVATE_STORAGE_ROOT)}
    with celery_worker(redis_url, concurrency=2, extra_env=env, name="letters") as proc:
        first = render_decision_letter.apply_async((claim.pk, job.pk))
        render_decision_letter.apply_async((claim.pk, job.pk))  # sent twice
        render_decision_letter.apply_async((claim.pk, job.pk), task_id=first.id)  # a redelivery of the first
        render_decision_letter.apply_async((other.pk, job.pk))
        finished = _wait(lambda: LetterJob.objects.filter(pk=job.pk, finished_at__isnull=False).exists())
        # let the duplicates finish too before looking
        _wait(lambda: False, timeout=3)
        assert finished, "the worker did not finish the job"
        assert proc.poll() is None
    job.refresh_from_db()
    assert (job.done, job.failed) == (2, 0)
    letters = list(DecisionLetter.objects.order_by("serial"))
    assert [(letter.claim_id, letter.serial) for letter in letters] in (
        [(claim.pk, 1), (other.pk, 2)],
        [(other.pk, 1), (claim.pk, 2)],
    )
    assert LetterSerial.objects.get(year=2025).last == 2
    for letter in letters:
        assert letter.pdf and svc.verify_letter(letter)
    assert claim.events.filter(action="letter_issued").count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_numbering_on_postgres_no_gap_no_duplicate(postgres):
    """Twelve threads issue letters at once (four claims each asked three times)."""
    claims = [make_decided_claim(enterprise=EnterpriseFactory()) for _ in range(4)]
    errors = []
    barrier = threading.Barrier(12)

    def work(claim_id):
        try:
            barrier.wait(timeout=30)
            svc.take_number(claim_id)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(c.pk,)) for c in claims for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    serials = sorted(DecisionLetter.objects.values_list("serial", flat=True))
    assert serials == [1, 2, 3, 4]
    assert LetterSerial.objects.get(year=2025).last == 4
