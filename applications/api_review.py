"""The review side's REST API at /api/review/: the same services and the same permission module
as the pages. Errors are JSON ``{"detail", "fields"}`` (portal/api.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from accounts.models import User
from applications import permissions
from applications.models import DemonstrationProject, Enterprise, NoticeBatch, Objection, PreApproval
from applications.selectors import review as sel
from applications.services import notices, payments, review, special
from applications.views.notices import client_key

# --- Serializers ----------------------------------------------------------------------------------


class QueueRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    year = serializers.IntegerField()
    item = serializers.CharField(source="item_id")
    item_name = serializers.CharField(source="item.name")
    enterprise_id = serializers.IntegerField()
    enterprise = serializers.CharField(source="enterprise.name")
    uscc = serializers.CharField(source="enterprise.uscc")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    first_assignee = serializers.IntegerField(source="first_assignee_id", allow_null=True)
    second_assignee = serializers.IntegerField(source="second_assignee_id", allow_null=True)
    assigned_to_me = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    computed_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    awarded_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)

    def get_assigned_to_me(self, obj) -> bool:
        return getattr(obj, "mine", 1) == 0


class QueuePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = QueueRowSerializer(many=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class VerifyFactSerializer(serializers.Serializer):
    fact = serializers.CharField(help_text="数据项名称，如 paid_to_institutions")
    value = serializers.JSONField(help_text="核定值：金额为字符串（元），是/否为布尔值，等级为整数")
    reason = serializers.CharField(help_text="核定理由")


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonsSerializer(serializers.Serializer):
    reasons = serializers.CharField()


class AssignSerializer(serializers.Serializer):
    claim_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    first_assignee = serializers.IntegerField(required=False, allow_null=True)
    second_assignee = serializers.IntegerField(required=False, allow_null=True)


class ConflictSerializer(serializers.Serializer):
    enterprise_uscc = serializers.CharField(max_length=18)
    reason = serializers.CharField(max_length=200)


class ConflictOutSerializer(serializers.Serializer):
    enterprise_id = serializers.IntegerField()
    enterprise = serializers.CharField(source="enterprise.name")
    reason = serializers.CharField()
    declared_at = serializers.DateTimeField()


class DemoProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    year = serializers.IntegerField()
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=120)
    opener_uscc = serializers.CharField(write_only=True)
    supplier_uscc = serializers.CharField(write_only=True)
    purchaser_uscc = serializers.CharField(write_only=True)
    opener = serializers.CharField(source="opener.name", read_only=True)
    supplier = serializers.CharField(source="supplier.name", read_only=True)
    purchaser = serializers.CharField(source="purchaser.name", read_only=True)


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="示范项目或事前同意的编号；null 取消关联")


class M1CSerializer(serializers.Serializer):
    amount = serializers.CharField(help_text="核定金额（元）")
    approval_ref = serializers.CharField(max_length=80)


class PreApprovalSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    enterprise = serializers.CharField(source="enterprise.name", read_only=True)
    event_name = serializers.CharField(max_length=120)
    event_type = serializers.ChoiceField(choices=special.EVENT_TYPES)
    venue = serializers.CharField(max_length=120)
    planned_date = serializers.DateField()
    planned_budget = serializers.CharField(help_text="预算（元）")
    description = serializers.CharField()
    status = serializers.CharField(read_only=True)
    decision_note = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["event_type"] = instance.event_type
        return data


class PreApprovalDecisionSerializer(serializers.Serializer):
    grant = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PublishSerializer(serializers.Serializer):
    claim_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    title = serializers.CharField(required=False, allow_blank=True, default="")
    days = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=30)


class BatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    status = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class PublicClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    enterprise = serializers.CharField(source="enterprise.name")
    uscc = serializers.CharField(source="enterprise.uscc")
    item = serializers.CharField(source="item.name")
    clause = serializers.CharField(source="item.clause")
    amount = serializers.DecimalField(source="awarded_amount", max_digits=14, decimal_places=2)


class ObjectionInSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    reasons = serializers.CharField(allow_blank=True, help_text="异议理由（不少于 10 个字）")
    contact_name = serializers.CharField(allow_blank=True, help_text="姓名或单位名称")
    contact_phone = serializers.CharField(allow_blank=True, help_text="手机号码或带区号的固定电话")


class ObjectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim = serializers.IntegerField(source="claim_id")
    reasons = serializers.CharField()
    contact_name = serializers.CharField()
    contact_phone = serializers.CharField()
    status = serializers.CharField()
    resolution = serializers.CharField()
    filed_at = serializers.DateTimeField()


class ResolveSerializer(serializers.Serializer):
    upheld = serializers.BooleanField()
    resolution = serializers.CharField()


class PaymentSerializer(serializers.Serializer):
    paid_on = serializers.DateField()
    amount = serializers.CharField(help_text="拨付金额（元）")
    voucher_ref = serializers.CharField(max_length=60)


# --- Permissions -----------------------------------------------------------------------------------


class IsPortalStaff(BasePermission):
    def has_permission(self, request, view):
        decision = permissions.can(request.user, "view_queue")
        if not decision:
            raise PermissionDenied(decision.reason)
        return True


class StaffView(APIView):
    permission_classes = [IsPortalStaff]

    def claim(self, pk):
        return get_object_or_404(permissions.visible_claims(self.request.user).select_related("enterprise", "item"), pk=pk)


def _valid(serializer_class, request):
    s = serializer_class(data=request.data)
    s.is_valid(raise_exception=True)
    return s.validated_data


def _claim_summary(claim) -> dict:
    claim.refresh_from_db()
    return {
        "id": claim.pk, "number": claim.number, "status": claim.status, "status_label": claim.get_status_display(),
        "computed_amount": str(claim.computed_amount) if claim.computed_amount is not None else None,
        "awarded_amount": str(claim.awarded_amount) if claim.awarded_amount is not None else None,
    }


CLAIM_SUMMARY = inline_serializer("ClaimSummary", {
    "id": serializers.IntegerField(), "number": serializers.CharField(), "status": serializers.CharField(),
    "status_label": serializers.CharField(), "computed_amount": serializers.CharField(allow_null=True),
    "awarded_amount": serializers.CharField(allow_null=True)})


# --- Queue and review ------------------------------------------------------------------------------


class QueueView(StaffView):
    @extend_schema(
        summary="审核队列",
        parameters=[
            OpenApiParameter("q", str, description="企业名称或统一社会信用代码"),
            OpenApiParameter("year", int), OpenApiParameter("item", str), OpenApiParameter("status", str),
            OpenApiParameter("assignee", int), OpenApiParameter("enterprise", int), OpenApiParameter("mine", bool),
            OpenApiParameter("sort", str, enum=list(sel.SORTS)), OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description="每页条数（最多 200）"),
        ],
        responses=QueuePageSerializer,
    )
    def get(self, request):
        try:
            per_page = max(1, min(int(request.query_params.get("page_size") or 50), 200))
        except ValueError:
            per_page = 50
        _f, page = sel.queue_page(request.user, request.query_params, per_page=per_page)
        return Response({
            "count": page.paginator.count, "page": page.number, "num_pages": page.paginator.num_pages,
            "results": QueueRowSerializer(page.object_list, many=True).data,
        })


class ClaimReviewView(StaffView):
    @extend_schema(summary="审核详情：申报数据与核定数据、测算过程、台账、材料、办理记录", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        claim = self.claim(pk)
        ctx = sel.review_context(request.user, claim)
        result = ctx["result"]
        return Response({
            **_claim_summary(claim),
            "enterprise": {"id": claim.enterprise_id, "name": claim.enterprise.name, "uscc": claim.enterprise.uscc},
            "item": claim.item_id, "year": claim.year,
            "first_assignee": claim.first_assignee_id, "second_assignee": claim.second_assignee_id,
            "first_reviewed_by": claim.first_reviewed_by_id, "second_reviewed_by": claim.second_reviewed_by_id,
            "facts": [{"name": f["name"], "label": f["label"], "kind": f["kind"], "claimed": f["claimed"],
                       "verified": f["verified"], "reason": f["correction"].reason if f["correction"] else None}
                      for f in ctx["facts"]],
            "result": result.to_dict() if result else None,
            "explanation": result.explain_zh() if result else [],
            "result_error": ctx["result_error"] or None,
            "ledger_this_year": {"reserved": str(ctx["year_sum"].reserved), "committed": str(ctx["year_sum"].committed),
                                 "paid": str(ctx["year_sum"].paid)},
            "documents": [{"id": d.pk, "code": d.code, "name": d.original_name, "content_type": d.content_type,
                           "version": d.version} for d in ctx["documents"]],
            "events": [{"action": e["event"].action, "label": str(e["label"]), "actor": str(e["actor"]),
                        "from_status": e["event"].from_status, "to_status": e["event"].to_status,
                        "message": e["message"], "data": e["event"].data, "at": e["at"]} for e in ctx["events"]],
            "actions": ctx["actions"],
            "demo_project": claim.demo_project_id, "preapproval": claim.preapproval_id,
            "approval_ref": claim.approval_ref, "m1c_confirmed_at": claim.m1c_confirmed_at,
        })


def _action_view(name, serializer_class, call, summary):
    class _View(StaffView):
        @extend_schema(summary=summary, request=serializer_class, responses={200: CLAIM_SUMMARY, 400: DetailSerializer,
                                                                              403: DetailSerializer, 409: DetailSerializer})
        def post(self, request, pk):
            claim = self.claim(pk)
            data = _valid(serializer_class, request) if serializer_class else {}
            call(claim, request.user, data)
            return Response(_claim_summary(claim))

    _View.__name__ = name
    return _View


VerifyFactView = _action_view("VerifyFactView", VerifyFactSerializer,
                              lambda c, u, d: review.verify_fact(c, u, d["fact"], d["value"], d["reason"]), "核定一项数据（附理由），并按核定数据重新测算")
ApproveView = _action_view("ApproveView", MessageSerializer, lambda c, u, d: review.approve(c, u, d.get("message", "")),
                           "审核通过（待初审：初审通过；待复审：复审通过并预留资金）")
RejectView = _action_view("RejectView", ReasonsSerializer, lambda c, u, d: review.reject(c, u, d["reasons"]), "不予扶持（附理由）")
ReturnView = _action_view("ReturnView", MessageSerializer, lambda c, u, d: review.return_for_correction(c, u, d.get("message", "")),
                          "退回补正（附补正要求）")
RevokeView = _action_view("RevokeView", ReasonsSerializer, lambda c, u, d: review.revoke(c, u, d["reasons"]),
                          "撤销决定（管理员；释放资金）")
M1CAmountView = _action_view("M1CAmountView", M1CSerializer,
                             lambda c, u, d: special.enter_m1c_amount(c, u, d["amount"], d["approval_ref"]), "一事一议：录入核定金额和区政府同意文号")
M1CConfirmView = _action_view("M1CConfirmView", None, lambda c, u, d: special.confirm_m1c(c, u), "一事一议：管理员确认")
DemoLinkView = _action_view(
    "DemoLinkView", LinkSerializer,
    lambda c, u, d: special.link_demo_project(c, u, get_object_or_404(DemonstrationProject, pk=d["id"]) if d["id"] else None),
    "M3：关联示范项目")
PreLinkView = _action_view(
    "PreLinkView", LinkSerializer,
    lambda c, u, d: special.link_preapproval(c, u, get_object_or_404(PreApproval, pk=d["id"]) if d["id"] else None),
    "M10：关联事前同意")
PaymentView = _action_view(
    "PaymentView", PaymentSerializer,
    lambda c, u, d: payments.record_payment(c, u, paid_on=d["paid_on"], amount=d["amount"], voucher_ref=d["voucher_ref"]),
    "登记拨付（日期、金额、凭证号）")


def _user(pk):
    return get_object_or_404(User, pk=pk) if pk else None


class AssignView(StaffView):
    @extend_schema(summary="分配初审/复审人员（单项或批量）", request=AssignSerializer,
                   responses=inline_serializer("AssignResult", {"assigned": serializers.IntegerField()}))
    def post(self, request):
        d = _valid(AssignSerializer, request)
        n = review.assign(d["claim_ids"], request.user, first_assignee=_user(d.get("first_assignee")),
                          second_assignee=_user(d.get("second_assignee")))
        return Response({"assigned": n})


class ConflictsView(StaffView):
    @extend_schema(summary="我申报的利益冲突回避", responses=ConflictOutSerializer(many=True))
    def get(self, request):
        return Response(ConflictOutSerializer(request.user.conflicts.select_related("enterprise"), many=True).data)

    @extend_schema(summary="申报利益冲突回避", request=ConflictSerializer, responses={201: ConflictOutSerializer})
    def post(self, request):
        d = _valid(ConflictSerializer, request)
        enterprise = get_object_or_404(Enterprise, uscc=d["enterprise_uscc"].strip().upper())
        conflict = review.declare_conflict(request.user, enterprise, d["reason"])
        return Response(ConflictOutSerializer(conflict).data, status=201)


class DemoProjectsView(StaffView):
    @extend_schema(summary="年度示范项目（M3）", parameters=[OpenApiParameter("year", int)], responses=DemoProjectSerializer(many=True))
    def get(self, request):
        raw = request.query_params.get("year") or str(timezone.localdate().year)
        if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
            raise ValidationError({"year": [_("年度应为四位数字，如 2025。")]})
        rows = DemonstrationProject.objects.filter(year=int(raw)).select_related("opener", "supplier", "purchaser")
        return Response(DemoProjectSerializer(rows, many=True).data)

    @extend_schema(summary="遴选示范项目（复审人员；不超过年度名额）", request=DemoProjectSerializer, responses={201: DemoProjectSerializer})
    def post(self, request):
        d = _valid(DemoProjectSerializer, request)

        def ent(uscc):
            return Enterprise.objects.filter(uscc=uscc.strip().upper()).first()

        project = special.select_demo_project(request.user, year=d["year"], code=d["code"], name=d["name"],
                                              opener=ent(d["opener_uscc"]), supplier=ent(d["supplier_uscc"]),
                                              purchaser=ent(d["purchaser_uscc"]))
        return Response(DemoProjectSerializer(project).data, status=201)


class PreApprovalsView(StaffView):
    @extend_schema(summary="事前同意申请（审核人员）", responses=PreApprovalSerializer(many=True))
    def get(self, request):
        rows = permissions.visible_preapprovals(request.user).select_related("enterprise").order_by("status", "planned_date")
        return Response(PreApprovalSerializer(rows, many=True).data)


class PreApprovalDecideView(StaffView):
    @extend_schema(summary="同意或不同意事前同意申请", request=PreApprovalDecisionSerializer, responses=PreApprovalSerializer)
    def post(self, request, pk):
        pre = get_object_or_404(permissions.visible_preapprovals(request.user), pk=pk)
        d = _valid(PreApprovalDecisionSerializer, request)
        pre = special.decide_preapproval(pre, request.user, grant=d["grant"], note=d.get("note", ""))
        return Response(PreApprovalSerializer(pre).data)


class MyPreApprovalsView(APIView):
    @extend_schema(summary="我的事前同意申请（活动主办企业）", responses=PreApprovalSerializer(many=True))
    def get(self, request):
        permissions.require(request.user, "request_preapproval")
        return Response(PreApprovalSerializer(permissions.visible_preapprovals(request.user).select_related("enterprise"),
                                              many=True).data)

    @extend_schema(summary="申请事前同意（活动举办前）", request=PreApprovalSerializer, responses={201: PreApprovalSerializer})
    def post(self, request):
        permissions.require(request.user, "request_preapproval")
        d = _valid(PreApprovalSerializer, request)
        pre = special.request_preapproval(request.user, **d)
        return Response(PreApprovalSerializer(pre).data, status=201)


# --- 公示 -----------------------------------------------------------------------------------------------


class NoticesView(StaffView):
    @extend_schema(summary="公示批次", responses=BatchSerializer(many=True))
    def get(self, request):
        return Response(BatchSerializer(sel.staff_batches(), many=True).data)

    @extend_schema(summary="发布公示（复审通过的申报；公示期默认 5 天）", request=PublishSerializer, responses={201: BatchSerializer})
    def post(self, request):
        d = _valid(PublishSerializer, request)
        batch = notices.publish_batch(d["claim_ids"], request.user, title=d.get("title", ""), days=d.get("days"))
        return Response(BatchSerializer(batch).data, status=201)


class NoticeBatchView(StaffView):
    @extend_schema(summary="公示批次详情与异议", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        batch = get_object_or_404(NoticeBatch, pk=pk)
        claims = permissions.visible_claims(request.user).filter(notice_batch=batch).select_related("enterprise", "item")
        return Response({**BatchSerializer(batch).data,
                         "claims": [_claim_summary(c) for c in claims],
                         "objections": ObjectionSerializer(batch.objections.all(), many=True).data})


class DecideBatchView(StaffView):
    @extend_schema(summary="公示期满，作出扶持决定（整批）", request=None,
                   responses={200: inline_serializer("DecideResult", {"batch": BatchSerializer(),
                                                                      "letter_job": serializers.IntegerField(allow_null=True)}),
                              409: DetailSerializer})
    def post(self, request, pk):
        batch = get_object_or_404(NoticeBatch, pk=pk)
        batch, job = notices.decide_batch(batch, request.user)
        return Response({"batch": BatchSerializer(batch).data, "letter_job": job.pk if job else None})


class ResolveObjectionView(StaffView):
    @extend_schema(summary="处理异议（成立：退回重新审核并释放资金；不成立：记录）", request=ResolveSerializer, responses=ObjectionSerializer)
    def post(self, request, pk):
        objection = get_object_or_404(Objection, pk=pk, claim__in=permissions.visible_claims(request.user))
        d = _valid(ResolveSerializer, request)
        objection = notices.resolve_objection(objection, request.user, upheld=d["upheld"], resolution=d["resolution"])
        return Response(ObjectionSerializer(objection).data)


class PublicNoticesView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(summary="公示列表（公开）", responses=BatchSerializer(many=True))
    def get(self, request):
        return Response(BatchSerializer(sel.public_batches(), many=True).data)


class PublicNoticeView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(summary="公示详情（公开：企业、事项、金额）", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        batch = get_object_or_404(sel.public_batches(), pk=pk)
        return Response({**BatchSerializer(batch).data, "open_for_objections": notices.is_open_for_objections(batch),
                         "claims": PublicClaimSerializer(sel.public_claims(batch), many=True).data})


class ObjectionThrottle(AnonRateThrottle):
    rate = "20/hour"


class PublicObjectionView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ObjectionThrottle]

    @extend_schema(summary="对公示提出异议（公开，须实名并留联系电话）", request=ObjectionInSerializer,
                   responses={201: inline_serializer("ObjectionFiled", {"id": serializers.IntegerField(),
                                                                       "detail": serializers.CharField()})})
    def post(self, request, pk):
        batch = get_object_or_404(sel.public_batches(), pk=pk)
        d = _valid(ObjectionInSerializer, request)
        o = notices.file_objection(batch, d["claim"], reasons=d["reasons"], contact_name=d["contact_name"],
                                   contact_phone=d["contact_phone"], client_key=client_key(request))
        return Response({"id": o.pk, "detail": "您的异议已收到，区科工信局将核实处理。"}, status=201)


# --- Exports ----------------------------------------------------------------------------------------------


class ExportView(StaffView):
    @extend_schema(summary="导出审核队列或年度决定（xlsx / csv）",
                   parameters=[OpenApiParameter("year", int, description="年度决定的年度")],
                   responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, kind, fmt):
        from applications.views.review import export_response

        return export_response(request.user, request.query_params, kind, fmt)


urlpatterns = [
    path("queue/", QueueView.as_view(), name="api-review-queue"),
    path("claims/<id:pk>/", ClaimReviewView.as_view(), name="api-review-claim"),
    path("claims/<id:pk>/verify-fact/", VerifyFactView.as_view(), name="api-review-verify-fact"),
    path("claims/<id:pk>/approve/", ApproveView.as_view(), name="api-review-approve"),
    path("claims/<id:pk>/reject/", RejectView.as_view(), name="api-review-reject"),
    path("claims/<id:pk>/return/", ReturnView.as_view(), name="api-review-return"),
    path("claims/<id:pk>/revoke/", RevokeView.as_view(), name="api-review-revoke"),
    path("claims/<id:pk>/m1c-amount/", M1CAmountView.as_view(), name="api-review-m1c-amount"),
    path("claims/<id:pk>/m1c-confirm/", M1CConfirmView.as_view(), name="api-review-m1c-confirm"),
    path("claims/<id:pk>/demo-project/", DemoLinkView.as_view(), name="api-review-demo-link"),
    path("claims/<id:pk>/preapproval/", PreLinkView.as_view(), name="api-review-preapproval-link"),
    path("claims/<id:pk>/payments/", PaymentView.as_view(), name="api-review-payment"),
    path("assign/", AssignView.as_view(), name="api-review-assign"),
    path("conflicts/", ConflictsView.as_view(), name="api-review-conflicts"),
    path("demo-projects/", DemoProjectsView.as_view(), name="api-review-demo-projects"),
    path("preapprovals/", PreApprovalsView.as_view(), name="api-review-preapprovals"),
    path("preapprovals/<id:pk>/decide/", PreApprovalDecideView.as_view(), name="api-review-preapproval-decide"),
    path("my-preapprovals/", MyPreApprovalsView.as_view(), name="api-my-preapprovals"),
    path("notices/", NoticesView.as_view(), name="api-review-notices"),
    path("notices/<id:pk>/", NoticeBatchView.as_view(), name="api-review-notice"),
    path("notices/<id:pk>/decide/", DecideBatchView.as_view(), name="api-review-notice-decide"),
    path("objections/<id:pk>/resolve/", ResolveObjectionView.as_view(), name="api-review-objection-resolve"),
    path("exports/<str:kind>.<str:fmt>", ExportView.as_view(), name="api-review-export"),
    path("public/notices/", PublicNoticesView.as_view(), name="api-public-notices"),
    path("public/notices/<id:pk>/", PublicNoticeView.as_view(), name="api-public-notice"),
    path("public/notices/<id:pk>/objections/", PublicObjectionView.as_view(), name="api-public-objection"),
]
