"""Error pages in Chinese (HTML for pages, JSON under /api/), and the safety net for numbers
too large for the database (a 400 with a message, never a 500)."""

from django.db import DataError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _respond(request, status: int, title: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "error.html", {"status": status, "title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _respond(request, 400, _("请求有误"), _("提交的内容无法处理，请检查后重试。"))


def permission_denied(request, exception=None):
    reason = str(exception) if exception and str(exception) else _("您没有权限进行此操作。")
    return _respond(request, 403, _("无权访问"), reason)


def page_not_found(request, exception=None):
    return _respond(request, 404, _("页面不存在"), _("未找到您要访问的页面或记录。"))


def server_error(request):
    return _respond(request, 500, _("系统繁忙"), _("服务器处理出错，已记录。请稍后重试；如仍有问题，请联系区科工信局。"))


class OutOfRangeMiddleware:
    """A number beyond what the database holds (e.g. id=99999999999999999999) is bad input."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_out_of_range(exception):
            return _respond(request, 400, _("数值超出范围"), _("输入的数值过大，超出了允许的范围。"))
        return None


def is_out_of_range(exception) -> bool:
    if isinstance(exception, OverflowError):
        return True
    return isinstance(exception, DataError) and "out of range" in str(exception)
