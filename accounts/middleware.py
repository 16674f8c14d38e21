"""Staff must finish the second factor before anything but the public pages.

``StaffOTPMiddleware`` (after django-otp's ``OTPMiddleware``) sends an authenticated member of
staff whose session is not OTP-verified to the code step (or to enrolment when they have no
device yet). API requests get a 403 JSON instead of a redirect.

API tokens: a token cannot carry a second factor, so while 2FA is required a staff member's
token is refused (403 JSON) and staff use the API from their verified browser session
(session authentication). Applicants' tokens work as before.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.twofactor import needs_otp_step, requires_otp

EXEMPT_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/otp/",
    "/static/",
    "/i18n/",
    "/healthz",
    "/measures/",
    "/notices/",
    "/manage/users/accept/",
)
EXEMPT_EXACT = ("/", "/favicon.ico")


def _exempt(path: str) -> bool:
    return path in EXEMPT_EXACT or path.startswith(EXEMPT_PREFIXES)


def _token_user(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Token "):
        return None
    from rest_framework.authtoken.models import Token

    token = Token.objects.select_related("user").filter(key=header[6:].strip()).first()
    return token.user if token else None


class StaffOTPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            if needs_otp_step(request.user):
                return JsonResponse({"detail": _("工作人员须先完成双重验证（动态验证码）后才能使用接口。")}, status=403)
            user = _token_user(request) if not request.user.is_authenticated else None
            if user is not None and requires_otp(user):
                return JsonResponse(
                    {"detail": _("工作人员账号不能使用令牌访问接口：令牌无法完成双重验证，请登录后在浏览器会话中使用。")},
                    status=403,
                )
            return self.get_response(request)
        if not _exempt(path) and needs_otp_step(request.user):
            return redirect(reverse("accounts:otp") + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
