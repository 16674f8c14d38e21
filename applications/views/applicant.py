"""Pages of the enterprise: calculator, profile, claims, evidence, status, notifications.

Thin: each view reads through ``selectors`` (filtered by ``permissions.visible_*``, so another
enterprise's id is a 404) and writes through ``services``; errors come back as messages in
Chinese and nothing is half-saved.
"""

import functools
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import rules
from accounts.forms import RegisterEnterpriseForm
from applications import permissions
from applications.forms import CalculatorForm, ClaimForm, DocumentUploadForm, EnterpriseForm, InviteForm
from applications.models import Claim
from applications.selectors import calculator as calc
from applications.selectors import claims as sel
from applications.services import claims as claim_service
from applications.services import documents as document_service
from applications.services import enterprise as enterprise_service
from applications.services import notifications as notification_services
from applications.workflow import WorkflowError
from subsidies.selectors import current_guideline

SESSION_FACTS = "calculator_facts"


def applicant_required(view):
    """Logged in as an enterprise user (staff have their own pages)."""

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_applicant:
            raise PermissionDenied(_("此页面供申报企业使用。"))
        return view(request, *args, **kwargs)

    return wrapper


def enterprise_required(view):
    @functools.wraps(view)
    @applicant_required
    def wrapper(request, *args, **kwargs):
        if request.user.enterprise_id is None:
            messages.warning(request, _("请先登记企业信息。"))
            return redirect(f"{reverse('applicant:enterprise')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper


def _claim_or_404(user, pk) -> Claim:
    try:
        return sel.claim_for(user, pk)
    except Claim.DoesNotExist:
        raise Http404(_("未找到该申报。"))


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _messages_from(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.error(request, str(exc) or _("操作未能完成。"))


# --- 政策计算器 -------------------------------------------------------------------------------


def calculator(request):
    """Works for visitors too; nothing is stored except the figures in the visitor's session."""
    guideline = current_guideline()
    user = request.user
    enterprise = user.enterprise if user.is_authenticated and getattr(user, "enterprise_id", None) else None
    rows = None
    if request.method == "POST":
        form = CalculatorForm(request.POST)
        if form.is_valid():
            facts = form.facts()
            request.session[SESSION_FACTS] = facts
            if guideline is not None:
                rows = calc.evaluate_all(facts, guideline, enterprise.pk if enterprise else None)
        else:
            messages.error(request, _("有数据填写有误，请按提示修改。"))
    else:
        initial = dict(request.session.get(SESSION_FACTS) or {})
        if enterprise is not None and (request.GET.get("profile") or not initial):
            initial.update(enterprise.facts())
        form = CalculatorForm(initial=initial)
    context = {
        "form": form,
        "guideline": guideline,
        "rows": rows,
        "total": calc.total(rows) if rows else None,
        "enterprise": enterprise,
        "window_message": claim_service.window_message(guideline) if guideline else "",
    }
    return render(request, "applicant/calculator.html", context)


# --- Enterprise profile -----------------------------------------------------------------------


@applicant_required
def enterprise(request):
    user = request.user
    if user.enterprise_id is None:
        form = RegisterEnterpriseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                enterprise_service.register_enterprise(user, form.cleaned_data)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("企业已登记，您是本企业在平台上的管理员。"))
                nxt = request.GET.get("next") or ""
                return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else reverse("applicant:enterprise"))
        return render(request, "applicant/enterprise_register.html", {"form": form})
    ent = user.enterprise
    can_manage = bool(permissions.can(user, "manage_enterprise", ent))
    form = EnterpriseForm(request.POST or None, instance=ent) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("只有企业管理员可以修改企业信息或邀请同事。"))
        if form.is_valid():
            try:
                enterprise_service.update_enterprise(user, ent, form.cleaned_data)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("企业档案已保存。"))
                return redirect("applicant:enterprise")
        else:
            messages.error(request, _("有数据填写有误，请按提示修改。"))
            ent.refresh_from_db()
    from accounts.models import Invitation, User

    context = {
        "enterprise": ent,
        "form": form,
        "can_manage": can_manage,
        "profile_facts": [(spec.label_zh, (ent.profile_facts or {}).get(spec.name)) for spec in enterprise_service.profile_fact_specs()],
        "colleagues": User.objects.filter(enterprise=ent).order_by("date_joined"),
        "invitations": Invitation.objects.filter(enterprise=ent, accepted_at__isnull=True).order_by("-created_at")[:20]
        if can_manage
        else [],
        "invite_form": InviteForm(),
    }
    return render(request, "applicant/enterprise.html", context)


@require_POST
@enterprise_required
def enterprise_invite(request):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            enterprise_service.invite_colleague(request.user, form.cleaned_data["email"])
        except (ValidationError, PermissionDenied) as exc:
            _messages_from(request, exc)
        else:
            messages.success(request, _("邀请已发送到 %(email)s，对方点击邮件中的链接即可加入。") % {"email": form.cleaned_data["email"]})
    else:
        messages.error(request, _("请输入有效的电子邮箱。"))
    return redirect("applicant:enterprise")


# --- Claims -------------------------------------------------------------------------------------


@enterprise_required
def claims(request):
    """The enterprise's dashboard: its claims and the items open this year."""
    guideline = current_guideline()
    rows = list(sel.claims_for(request.user))
    context = {
        "claims": rows,
        "status_tags": sel.STATUS_TAGS,
        "guideline": guideline,
        "open_items": sel.open_items(guideline),
        "window_message": claim_service.window_message(guideline) if guideline else "",
    }
    return render(request, "applicant/claims.html", context)


@enterprise_required
def claim_new(request, code: str):
    if code not in rules.ITEMS:
        raise Http404(_("未知的申报事项。"))
    guideline = current_guideline()
    user = request.user
    blocked = ""
    if guideline is None:
        blocked = _("本年度申报指南尚未发布。")
    else:
        blocked = claim_service.window_message(guideline)
        if not blocked and not claim_service.item_enabled(guideline, code):
            blocked = _("“%(item)s”本年度不开放申报。") % {"item": rules.ITEMS[code].name_zh}
    spec = rules.ITEMS[code]
    if blocked:
        return render(request, "applicant/claim_closed.html", {"message": blocked, "spec": spec, "guideline": guideline})
    initial = dict(user.enterprise.facts())
    if request.GET.get("from") == "calculator":
        initial.update(request.session.get(SESSION_FACTS) or {})
    form = ClaimForm(request.POST or None, initial=initial, item_code=code, enterprise=user.enterprise, year=guideline.year)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claim_service.start_claim(
                user, code, facts=form.facts(), title=form.cleaned_data.get("title", ""),
                project_ref=form.cleaned_data.get("project_ref", ""), demo_project=form.cleaned_data.get("demo_project"),
                preapproval=form.cleaned_data.get("preapproval"), guideline=guideline,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("草稿已保存。请上传材料并预览测算金额，然后提交。"))
            return redirect("applicant:claim_detail", pk=claim.pk)
    return render(request, "applicant/claim_form.html", {"form": form, "spec": spec, "guideline": guideline, "claim": None})


@enterprise_required
def claim_edit(request, pk: int):
    claim = _claim_or_404(request.user, pk)
    spec = rules.ITEMS[claim.item_id]
    if not claim.is_editable:
        messages.warning(request, _("当前状态（%(status)s）不能修改申报内容。") % {"status": claim.get_status_display()})
        return redirect("applicant:claim_detail", pk=claim.pk)
    initial = dict(claim.facts or {})
    initial.update({"title": claim.title, "project_ref": claim.project_ref, "demo_project": claim.demo_project_id,
                    "preapproval": claim.preapproval_id})
    form = ClaimForm(request.POST or None, initial=initial, item_code=claim.item_id, enterprise=claim.enterprise, year=claim.year)
    if request.method == "POST" and form.is_valid():
        try:
            claim_service.save_claim(
                request.user, claim, facts=form.facts(), title=form.cleaned_data.get("title", ""),
                project_ref=form.cleaned_data.get("project_ref") if "project_ref" in form.fields else None,
                demo_project=form.cleaned_data.get("demo_project"), preapproval=form.cleaned_data.get("preapproval"),
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except (PermissionDenied, WorkflowError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存。"))
            return redirect("applicant:claim_detail", pk=claim.pk)
    return render(request, "applicant/claim_form.html", {"form": form, "spec": spec, "guideline": claim.guideline, "claim": claim})


@enterprise_required
def claim_detail(request, pk: int):
    claim = _claim_or_404(request.user, pk)
    context = {
        "claim": claim,
        "spec": rules.ITEMS[claim.item_id],
        "tag": sel.STATUS_TAGS.get(claim.status, "tag"),
        "progress": sel.progress(claim),
        "facts": sel.fact_rows(claim.item_id, claim.facts or {}),
        "checklist": sel.checklist(claim),
        "timeline": sel.timeline_rows(claim),
        "submissions": sel.submissions(claim),
        "letter": sel.letter_of(claim),
        "letter_url": sel.letter_url(sel.letter_of(claim)),
        "award": sel.award_of(claim),
        "payments": sel.payments_of(claim),
        "can_withdraw": bool(permissions.can(request.user, "withdraw", claim)),
        "upload_form": DocumentUploadForm(),
        "max_mb": settings.MAX_DOCUMENT_BYTES // (1024 * 1024),
    }
    if claim.is_editable:
        context["preview"] = claim_service.preview(claim)
        context["problems"] = claim_service.submission_problems(claim)
    return render(request, "applicant/claim_detail.html", context)


@require_POST
@enterprise_required
def claim_submit(request, pk: int):
    claim = _claim_or_404(request.user, pk)
    try:
        claim_service.submit_claim(request.user, claim)
    except (ValidationError, PermissionDenied, WorkflowError) as exc:
        messages.error(request, _("未能提交："))
        _messages_from(request, exc)
    else:
        messages.success(request, _("申报已提交，区科工信局将进行初审。办理进度会在本页和站内通知中告知您。"))
    return redirect("applicant:claim_detail", pk=claim.pk)


@require_POST
@enterprise_required
def claim_withdraw(request, pk: int):
    claim = _claim_or_404(request.user, pk)
    try:
        claim_service.withdraw_claim(request.user, claim, request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied, WorkflowError) as exc:
        _messages_from(request, exc)
    else:
        messages.success(request, _("申报已撤回。"))
    return redirect("applicant:claim_detail", pk=claim.pk)


@require_POST
@enterprise_required
def document_upload(request, pk: int):
    claim = _claim_or_404(request.user, pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
    else:
        try:
            doc = document_service.upload_document(request.user, claim, form.cleaned_data["code"], form.cleaned_data["file"])
        except (ValidationError, PermissionDenied, WorkflowError) as exc:
            _messages_from(request, exc)
        else:
            messages.success(request, _("已上传“%(name)s”（第 %(v)d 版）。") % {"name": doc.original_name, "v": doc.version})
    return redirect(f"{reverse('applicant:claim_detail', args=[claim.pk])}#documents")


def content_disposition(name: str, inline: bool) -> str:
    """RFC 6266 / 5987: an ASCII fallback plus the UTF-8 original name."""
    ascii_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;' else "_" for c in name) or "file"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


@login_required
def document_download(request, pk: int):
    """The only way to a stored file: asks the permission module; another's id is a 404."""
    doc = permissions.visible_documents(request.user).filter(pk=pk).first()
    if doc is None or not permissions.can(request.user, "download_document", doc):
        raise Http404(_("未找到该文件。"))
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("文件已不存在，请联系管理员。"))
    inline = doc.content_type in document_service.ACCEPTED
    response = FileResponse(handle, content_type=doc.content_type)
    response["Content-Disposition"] = content_disposition(doc.original_name, inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Notifications ---------------------------------------------------------------------------


@login_required
def notifications(request):
    rows = list(sel.notifications_page(request.user)[:200])
    return render(request, "applicant/notifications.html", {"notifications": rows})


@require_POST
@login_required
def notifications_read(request):
    notification_services.mark_read(request.user, request.POST.get("id"))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("applicant:notifications")

