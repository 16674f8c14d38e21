"""文号 without gaps or duplicates; idempotent tasks; crashes; batch jobs and their progress page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from applications.models import ClaimStatus, DecisionLetter, LetterJob, LetterSerial
from applications.services import letters as svc
from applications.tasks import render_decision_letter
from tests.factories import ApplicantFactory, ClaimFactory, EnterpriseFactory, ReviewerFactory
from tests.letters.conftest import make_decided_claim

pytestmark = pytest.mark.django_db


def _at(year, month=12, day=3):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def test_thirty_letters_numbered_one_to_thirty(senior, django_capture_on_commit_callbacks, settings):
    settings.PORTAL_LETTER_PREFIX = "天科工信"
    claims = [make_decided_claim(awarded=i % 3 != 0, enterprise=EnterpriseFactory()) for i in range(30)]
    with django_capture_on_commit_callbacks(execute=True):
        job = svc.queue_letters([c.pk for c in claims], senior)
    job.refresh_from_db()
    assert (job.total, job.done, job.failed) == (30, 30, 0) and job.finished_at is not None
    letters = list(DecisionLetter.objects.filter(year=2025).order_by("serial"))
    assert [letter.serial for letter in letters] == list(range(1, 31))
    assert len({letter.reference for letter in letters}) == 30
    assert {letter.claim_id for letter in letters} == {c.pk for c in claims}
    assert all(letter.pdf and letter.size > 0 and len(letter.sha256) == 64 for letter in letters)
    assert LetterSerial.objects.get(year=2025).last == 30
    assert letters[11].reference == "天科工信〔2025〕12号"


def test_numbering_restarts_each_year():
    a = make_decided_claim(decided_at=_at(2025))
    b = make_decided_claim(decided_at=_at(2025, 12, 31), enterprise=EnterpriseFactory())
    c = make_decided_claim(decided_at=_at(2026, 1, 2), enterprise=EnterpriseFactory())
    refs = [svc.issue_letter(x.pk)[0].reference for x in (a, b, c)]
    assert refs == ["天科工信〔2025〕1号", "天科工信〔2025〕2号", "天科工信〔2026〕1号"]


def test_task_twice_one_letter_one_number(awarded_claim):
    first = render_decision_letter.delay(awarded_claim.pk).get()
    second = render_decision_letter.delay(awarded_claim.pk).get()
    assert first["ok"] and first["rendered"] and second["ok"] and not second["rendered"]
    assert first["reference"] == second["reference"]
    assert DecisionLetter.objects.count() == 1
    assert LetterSerial.objects.get(year=2025).last == 1
    assert awarded_claim.events.filter(action="letter_issued").count() == 1


def test_crash_after_number_taken_rerun_keeps_the_number(awarded_claim, monkeypatch):
    real = svc._render
    calls = {"n": 0}

    def crash_once(claim, letter):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("worker lost while rendering")
        return real(claim, letter)

    monkeypatch.setattr(svc, "_render", crash_once)
    with pytest.raises(RuntimeError):
        svc.issue_letter(awarded_claim.pk)
    row = DecisionLetter.objects.get(claim=awarded_claim)
    assert row.serial == 1 and not row.pdf  # the number is taken, with its row, but no PDF yet
    letter, rendered = svc.issue_letter(awarded_claim.pk)
    assert rendered and letter.pk == row.pk and letter.serial == 1 and letter.pdf and svc.verify_letter(letter)
    other = make_decided_claim(enterprise=EnterpriseFactory())
    assert svc.issue_letter(other.pk)[0].serial == 2  # no gap, no duplicate
    assert LetterSerial.objects.get(year=2025).last == 2


def test_crash_inside_numbering_takes_no_number(awarded_claim, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(DecisionLetter.objects, "create", boom)
    with pytest.raises(RuntimeError):
        svc.take_number(awarded_claim.pk)
    assert not DecisionLetter.objects.exists()
    assert LetterSerial.objects.filter(year=2025, last__gt=0).count() == 0  # rolled back with it
    monkeypatch.undo()
    assert svc.issue_letter(awarded_claim.pk)[0].serial == 1


def test_job_counts_each_claim_once_and_retries_failures(senior, monkeypatch, django_capture_on_commit_callbacks):
    a = make_decided_claim()
    b = make_decided_claim(awarded=False, enterprise=EnterpriseFactory())
    real = svc._render

    def fail_for_b(claim, letter):
        if claim.pk == b.pk:
            raise RuntimeError("字体缺失")
        return real(claim, letter)

    monkeypatch.setattr(svc, "_render", fail_for_b)
    with django_capture_on_commit_callbacks(execute=True):
        job = svc.queue_letters([a.pk, b.pk, a.pk], senior)  # duplicates are ignored
    job.refresh_from_db()
    assert (job.total, job.done, job.failed) == (2, 1, 1) and job.finished_at is not None
    assert "字体缺失" in job.outcomes[str(b.pk)]["message"]
    render_decision_letter.delay(a.pk, job.pk)  # a redelivered task: counted once
    job.refresh_from_db()
    assert (job.done, job.failed) == (1, 1)
    monkeypatch.setattr(svc, "_render", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.retry_failed(job, senior) == [b.pk]
    job.refresh_from_db()
    assert (job.done, job.failed) == (2, 0)
    assert sorted(DecisionLetter.objects.values_list("serial", flat=True)) == [1, 2]


def test_queue_refuses_undecided_and_foreign_claims(senior):
    decided = make_decided_claim()
    pending = ClaimFactory(status=ClaimStatus.SUBMITTED)
    with pytest.raises(ValidationError) as err:
        svc.queue_letters([decided.pk, pending.pk], senior)
    assert "尚未作出决定" in str(err.value)
    with pytest.raises(ValidationError):
        svc.queue_letters([], senior)
    with pytest.raises(ValidationError, match="未找到"):
        svc.queue_letters([999999], senior)
    assert not LetterJob.objects.exists() and not DecisionLetter.objects.exists()


def test_only_senior_reviewers_generate_letters(awarded_claim):
    for user in (ApplicantFactory(enterprise=awarded_claim.enterprise), ReviewerFactory()):
        with pytest.raises(PermissionDenied):
            svc.queue_letters([awarded_claim.pk], user)
    assert not LetterJob.objects.exists()


def test_task_refuses_undecided_claim():
    claim = ClaimFactory(status=ClaimStatus.SUBMITTED)
    out = render_decision_letter.delay(claim.pk).get()
    assert not out["ok"] and "尚未作出决定" in out["error"]
    assert not DecisionLetter.objects.exists() and not LetterSerial.objects.filter(last__gt=0).exists()


# --- progress page and API -------------------------------------------------------------------


def _job(senior, claims, capture):
    with capture(execute=True):
        return svc.queue_letters([c.pk for c in claims], senior)


def test_progress_page_and_htmx_partial(client, senior, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    claims = [make_decided_claim(enterprise=EnterpriseFactory()) for _ in range(3)]
    job = _job(senior, claims, django_capture_on_commit_callbacks)
    client.force_login(senior)
    page = client.get(reverse("letters:job", args=[job.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "已完成 3 / 3 份" in html and "天科工信〔2025〕3号" in html
    assert reverse("letters:download", args=[claims[0].pk]) in html
    assert 'hx-trigger="every' not in html  # finished: no more polling
    partial = client.get(reverse("letters:job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "<html" not in partial.content.decode()


def test_progress_polls_while_running(client, senior):
    claim = make_decided_claim()
    job = LetterJob.objects.create(created_by=senior, claim_ids=[claim.pk], total=1)
    client.force_login(senior)
    html = client.get(reverse("letters:job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1500ms"' in html and "排队中" in html


def test_progress_page_queries_constant(client, senior, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = _job(senior, [make_decided_claim(enterprise=EnterpriseFactory()) for _ in range(2)], django_capture_on_commit_callbacks)
    big = _job(senior, [make_decided_claim(enterprise=EnterpriseFactory()) for _ in range(12)], django_capture_on_commit_callbacks)
    client.force_login(senior)
    counts = []
    for job in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("letters:job", args=[job.pk]), HTTP_HX_REQUEST="true").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_progress_page_is_staff_only(client, senior, django_capture_on_commit_callbacks):
    claim = make_decided_claim()
    job = _job(senior, [claim], django_capture_on_commit_callbacks)
    client.force_login(ApplicantFactory(enterprise=claim.enterprise))
    assert client.get(reverse("letters:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("api-letter-job", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("letters:job", args=[job.pk])).status_code == 302


def test_api_start_and_follow_a_job(client, senior, django_capture_on_commit_callbacks):
    claims = [make_decided_claim(enterprise=EnterpriseFactory()) for _ in range(2)]
    client.force_login(senior)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("api-letter-jobs"), {"claim_ids": [c.pk for c in claims]}, content_type="application/json")
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    body = client.get(reverse("api-letter-job", args=[job_id])).json()
    assert body["done"] == 2 and body["finished"] and {c["state"] for c in body["claims"]} == {"done"}
    assert all(c["reference"].startswith("天科工信〔2025〕") for c in body["claims"])
    bad = client.post(reverse("api-letter-jobs"), {"claim_ids": "1,2"}, content_type="application/json")
    assert bad.status_code == 400 and "claim_ids" in bad.json()["fields"]
    undecided = ClaimFactory(status=ClaimStatus.SUBMITTED)
    refused = client.post(reverse("api-letter-jobs"), {"claim_ids": [undecided.pk]}, content_type="application/json")
    assert refused.status_code == 400 and "尚未作出决定" in refused.json()["detail"]
    client.force_login(ReviewerFactory())
    forbidden = client.post(reverse("api-letter-jobs"), {"claim_ids": [claims[0].pk]}, content_type="application/json")
    assert forbidden.status_code == 403
