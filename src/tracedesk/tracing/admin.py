from django.contrib import admin

from tracedesk.core.admin_base import ReadOnlyAdmin
from tracedesk.tracing.models import TracingRequest


@admin.register(TracingRequest)
class TracingRequestAdmin(ReadOnlyAdmin):
    # Reference and status only: contact details are read on the case page, which audits the read.
    list_display = ("reference", "status", "created_at", "updated_at")
    list_filter = ("status",)
    fields = ("reference", "status", "created_at", "updated_at")
    readonly_fields = fields
