"""The enterprise's REST API at /api/: token, profile, calculator, claims, documents, notifications.

The same services, selectors and permission module as the pages. Querysets come from
``permissions.visible_*``, so another enterprise's id is a 404. Errors are JSON
``{"detail": ..., "fields": {...}}`` in Chinese (portal/api.py).
"""

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

import rules
from applications import permissions
from applications.models import Claim, Notification
from applications.selectors import calculator as calc
from applications.selectors import claims as sel
from applications.services import claims as claim_service
from applications.services import documents as document_service
from applications.services import enterprise as enterprise_service
from applications.services import notifications as notification_services
from applications.services.enterprise import PROFILE_FACTS
from subsidies.selectors import current_guideline

# --- Permissions ------------------------------------------------------------------------------


class IsApplicant(BasePermission):
    message = _("此接口供申报企业使用。")

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_applicant)


class HasEnterprise(IsApplicant):
    message = _("请先登记企业信息。")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and request.user.enterprise_id is not None


APPLICANT = [IsAuthenticated, IsApplicant, HasEnterprise]


class VisitorThrottle(AnonRateThrottle):
    """Anonymous calls of the calculator and the token endpoint."""

    rate = "60/min"


def _claim(request, pk) -> Claim:
    return get_object_or_404(permissions.visible_claims(request.user).select_related("item", "guideline", "enterprise"), pk=pk)


# --- Serializers --------------------------------------------------------------------------------


class ApplicantTokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(label=_("电子邮箱"))
    password = serializers.CharField(label=_("密码"), style={"input_type": "password"}, trim_whitespace=False)


class ApplicantTokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ApplicantEnterpriseSerializer(serializers.Serializer):
    uscc = serializers.CharField(read_only=True)
    name = serializers.CharField(max_length=120)
    registered_address = serializers.CharField(max_length=200)
    district = serializers.CharField(max_length=20)
    above_scale = serializers.BooleanField()
    ai_enterprise = serializers.BooleanField()
    contact_person = serializers.CharField(max_length=40)
    contact_phone = serializers.RegexField(r"^[0-9+\-() ]{7,20}$", max_length=20, error_messages={
        "invalid": _("请输入有效的电话号码（数字，可含“-”），例如 13800138000 或 020-38880001。")})
    profile_facts = serializers.DictField(child=serializers.BooleanField(), required=False,
                                          help_text="llm_enterprise, ai_llm_field, cac_algorithm_filed, investor_qualified, "
                                                    "newly_established, ai_business")

    def validate_profile_facts(self, value):
        unknown = sorted(set(value) - set(PROFILE_FACTS))
        if unknown:
            raise serializers.ValidationError(_("未知的企业档案事实：%(names)s。") % {"names": "、".join(unknown)})
        return value


class ApplicantClaimListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    year = serializers.IntegerField()
    item = serializers.CharField(source="item_id")
    item_name = serializers.CharField(source="item.name")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    title = serializers.CharField()
    project_ref = serializers.CharField()
    computed_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    awarded_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class ApplicantClaimSerializer(ApplicantClaimListSerializer):
    facts = serializers.DictField()
    return_message = serializers.CharField()
    decision_reasons = serializers.CharField()
    demo_project = serializers.IntegerField(source="demo_project_id", allow_null=True)
    preapproval = serializers.IntegerField(source="preapproval_id", allow_null=True)
    editable = serializers.BooleanField(source="is_editable")


class ApplicantClaimWriteSerializer(serializers.Serializer):
    item = serializers.ChoiceField(choices=sorted(rules.ITEMS), required=False, help_text=_("事项代码，如 M6（仅新建时）"))
    title = serializers.CharField(max_length=120, required=False, allow_blank=True)
    project_ref = serializers.CharField(max_length=80, required=False, allow_blank=True)
    facts = serializers.DictField(required=False, help_text=_("事实名 → 值；金额为字符串（元，可含千位逗号），是/否为 true/false"))
    demo_project = serializers.IntegerField(required=False, allow_null=True)
    preapproval = serializers.IntegerField(required=False, allow_null=True)


class ApplicantWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ApplicantPreviewSerializer(serializers.Serializer):
    computable = serializers.BooleanField()
    message = serializers.CharField()
    result = serializers.DictField(allow_null=True)
    explain = serializers.ListField(child=serializers.CharField())
    problems = serializers.ListField(child=serializers.CharField(), help_text=_("提交前还需解决的问题"))


class ApplicantDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    version = serializers.IntegerField()
    is_current = serializers.BooleanField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, doc) -> str:
        from django.urls import reverse

        return reverse("api-applicant-document-download", args=[doc.pk])


class ApplicantChecklistRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    required = serializers.BooleanField()
    current = ApplicantDocumentSerializer(allow_null=True)
    earlier = ApplicantDocumentSerializer(many=True)


class ApplicantUploadSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("材料代码（见清单）"))
    file = serializers.FileField(help_text=_("PDF、JPG 或 PNG，不超过 20 MB"))


class ApplicantEventSerializer(serializers.Serializer):
    title = serializers.CharField()
    at = serializers.DateTimeField()
    actor = serializers.CharField()
    message = serializers.CharField()
    status = serializers.CharField()


class ApplicantSubmissionSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    facts = serializers.DictField()
    title = serializers.CharField()
    project_ref = serializers.CharField()
    estimated_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class ApplicantTimelineSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.CharField()
    return_message = serializers.CharField()
    decision_reasons = serializers.CharField()
    awarded_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    events = ApplicantEventSerializer(many=True)
    submissions = ApplicantSubmissionSerializer(many=True)
    letter = serializers.DictField(allow_null=True)
    payments = serializers.ListField(child=serializers.DictField())


class ApplicantNotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField()
    claim = serializers.IntegerField(source="claim_id", allow_null=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class ApplicantCalculatorRowSerializer(serializers.Serializer):
    item = serializers.CharField()
    name = serializers.CharField()
    clause = serializers.CharField()
    status = serializers.ChoiceField(choices=["eligible", "zero", "ineligible", "incomplete", "discretionary", "closed"])
    eligible = serializers.BooleanField()
    amount = serializers.CharField(allow_null=True)
    explain = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.DictField())
    hints = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField()


class ApplicantCalculatorSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = serializers.CharField()
    items = ApplicantCalculatorRowSerializer(many=True)


# --- Auth -----------------------------------------------------------------------------------


class ObtainTokenView(APIView):
    """Exchange e-mail and password for an API token (``Authorization: Token <token>``)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [VisitorThrottle]

    @extend_schema(request=ApplicantTokenRequestSerializer, responses={200: ApplicantTokenSerializer}, tags=["企业"], summary="获取 API 令牌")
    def post(self, request):
        data = ApplicantTokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, username=data.validated_data["email"], password=data.validated_data["password"])
        if user is None:
            return Response({"detail": _("邮箱或密码不正确。")}, status=status.HTTP_400_BAD_REQUEST)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


# --- Enterprise profile -----------------------------------------------------------------------


def _enterprise_data(ent) -> dict:
    return {f: getattr(ent, f) for f in ("uscc", *enterprise_service.ENTERPRISE_FIELDS)} | {"profile_facts": ent.profile_facts or {}}


class EnterpriseView(APIView):
    permission_classes = APPLICANT

    @extend_schema(responses=ApplicantEnterpriseSerializer, tags=["企业"], summary="企业档案")
    def get(self, request):
        ent = get_object_or_404(permissions.visible_enterprises(request.user), pk=request.user.enterprise_id)
        return Response(ApplicantEnterpriseSerializer(_enterprise_data(ent)).data)

    @extend_schema(request=ApplicantEnterpriseSerializer, responses=ApplicantEnterpriseSerializer, tags=["企业"], summary="修改企业档案（企业管理员）")
    def patch(self, request):
        ent = get_object_or_404(permissions.visible_enterprises(request.user), pk=request.user.enterprise_id)
        permissions.require(request.user, "manage_enterprise", ent)
        ser = ApplicantEnterpriseSerializer(data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        data.update(data.pop("profile_facts", {}))
        ent = enterprise_service.update_enterprise(request.user, ent, data)
        return Response(ApplicantEnterpriseSerializer(_enterprise_data(ent)).data)


# --- Calculator -------------------------------------------------------------------------------


class CalculatorView(APIView):
    """政策计算器: facts in, every item of the current year out. Anonymous visitors allowed."""

    permission_classes = [AllowAny]
    throttle_classes = [VisitorThrottle]

    @extend_schema(
        request=inline_serializer("ApplicantCalculatorRequest", {"facts": serializers.DictField()}),
        responses=ApplicantCalculatorSerializer,
        tags=["政策计算器"],
        summary="政策计算器（无需登录）",
    )
    def post(self, request):
        raw = request.data.get("facts", {}) if isinstance(request.data, dict) else {}
        if not isinstance(raw, dict):
            return Response({"detail": _("facts 应为对象（事实名 → 值）。")}, status=status.HTTP_400_BAD_REQUEST)
        allowed = set(calc.calculator_fact_names())
        facts, errors = {}, {}
        for name, value in raw.items():
            if name not in allowed:
                errors[name] = [_("计算器不使用此数据（%(name)s）。") % {"name": name}]
                continue
            if value is None or value == "":
                continue
            try:
                facts[name] = claim_service.clean_fact(name, value)
            except Exception as exc:  # ValidationError
                errors[name] = getattr(exc, "messages", [str(exc)])
        if errors:
            return Response({"detail": _("输入有误，请检查标出的字段。"), "fields": errors}, status=status.HTTP_400_BAD_REQUEST)
        for name in allowed:
            if rules.FACTS[name].kind == "bool":
                facts.setdefault(name, False)
        guideline = current_guideline()
        if guideline is None:
            return Response({"detail": _("本年度申报指南尚未发布。")}, status=status.HTTP_409_CONFLICT)
        user = request.user
        enterprise_id = user.enterprise_id if user.is_authenticated and getattr(user, "is_applicant", False) else None
        rows = calc.evaluate_all(facts, guideline, enterprise_id)
        return Response({"year": guideline.year, "total": f"{calc.total(rows):f}", "items": [r.to_dict() for r in rows]})


# --- Claims -----------------------------------------------------------------------------------


class ClaimListView(APIView):
    permission_classes = APPLICANT

    @extend_schema(responses=ApplicantClaimListSerializer(many=True), tags=["申报"], summary="本企业的申报")
    def get(self, request):
        rows = sel.claims_for(request.user)
        from rest_framework.pagination import PageNumberPagination

        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(ApplicantClaimListSerializer(page, many=True).data)

    @extend_schema(request=ApplicantClaimWriteSerializer, responses={201: ApplicantClaimSerializer}, tags=["申报"], summary="新建申报草稿")
    def post(self, request):
        ser = ApplicantClaimWriteSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = ser.validated_data
        if "item" not in data:
            return Response({"detail": _("请指定申报事项。"), "fields": {"item": [_("该字段是必填项。")]}}, status=400)
        claim = claim_service.start_claim(
            request.user, data["item"], facts=data.get("facts") or {}, title=data.get("title", ""),
            project_ref=data.get("project_ref", ""), demo_project=data.get("demo_project"), preapproval=data.get("preapproval"),
        )
        return Response(ApplicantClaimSerializer(claim).data, status=status.HTTP_201_CREATED)


class ClaimDetailView(APIView):
    permission_classes = APPLICANT

    @extend_schema(responses=ApplicantClaimSerializer, tags=["申报"], summary="申报详情")
    def get(self, request, pk):
        return Response(ApplicantClaimSerializer(_claim(request, pk)).data)

    @extend_schema(request=ApplicantClaimWriteSerializer, responses=ApplicantClaimSerializer, tags=["申报"],
                   summary="修改申报（仅草稿或退回补正时；facts 与已有数据合并）")
    def patch(self, request, pk):
        claim = _claim(request, pk)
        ser = ApplicantClaimWriteSerializer(data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        data = ser.validated_data
        if "item" in data and data["item"] != claim.item_id:
            return Response({"detail": _("申报事项不能修改；请新建申报。"), "fields": {"item": [_("不能修改。")]}}, status=400)
        claim = claim_service.save_claim(
            request.user, claim, facts=data.get("facts") or {}, title=data.get("title"), project_ref=data.get("project_ref"),
            demo_project=data.get("demo_project"), preapproval=data.get("preapproval"), replace=False,
        )
        return Response(ApplicantClaimSerializer(claim).data)


class ClaimSubmitView(APIView):
    permission_classes = APPLICANT

    @extend_schema(request=None, responses=ApplicantClaimSerializer, tags=["申报"], summary="提交（或补正后重新提交）")
    def post(self, request, pk):
        claim = claim_service.submit_claim(request.user, _claim(request, pk))
        return Response(ApplicantClaimSerializer(claim).data)


class ClaimWithdrawView(APIView):
    permission_classes = APPLICANT

    @extend_schema(request=ApplicantWithdrawSerializer, responses=ApplicantClaimSerializer, tags=["申报"], summary="撤回申报（作出决定前）")
    def post(self, request, pk):
        claim = _claim(request, pk)
        ser = ApplicantWithdrawSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        claim = claim_service.withdraw_claim(request.user, claim, ser.validated_data.get("reason", ""))
        return Response(ApplicantClaimSerializer(claim).data)


class ClaimPreviewView(APIView):
    permission_classes = APPLICANT

    @extend_schema(responses=ApplicantPreviewSerializer, tags=["申报"], summary="预览测算金额与提交前的问题")
    def get(self, request, pk):
        claim = _claim(request, pk)
        preview = claim_service.preview(claim)
        result = preview["result"]
        return Response({
            "computable": result is not None,
            "message": preview["error"],
            "result": result.to_dict() if result is not None else None,
            "explain": result.explain_zh() if result is not None else [],
            "problems": claim_service.submission_problems(claim) if claim.is_editable else [],
        })


class ClaimTimelineView(APIView):
    permission_classes = APPLICANT

    @extend_schema(responses=ApplicantTimelineSerializer, tags=["申报"], summary="办理进度、提交记录、决定书与拨付")
    def get(self, request, pk):
        claim = _claim(request, pk)
        letter = sel.letter_of(claim)
        return Response(ApplicantTimelineSerializer({
            "status": claim.status,
            "status_label": claim.get_status_display(),
            "return_message": claim.return_message,
            "decision_reasons": claim.decision_reasons,
            "awarded_amount": claim.awarded_amount,
            "events": sel.timeline_rows(claim),
            "submissions": list(sel.submissions(claim)),
            "letter": {"reference": letter.reference, "kind": letter.kind, "download_url": sel.letter_url(letter)} if letter else None,
            "payments": [{"paid_on": p.paid_on.isoformat(), "amount": f"{p.amount:f}", "voucher_ref": p.voucher_ref}
                         for p in sel.payments_of(claim)],
        }).data)


# --- Documents --------------------------------------------------------------------------------


class ClaimDocumentsView(APIView):
    permission_classes = APPLICANT
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses=ApplicantChecklistRowSerializer(many=True), tags=["材料"], summary="材料清单与已上传文件")
    def get(self, request, pk):
        claim = _claim(request, pk)
        rows = [
            {"code": r["required"].code, "name": r["required"].name, "description": r["required"].description,
             "required": r["required"].required, "current": r["current"], "earlier": r["earlier"]}
            for r in sel.checklist(claim)
        ]
        return Response(ApplicantChecklistRowSerializer(rows, many=True).data)

    @extend_schema(request={"multipart/form-data": ApplicantUploadSerializer}, responses={201: ApplicantDocumentSerializer}, tags=["材料"],
                   summary="上传材料（替换时生成新版本）")
    def post(self, request, pk):
        claim = _claim(request, pk)
        code = request.data.get("code")
        upload = request.FILES.get("file")
        if not code or upload is None:
            fields = {}
            if not code:
                fields["code"] = [_("请指定材料代码。")]
            if upload is None:
                fields["file"] = [_("请选择要上传的文件。")]
            return Response({"detail": _("输入有误，请检查标出的字段。"), "fields": fields}, status=400)
        doc = document_service.upload_document(request.user, claim, code, upload)
        return Response(ApplicantDocumentSerializer(doc).data, status=status.HTTP_201_CREATED)


class DocumentDownloadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY}, tags=["材料"], summary="下载材料文件")
    def get(self, request, pk):
        from applications.views.applicant import document_download

        try:
            return document_download(request._request, pk)
        except Http404:
            raise
        except PermissionDenied:
            raise Http404


# --- Notifications ----------------------------------------------------------------------------


class NotificationListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ApplicantNotificationSerializer(many=True), tags=["通知"], summary="站内通知")
    def get(self, request):
        from rest_framework.pagination import PageNumberPagination

        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(sel.notifications_page(request.user), request, view=self)
        return paginator.get_paginated_response(ApplicantNotificationSerializer(page, many=True).data)


class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=ApplicantNotificationSerializer, tags=["通知"], summary="标为已读")
    def post(self, request, pk):
        n = get_object_or_404(Notification.objects.filter(user=request.user), pk=pk)
        notification_services.mark_read(request.user, n.pk)
        n.refresh_from_db()
        return Response(ApplicantNotificationSerializer(n).data)


class NotificationReadAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=inline_serializer("ApplicantNotificationsReadAll", {"updated": serializers.IntegerField()}), tags=["通知"],
                   summary="全部标为已读")
    def post(self, request):
        updated = notification_services.mark_read(request.user)
        return Response({"updated": updated})


urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("enterprise/", EnterpriseView.as_view(), name="api-applicant-enterprise"),
    path("calculator/", CalculatorView.as_view(), name="api-applicant-calculator"),
    path("claims/", ClaimListView.as_view(), name="api-applicant-claims"),
    path("claims/<id:pk>/", ClaimDetailView.as_view(), name="api-applicant-claim"),
    path("claims/<id:pk>/submit/", ClaimSubmitView.as_view(), name="api-applicant-claim-submit"),
    path("claims/<id:pk>/withdraw/", ClaimWithdrawView.as_view(), name="api-applicant-claim-withdraw"),
    path("claims/<id:pk>/preview/", ClaimPreviewView.as_view(), name="api-applicant-claim-preview"),
    path("claims/<id:pk>/timeline/", ClaimTimelineView.as_view(), name="api-applicant-claim-timeline"),
    path("claims/<id:pk>/documents/", ClaimDocumentsView.as_view(), name="api-applicant-claim-documents"),
    path("documents/<id:pk>/download/", DocumentDownloadView.as_view(), name="api-applicant-document-download"),
    path("notifications/", NotificationListView.as_view(), name="api-applicant-notifications"),
    path("notifications/read-all/", NotificationReadAllView.as_view(), name="api-applicant-notifications-read-all"),
    path("notifications/<id:pk>/read/", NotificationReadView.as_view(), name="api-applicant-notification-read"),
]
