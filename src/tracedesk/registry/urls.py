from django.urls import path

from tracedesk.registry.views import events, gazetteer, people, sources

app_name = "registry"
urlpatterns = [
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<uuid:pk>/", people.person_detail, name="person_detail"),
    path("people/<uuid:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<uuid:pk>/names/new/", people.person_add_name, name="person_add_name"),
    path("sources/", sources.source_list, name="source_list"),
    path("sources/new/", sources.source_create, name="source_create"),
    path("sources/<uuid:pk>/", sources.source_detail, name="source_detail"),
    path("sources/<uuid:pk>/edit/", sources.source_edit, name="source_edit"),
    path("sources/<uuid:pk>/raw/", sources.source_raw, name="source_raw"),
    path("sources/<uuid:pk>/evidence/new/", sources.evidence_create, name="evidence_create"),
    path("evidence/<uuid:pk>/retract/", sources.evidence_retract, name="evidence_retract"),
    path("events/", events.event_list, name="event_list"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<uuid:pk>/", events.event_detail, name="event_detail"),
    path("events/<uuid:pk>/edit/", events.event_edit, name="event_edit"),
    path("facilities/", gazetteer.facility_list, name="facility_list"),
    path("facilities/map/", gazetteer.facility_map, name="facility_map"),
    path("facilities/new/", gazetteer.facility_create, name="facility_create"),
    path("facilities/<uuid:pk>/", gazetteer.facility_detail, name="facility_detail"),
    path("facilities/<uuid:pk>/edit/", gazetteer.facility_edit, name="facility_edit"),
    path("units/", gazetteer.unit_list, name="unit_list"),
    path("units/new/", gazetteer.unit_create, name="unit_create"),
    path("units/<uuid:pk>/", gazetteer.unit_detail, name="unit_detail"),
    path("units/<uuid:pk>/edit/", gazetteer.unit_edit, name="unit_edit"),
    path("places/", gazetteer.place_list, name="place_list"),
    path("places/new/", gazetteer.place_create, name="place_create"),
    path("places/<uuid:pk>/", gazetteer.place_detail, name="place_detail"),
    path("places/<uuid:pk>/edit/", gazetteer.place_edit, name="place_edit"),
]
