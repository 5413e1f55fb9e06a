from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from tracedesk.accounts.models import ApiToken, User
from tracedesk.core.admin_base import AuditedAdmin, ReadOnlyAdmin


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ("username", "role", "email", "is_active", "last_login")
    list_filter = ("role", "is_active")
    # Role replaces Django's staff/superuser flags and permission lists: one rule, in roles.py.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("role", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "role", "password1", "password2")}),
    )
    readonly_fields = ("last_login", "date_joined")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "created_at", "last_used_at", "revoked_at")
    exclude = ("token_hash",)
