"""Decision letters: numbering, rendering, storage and the batch jobs that generate them.

The 文号 (天科工信〔2025〕12号) is numbered per year without gaps or duplicates:

1. :func:`take_number` locks the claim, and if it has no letter yet, locks the year's
   ``LetterSerial`` row, takes ``last + 1`` and creates the ``DecisionLetter`` row — all in ONE
   transaction. A number exists only with its letter row; a crash before the commit takes none.
2. :func:`attach_pdf` locks that letter row, renders the PDF and stores it with its SHA-256 and
   size. A crash here leaves a row without a PDF; the next run renders it under the SAME number.

:func:`issue_letter` does both and is idempotent: a claim whose letter has a PDF is skipped. The
Celery task ``applications.tasks.render_decision_letter`` calls it; ``queue_letters`` starts a
batch (:class:`LetterJob`) and the job counts each claim once (``outcomes``), however often its
task runs.
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.models import Claim, ClaimStatus, DecisionLetter, LetterJob, LetterSerial

logger = logging.getLogger(__name__)

#: The statuses a letter can be issued for, and the letter each one gets.
LETTER_KINDS = {
    ClaimStatus.AWARDED: DecisionLetter.Kind.AWARD,
    ClaimStatus.PAID: DecisionLetter.Kind.AWARD,
    ClaimStatus.REJECTED: DecisionLetter.Kind.REJECTION,
}


class LetterError(Exception):
    """A letter cannot be issued for this claim; ``str()`` is the reason in Chinese."""


def reference_for(year: int, serial: int) -> str:
    """天科工信〔2025〕12号."""
    return f"{settings.PORTAL_LETTER_PREFIX}〔{year}〕{serial}号"


def letter_year(claim: Claim) -> int:
    """Letters are numbered in the year of the decision (local time)."""
    when = claim.decided_at or timezone.now()
    return timezone.localtime(when).year


def letter_kind(claim: Claim) -> str:
    try:
        return LETTER_KINDS[claim.status]
    except KeyError:
        raise LetterError(
            _("申报 %(number)s 当前状态为“%(status)s”，尚未作出决定，不能出具决定书。")
            % {"number": claim.number, "status": claim.get_status_display()}
        )


def take_number(claim_id: int) -> DecisionLetter:
    """The claim's letter row, created with the year's next 文号 if it has none (one transaction)."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        existing = DecisionLetter.objects.filter(claim_id=claim.pk).first()
        if existing is not None:
            return existing
        kind = letter_kind(claim)
        year = letter_year(claim)
        serial, _created = LetterSerial.objects.select_for_update().get_or_create(year=year)
        LetterSerial.objects.filter(pk=year).update(last=F("last") + 1)
        serial.refresh_from_db(fields=["last"])
        return DecisionLetter.objects.create(
            claim=claim, kind=kind, year=year, serial=serial.last, reference=reference_for(year, serial.last)
        )


def _render(claim: Claim, letter: DecisionLetter) -> bytes:
    from applications.letters.render import render_pdf

    return render_pdf(claim, letter)


def _storage_name(letter: DecisionLetter) -> str:
    return f"{letter.year}/letter-{letter.year}-{letter.serial:05d}-{uuid.uuid4().hex[:12]}.pdf"


def attach_pdf(letter_id: int) -> tuple[DecisionLetter, bool]:
    """Render and store the PDF of a numbered letter unless it has one; returns (letter, rendered)."""
    with transaction.atomic():
        letter = DecisionLetter.objects.select_for_update().get(pk=letter_id)
        if letter.pdf:
            return letter, False
        claim = Claim.objects.select_related("enterprise", "item", "guideline").get(pk=letter.claim_id)
        pdf = _render(claim, letter)
        letter.pdf.save(_storage_name(letter), ContentFile(pdf), save=False)
        stored_name = letter.pdf.name
        try:
            letter.sha256 = hashlib.sha256(pdf).hexdigest()
            letter.size = len(pdf)
            letter.save(update_fields=["pdf", "sha256", "size"])
            from applications.services.workflow import record_event

            record_event(
                claim,
                "letter_issued",
                None,
                from_status=claim.status,
                to_status=claim.status,
                message=_("已出具%(kind)s %(reference)s。") % {"kind": letter.get_kind_display(), "reference": letter.reference},
                data={"letter": letter.reference, "sha256": letter.sha256, "size": letter.size},
            )
        except BaseException:
            letter.pdf.storage.delete(stored_name)
            raise
        transaction.on_commit(lambda: _notify_enterprise(letter.pk))
    return letter, True


def _notify_enterprise(letter_id: int) -> None:
    from django.urls import reverse

    from accounts.models import Role, User
    from applications.services.notifications import notify_users

    letter = DecisionLetter.objects.select_related("claim__item").get(pk=letter_id)
    claim = letter.claim
    users = User.objects.filter(enterprise_id=claim.enterprise_id, role=Role.APPLICANT, is_active=True)
    title = _("您的申报 %(number)s 的%(kind)s已出具（%(reference)s）") % {
        "number": claim.number,
        "kind": letter.get_kind_display(),
        "reference": letter.reference,
    }
    body = _("请登录平台下载决定书 PDF。")
    notify_users(users, title, body, claim=claim, url=reverse("letters:download", args=[claim.pk]))


def issue_letter(claim_id: int) -> tuple[DecisionLetter, bool]:
    """The claim's numbered letter with its PDF; idempotent. Returns (letter, rendered now)."""
    letter = take_number(claim_id)
    return attach_pdf(letter.pk)


def verify_letter(letter: DecisionLetter) -> bool:
    """Does the stored file still match its recorded SHA-256 and size?"""
    if not letter.pdf:
        return False
    with letter.pdf.open("rb") as fh:
        data = fh.read()
    return len(data) == letter.size and hashlib.sha256(data).hexdigest() == letter.sha256


# --- batches --------------------------------------------------------------------------------


def queue_letters(claim_ids, user) -> LetterJob:
    """Start generating the letters of decided claims; returns the job whose progress staff follow.

    Refuses (``PermissionDenied`` / ``ValidationError``, nothing queued) when the user may not
    generate letters, a claim is not visible to them, or a claim is not decided. One Celery task
    per claim is sent once the job row is committed.
    """
    permissions.require(user, "generate_letters")
    ids = list(dict.fromkeys(int(i) for i in claim_ids))
    if not ids:
        raise ValidationError(_("请选择要出具决定书的申报。"))
    claims = {c.pk: c for c in permissions.visible_claims(user).filter(pk__in=ids).select_related("item")}
    errors = []
    for cid in ids:
        claim = claims.get(cid)
        if claim is None:
            errors.append(_("未找到申报（编号 %(id)s）。") % {"id": cid})
        elif claim.status not in LETTER_KINDS:
            errors.append(
                _("申报 %(number)s 当前状态为“%(status)s”，尚未作出决定。")
                % {"number": claim.number, "status": claim.get_status_display()}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        job = LetterJob.objects.create(created_by=user, claim_ids=ids, total=len(ids))
        transaction.on_commit(lambda: dispatch_job(job.pk))
    return job


def dispatch_job(job_id: int, claim_ids=None) -> None:
    """Send one task per claim of the job (after the job row is committed)."""
    from applications.tasks import render_decision_letter

    job = LetterJob.objects.get(pk=job_id)
    for cid in claim_ids if claim_ids is not None else job.claim_ids:
        render_decision_letter.delay(cid, job.pk)


def retry_failed(job: LetterJob, user) -> list[int]:
    """Send the tasks of the job's failed claims again; returns their ids."""
    permissions.require(user, "generate_letters")
    failed = [int(k) for k, v in (job.outcomes or {}).items() if not v.get("ok")]
    if failed:
        transaction.on_commit(lambda: dispatch_job(job.pk, failed))
    return failed


def record_outcome(job_id: int, claim_id: int, ok: bool, message: str = "") -> LetterJob:
    """Count one claim of a job as done or failed — once, whatever the number of runs.

    A claim that failed and later succeeds (a retry, a redelivery) moves from failed to done.
    ``finished_at`` is set when every claim is counted.
    """
    key = str(claim_id)
    with transaction.atomic():
        job = LetterJob.objects.select_for_update().get(pk=job_id)
        if key not in {str(c) for c in job.claim_ids}:
            return job
        previous = (job.outcomes or {}).get(key)
        if previous is not None and (previous.get("ok") or not ok):
            return job  # already counted; a failure never overrides a success
        updates = {"outcomes": {**(job.outcomes or {}), key: {"ok": ok, "message": message}}}
        if ok:
            updates["done"] = F("done") + 1
            if previous is not None:
                updates["failed"] = F("failed") - 1
        else:
            updates["failed"] = F("failed") + 1
        LetterJob.objects.filter(pk=job.pk).update(**updates)
        job.refresh_from_db()
        if job.finished_at is None and job.done + job.failed >= job.total:
            job.finished_at = timezone.now()
            job.save(update_fields=["finished_at"])
    return job


def run_letter_task(claim_id: int, job_id: int | None = None) -> dict:
    """The body of the Celery task: issue the letter, count the outcome in the job."""
    try:
        letter, rendered = issue_letter(claim_id)
    except (LetterError, Claim.DoesNotExist) as exc:
        message = str(exc) if isinstance(exc, LetterError) else _("申报不存在。")
        logger.warning("letter for claim %s refused: %s", claim_id, message)
        if job_id:
            record_outcome(job_id, claim_id, False, message)
        return {"claim": claim_id, "ok": False, "error": message}
    except Exception as exc:  # noqa: BLE001 — counted as failed; staff retry from the job page
        logger.exception("letter for claim %s failed", claim_id)
        message = _("生成失败：%(error)s") % {"error": exc}
        if job_id:
            record_outcome(job_id, claim_id, False, message)
        return {"claim": claim_id, "ok": False, "error": message}
    if job_id:
        record_outcome(job_id, claim_id, True, letter.reference)
    return {"claim": claim_id, "ok": True, "reference": letter.reference, "rendered": rendered}
