"""Intake: documents read by the pipeline, and the drafts waiting for an analyst.

An ``Analysis`` is the pipeline's reading of one Source (at most one per Source: ingesting the
same bytes again changes nothing). Each event the pipeline found becomes a ``Draft`` holding a
self-contained payload — its type, date, place, facility, unit, people and evidence span — that an
analyst accepts (creating registry records), merges into an existing event, or rejects.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tracedesk.core.models import BaseModel
from tracedesk.registry.models import Event, Source


class IngestRun(BaseModel):
    """One `tracedesk ingest` invocation: what it was given and what came of it."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        COMPLETED_WITH_ERRORS = "errors", _("Completed with errors")
        INTERRUPTED = "interrupted", _("Interrupted")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    inputs = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    finished_at = models.DateTimeField(null=True, blank=True)
    documents = models.PositiveIntegerField(default=0)
    new_sources = models.PositiveIntegerField(default=0)
    known_sources = models.PositiveIntegerField(default=0)
    drafts = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Ingest {self.short_id} ({self.get_status_display()})"


class Analysis(BaseModel):
    """The pipeline's reading of one source: the extraction contract minus the text."""

    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="analysis")
    run = models.ForeignKey(
        IngestRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="analyses"
    )
    pipeline_version = models.CharField(max_length=32)
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name_plural = "analyses"

    def __str__(self) -> str:
        return f"Analysis of {self.source}"


class Draft(BaseModel):
    """One drafted event from one source, waiting for an analyst's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged")
        REJECTED = "rejected", _("Rejected")

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="drafts")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="drafts")
    position = models.PositiveIntegerField(help_text=_("The event's index in the analysis"))
    type = models.CharField(max_length=16, choices=Event.Type.choices)
    payload = models.JSONField(default=dict)
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts"
    )

    class Meta:
        ordering = ["created_at", "position"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "position"], name="draft_unique_position")
        ]

    def __str__(self) -> str:
        return self.payload.get("title") or f"{self.get_type_display()} draft"

    def get_absolute_url(self) -> str:
        return reverse("intake:draft_detail", args=[self.pk])

    @property
    def quote(self) -> str:
        return self.source.text[self.evidence_start : self.evidence_end]
