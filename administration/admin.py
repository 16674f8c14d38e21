"""Django admin of this area, and the audit log made read-only for everyone.

django-auditlog's own ``LogEntryAdmin`` may delete entries (cascades); it is replaced by a
ModelAdmin that can only list and show them: no add, no change, no delete, no bulk action.
"""

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from administration.models import AnnualBudget, Simulation

if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(AuditlogLogEntryAdmin):
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


@admin.register(AnnualBudget)
class AnnualBudgetAdmin(admin.ModelAdmin):
    list_display = ["year", "amount", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(Simulation)
class SimulationAdmin(admin.ModelAdmin):
    list_display = ["id", "year", "draft_year", "status", "total", "done", "created_by", "created_at"]
    readonly_fields = [f.name for f in Simulation._meta.fields]

    def has_add_permission(self, request):
        return False
