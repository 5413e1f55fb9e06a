"""The registry: people, what happened to them, where, by whom, according to which source.

Modelled on HURIDOCS Events Standard Formats: an Event links victims, a place or
facility and a perpetrator; Evidence ties a claim to a span of a Source's text.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tracedesk.core.models import BaseModel


class Sensitivity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    # Identifying details of a protected record are hidden from roles that do not need them.
    PROTECTED = "protected", _("Protected")


class Reliability(models.TextChoices):
    # The Admiralty scale's source ratings, as monitoring groups already use them.
    HIGH = "A", _("Highly reliable")
    USUALLY = "B", _("Usually reliable")
    FAIRLY = "C", _("Fairly reliable")
    NOT_USUALLY = "D", _("Not usually reliable")
    LOW = "E", _("Highly unreliable")
    UNKNOWN = "F", _("Reliability unknown")


class Place(BaseModel):
    """A gazetteer entry, GeoNames-backed where an id is known."""

    geonameid = models.PositiveIntegerField(null=True, blank=True, unique=True)
    name_en = models.CharField(max_length=200)
    name_uk = models.CharField(max_length=200, blank=True)
    name_ru = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    admin1 = models.CharField(_("region"), max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("registry:place_detail", args=[self.pk])


class Facility(BaseModel):
    """A detention site, official or improvised."""

    class Kind(models.TextChoices):
        SIZO = "sizo", _("Pre-trial detention centre (SIZO)")
        COLONY = "colony", _("Penal colony")
        PRISON = "prison", _("Prison")
        FILTRATION = "filtration", _("Filtration point")
        TEMPORARY = "temporary", _("Temporary detention (IVS)")
        MILITARY = "military", _("Military base or guardhouse")
        BASEMENT = "basement", _("Basement or improvised cell")
        PIT = "pit", _("Pit")
        OTHER = "other", _("Other")

    class Precision(models.TextChoices):
        EXACT = "exact", _("Exact")
        SETTLEMENT = "settlement", _("Settlement")
        REGION = "region", _("Region")

    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    official = models.BooleanField(default=False)
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="facilities"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    coordinate_precision = models.CharField(
        max_length=16, choices=Precision.choices, default=Precision.SETTLEMENT
    )
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:facility_detail", args=[self.pk])

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """The facility's own coordinates, else its place's."""
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        if self.place and self.place.latitude is not None and self.place.longitude is not None:
            return self.place.latitude, self.place.longitude
        return None


class Unit(BaseModel):
    """A military unit or organisation: "в/ч 12345", "72nd brigade", a ministry."""

    class Kind(models.TextChoices):
        MILITARY = "military", _("Military unit")
        SECURITY = "security", _("Security service")
        POLICE = "police", _("Police")
        PENITENTIARY = "penitentiary", _("Penitentiary service")
        ARMED_GROUP = "armed_group", _("Armed group")
        AUTHORITY = "authority", _("Authority or ministry")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=255)
    designation = models.CharField(
        max_length=64, blank=True, help_text=_("Military unit number, e.g. в/ч 12345")
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MILITARY)
    country = models.CharField(max_length=2, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.designation})" if self.designation else self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:unit_detail", args=[self.pk])


class Source(BaseModel):
    """A document: news article, testimony, official reply, post.

    The raw bytes live once in the content-addressed blob store under the data
    dir; ``sha256`` is their name there.
    """

    class Kind(models.TextChoices):
        NEWS = "news", _("News article")
        TESTIMONY = "testimony", _("Testimony")
        OFFICIAL = "official", _("Official reply or statement")
        POST = "post", _("Social media post")
        OTHER = "other", _("Other")

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    retrieved_at = models.DateTimeField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    text = models.TextField(blank=True)
    reliability = models.CharField(
        max_length=1, choices=Reliability.choices, default=Reliability.UNKNOWN
    )
    sensitivity = models.CharField(
        max_length=16, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )

    class Meta:
        ordering = ["-published", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registry:source_detail", args=[self.pk])


class Person(BaseModel):
    """Someone detained, missing, released or killed — or a relative, witness, official."""

    class Sex(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")
        UNKNOWN = "unknown", _("Unknown")

    class Category(models.TextChoices):
        SERVICEMAN = "serviceman", _("Serviceman")
        CIVILIAN = "civilian", _("Civilian")
        UNKNOWN = "unknown", _("Unknown")

    class Status(models.TextChoices):
        MISSING = "missing", _("Missing")
        DETAINED = "detained", _("Detained")
        RELEASED = "released", _("Released")
        DEAD = "dead", _("Dead")
        UNKNOWN = "unknown", _("Unknown")

    birth_date = models.CharField(
        max_length=10, blank=True, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD")
    )
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    sex = models.CharField(max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = models.CharField(max_length=2, blank=True)
    category = models.CharField(max_length=16, choices=Category.choices, default=Category.UNKNOWN)
    rank = models.CharField(max_length=100, blank=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="members")
    home_region = models.CharField(max_length=200, blank=True)
    # Derived from events by `person_refresh_status`; stored so that lists filter fast.
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UNKNOWN)
    sensitivity = models.CharField(
        max_length=16, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )
    notes = models.TextField(blank=True)
    # Set when this record was merged into another (a duplicate): hidden from lists and
    # search, kept so that the merge can be split again (see PersonMerge).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_people"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"Person {self.short_id}"

    def get_absolute_url(self) -> str:
        return reverse("registry:person_detail", args=[self.pk])


class PersonName(BaseModel):
    """One name of a person, in one script and language."""

    class Kind(models.TextChoices):
        LEGAL = "legal", _("Legal name")
        ALIAS = "alias", _("Alias")
        DIMINUTIVE = "diminutive", _("Diminutive")
        # "The name has been changed": the only kind a viewer may see.
        PSEUDONYM = "pseudonym", _("Pseudonym")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    full_name = models.CharField(max_length=300)
    given = models.CharField(max_length=100, blank=True)
    patronymic = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.LEGAL)
    script = models.CharField(max_length=8, blank=True, help_text=_("ISO 15924: Cyrl, Latn"))
    language = models.CharField(max_length=8, blank=True)
    romanized = models.CharField(max_length=300, blank=True)
    # Spelling- and script-insensitive key, so "Ivan" finds «Іван» and «Иван».
    search_key = models.CharField(max_length=300, db_index=True, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "kind", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class Event(BaseModel):
    """Something that happened to people: detention, transfer, abuse, release, death…"""

    class Type(models.TextChoices):
        DETENTION = "detention", _("Detention")
        TRANSFER = "transfer", _("Transfer")
        ABUSE = "abuse", _("Abuse")
        COERCION = "coercion", _("Coercion")
        REFUSAL = "refusal", _("Refusal to fight")
        RELEASE = "release", _("Release")
        DISAPPEARANCE = "disappearance", _("Disappearance")
        DEATH = "death", _("Death")
        SENTENCING = "sentencing", _("Sentencing")

    class Verification(models.TextChoices):
        DRAFT = "draft", _("Draft")
        VERIFIED = "verified", _("Verified")
        DISPUTED = "disputed", _("Disputed")
        REJECTED = "rejected", _("Rejected")

    type = models.CharField(max_length=16, choices=Type.choices)
    title = models.CharField(max_length=300)
    date_start = models.CharField(max_length=10, blank=True)
    date_end = models.CharField(max_length=10, blank=True)
    # Earliest and latest real days the partial dates can mean, for sorting and filtering.
    date_min = models.DateField(null=True, blank=True, db_index=True)
    date_max = models.DateField(null=True, blank=True)
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    facility = models.ForeignKey(
        Facility, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    perpetrator_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    victims = models.ManyToManyField(Person, blank=True, related_name="events")
    unnamed_count = models.PositiveIntegerField(null=True, blank=True)
    unnamed_description = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    verification = models.CharField(
        max_length=16, choices=Verification.choices, default=Verification.DRAFT
    )
    confidence = models.FloatField(default=0.5)
    # Set when this event was merged into another describing the same incident (see EventMerge).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_events"
    )

    class Meta:
        ordering = ["date_min", "created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registry:event_detail", args=[self.pk])

    @property
    def date_display(self) -> str:
        if self.date_end and self.date_end != self.date_start:
            return f"{self.date_start} – {self.date_end}"
        return self.date_start or "?"


class Evidence(BaseModel):
    """A claim tied to a span of a source's text. Never deleted: retracted instead."""

    class Claim(models.TextChoices):
        EVENT = "event", _("Event")
        NAME = "name", _("Person's name")
        STATUS = "status", _("Person's status")
        OTHER = "other", _("Other")

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The quoted text as it was when the claim was made; a check against the source.
    quote = models.TextField()
    claim = models.CharField(max_length=16, choices=Claim.choices, default=Claim.EVENT)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    retracted_at = models.DateTimeField(null=True, blank=True)
    retraction_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["source", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="evidence_span_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.quote[:60]}"


MOVED_LABELS = {
    "names": _("names"),
    "evidence": _("evidence"),
    "events": _("events"),
    "units": _("units"),
    "tracing_requests": _("tracing requests"),
    "tracing_candidates": _("tracing candidates"),
    "drafts": _("drafts"),
    "victims": _("victims"),
}


class MergeRecord(BaseModel):
    """What one merge moved, row by row, so that a split can move exactly that back.

    ``moved`` maps each kind of row to the ids that left the merged record for the kept one;
    ``added`` lists the many-to-many links the merge gave the kept record (a split removes
    them again); ``filled`` holds the kept record's empty fields the merge filled from the
    merged one, with their old values; ``merged_fields`` is the merged record as it was.
    The row is written once by the merge and once more by the split (``split_at``).
    """

    moved = models.JSONField(default=dict, blank=True)
    added = models.JSONField(default=dict, blank=True)
    filled = models.JSONField(default=dict, blank=True)
    merged_fields = models.JSONField(default=dict, blank=True)
    merged_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField()
    split_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    split_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_split(self) -> bool:
        return self.split_at is not None

    @property
    def moved_counts(self) -> list[tuple[str, int]]:
        """How many rows of each kind moved, labelled for the page."""
        return [
            (str(MOVED_LABELS.get(kind, kind)), len(ids)) for kind, ids in self.moved.items() if ids
        ]


class PersonMerge(MergeRecord):
    """Person ``merged`` was found to be ``keep`` and merged into it."""

    keep = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_received")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_given")

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged.short_id} → {self.keep.short_id}"


class EventMerge(MergeRecord):
    """Event ``merged`` described the same incident as ``keep`` and was merged into it."""

    keep = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="merges_received")
    merged = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="merges_given")

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged.short_id} → {self.keep.short_id}"


class DuplicateDismissal(BaseModel):
    """An analyst's judgement that a proposed pair are not the same. Append-only.

    Exactly one pair is set: two people or two events, the smaller id first, so that a pair
    is the same row whichever way round it was proposed.
    """

    first_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    judged_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.PROTECT, related_name="+"
    )
    judged_at = models.DateTimeField()

    class Meta:
        ordering = ["judged_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        first_person__isnull=False,
                        second_person__isnull=False,
                        first_event__isnull=True,
                        second_event__isnull=True,
                    )
                    | models.Q(
                        first_person__isnull=True,
                        second_person__isnull=True,
                        first_event__isnull=False,
                        second_event__isnull=False,
                    )
                ),
                name="duplicate_dismissal_one_pair",
            ),
        ]

    def __str__(self) -> str:
        first = self.first_person_id or self.first_event_id
        second = self.second_person_id or self.second_event_id
        return f"not the same: {first} / {second}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Judgements are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Judgements are append-only.")
