"""Public, read-only API of the policy: measures, items and published guidelines."""

from django.urls import include, path
from rest_framework import routers, serializers, viewsets
from rest_framework.permissions import AllowAny

from subsidies.models import Guideline, GuidelineStatus, Measure, ParameterValue, RequiredDocument


class ItemBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    clause = serializers.CharField()


class MeasureSerializer(serializers.ModelSerializer):
    items = ItemBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["number", "clause", "name", "clause_text", "items"]


class ParameterSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="item_id")

    class Meta:
        model = ParameterValue
        fields = ["item", "name", "label", "value", "unit", "clause"]


class RequiredDocumentSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="item_id")

    class Meta:
        model = RequiredDocument
        fields = ["item", "code", "name", "description", "required"]


class GuidelineSerializer(serializers.ModelSerializer):
    parameters = ParameterSerializer(many=True, read_only=True)
    documents = RequiredDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Guideline
        fields = ["year", "title", "status", "opens_at", "closes_at", "notes", "published_at", "parameters", "documents"]


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    """The ten 培育措施 with their items and clause text."""

    permission_classes = [AllowAny]
    serializer_class = MeasureSerializer
    queryset = Measure.objects.prefetch_related("items")
    lookup_field = "number"
    pagination_class = None


class PublicGuidelineViewSet(viewsets.ReadOnlyModelViewSet):
    """Published guidelines (drafts are only visible to administrators under /api/manage/)."""

    permission_classes = [AllowAny]
    serializer_class = GuidelineSerializer
    queryset = Guideline.objects.exclude(status=GuidelineStatus.DRAFT).prefetch_related("parameters", "documents")
    lookup_field = "year"
    pagination_class = None


router = routers.DefaultRouter()
router.register("measures", MeasureViewSet, basename="measure")
router.register("guidelines", PublicGuidelineViewSet, basename="guideline")

urlpatterns = [path("", include(router.urls))]
