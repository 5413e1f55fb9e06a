"""Django admin, kept on the audited path.

Registry and tracing records are written through their services from the workbench, so
the admin shows them read-only. Accounts are managed here; each admin save is audited
explicitly, in the admin's own transaction.
"""

from django.contrib import admin

from tracedesk.audit.services import audit_record


class ReadOnlyAdmin(admin.ModelAdmin):
    """Browse and search; changes go through the workbench and its services."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete made in the admin writes an audit entry."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        action = "change" if change else "add"
        audit_record(
            actor=request.user,
            action=f"admin.{obj._meta.model_name}.{action}",
            target=obj,
            data={"changed": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj) -> None:
        audit_record(actor=request.user, action=f"admin.{obj._meta.model_name}.delete", target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
