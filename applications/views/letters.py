"""Decision letters: download (enterprise and staff) and the progress of a batch (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.selectors import letters as sel
from applications.services import letters as svc


@login_required
@require_GET
def download(request, claim_pk: int):
    """The claim's decision letter PDF; 404 for anyone who may not see it."""
    letter = sel.letter_for_claim(request.user, claim_pk)
    response = FileResponse(
        letter.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("download") == "1",
        filename=f"{letter.reference}.pdf",
    )
    response["X-Content-SHA256"] = letter.sha256
    response["Cache-Control"] = "private, no-store"
    return response


def _job_context(request, pk: int) -> dict:
    job = sel.job_for(request.user, pk)
    return {"job": job, "rows": sel.job_rows(request.user, job)}


@login_required
@require_GET
def job(request, pk: int):
    """Progress of a batch of letters; the htmx partial polls itself until the job is finished."""
    context = _job_context(request, pk)
    if request.headers.get("HX-Request"):
        return render(request, "letters/_job_progress.html", context)
    return render(request, "letters/job.html", context)


@login_required
@require_POST
def retry(request, pk: int):
    job = sel.job_for(request.user, pk)
    try:
        claim_ids = svc.retry_failed(job, request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        if claim_ids:
            messages.success(request, _("已重新生成 %(n)d 份失败的决定书。") % {"n": len(claim_ids)})
        else:
            messages.info(request, _("没有失败的决定书需要重新生成。"))
    return redirect("letters:job", pk=job.pk)
