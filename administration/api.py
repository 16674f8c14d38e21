"""REST API of 年度管理 at /api/manage/: guidelines, simulations, dashboard, audit-log search.

Every endpoint asks ``applications.permissions`` (edit_guideline, run_simulation,
view_dashboard, view_audit_log) and calls the same services and selectors as the pages.
Errors are JSON ``{"detail", "fields"}``: bad input 400, a frozen guideline 409 with the reason.
The audit log has no write endpoint at all (GET only: POST/PUT/PATCH/DELETE are 405).
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from administration.models import Simulation
from administration.selectors import audit as audit_selectors
from administration.selectors.dashboard import dashboard, dashboard_json
from administration.selectors.guidelines import guideline_diff, guideline_list, previous_guideline
from administration.services import guidelines as guideline_services
from administration.services.simulation import SimulationError, start_simulation
from applications import permissions
from subsidies.models import Guideline, RequiredDocument

# --- Permission -----------------------------------------------------------------------------


class Can(BasePermission):
    """DRF permission asking the one permission module for ``view.action_name``."""

    message = "无权访问。"

    def has_permission(self, request, view):
        decision = permissions.can(request.user, view.action_name)
        if not decision:
            self.message = decision.reason
        return bool(decision)


class ManageView(APIView):
    permission_classes = [Can]
    action_name = "edit_guideline"


def _input_error(exc):
    return Response({"detail": str(exc), "fields": exc.fields}, status=status.HTTP_400_BAD_REQUEST)


# --- Serializers ----------------------------------------------------------------------------


class ManageParameterSerializer(serializers.Serializer):
    item = serializers.CharField(source="item_id")
    name = serializers.CharField()
    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=18, decimal_places=4)
    unit = serializers.CharField()
    clause = serializers.CharField()


class ManageDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item = serializers.CharField(source="item_id")
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    required = serializers.BooleanField()
    order = serializers.IntegerField()


class ManageSettingSerializer(serializers.Serializer):
    item = serializers.CharField(source="item_id")
    enabled = serializers.BooleanField()
    notes = serializers.CharField()


class GuidelineBriefSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)
    frozen_at = serializers.DateTimeField(allow_null=True)
    claim_count = serializers.IntegerField(required=False)
    decision_count = serializers.IntegerField(required=False)


class GuidelineDetailSerializer(GuidelineBriefSerializer):
    notes = serializers.CharField()
    parameters = ManageParameterSerializer(many=True, source="parameters.all")
    documents = ManageDocumentSerializer(many=True, source="documents.all")
    item_settings = ManageSettingSerializer(many=True, source="item_settings.all")


class GuidelinePatchSerializer(serializers.Serializer):
    opens_at = serializers.CharField(required=False, help_text="ISO 8601，如 2027-03-01T09:00:00+08:00")
    closes_at = serializers.CharField(required=False)
    title = serializers.CharField(required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)


class ParametersInSerializer(serializers.Serializer):
    values = serializers.DictField(child=serializers.CharField(), help_text='参数名 → 取值，如 {"rate": "0.12"}')


class SettingInSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class DocumentInSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    required = serializers.BooleanField(default=True)


class CopyInSerializer(serializers.Serializer):
    new_year = serializers.IntegerField()


class GuidelineChangeSerializer(serializers.Serializer):
    item = serializers.CharField()
    subject = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()
    kind = serializers.CharField()


class DiffSerializer(serializers.Serializer):
    old_year = serializers.IntegerField(source="old.year")
    new_year = serializers.IntegerField(source="new.year")
    window = GuidelineChangeSerializer(many=True)
    parameters = GuidelineChangeSerializer(many=True)
    documents = GuidelineChangeSerializer(many=True)
    settings = GuidelineChangeSerializer(many=True)


class SimulationInSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="用哪一年的申报")
    draft_year = serializers.IntegerField(required=False, allow_null=True, help_text="草稿参数取自哪一年度的指南")
    overrides = serializers.DictField(
        child=serializers.CharField(), required=False, default=dict, help_text='逐项调整，如 {"M6.rate": "0.12"}'
    )


class SimulationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    draft_year = serializers.IntegerField(allow_null=True)
    overrides = serializers.DictField()
    status = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    progress = serializers.SerializerMethodField()
    error = serializers.CharField()
    result = serializers.JSONField(help_text="分事项的件数、现行/草稿金额（元，字符串）、差额、占预算比例、变化最大的申报及计算过程")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)

    def get_progress(self, obj) -> float:
        if obj.status == Simulation.Status.DONE:
            return 1.0
        return round(obj.done / obj.total, 4) if obj.total else 0.0


def _detail(guideline):
    return GuidelineDetailSerializer(guideline).data


def _guideline(year):
    return get_object_or_404(Guideline.objects.prefetch_related("parameters", "documents", "item_settings"), year=year)


# --- Guidelines -----------------------------------------------------------------------------


class GuidelineListView(ManageView):
    @extend_schema(tags=["年度管理"], summary="申报指南列表（含草稿）", responses=GuidelineBriefSerializer(many=True))
    def get(self, request):
        return Response(GuidelineBriefSerializer(guideline_list(), many=True).data)


class GuidelineDetailView(ManageView):
    @extend_schema(tags=["年度管理"], summary="一个年度的指南：参数、材料、事项设置", responses=GuidelineDetailSerializer)
    def get(self, request, year):
        return Response(_detail(_guideline(year)))

    @extend_schema(
        tags=["年度管理"], summary="修改申报时间、标题或说明（已冻结：409）", request=GuidelinePatchSerializer,
        responses={200: GuidelineDetailSerializer},
    )
    def patch(self, request, year):
        guideline = _guideline(year)
        body = GuidelinePatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            guideline_services.update_guideline(guideline, actor=request.user, **body.validated_data)
        except guideline_services.GuidelineInputError as exc:
            if not exc.fields:
                raise
            return _input_error(exc)
        return Response(_detail(_guideline(year)))


class GuidelineParametersView(ManageView):
    @extend_schema(
        tags=["年度管理"], summary="修改一个事项的参数（整体校验；已冻结：409）", request=ParametersInSerializer,
        responses={200: ManageParameterSerializer(many=True)},
    )
    def put(self, request, year, code):
        guideline = _guideline(year)
        body = ParametersInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            guideline_services.set_item_parameters(guideline, code, body.validated_data["values"], actor=request.user)
        except guideline_services.GuidelineInputError as exc:
            if not exc.fields:
                raise
            return _input_error(exc)
        return Response(ManageParameterSerializer(guideline.parameters.filter(item_id=code), many=True).data)


class GuidelineSettingView(ManageView):
    @extend_schema(tags=["年度管理"], summary="事项是否开放及申报说明", request=SettingInSerializer, responses=ManageSettingSerializer)
    def put(self, request, year, code):
        guideline = _guideline(year)
        body = SettingInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        setting = guideline_services.set_item_setting(guideline, code, actor=request.user, **body.validated_data)
        return Response(ManageSettingSerializer(setting).data)


class DocumentCreateView(ManageView):
    @extend_schema(tags=["年度管理"], summary="为事项增加申报材料", request=DocumentInSerializer, responses={201: ManageDocumentSerializer})
    def post(self, request, year, code):
        guideline = _guideline(year)
        body = DocumentInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            doc = guideline_services.add_document(guideline, code, actor=request.user, **body.validated_data)
        except guideline_services.GuidelineInputError as exc:
            if not exc.fields:
                raise
            return _input_error(exc)
        return Response(ManageDocumentSerializer(doc).data, status=status.HTTP_201_CREATED)


class DocumentView(ManageView):
    def _doc(self, year, pk):
        return get_object_or_404(RequiredDocument.objects.select_related("guideline"), pk=pk, guideline__year=year)

    @extend_schema(tags=["年度管理"], summary="修改申报材料", request=DocumentInSerializer, responses=ManageDocumentSerializer)
    def put(self, request, year, pk):
        doc = self._doc(year, pk)
        body = DocumentInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            doc = guideline_services.update_document(doc, actor=request.user, **body.validated_data)
        except guideline_services.GuidelineInputError as exc:
            if not exc.fields:
                raise
            return _input_error(exc)
        return Response(ManageDocumentSerializer(doc).data)

    @extend_schema(tags=["年度管理"], summary="删除申报材料", responses={204: None})
    def delete(self, request, year, pk):
        guideline_services.remove_document(self._doc(year, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class GuidelineCopyView(ManageView):
    @extend_schema(tags=["年度管理"], summary="以本年度指南为底稿复制新年度草稿", request=CopyInSerializer, responses={201: GuidelineDetailSerializer})
    def post(self, request, year):
        body = CopyInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            g = guideline_services.copy_guideline(year, body.validated_data["new_year"], actor=request.user)
        except guideline_services.GuidelineInputError as exc:
            return _input_error(exc)
        return Response(_detail(_guideline(g.year)), status=status.HTTP_201_CREATED)


class GuidelinePublishView(ManageView):
    @extend_schema(tags=["年度管理"], summary="发布指南（参数有误或已冻结：409）", request=None, responses=GuidelineDetailSerializer)
    def post(self, request, year):
        guideline_services.publish_guideline(_guideline(year), actor=request.user)
        return Response(_detail(_guideline(year)))


class GuidelineDiffView(ManageView):
    @extend_schema(
        tags=["年度管理"], summary="与另一年度（默认上一年度）的差异",
        parameters=[OpenApiParameter("against", OpenApiTypes.INT, required=False)], responses=DiffSerializer,
    )
    def get(self, request, year):
        guideline = _guideline(year)
        against = request.query_params.get("against")
        old = get_object_or_404(Guideline, year=int(against)) if against and against.isdigit() else previous_guideline(guideline)
        if old is None:
            return Response({"detail": "没有可对比的年度。"}, status=status.HTTP_404_NOT_FOUND)
        return Response(DiffSerializer(guideline_diff(old, guideline)).data)


# --- Simulations ----------------------------------------------------------------------------


class SimulationStartView(ManageView):
    action_name = "run_simulation"

    @extend_schema(
        tags=["年度管理"], summary="开始政策沙盘测算（大批量转入后台，用 GET 查询进度）", request=SimulationInSerializer,
        responses={201: SimulationSerializer},
    )
    def post(self, request):
        body = SimulationInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            sim = start_simulation(request.user, **body.validated_data)
        except SimulationError as exc:
            return _input_error(exc)
        sim.refresh_from_db()
        return Response(SimulationSerializer(sim).data, status=status.HTTP_201_CREATED)


class SimulationDetailView(ManageView):
    action_name = "run_simulation"

    @extend_schema(tags=["年度管理"], summary="测算的进度与结果", responses=SimulationSerializer)
    def get(self, request, pk):
        return Response(SimulationSerializer(get_object_or_404(Simulation, pk=pk)).data)


# --- Dashboard and audit log ----------------------------------------------------------------


class DashboardView(ManageView):
    action_name = "view_dashboard"

    @extend_schema(
        tags=["年度管理"], summary="分事项执行情况（件数、金额，元）",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True)],
        responses=inline_serializer(
            "Dashboard",
            {
                "year": serializers.IntegerField(), "budget": serializers.CharField(allow_null=True),
                "budget_used": serializers.CharField(), "budget_left": serializers.CharField(allow_null=True),
                "budget_share": serializers.CharField(allow_null=True), "items": serializers.ListField(child=serializers.DictField()),
                "totals": serializers.DictField(),
            },
        ),
    )
    def get(self, request):
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError:
            return Response({"detail": "请指定年度（year）。", "fields": {"year": ["请填写四位数年度。"]}}, status=400)
        return Response(dashboard_json(dashboard(year)))


AuditEntrySerializer = inline_serializer(
    "AuditEntry",
    {
        "id": serializers.IntegerField(), "timestamp": serializers.DateTimeField(), "action": serializers.CharField(),
        "object_type": serializers.CharField(), "object_type_label": serializers.CharField(),
        "object_id": serializers.CharField(), "object_repr": serializers.CharField(),
        "actor": serializers.CharField(allow_null=True), "remote_addr": serializers.CharField(allow_null=True),
        "changes": serializers.ListField(child=serializers.DictField()),
    },
)


class AuditLogView(ManageView):
    """Read-only: there is no write method here, so POST/PUT/PATCH/DELETE answer 405."""

    action_name = "view_audit_log"

    @extend_schema(
        tags=["年度管理"], summary="查询操作日志（只读，分页）",
        parameters=[
            OpenApiParameter("object_type", OpenApiTypes.STR, description="如 subsidies.parametervalue、applications.claim、accounts.user"),
            OpenApiParameter("object_id", OpenApiTypes.STR), OpenApiParameter("object_text", OpenApiTypes.STR),
            OpenApiParameter("user", OpenApiTypes.STR, description="操作人邮箱或姓名"),
            OpenApiParameter("date_from", OpenApiTypes.DATE), OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses=inline_serializer(
            "AuditPage",
            {"count": serializers.IntegerField(), "page": serializers.IntegerField(), "num_pages": serializers.IntegerField(),
             "results": AuditEntrySerializer},
        ),
    )
    def get(self, request):
        q = request.query_params
        qs = audit_selectors.search(
            object_type=q.get("object_type", ""), object_id=q.get("object_id", ""), object_text=q.get("object_text", ""),
            user=q.get("user", ""), date_from=q.get("date_from"), date_to=q.get("date_to"),
        )
        page = Paginator(qs, 50).get_page(q.get("page"))
        return Response(
            {"count": page.paginator.count, "page": page.number, "num_pages": page.paginator.num_pages,
             "results": [audit_selectors.entry_json(e) for e in page.object_list]}
        )


urlpatterns = [
    path("guidelines/", GuidelineListView.as_view(), name="api-manage-guidelines"),
    path("guidelines/<id:year>/", GuidelineDetailView.as_view(), name="api-manage-guideline"),
    path("guidelines/<id:year>/copy/", GuidelineCopyView.as_view(), name="api-manage-guideline-copy"),
    path("guidelines/<id:year>/publish/", GuidelinePublishView.as_view(), name="api-manage-guideline-publish"),
    path("guidelines/<id:year>/diff/", GuidelineDiffView.as_view(), name="api-manage-guideline-diff"),
    path("guidelines/<id:year>/items/<str:code>/parameters/", GuidelineParametersView.as_view(), name="api-manage-parameters"),
    path("guidelines/<id:year>/items/<str:code>/setting/", GuidelineSettingView.as_view(), name="api-manage-setting"),
    path("guidelines/<id:year>/items/<str:code>/documents/", DocumentCreateView.as_view(), name="api-manage-documents"),
    path("guidelines/<id:year>/documents/<id:pk>/", DocumentView.as_view(), name="api-manage-document"),
    path("simulations/", SimulationStartView.as_view(), name="api-manage-simulations"),
    path("simulations/<id:pk>/", SimulationDetailView.as_view(), name="api-manage-simulation"),
    path("dashboard/", DashboardView.as_view(), name="api-manage-dashboard"),
    path("audit/", AuditLogView.as_view(), name="api-manage-audit"),
]
