"""Sign-up with the enterprise, invitations, and Django's password reset with Chinese pages."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.forms import AcceptInvitationForm, ChinesePasswordResetForm, SignUpForm
from applications.services import enterprise as enterprise_service

BACKEND = "accounts.backends.EmailBackend"


def _next_url(request, default: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return nxt
    return default


def _copy_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def signup(request):
    """Account and enterprise in one form; nothing is created unless everything is right."""
    if request.user.is_authenticated:
        return redirect(_next_url(request, reverse("applicant:claims")))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = enterprise_service.sign_up(
                email=data["email"], password=data["password1"], full_name=data["full_name"], phone=data.get("phone", ""),
                enterprise=data,
            )
        except ValidationError as exc:
            _copy_errors(form, exc)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("注册成功！请核对企业档案中的信息，它们会自动带入每一项申报。"))
            return redirect(_next_url(request, reverse("applicant:enterprise")))
    return render(request, "accounts/signup.html", {"form": form, "next": _next_url(request, "")})


def accept_invitation(request, token: str):
    invitation = enterprise_service.open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = enterprise_service.accept_invitation(
                token, password=form.cleaned_data["password1"], full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data.get("phone", ""),
            )
        except ValidationError as exc:
            _copy_errors(form, exc)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("欢迎加入 %(name)s！") % {"name": invitation.enterprise.name})
            return redirect("applicant:claims")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})


password_reset = auth_views.PasswordResetView.as_view(
    form_class=ChinesePasswordResetForm,
    template_name="accounts/password_reset.html",
    email_template_name="emails/password_reset.txt",
    subject_template_name="emails/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
