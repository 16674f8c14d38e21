"""Django admin registrations, in Chinese. Workflow changes go through the portal's pages, not here."""

from django.contrib import admin

from applications.models import (
    Award,
    Claim,
    ClaimEvent,
    ConflictOfInterest,
    DecisionLetter,
    DemonstrationProject,
    Document,
    Enterprise,
    NoticeBatch,
    Objection,
    Payment,
    PreApproval,
)


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "uscc", "district", "above_scale", "ai_enterprise", "contact_person"]
    search_fields = ["name", "uscc"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: visible, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["id", "enterprise", "item", "year", "status", "computed_amount", "awarded_amount", "updated_at"]
    list_filter = ["year", "item", "status"]
    search_fields = ["enterprise__name", "enterprise__uscc", "project_ref"]


@admin.register(ClaimEvent)
class ClaimEventAdmin(ReadOnlyAdmin):
    list_display = ["claim", "action", "from_status", "to_status", "actor", "created_at"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "item", "year", "amount", "status", "reserved_at"]
    list_filter = ["year", "item", "status"]


for model in (Document, DecisionLetter, Payment, NoticeBatch, Objection):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(ConflictOfInterest)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "enterprise", "reason", "declared_at"]


@admin.register(DemonstrationProject)
class DemonstrationProjectAdmin(admin.ModelAdmin):
    list_display = ["year", "code", "name", "supplier", "purchaser"]


@admin.register(PreApproval)
class PreApprovalAdmin(admin.ModelAdmin):
    list_display = ["event_name", "enterprise", "year", "status", "planned_date"]
