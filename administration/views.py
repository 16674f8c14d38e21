"""Pages of 年度管理 (/manage/): guideline editor, 政策沙盘, dashboard, audit log, staff users.

Thin: each view asks ``applications.permissions`` and calls a service or selector.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

import rules
from accounts.models import STAFF_ROLES, User
from administration.forms import (
    AcceptForm,
    AuditSearchForm,
    BudgetForm,
    CopyForm,
    InviteForm,
    RoleForm,
    SimulationForm,
)
from administration.models import Simulation
from administration.selectors import audit as audit_selectors
from administration.selectors.dashboard import dashboard, dashboard_json, dashboard_xlsx, dashboard_years
from administration.selectors.guidelines import (
    editor_context,
    guideline_diff,
    guideline_list,
    previous_guideline,
)
from administration.services import guidelines as guideline_services
from administration.services import users as user_services
from administration.services.budget import BudgetError, set_budget
from administration.services.simulation import SimulationError, inline_limit, start_simulation
from applications import permissions
from subsidies.models import Guideline, RequiredDocument
from subsidies.selectors import current_guideline
from subsidies.services import GuidelineError


def allowed(action):
    """Log in, then ``permissions.require(user, action)``; a refusal is a 403 page with the reason."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            permissions.require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# --- Home -----------------------------------------------------------------------------------


@allowed("edit_guideline")
def home(request):
    this_year = timezone.localdate().year
    guideline = Guideline.objects.filter(year=this_year).first() or current_guideline()
    figures = dashboard(guideline.year) if guideline else None
    next_guideline = Guideline.objects.filter(year=this_year + 1).first()
    context = {
        "guideline": guideline,
        "figures": figures,
        "this_year": this_year,
        "next_guideline": next_guideline,
        "simulations": Simulation.objects.select_related("created_by")[:5],
        "staff_count": User.objects.filter(role__in=STAFF_ROLES, is_active=True).count(),
        "recent_audit": audit_selectors.search()[:5],
    }
    return render(request, "manage/home.html", context)


# --- Guidelines -----------------------------------------------------------------------------


@allowed("edit_guideline")
def guidelines(request):
    rows = list(guideline_list())
    latest = rows[0].year if rows else timezone.localdate().year
    form = CopyForm(initial={"source_year": latest, "new_year": latest + 1})
    return render(request, "manage/guidelines.html", {"rows": rows, "form": form})


@require_POST
@allowed("edit_guideline")
def guideline_copy(request):
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写有效的年度（四位数）。"))
        return redirect("manage:guidelines")
    try:
        g = guideline_services.copy_guideline(form.cleaned_data["source_year"], form.cleaned_data["new_year"], request.user)
    except GuidelineError as exc:
        messages.error(request, str(exc))
        return redirect("manage:guidelines")
    messages.success(
        request,
        _("已按%(src)s年度指南生成%(year)s年度指南草稿。请逐项核对参数、申报时间和材料，再发布。")
        % {"src": form.cleaned_data["source_year"], "year": g.year},
    )
    return redirect("manage:guideline_edit", year=g.year)


def _editor(request, guideline, *, errors=None, submitted=None, status=200, window_errors=None, doc_errors=None):
    items = editor_context(guideline)
    errors, submitted = errors or {}, submitted or {}
    for entry in items:
        code = entry["item"].code
        entry["errors"] = errors.get(code, {})
        entry["general_errors"] = errors.get(code, {}).get("_", [])
        for p in entry["params"]:
            p["field_errors"] = entry["errors"].get(p["row"].name, [])
            p["input"] = submitted.get(code, {}).get(p["row"].name, f"{p['row'].value.normalize():f}")
        entry["doc_errors"] = (doc_errors or {}).get(code, {})
    context = {
        "guideline": guideline,
        "items": items,
        "previous": previous_guideline(guideline),
        "frozen": guideline.is_frozen,
        "window_errors": window_errors or {},
        "window_input": submitted.get("_window", {}),
        "decisions": guideline.claims.filter(status__in=("awarded", "rejected", "revoked", "paid")).count(),
        "problems": [] if guideline.is_frozen else _problems(guideline),
    }
    return render(request, "manage/guideline_edit.html", context, status=status)


def _problems(guideline):
    from subsidies.services import parameter_problems

    return parameter_problems(guideline)


@allowed("edit_guideline")
def guideline_edit(request, year):
    return _editor(request, get_object_or_404(Guideline, year=year))


def _refused(request, guideline, exc):
    messages.error(request, str(exc))
    return redirect("manage:guideline_edit", year=guideline.year)


@require_POST
@allowed("edit_guideline")
def guideline_window(request, year):
    guideline = get_object_or_404(Guideline, year=year)
    data = {k: request.POST.get(k, "") for k in ("opens_at", "closes_at", "title", "notes")}
    try:
        guideline_services.update_guideline(guideline, actor=request.user, **data)
    except guideline_services.GuidelineInputError as exc:
        if not exc.fields:
            return _refused(request, guideline, exc)
        messages.error(request, str(exc))
        return _editor(request, guideline, window_errors=exc.fields, submitted={"_window": data}, status=400)
    except GuidelineError as exc:
        return _refused(request, guideline, exc)
    messages.success(request, _("申报时间与说明已保存。"))
    return redirect(reverse("manage:guideline_edit", args=[year]) + "#window")


@require_POST
@allowed("edit_guideline")
def guideline_item(request, year, code):
    guideline = get_object_or_404(Guideline, year=year)
    if code not in rules.ITEMS:
        raise PermissionDenied(_("未知的申报事项。"))
    names = [p.name for p in rules.ITEMS[code].params]
    values = {name: request.POST.get(f"param-{name}", "") for name in names if f"param-{name}" in request.POST}
    try:
        if values:
            guideline_services.set_item_parameters(guideline, code, values, actor=request.user)
        guideline_services.set_item_setting(
            guideline, code, enabled=request.POST.get("enabled") == "on", notes=request.POST.get("notes", ""), actor=request.user
        )
    except guideline_services.GuidelineInputError as exc:
        if not exc.fields:
            return _refused(request, guideline, exc)
        messages.error(request, _("%(code)s 未保存：请按提示修改标出的参数。") % {"code": code})
        return _editor(request, guideline, errors={code: exc.fields}, submitted={code: values}, status=400)
    except GuidelineError as exc:
        return _refused(request, guideline, exc)
    messages.success(request, _("%(code)s 的参数与说明已保存。") % {"code": code})
    return redirect(reverse("manage:guideline_edit", args=[year]) + f"#item-{code}")


@require_POST
@allowed("edit_guideline")
def document_add(request, year, code):
    guideline = get_object_or_404(Guideline, year=year)
    try:
        guideline_services.add_document(
            guideline, code, name=request.POST.get("name", ""), description=request.POST.get("description", ""),
            required=request.POST.get("required") == "on", actor=request.user,
        )
    except guideline_services.GuidelineInputError as exc:
        if not exc.fields:
            return _refused(request, guideline, exc)
        messages.error(request, str(exc))
        return _editor(request, guideline, doc_errors={code: exc.fields}, status=400)
    except GuidelineError as exc:
        return _refused(request, guideline, exc)
    messages.success(request, _("已为 %(code)s 增加申报材料。") % {"code": code})
    return redirect(reverse("manage:guideline_edit", args=[year]) + f"#item-{code}")


@require_POST
@allowed("edit_guideline")
def document_edit(request, year, pk):
    guideline = get_object_or_404(Guideline, year=year)
    document = get_object_or_404(RequiredDocument, pk=pk, guideline=guideline)
    try:
        if request.POST.get("delete"):
            guideline_services.remove_document(document, actor=request.user)
            messages.success(request, _("已删除申报材料“%(name)s”。") % {"name": document.name})
        else:
            guideline_services.update_document(
                document, name=request.POST.get("name", ""), description=request.POST.get("description", ""),
                required=request.POST.get("required") == "on", actor=request.user,
            )
            messages.success(request, _("申报材料“%(name)s”已保存。") % {"name": request.POST.get("name", "")})
    except GuidelineError as exc:
        return _refused(request, guideline, exc)
    return redirect(reverse("manage:guideline_edit", args=[year]) + f"#item-{document.item_id}")


@allowed("edit_guideline")
def guideline_diff_view(request, year):
    guideline = get_object_or_404(Guideline, year=year)
    against = request.GET.get("against")
    old = Guideline.objects.filter(year=against).first() if against and against.isdigit() else previous_guideline(guideline)
    diff = guideline_diff(old, guideline) if old else None
    years = Guideline.objects.exclude(pk=guideline.pk).values_list("year", flat=True)
    return render(request, "manage/guideline_diff.html", {"guideline": guideline, "old": old, "diff": diff, "years": years})


@require_POST
@allowed("edit_guideline")
def guideline_publish(request, year):
    guideline = get_object_or_404(Guideline, year=year)
    try:
        guideline_services.publish_guideline(guideline, actor=request.user)
    except GuidelineError as exc:
        return _refused(request, guideline, exc)
    messages.success(request, _("%(year)s年度申报指南已发布，企业可在首页查看。") % {"year": year})
    return redirect("manage:guideline_edit", year=year)


# --- 政策沙盘 ---------------------------------------------------------------------------------


def _sim_form(data=None, initial=None):
    years = list(Guideline.objects.order_by("-year").values_list("year", flat=True))
    return SimulationForm(data, years=years, initial=initial)


@allowed("run_simulation")
def simulations(request):
    initial = {}
    if request.GET.get("draft_year"):
        initial["draft_year"] = request.GET["draft_year"]
    if request.GET.get("year"):
        initial["year"] = request.GET["year"]
    form = _sim_form(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                sim = start_simulation(
                    request.user, form.cleaned_data["year"], form.cleaned_data["draft_year"], form.cleaned_data["overrides"]
                )
            except SimulationError as exc:
                for field, errs in exc.fields.items():
                    for e in errs:
                        form.add_error(field if field in form.fields else None, e)
                if not exc.fields:
                    form.add_error(None, str(exc))
            else:
                return redirect("manage:simulation", pk=sim.pk)
        status = 400
    runs = Simulation.objects.select_related("created_by")[:20]
    return render(request, "manage/simulations.html", {"form": form, "runs": runs, "inline_limit": inline_limit()}, status=status)


@allowed("run_simulation")
def simulation_detail(request, pk):
    sim = get_object_or_404(Simulation.objects.select_related("created_by"), pk=pk)
    template = "manage/_simulation_body.html" if request.htmx else "manage/simulation.html"
    return render(request, template, {"sim": sim, "result": sim.result or None})


# --- Dashboard ------------------------------------------------------------------------------


def _year_param(request):
    years = dashboard_years()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if years and year not in years:
        year = years[0]
    return year, years


@allowed("view_dashboard")
def dashboard_view(request):
    year, years = _year_param(request)
    data = dashboard(year)
    can_budget = permissions.can(request.user, "set_budget")
    form = BudgetForm(initial={"year": year, "amount": data["budget"] or ""})
    return render(
        request, "manage/dashboard.html",
        {"data": data, "chart": dashboard_json(data), "years": years, "year": year, "form": form, "can_budget": can_budget},
    )


@allowed("view_dashboard")
def dashboard_export(request, year):
    content = dashboard_xlsx(dashboard(year))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{year}.xlsx"'
    return response


@require_POST
@allowed("set_budget")
def budget(request):
    form = BudgetForm(request.POST)
    year = request.POST.get("year", "")
    if not form.is_valid():
        messages.error(request, _("请填写有效的年度和金额。"))
    else:
        try:
            b = set_budget(form.cleaned_data["year"], form.cleaned_data["amount"], request.user)
        except BudgetError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(year)s年度预算已设为 %(amount)s。") % {"year": b.year, "amount": rules.format_yuan(b.amount)})
    return redirect(reverse("manage:dashboard") + (f"?year={year}" if year.isdigit() else ""))


# --- Audit log ------------------------------------------------------------------------------


@require_GET
@allowed("view_audit_log")
def audit(request):
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = audit_selectors.search(**{k: v for k, v in filters.items() if v})
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    entries = [
        {"entry": e, "type_label": audit_selectors.type_label(e), "changes": audit_selectors.entry_changes(e),
         "action": audit_selectors.ACTION_LABELS.get(e.action, e.action)}
        for e in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "manage/audit.html", {"form": form, "page": page, "entries": entries, "query": query.urlencode()})


# --- Users ----------------------------------------------------------------------------------


@allowed("manage_users")
def users(request):
    q = (request.GET.get("q") or "").strip()
    show_all = request.GET.get("all") == "1"
    qs = User.objects.select_related("enterprise").order_by("role", "email")
    if not show_all:
        qs = qs.filter(role__in=STAFF_ROLES)
    if q:
        qs = qs.filter(Q(email__icontains=q) | Q(full_name__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    from accounts.models import Invitation

    invitations = Invitation.objects.filter(enterprise__isnull=True, role__in=STAFF_ROLES, accepted_at__isnull=True).select_related("invited_by")[:20]
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with_device = set(TOTPDevice.objects.filter(user__in=[u.pk for u in page.object_list], confirmed=True).values_list("user_id", flat=True))
    return render(
        request, "manage/users.html",
        {"page": page, "q": q, "show_all": show_all, "invitations": invitations, "invite_form": InviteForm(),
         "role_choices": RoleForm.base_fields["role"].choices, "with_device": with_device,
         "counts": dict(User.objects.filter(role__in=STAFF_ROLES).values_list("role").annotate(n=Count("id")))},
    )


@require_POST
@allowed("manage_users")
def user_invite(request):
    try:
        inv = user_services.invite_staff(request.user, request.POST.get("email", ""), request.POST.get("role", ""))
    except user_services.UserAdminError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已向 %(email)s 发送邀请（%(role)s），7 天内有效。") % {"email": inv.email, "role": inv.get_role_display()})
    return redirect("manage:users")


@require_POST
@allowed("manage_users")
def user_role(request, pk):
    target = get_object_or_404(User, pk=pk)
    try:
        user_services.set_role(request.user, target, request.POST.get("role", ""))
    except user_services.UserAdminError as exc:
        messages.error(request, str(exc))
    else:
        target.refresh_from_db()
        messages.success(request, _("%(who)s 的角色已改为“%(role)s”。") % {"who": target.display_name, "role": target.get_role_display()})
    return redirect("manage:users")


@require_POST
@allowed("manage_users")
def user_active(request, pk):
    target = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        user_services.set_active(request.user, target, active)
    except user_services.UserAdminError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, (_("已启用 %(who)s 的账号。") if active else _("已停用 %(who)s 的账号，其将无法登录。")) % {"who": target.display_name})
    return redirect("manage:users")


def invitation_accept(request, token):
    """A staff invitation: set name and password (no login needed; the token is the proof)."""
    invitation = user_services.open_staff_invitation(token)
    if invitation is None:
        return render(request, "manage/invitation_accept.html", {"invalid": True}, status=404)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_services.accept_staff_invitation(
                token, form.cleaned_data["full_name"], form.cleaned_data["password"], form.cleaned_data["password2"]
            )
        except user_services.UserAdminError as exc:
            for field, errs in exc.fields.items():
                for e in errs:
                    form.add_error(field, e)
            if not exc.fields:
                form.add_error(None, str(exc))
        else:
            from django.contrib.auth import login

            login(request, user, backend="accounts.backends.EmailBackend")
            messages.success(request, _("账号已创建。请绑定手机验证器，完成后即可开始工作。"))
            return redirect("accounts:otp_setup")
    return render(request, "manage/invitation_accept.html", {"form": form, "invitation": invitation}, status=400 if form.errors else 200)
