"""Request and response shapes of the registry API.

Output schemas that show people resolve names through ``registry.visibility`` with
the calling user (``context["request"].auth``): a viewer's response never holds a
name the viewer may not see, whatever the query.
"""

import datetime as dt
from uuid import UUID

from ninja import Field, Schema

from tracedesk.registry.models import Event, Person, PersonName, Sensitivity
from tracedesk.registry.visibility import display_name, sees_everything, visible_names

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"


def _user(context):
    return context["request"].auth


class ErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description='Problems per field, e.g. {"birth_date": ["…"]}'
    )


class HealthOut(Schema):
    status: str
    version: str


class Ref(Schema):
    """Another record, by id and a label to show."""

    id: UUID
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class NameOut(Schema):
    full_name: str
    kind: str
    script: str
    language: str
    romanized: str
    is_primary: bool


class PersonRef(Schema):
    id: UUID
    display_name: str

    @staticmethod
    def resolve_display_name(obj, context) -> str:
        return display_name(_user(context), obj)


class PersonOut(PersonRef):
    short_id: str
    names: list[NameOut] = Field(description="Only the names the caller's role may see.")
    birth_date: str
    status: str
    category: str
    sensitivity: str
    created_at: dt.datetime

    @staticmethod
    def resolve_names(obj, context) -> list[PersonName]:
        return visible_names(_user(context), obj)


class PersonDetailOut(PersonOut):
    sex: str
    citizenship: str
    rank: str
    home_region: str
    notes: str
    units: list[Ref]
    events: list[UUID]
    updated_at: dt.datetime

    @staticmethod
    def resolve_notes(obj, context) -> str:
        # Notes may name the person; they go only to roles that see every name.
        return obj.notes if sees_everything(_user(context), obj) else ""

    @staticmethod
    def resolve_events(obj) -> list[UUID]:
        return [event.pk for event in obj.events.all()]


class NameIn(Schema):
    full_name: str
    kind: PersonName.Kind = PersonName.Kind.LEGAL
    language: str = Field("", description="ISO 639-1, guessed from the name when empty")
    given: str = ""
    patronymic: str = ""
    surname: str = ""
    is_primary: bool = False


class PersonIn(Schema):
    names: list[NameIn] = Field(
        description="At least one; the first is primary unless one says so."
    )
    birth_date: str = Field("", description=DATE_HELP)
    sex: Person.Sex = Person.Sex.UNKNOWN
    citizenship: str = Field("", description="ISO 3166-1 alpha-2")
    category: Person.Category = Person.Category.UNKNOWN
    rank: str = ""
    home_region: str = ""
    sensitivity: Sensitivity = Sensitivity.NORMAL
    notes: str = ""
    units: list[UUID] = Field(default_factory=list, description="Unit ids")


class EventOut(Schema):
    id: UUID
    short_id: str
    type: str
    title: str
    date_start: str
    date_end: str
    verification: str
    confidence: float
    place_id: UUID | None
    facility_id: UUID | None
    perpetrator_unit_id: UUID | None
    victims: list[PersonRef]
    unnamed_count: int | None


class EventDetailOut(EventOut):
    date_min: dt.date | None
    date_max: dt.date | None
    place: Ref | None
    facility: Ref | None
    perpetrator_unit: Ref | None
    unnamed_description: str
    description: str
    created_at: dt.datetime
    updated_at: dt.datetime


class EventIn(Schema):
    type: Event.Type
    title: str
    date_start: str = Field("", description=DATE_HELP + " or --MM-DD")
    date_end: str = Field("", description=DATE_HELP + " or --MM-DD")
    victims: list[UUID] = Field(default_factory=list, description="Person ids")
    place: UUID | None = None
    facility: UUID | None = None
    perpetrator_unit: UUID | None = None
    unnamed_count: int | None = Field(None, ge=0)
    unnamed_description: str = ""
    description: str = ""
    verification: Event.Verification = Event.Verification.DRAFT
    confidence: float = 0.5


class SourceOut(Schema):
    """A source's metadata; lists never carry its text."""

    id: UUID
    short_id: str
    kind: str
    title: str
    url: str
    outlet: str
    published: dt.date | None
    language: str
    retrieved_at: dt.datetime | None
    sha256: str
    content_type: str
    size: int
    reliability: str
    sensitivity: str
    evidence_count: int


class SourceDetailOut(SourceOut):
    text: str


class FacilityOut(Schema):
    id: UUID
    short_id: str
    name: str
    kind: str
    official: bool
    place: Ref | None
    lat: float | None = Field(description="The facility's own latitude, else its place's")
    lon: float | None
    coordinate_precision: str
    aliases: list[str]
    event_count: int

    @staticmethod
    def resolve_lat(obj) -> float | None:
        return obj.coordinates[0] if obj.coordinates else None

    @staticmethod
    def resolve_lon(obj) -> float | None:
        return obj.coordinates[1] if obj.coordinates else None


class UnitOut(Schema):
    id: UUID
    short_id: str
    name: str
    designation: str
    kind: str
    country: str
    aliases: list[str]
    parent_id: UUID | None
    event_count: int
    member_count: int


class InquiryOut(Schema):
    id: UUID
    date: dt.date
    authority: str
    unit: Ref | None
    channel: str
    asked: str
    answer: str
    answered_on: dt.date | None
    next_step: str
    next_step_due: dt.date | None


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    note: str
    changed_by: str | None
    created_at: dt.datetime

    @staticmethod
    def resolve_changed_by(obj) -> str | None:
        return obj.changed_by.username if obj.changed_by else None


class TracingRequestOut(Schema):
    """A case as listed: whom the family seeks, never who asks or how to reach them."""

    id: UUID
    reference: str
    status: str
    sought_name: str
    sought_birth_date: str
    sought_unit: str
    last_known_place: str
    last_known_date: str
    assigned_to: list[str] = Field(description="Usernames")
    inquiry_count: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_assigned_to(obj) -> list[str]:
        return sorted(user.username for user in obj.assigned_to.all())


class TracingRequestDetailOut(TracingRequestOut):
    """The whole case, requester's contact details included (reading it is audited)."""

    requester_name: str
    requester_relation: str
    requester_contact: str
    sought_other_names: list[str]
    sought_sex: str
    circumstances: str
    person_id: UUID | None
    consent_to_share: bool
    family_informed_at: dt.datetime | None
    allowed_next: list[str] = Field(description="Statuses the case may move to next")
    inquiries: list[InquiryOut]
    status_changes: list[StatusChangeOut]

    @staticmethod
    def resolve_sought_other_names(obj) -> list[str]:
        return [line.strip() for line in obj.sought_other_names.splitlines() if line.strip()]
