from django.contrib import admin

from tracedesk.core.admin_base import ReadOnlyAdmin
from tracedesk.registry.models import Event, Evidence, Facility, Person, Place, Source, Unit


@admin.register(Place)
class PlaceAdmin(ReadOnlyAdmin):
    list_display = ("name_en", "name_uk", "name_ru", "admin1", "country", "geonameid")
    search_fields = ("name_en", "name_uk", "name_ru")


@admin.register(Facility)
class FacilityAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "place", "official")
    list_filter = ("kind", "official")
    search_fields = ("name",)


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "designation", "kind", "country")
    search_fields = ("name", "designation")


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "outlet", "published", "reliability", "sensitivity")
    list_filter = ("kind", "reliability", "sensitivity")
    search_fields = ("title", "outlet", "url", "sha256")
    exclude = ("text",)  # testimony text is read in the workbench, where the read is audited


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    # No names here: the workbench applies the name rules and audits protected reads.
    list_display = ("short_id", "status", "category", "birth_year", "sensitivity", "created_at")
    list_filter = ("status", "category", "sensitivity")
    exclude = ("notes",)


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("title", "type", "date_start", "verification", "facility", "place")
    list_filter = ("type", "verification")
    search_fields = ("title",)
    exclude = ("victims",)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("source", "claim", "start", "end", "retracted_at")
    list_filter = ("claim",)
    exclude = ("quote", "person")
