"""The bureau's pages: queue, review page and its actions, assignment, conflicts, M3 projects,
M10 pre-approvals (both sides), 公示 management, payments, exports. Thin: each asks
``permissions`` and calls one service."""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

import rules
from applications import permissions
from applications.models import (
    Claim,
    DemonstrationProject,
    Enterprise,
    NoticeBatch,
    Objection,
    PreApproval,
    PreApprovalStatus,
)
from applications.selectors import review as sel
from applications.services import exports, notices, payments, review, special
from applications.workflow import WorkflowError

INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain")


def staff_only(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        decision = permissions.can(request.user, "view_queue")
        if not decision:
            raise PermissionDenied(decision.reason)
        return view(request, *args, **kwargs)

    return wrapper


def _error_messages(request, exc):
    if isinstance(exc, ValidationError):
        if hasattr(exc, "message_dict"):
            for msgs in exc.message_dict.values():
                for m in msgs:
                    messages.error(request, m)
        else:
            for m in exc.messages:
                messages.error(request, m)
    else:
        messages.error(request, str(exc))


def _run(request, fn, success: str, denied_status: bool = True):
    """Run a service call; user errors become messages, nothing half-done (services are atomic)."""
    try:
        result = fn()
    except (ValidationError, WorkflowError, rules.RulesError) as exc:
        _error_messages(request, exc)
        return False, None
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("您无权执行此操作。"))
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def _parse_date(value):
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


# --- Queue -------------------------------------------------------------------------------------------


@staff_only
def queue(request):
    if request.method == "POST":
        return _batch_assign(request)
    filterset, page = sel.queue_page(request.user, request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "review/queue.html", {
        "filter": filterset,
        "page": page,
        "sorts": sel.SORT_LABELS,
        "sort": request.GET.get("sort") or "-submitted",
        "querystring": params.urlencode(),
        "can_assign": bool(permissions.can(request.user, "assign")),
        "first_reviewers": review.reviewers_for(),
        "second_reviewers": review.reviewers_for(senior=True),
    })


def _user_or_none(value):
    from accounts.models import User

    if not value:
        return None
    return User.objects.filter(pk=value).first() if str(value).isdigit() else None


def _batch_assign(request):
    ids = request.POST.getlist("claim_ids")
    first = _user_or_none(request.POST.get("first_assignee"))
    second = _user_or_none(request.POST.get("second_assignee"))
    ok, count = _run(request, lambda: review.assign(ids, request.user, first_assignee=first, second_assignee=second), "")
    if ok:
        messages.success(request, _("已分配 %(n)s 项申报。") % {"n": count})
    return redirect(request.POST.get("next") or reverse("review:queue"))


# --- Review page --------------------------------------------------------------------------------------


def _claim_for(request, pk) -> Claim:
    return get_object_or_404(
        permissions.visible_claims(request.user).select_related(
            "enterprise", "item", "guideline", "first_assignee", "second_assignee", "first_reviewed_by",
            "second_reviewed_by", "demo_project", "preapproval", "m1c_confirmed_by", "notice_batch"),
        pk=pk,
    )


@staff_only
def claim_detail(request, pk):
    claim = _claim_for(request, pk)
    ctx = sel.review_context(request.user, claim)
    if claim.item_id in ("M3S", "M3P"):
        ctx["demo_projects"] = DemonstrationProject.objects.filter(year=claim.year).select_related("supplier", "purchaser")
    if claim.item_id == "M10":
        ctx["preapprovals"] = PreApproval.objects.filter(enterprise_id=claim.enterprise_id, status=PreApprovalStatus.GRANTED)
    ctx["today"] = timezone.localdate().isoformat()
    try:
        ctx["letter_url"] = reverse("letters:download", args=[claim.pk]) if hasattr(claim, "letter") else ""
    except NoReverseMatch:  # the letters module is a colleague's; absent, no link
        ctx["letter_url"] = ""
    return render(request, "review/claim.html", ctx)


@staff_only
@require_POST
def claim_action(request, pk, action):
    claim = _claim_for(request, pk)
    user, post = request.user, request.POST
    calls = {
        "verify_fact": (lambda: review.verify_fact(claim, user, post.get("fact", ""), post.get("value", ""), post.get("reason", "")),
                        _("已核定数据，金额已按核定数据重新测算。")),
        "approve": (lambda: review.approve(claim, user, post.get("message", "")), _("已审核通过。")),
        "reject": (lambda: review.reject(claim, user, post.get("reasons", "")), _("已作出不予扶持决定。")),
        "return": (lambda: review.return_for_correction(claim, user, post.get("message", "")), _("已退回企业补正。")),
        "assign": (lambda: review.assign([claim.pk], user, first_assignee=_user_or_none(post.get("first_assignee")),
                                         second_assignee=_user_or_none(post.get("second_assignee"))), _("已分配。")),
        "revoke": (lambda: review.revoke(claim, user, post.get("reasons", "")), _("已撤销决定，预留资金已释放。")),
        "m1c_amount": (lambda: special.enter_m1c_amount(claim, user, post.get("amount", ""), post.get("approval_ref", "")),
                       _("已录入一事一议金额，待管理员确认。")),
        "m1c_confirm": (lambda: special.confirm_m1c(claim, user), _("已确认一事一议。")),
        "demo_project": (lambda: special.link_demo_project(
            claim, user, DemonstrationProject.objects.filter(pk=post.get("project") or 0).first()), _("已关联示范项目。")),
        "preapproval": (lambda: special.link_preapproval(
            claim, user, PreApproval.objects.filter(pk=post.get("preapproval") or 0).first()), _("已关联事前同意。")),
        "payment": (lambda: payments.record_payment(claim, user, paid_on=_parse_date(post.get("paid_on")),
                                                    amount=post.get("amount", ""), voucher_ref=post.get("voucher_ref", "")),
                    _("已登记拨付。")),
    }
    if action not in calls:
        raise Http404
    fn, success = calls[action]
    ok, _result = _run(request, fn, success)
    if not ok and request.headers.get("HX-Request"):
        return render(request, "review/_messages.html", status=400)
    if action in ("approve", "reject", "return") and ok:
        return redirect("review:claim", pk=claim.pk) if permissions.can(user, "view_claim", claim) else redirect("review:queue")
    return redirect(reverse("review:claim", args=[claim.pk]) + ("#facts" if action == "verify_fact" else ""))


@staff_only
@xframe_options_sameorigin
def document(request, pk):
    """Serve a claim document inline (for the review page's viewer), after the permission check."""
    doc = get_object_or_404(permissions.visible_documents(request.user), pk=pk)
    permissions.require(request.user, "download_document", doc)
    response = FileResponse(doc.file.open("rb"), content_type=doc.content_type or "application/octet-stream")
    inline = doc.content_type in INLINE_TYPES and not request.GET.get("download")
    response["Content-Disposition"] = ("inline" if inline else "attachment") + f"; filename*=UTF-8''{_quote(doc.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


# --- Conflicts ----------------------------------------------------------------------------------------


@staff_only
def conflicts(request):
    if request.method == "POST":
        uscc = (request.POST.get("uscc") or "").strip().upper()
        enterprise = Enterprise.objects.filter(uscc=uscc).first()
        if enterprise is None:
            messages.error(request, _("未找到统一社会信用代码为 %(uscc)s 的企业。") % {"uscc": uscc or "—"})
        else:
            ok, _r = _run(request, lambda: review.declare_conflict(request.user, enterprise, request.POST.get("reason", "")),
                          _("已申报回避：今后您将看不到 %(name)s 的申报。") % {"name": enterprise.name})
        return redirect("review:conflicts")
    mine = request.user.conflicts.select_related("enterprise").order_by("-declared_at")
    return render(request, "review/conflicts.html", {"conflicts": mine, "can_declare": bool(permissions.can(request.user, "declare_conflict"))})


# --- M3 demonstration projects ------------------------------------------------------------------------


@staff_only
def demo_projects(request):
    year = int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year)
    if year not in rules.GUIDELINE_YEARS:
        year = max(rules.GUIDELINE_YEARS)
    if request.method == "POST":
        def by_uscc(field):
            return Enterprise.objects.filter(uscc=(request.POST.get(field) or "").strip().upper()).first()

        _run(request, lambda: special.select_demo_project(
            request.user, year=year, code=request.POST.get("code", ""), name=request.POST.get("name", ""),
            opener=by_uscc("opener"), supplier=by_uscc("supplier"), purchaser=by_uscc("purchaser")),
            _("已遴选示范项目。"))
        return redirect(reverse("review:demo_projects") + f"?year={year}")
    projects = DemonstrationProject.objects.filter(year=year).select_related("opener", "supplier", "purchaser", "selected_by")
    quota = special.demo_quota(year)
    return render(request, "review/demo_projects.html", {
        "projects": projects, "year": year, "years": rules.GUIDELINE_YEARS, "quota": quota,
        "can_select": bool(permissions.can(request.user, "select_demo_project")), "left": max(quota - len(projects), 0),
    })


# --- M10 pre-approvals -----------------------------------------------------------------------------------


@staff_only
def preapprovals(request):
    if request.method == "POST":
        pre = get_object_or_404(permissions.visible_preapprovals(request.user), pk=request.POST.get("pk") or 0)
        grant = request.POST.get("decision") == "grant"
        _run(request, lambda: special.decide_preapproval(pre, request.user, grant=grant, note=request.POST.get("note", "")),
             _("已同意。") if grant else _("已作出不同意的答复。"))
        return redirect("review:preapprovals")
    rows = permissions.visible_preapprovals(request.user).select_related("enterprise", "requested_by", "decided_by").order_by(
        "status", "planned_date")
    return render(request, "review/preapprovals.html", {
        "rows": rows, "can_decide": bool(permissions.can(request.user, "decide_preapproval", None))})


@login_required
def my_preapprovals(request):
    """The organiser's side: list mine and file a new request before the event."""
    decision = permissions.can(request.user, "request_preapproval")
    if not decision:
        raise PermissionDenied(decision.reason)
    errors = {}
    if request.method == "POST":
        post = request.POST
        try:
            special.request_preapproval(
                request.user, event_name=post.get("event_name", ""), event_type=post.get("event_type", ""),
                venue=post.get("venue", ""), planned_date=_parse_date(post.get("planned_date")),
                planned_budget=post.get("planned_budget", ""), description=post.get("description", ""))
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "message_dict") else {"general": exc.messages}
        else:
            messages.success(request, _("事前同意申请已提交，区科工信局审批后会通知您。"))
            return redirect("applicant:preapprovals")
    rows = permissions.visible_preapprovals(request.user).order_by("-requested_at")
    return render(request, "review/my_preapprovals.html", {
        "rows": rows, "errors": errors, "form": request.POST if request.method == "POST" else {},
        "event_types": special.EVENT_TYPES, "today": timezone.localdate().isoformat()})


# --- 公示 management ------------------------------------------------------------------------------------


@staff_only
def notice_manage(request):
    if request.method == "POST":
        ok, batch = _run(request, lambda: notices.publish_batch(
            request.POST.getlist("claim_ids"), request.user, title=request.POST.get("title", ""),
            days=request.POST.get("days") or None), "")
        if ok:
            messages.success(request, _("已发布公示，公示期至 %(end)s。") % {"end": batch.ends_on.isoformat()})
            return redirect("review:notice_batch", pk=batch.pk)
        return redirect("review:notices")
    from django.conf import settings

    batches = sel.staff_batches()
    return render(request, "review/notices.html", {
        "batches": batches, "approved": sel.approved_claims(request.user), "default_days": settings.PORTAL_NOTICE_DAYS,
        "can_publish": bool(permissions.can(request.user, "publish_notice")), "today": timezone.localdate(),
        "years": rules.GUIDELINE_YEARS})


@staff_only
def notice_batch(request, pk):
    batch = get_object_or_404(NoticeBatch.objects.select_related("published_by"), pk=pk)
    if request.method == "POST":
        what = request.POST.get("what")
        if what == "decide":
            ok, out = _run(request, lambda: notices.decide_batch(batch, request.user), "")
            if ok:
                _b, job = out
                messages.success(request, _("已作出决定，决定书正在生成。"))
                if job is not None:
                    try:
                        return redirect(reverse("letters:job", args=[job.pk]))
                    except NoReverseMatch:
                        pass
        elif what == "resolve":
            objection = get_object_or_404(Objection.objects.filter(batch=batch), pk=request.POST.get("objection") or 0)
            upheld = request.POST.get("decision") == "uphold"
            _run(request, lambda: notices.resolve_objection(objection, request.user, upheld=upheld,
                                                            resolution=request.POST.get("resolution", "")),
                 _("异议成立，该申报已退回重新审核。") if upheld else _("已记录：异议不成立。"))
        return redirect("review:notice_batch", pk=batch.pk)
    claims = permissions.visible_claims(request.user).filter(notice_batch=batch).select_related("enterprise", "item").defer(
        "facts", "verified_facts", "result")
    objections = batch.objections.select_related("claim__enterprise", "claim__item", "resolved_by").order_by("status", "-filed_at")
    return render(request, "review/notice_batch.html", {
        "batch": batch, "claims": claims, "objections": objections, "today": timezone.localdate(),
        "pending": sum(1 for o in objections if o.status == "pending"),
        "can_decide": bool(permissions.can(request.user, "decide_batch", batch)),
        "can_resolve": bool(permissions.can(request.user, "resolve_objection", None)),
    })


# --- Exports ----------------------------------------------------------------------------------------------


@staff_only
def export(request, kind, fmt):
    return export_response(request.user, request.GET, kind, fmt)


def export_response(user, params, kind, fmt) -> HttpResponse:
    """The xlsx/csv file of the queue (with the queue's filters) or of a year's decisions."""
    permissions.require(user, "export")
    if fmt not in ("xlsx", "csv") or kind not in ("queue", "decisions"):
        raise Http404
    if kind == "queue":
        _f, _count, rows = sel.queue_queryset(user, params)
        columns, data, title = exports.queue_columns(), exports.queue_rows(rows.iterator(chunk_size=2000)), _("审核队列")
        name = f"queue-{timezone.localdate().isoformat()}"
    else:
        try:
            year = int(params.get("year") or timezone.localdate().year)
        except ValueError:
            raise Http404
        qs = exports.decisions_queryset(year, permissions.visible_claims(user))
        columns, data, title = exports.decision_columns(), exports.decision_rows(qs), _("%(y)s年度决定") % {"y": year}
        name = f"decisions-{year}"
    if fmt == "xlsx":
        body = exports.to_xlsx(title, columns, data)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.to_csv(columns, data)
        ctype = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
