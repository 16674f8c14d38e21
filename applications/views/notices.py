"""Public 公示 pages (no login): the list of notices, one notice with enterprise, item and amount,
and the objection form during the period."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.selectors import review as sel
from applications.services import notices
from applications.workflow import WorkflowError


def client_key(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def notice_list(request):
    batches = sel.public_batches()
    today = timezone.localdate()
    return render(request, "notices/list.html", {"batches": batches, "today": today})


def notice_detail(request, pk):
    batch = get_object_or_404(sel.public_batches(), pk=pk)
    errors, form = {}, {}
    if request.method == "POST":
        form = request.POST
        try:
            notices.file_objection(
                batch, request.POST.get("claim", ""), reasons=request.POST.get("reasons", ""),
                contact_name=request.POST.get("contact_name", ""), contact_phone=request.POST.get("contact_phone", ""),
                client_key=client_key(request))
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "message_dict") else {"general": exc.messages}
        except WorkflowError as exc:
            errors = {"general": [str(exc)]}
        else:
            messages.success(request, _("您的异议已收到，区科工信局将核实处理，并按您留下的电话与您联系。"))
            return redirect("notices:detail", pk=batch.pk)
    return render(request, "notices/detail.html", {
        "batch": batch, "claims": sel.public_claims(batch), "open": notices.is_open_for_objections(batch),
        "errors": errors, "form": form, "today": timezone.localdate(),
    })
