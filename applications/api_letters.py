"""Decision letters over the API at /api/letters/: a claim's letter (metadata and PDF), and batch
jobs (start, progress, retry). Same selectors, services and permission module as the pages."""

from django.http import FileResponse
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from applications.selectors import letters as sel
from applications.services import letters as svc


class LetterSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim_id")
    reference = serializers.CharField(help_text="文号，如 天科工信〔2025〕12号")
    kind = serializers.CharField(help_text="award（扶持决定书）或 rejection（不予扶持决定书）")
    kind_label = serializers.CharField(source="get_kind_display")
    year = serializers.IntegerField()
    serial = serializers.IntegerField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField(help_text="字节")
    issued_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, letter) -> str:
        return reverse("api-letter-pdf", args=[letter.claim_id])


class JobClaimSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim.pk")
    number = serializers.CharField(source="claim.number")
    enterprise = serializers.CharField(source="claim.enterprise.name")
    state = serializers.ChoiceField(choices=["pending", "done", "failed"])
    message = serializers.CharField()
    reference = serializers.SerializerMethodField()

    def get_reference(self, row) -> str | None:
        return row["letter"].reference if row["letter"] else None


class JobSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    finished = serializers.BooleanField(source="is_finished")
    finished_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    progress_url = serializers.SerializerMethodField()

    def get_progress_url(self, job) -> str:
        return reverse("letters:job", args=[job.pk])


def _job_body(request, job) -> dict:
    body = JobSerializer(job).data
    body["claims"] = JobClaimSerializer(sel.job_rows(request.user, job), many=True).data
    return body


JobResponse = inline_serializer(
    "LetterJobWithClaims",
    fields={
        "id": serializers.IntegerField(),
        "total": serializers.IntegerField(),
        "done": serializers.IntegerField(),
        "failed": serializers.IntegerField(),
        "finished": serializers.BooleanField(),
        "finished_at": serializers.DateTimeField(allow_null=True),
        "created_at": serializers.DateTimeField(),
        "progress_url": serializers.CharField(),
        "claims": JobClaimSerializer(many=True),
    },
)


class LetterView(APIView):
    @extend_schema(
        summary="申报的决定书（文号、校验值、下载地址）",
        responses={200: LetterSerializer, 404: OpenApiResponse(description="无此决定书或无权查看")},
        tags=["letters"],
    )
    def get(self, request, claim_pk: int):
        return Response(LetterSerializer(sel.letter_for_claim(request.user, claim_pk)).data)


class LetterPdfView(APIView):
    @extend_schema(
        summary="下载决定书 PDF",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: OpenApiResponse(description="无此决定书或无权查看")},
        tags=["letters"],
    )
    def get(self, request, claim_pk: int):
        letter = sel.letter_for_claim(request.user, claim_pk)
        response = FileResponse(letter.pdf.open("rb"), content_type="application/pdf", filename=f"{letter.reference}.pdf")
        response["X-Content-SHA256"] = letter.sha256
        return response


class JobCreateView(APIView):
    @extend_schema(
        summary="为已决定的申报批量生成决定书（复审人员）",
        request=inline_serializer("LetterJobRequest", fields={"claim_ids": serializers.ListField(child=serializers.IntegerField())}),
        responses={202: JobResponse, 400: OpenApiResponse(description="申报未决定或不存在"), 403: OpenApiResponse(description="无权生成")},
        tags=["letters"],
    )
    def post(self, request):
        ids = request.data.get("claim_ids") if isinstance(request.data, dict) else None
        if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
            return Response(
                {"detail": "输入有误，请检查标出的字段。", "fields": {"claim_ids": ["请提供申报编号（整数）列表。"]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        job = svc.queue_letters(ids, request.user)
        job.refresh_from_db()
        return Response(_job_body(request, job), status=status.HTTP_202_ACCEPTED)


class JobView(APIView):
    @extend_schema(summary="决定书生成任务的进度", responses={200: JobResponse, 404: OpenApiResponse(description="无此任务")}, tags=["letters"])
    def get(self, request, pk: int):
        return Response(_job_body(request, sel.job_for(request.user, pk)))


class JobRetryView(APIView):
    @extend_schema(
        summary="重新生成任务中失败的决定书",
        request=None,
        responses={202: JobResponse, 403: OpenApiResponse(description="无权生成"), 404: OpenApiResponse(description="无此任务")},
        tags=["letters"],
    )
    def post(self, request, pk: int):
        job = sel.job_for(request.user, pk)
        svc.retry_failed(job, request.user)
        job.refresh_from_db()
        return Response(_job_body(request, job), status=status.HTTP_202_ACCEPTED)


urlpatterns = [
    path("claims/<id:claim_pk>/", LetterView.as_view(), name="api-letter"),
    path("claims/<id:claim_pk>/pdf/", LetterPdfView.as_view(), name="api-letter-pdf"),
    path("jobs/", JobCreateView.as_view(), name="api-letter-jobs"),
    path("jobs/<id:pk>/", JobView.as_view(), name="api-letter-job"),
    path("jobs/<id:pk>/retry/", JobRetryView.as_view(), name="api-letter-job-retry"),
]
