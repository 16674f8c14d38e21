"""Log in: the password (django-axes counts failures and locks), then for staff the TOTP code.

1. ``login_view``: e-mail + password through Django's ``AuthenticationForm``, which passes the
   request to ``authenticate`` so django-axes sees every attempt; after 5 failures the account
   is locked from that address for the cool-off (``accounts/locked_out.html`` says so, in
   Chinese, even when the right password is then given).
2. Staff (``is_portal_staff``) with ``PORTAL_STAFF_REQUIRE_2FA``: ``otp_verify`` asks the 6-digit
   code of their confirmed device, or ``otp_setup`` enrols one (secret + inline SVG QR code,
   confirmed with a code). Wrong codes count as failed logins for django-axes too.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from accounts.twofactor import (
    confirmed_device,
    needs_otp_step,
    pending_device,
    qr_svg,
    requires_otp,
    secret_base32,
)


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("6 位动态验证码"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("请输入验证器显示的 6 位数字。"), "required": gettext_lazy("请输入验证码。")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6", "autofocus": True}),
    )


def _next_url(request, default=None) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default or resolve_url(settings.LOGIN_REDIRECT_URL)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy("邮箱或密码不正确（密码区分大小写）。"),
        "inactive": gettext_lazy("该账号已停用，请联系区科工信局平台管理员。"),
    }


class PortalLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_invalid(self, form):
        """Say how many attempts are left before django-axes locks the account at this address."""
        from axes.handlers.proxy import AxesProxyHandler

        username = (self.request.POST.get("username") or "").strip()
        if username and form.errors.get("__all__"):
            failures = AxesProxyHandler.get_failures(self.request, {"username": username})
            left = max(settings.AXES_FAILURE_LIMIT - failures, 0)
            if left:
                form.add_error(
                    None,
                    _("再输错 %(n)s 次，该账号将在本地址锁定 %(m)s 分钟。")
                    % {"n": left, "m": int(settings.AXES_COOLOFF_TIME * 60)},
                )
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if requires_otp(user):
            step = "accounts:otp" if confirmed_device(user) else "accounts:otp_setup"
            return redirect(resolve_url(step) + "?" + urlencode({"next": self.get_success_url()}))
        return response

    def get_default_redirect_url(self):
        user = getattr(self.request, "user", None)
        if user is not None and getattr(user, "is_portal_admin", False):
            return resolve_url("manage:home")
        if user is not None and getattr(user, "is_portal_staff", False):
            return resolve_url("review:queue")
        return super().get_default_redirect_url()


login_view = PortalLoginView.as_view()


def _locked(request, user) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, credentials={"username": user.email})


def _locked_response(request, user):
    from axes.helpers import get_lockout_response

    credentials = {"username": user.email}
    logout(request)
    return get_lockout_response(request, credentials=credentials)


def _count_failure(request, user) -> None:
    """A wrong code counts as a failed login for django-axes (same lock as wrong passwords)."""
    user_login_failed.send(sender=__name__, credentials={"username": user.email}, request=request)


def _throttle_message(device) -> str | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    from django.utils import timezone

    until = (data or {}).get("locked_until")
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
    return _("验证码错误次数过多，请 %(s)s 秒后再试。") % {"s": seconds}


def _check_code(request, user, device, form):
    """Verify the code; on failure add the error to the form and count it. Returns True if right."""
    throttled = _throttle_message(device)
    if throttled:
        form.add_error("code", throttled)
        return False
    if device.verify_token(form.cleaned_data["code"].strip()):
        return True
    _count_failure(request, user)
    form.add_error("code", _("验证码不正确，请核对验证器中的当前 6 位数字（每 30 秒更新）。"))
    return False


@never_cache
@sensitive_post_parameters("code")
@login_required
def otp_verify(request):
    user = request.user
    next_url = _next_url(request)
    if not needs_otp_step(user):
        return redirect(next_url)
    device = confirmed_device(user)
    if device is None:
        return redirect(resolve_url("accounts:otp_setup") + "?" + urlencode({"next": next_url}))
    if _locked(request, user):
        return _locked_response(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _check_code(request, user, device, form):
            otp_login(request, device)
            return redirect(next_url)
        if _locked(request, user):
            return _locked_response(request, user)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url}, status=200 if not form.errors else 400)


@never_cache
@sensitive_post_parameters("code")
@login_required
def otp_setup(request):
    user = request.user
    next_url = _next_url(request)
    if not requires_otp(user) or confirmed_device(user) is not None:
        return redirect(resolve_url("accounts:otp") + "?" + urlencode({"next": next_url}) if needs_otp_step(user) else next_url)
    if _locked(request, user):
        return _locked_response(request, user)
    device = pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _check_code(request, user, device, form):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("验证器已绑定。今后登录时请输入验证器显示的 6 位验证码。"))
            return redirect(next_url)
        if _locked(request, user):
            return _locked_response(request, user)
    context = {
        "form": form,
        "next": next_url,
        "secret": secret_base32(device),
        "qr": qr_svg(device.config_url),
        "issuer": settings.PORTAL_BUREAU_SHORT,
    }
    return render(request, "accounts/otp_setup.html", context, status=200 if not form.errors else 400)
