"""Django admin for measures and guidelines, in Chinese. A frozen guideline is read-only here too."""

from django.contrib import admin, messages

from subsidies.models import Guideline, Item, ItemSetting, Measure, ParameterValue, RequiredDocument
from subsidies.services import GuidelineError


class FrozenAwareMixin:
    """Refuse changes to anything of a frozen guideline, and say why."""

    def _guideline_of(self, obj):
        if obj is None:
            return None
        return obj if isinstance(obj, Guideline) else obj.guideline

    def has_change_permission(self, request, obj=None):
        g = self._guideline_of(obj)
        if g is not None and g.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        g = self._guideline_of(obj)
        if g is not None and g.is_frozen:
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        g = self._guideline_of(obj)
        if g is not None and g.is_frozen and request.method == "GET":
            messages.warning(request, str(GuidelineError(f"{g.year}年度申报指南已有审核决定，已冻结，不能再修改。")))
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        try:
            super().save_model(request, obj, form, change)
        except GuidelineError as exc:  # pragma: no cover - has_change_permission stops it first
            messages.error(request, str(exc))


class ParameterInline(FrozenAwareMixin, admin.TabularInline):
    model = ParameterValue
    extra = 0
    fields = ["item", "name", "label", "value", "unit", "clause"]

    def _guideline_of(self, obj):
        return obj


class DocumentInline(FrozenAwareMixin, admin.TabularInline):
    model = RequiredDocument
    extra = 0
    fields = ["item", "code", "name", "description", "required", "order"]

    def _guideline_of(self, obj):
        return obj


@admin.register(Guideline)
class GuidelineAdmin(FrozenAwareMixin, admin.ModelAdmin):
    list_display = ["year", "title", "status", "opens_at", "closes_at"]
    list_filter = ["status"]
    inlines = [ParameterInline, DocumentInline]


@admin.register(ParameterValue)
class ParameterValueAdmin(FrozenAwareMixin, admin.ModelAdmin):
    list_display = ["guideline", "item", "name", "label", "value", "unit", "clause"]
    list_filter = ["guideline__year", "item"]


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(FrozenAwareMixin, admin.ModelAdmin):
    list_display = ["guideline", "item", "name", "required"]
    list_filter = ["guideline__year", "item"]


@admin.register(ItemSetting)
class ItemSettingAdmin(FrozenAwareMixin, admin.ModelAdmin):
    list_display = ["guideline", "item", "enabled"]
    list_filter = ["guideline__year"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["number", "clause", "name"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "measure", "clause"]
