"""API conventions: errors are JSON with field messages, in the user's language."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, plus our domain errors mapped to 400 with a ``detail`` in Chinese."""
    import rules
    from applications.workflow import WorkflowError
    from portal.errors import is_out_of_range
    from subsidies.services import GuidelineError

    if is_out_of_range(exc):
        return Response({"detail": _("输入的数值过大，超出了允许的范围。")}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, rules.RulesError):
        field = getattr(exc, "field", None)
        body = {"detail": str(exc)}
        if field:
            body["fields"] = {field: [str(exc)]}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, GuidelineError) and getattr(exc, "fields", None):  # refused input, field by field
        return Response({"detail": str(exc), "fields": exc.fields}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, WorkflowError | GuidelineError):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            return Response({"detail": _("输入有误。"), "fields": exc.message_dict}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": "；".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到。"))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" not in response.data:
        response.data = {"detail": _("输入有误，请检查标出的字段。"), "fields": response.data}
    elif response is not None and isinstance(response.data, list):
        response.data = {"detail": "；".join(str(m) for m in response.data)}
    return response
