from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["email", "full_name", "role", "enterprise", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name", "enterprise__name", "enterprise__uscc"]
    ordering = ["email"]
    fieldsets = (
        (None, {"fields": ("username", "email", "password")}),
        (_("个人信息"), {"fields": ("full_name", "phone")}),
        (_("角色与企业"), {"fields": ("role", "enterprise", "is_enterprise_manager")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("时间"), {"fields": ("last_login", "date_joined")}),
    )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "enterprise", "invited_by", "created_at", "accepted_at"]
