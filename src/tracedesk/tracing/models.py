"""Tracing: a relative's request followed as a case, with the inquiries made for it.

Modelled on the ICRC's tracing practice and Primero's family-tracing module.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tracedesk.core.models import BaseModel


class TracingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SEARCHING = "searching", _("Searching")
    CANDIDATE_FOUND = "candidate_found", _("Candidate found")
    LOCATED = "located", _("Located")
    CONFIRMED_DEAD = "confirmed_dead", _("Confirmed dead")
    CLOSED = "closed", _("Closed")


# The workflow, declared once: from each status, where a case may go next.
# A candidate can turn out to be someone else, so "candidate found" may fall back to
# "searching"; a closed case may be reopened when new information arrives.
TRANSITIONS: dict[str, set[str]] = {
    TracingStatus.OPEN: {TracingStatus.SEARCHING, TracingStatus.CLOSED},
    TracingStatus.SEARCHING: {
        TracingStatus.CANDIDATE_FOUND,
        TracingStatus.LOCATED,
        TracingStatus.CONFIRMED_DEAD,
        TracingStatus.CLOSED,
    },
    TracingStatus.CANDIDATE_FOUND: {
        TracingStatus.SEARCHING,
        TracingStatus.LOCATED,
        TracingStatus.CONFIRMED_DEAD,
        TracingStatus.CLOSED,
    },
    TracingStatus.LOCATED: {TracingStatus.CLOSED, TracingStatus.SEARCHING},
    TracingStatus.CONFIRMED_DEAD: {TracingStatus.CLOSED},
    TracingStatus.CLOSED: {TracingStatus.OPEN},
}


class TracingRequest(BaseModel):
    """ "Where is my son?" — who asks, whom they seek, and what has been done."""

    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=16, choices=TracingStatus.choices, default=TracingStatus.OPEN, db_index=True
    )
    # Who asks. Contact details are the most sensitive field here (the Protection
    # issue encrypts them at rest).
    requester_name = models.CharField(max_length=200)
    requester_relation = models.CharField(max_length=100, blank=True)
    requester_contact = models.TextField(blank=True)
    # Whom they seek, as the family describes him or her.
    sought_name = models.CharField(max_length=300)
    sought_other_names = models.TextField(blank=True, help_text=_("One name per line."))
    sought_birth_date = models.CharField(max_length=10, blank=True)
    sought_sex = models.CharField(max_length=8, blank=True)
    sought_unit = models.CharField(max_length=200, blank=True)
    last_known_place = models.CharField(max_length=200, blank=True)
    last_known_date = models.CharField(max_length=10, blank=True)
    circumstances = models.TextField(blank=True)
    # The person in the registry the case resolved to, once located or confirmed dead.
    person = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracing_requests",
    )
    # ICRC rule: a located adult's whereabouts go to the family only with his or her consent.
    consent_to_share = models.BooleanField(default=False)
    family_informed_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_tracing_requests"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("tracing:request_detail", args=[self.pk])

    def allowed_next(self) -> list[str]:
        return sorted(TRANSITIONS.get(self.status, set()))


class StatusChange(BaseModel):
    """One step of a case's workflow, with who took it and why."""

    request = models.ForeignKey(
        TracingRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=16, choices=TracingStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=TracingStatus.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.request}: {self.from_status or '—'} → {self.to_status}"


class Inquiry(BaseModel):
    """A contact with an authority about the case: what was asked, what was answered."""

    class Channel(models.TextChoices):
        LETTER = "letter", _("Letter")
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")
        IN_PERSON = "in_person", _("In person")
        ONLINE_FORM = "online_form", _("Online form")
        MESSENGER = "messenger", _("Messenger")
        OTHER = "other", _("Other")

    request = models.ForeignKey(TracingRequest, on_delete=models.CASCADE, related_name="inquiries")
    date = models.DateField()
    authority = models.CharField(max_length=200)
    unit = models.ForeignKey(
        "registry.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="inquiries"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.LETTER)
    asked = models.TextField()
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_due = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["date", "created_at"]
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return f"{self.date} {self.authority}"


class Candidate(BaseModel):
    """A registry person a search proposed for a case, with the score and the reasons why.

    A later search that no longer proposes the person keeps the row, marked inactive: the
    judgements made on it are evidence.
    """

    request = models.ForeignKey(TracingRequest, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="tracing_candidates"
    )
    score = models.FloatField(help_text=_("Match probability, 0 to 1."))
    reasons = models.JSONField(default=list, blank=True)
    found_at = models.DateTimeField(help_text=_("When a search last proposed this person."))
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-active", "-score", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"], name="tracing_candidate_once_per_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.person_id} ({self.score:.2f})"


class CandidateJudgement(BaseModel):
    """A caseworker's decision on a candidate. Never edited: a new one supersedes it."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        REJECT = "reject", _("Reject")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="judgements")
    decision = models.CharField(max_length=8, choices=Decision.choices)
    note = models.TextField(blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    judged_at = models.DateTimeField()
    # The judgement that replaced this one; None for the current decision.
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    class Meta:
        ordering = ["judged_at", "created_at"]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.decision}"
