"""Reads for decision letters: a claim's letter as the asker may see it, a job's progress rows."""

from django.http import Http404

from applications import permissions
from applications.models import DecisionLetter, LetterJob


def letter_for_claim(user, claim_pk: int) -> DecisionLetter:
    """The claim's letter with its PDF, if the user may download it; else Http404 (never 403)."""
    letter = (
        DecisionLetter.objects.select_related("claim", "claim__enterprise")
        .filter(claim__in=permissions.visible_claims(user), claim_id=claim_pk)
        .exclude(pdf="")
        .first()
    )
    if letter is None or not permissions.can(user, "download_letter", letter):
        raise Http404("未找到该决定书。")
    return letter


def job_for(user, pk: int) -> LetterJob:
    if not permissions.can(user, "view_letter_job"):
        raise Http404("未找到该任务。")
    try:
        return LetterJob.objects.select_related("created_by").get(pk=pk)
    except LetterJob.DoesNotExist:
        raise Http404("未找到该任务。")


def job_rows(user, job: LetterJob) -> list[dict]:
    """One row per claim of the job the user may see: claim, letter (or None) and outcome.

    Three queries whatever the size of the job.
    """
    claims = {
        c.pk: c
        for c in permissions.visible_claims(user)
        .filter(pk__in=job.claim_ids)
        .select_related("enterprise", "item")
        .only("id", "year", "item_id", "item__name", "status", "enterprise__name", "enterprise__uscc", "awarded_amount")
    }
    letters = {
        letter.claim_id: letter
        for letter in DecisionLetter.objects.filter(claim_id__in=list(claims)).only(
            "id", "claim_id", "reference", "kind", "pdf", "size", "sha256", "issued_at"
        )
    }
    outcomes = job.outcomes or {}
    rows = []
    for cid in job.claim_ids:
        claim = claims.get(int(cid))
        if claim is None:
            continue
        letter = letters.get(claim.pk)
        outcome = outcomes.get(str(cid))
        if outcome is None:
            state = "pending"
        elif outcome.get("ok"):
            state = "done"
        else:
            state = "failed"
        rows.append(
            {
                "claim": claim,
                "letter": letter if letter is not None and letter.pdf else None,
                "state": state,
                "message": (outcome or {}).get("message", ""),
            }
        )
    return rows
