"""Intake services: store what the pipeline read, and turn drafts into registry records.

Every function here writes its audit entries in its own transaction; a failure leaves nothing
behind. Drafts are decided once: accepting, merging or rejecting a draft that is no longer
pending is refused, so two analysts cannot file the same report twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracedesk.audit.services import audit_record
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.intake.drafts import build_payloads, shift_payload
from tracedesk.intake.models import Analysis, Draft, IngestRun
from tracedesk.intake.selectors import known_facility, known_place, known_unit
from tracedesk.registry.blobs import sha256_hex
from tracedesk.registry.models import (
    Event,
    Evidence,
    Facility,
    Person,
    PersonName,
    Place,
    Source,
    Unit,
)
from tracedesk.registry.services.common import require_registry_editor
from tracedesk.registry.services.events import event_create, event_update
from tracedesk.registry.services.evidence import evidence_create
from tracedesk.registry.services.gazetteer import facility_create, place_create, unit_create
from tracedesk.registry.services.people import NameInput, person_create
from tracedesk.registry.services.sources import source_create

# Bump when the drafts the pipeline produces change meaning; stored on every Analysis.
PIPELINE_VERSION = "3.1"
_MAX_RUN_ERRORS = 1000


# 1. Ingest.


@transaction.atomic
def ingest_run_start(*, actor: Any, inputs: list[str]) -> IngestRun:
    require_registry_editor(actor)
    run = IngestRun.objects.create(
        started_by=actor if getattr(actor, "is_authenticated", False) else None,
        inputs=inputs,
    )
    audit_record(actor=actor, action="ingest.start", target=run, data={"inputs": len(inputs)})
    return run


@transaction.atomic
def ingest_run_finish(*, actor: Any, run: IngestRun, interrupted: bool = False) -> IngestRun:
    if interrupted:
        run.status = IngestRun.Status.INTERRUPTED
    elif run.errors:
        run.status = IngestRun.Status.COMPLETED_WITH_ERRORS
    else:
        run.status = IngestRun.Status.COMPLETED
    run.finished_at = timezone.now()
    run.save()
    audit_record(
        actor=actor,
        action="ingest.finish",
        target=run,
        data={
            "status": run.status,
            "documents": run.documents,
            "new_sources": run.new_sources,
            "drafts": run.drafts,
            "errors": len(run.errors),
        },
    )
    return run


def ingest_run_error(*, run: IngestRun, input_name: str, error: str) -> None:
    """Count a document that could not be read; the run goes on."""
    run.documents += 1
    if len(run.errors) < _MAX_RUN_ERRORS:
        run.errors.append({"input": input_name, "error": error})
    run.save(update_fields=["documents", "errors", "updated_at"])


def is_analysed(sha256: str) -> bool:
    """Whether these bytes were already stored and read: an ingest skips them."""
    return Analysis.objects.filter(source__sha256=sha256).exists()


@dataclass(frozen=True)
class IngestOutcome:
    analysis: Analysis
    new_source: bool
    new_analysis: bool
    drafts: int
    skipped_drafts: int


@transaction.atomic
def ingest_document(
    *,
    actor: Any,
    run: IngestRun | None,
    raw: bytes,
    result: dict[str, Any],
    content_type: str = "",
    kind: str = "news",
) -> IngestOutcome:
    """Store one document as a Source with the pipeline's reading and its drafts.

    The same bytes twice give one Source and one Analysis: the second time nothing is written.
    """
    require_registry_editor(actor)
    document = result["document"]
    text = result["text"]
    digest = sha256_hex(raw)
    existing = Analysis.objects.select_related("source").filter(source__sha256=digest).first()
    if existing is not None:
        _count(run, known=1)
        return IngestOutcome(existing, False, False, 0, 0)
    new_source = not Source.objects.filter(sha256=digest).exists()
    source = source_create(
        actor=actor,
        title=_source_title(document, result["input"]),
        text=text,
        raw=raw,
        content_type=content_type,
        kind=kind,
        url=_valid_url(document.get("url")),
        outlet=(document.get("outlet") or "")[:200],
        published=_full_date(document.get("published")),
        language=document.get("language") or "",
    )
    if not source.text and text:
        # A source stored earlier from its bytes alone: its text is the pipeline's now.
        source.text = text
        source.save(update_fields=["text", "updated_at"])
        audit_record(actor=actor, action="source.fill_text", target=source, data={})
    payloads = build_payloads(result)
    if source.text != text:
        payloads = _relocate(payloads, text, source.text)
    kept = [p for p in payloads if p is not None]
    analysis = Analysis.objects.create(
        source=source,
        run=run,
        pipeline_version=PIPELINE_VERSION,
        result={k: v for k, v in result.items() if k not in {"text", "input"}},
    )
    Draft.objects.bulk_create(
        Draft(
            analysis=analysis,
            source=source,
            position=position,
            type=payload["type"],
            payload=payload,
            evidence_start=payload["evidence"][0],
            evidence_end=payload["evidence"][1],
        )
        for position, payload in enumerate(kept)
    )
    audit_record(
        actor=actor,
        action="intake.analyse",
        target=analysis,
        data={
            "source": str(source.pk),
            "drafts": len(kept),
            "pipeline_version": PIPELINE_VERSION,
        },
    )
    _count(run, new=1 if new_source else 0, known=0 if new_source else 1, drafts=len(kept))
    return IngestOutcome(analysis, new_source, True, len(kept), len(payloads) - len(kept))


def _count(run: IngestRun | None, *, new: int = 0, known: int = 0, drafts: int = 0) -> None:
    if run is None:
        return
    run.documents += 1
    run.new_sources += new
    run.known_sources += known
    run.drafts += drafts
    run.save(update_fields=["documents", "new_sources", "known_sources", "drafts", "updated_at"])


def _relocate(
    payloads: list[dict[str, Any]], read: str, stored: str
) -> list[dict[str, Any] | None]:
    """Move each draft's offsets from the pipeline's text to the stored source's text.

    A source typed in by hand may hold the same bytes with a differently cleaned text; a
    draft whose evidence sentence is not found there verbatim is dropped rather than pointed
    at the wrong words.
    """
    moved: list[dict[str, Any] | None] = []
    for payload in payloads:
        start, end = payload["evidence"]
        at = stored.find(read[start:end])
        moved.append(shift_payload(payload, at - start) if at >= 0 else None)
    return moved


def _source_title(document: dict[str, Any], input_name: str) -> str:
    title = (document.get("title") or "").strip() or input_name.rsplit("/", 1)[-1] or input_name
    return title[:500]


def _valid_url(url: str | None) -> str:
    if not url or len(url) > 2000:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


def _full_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


# 2. Review.


@dataclass(frozen=True)
class PersonDecision:
    """What to do with one person a draft names: link to someone known, create, or leave out."""

    index: int
    action: str  # "new" | "link" | "skip"
    person: Person | None = None
    name: str = ""  # for "new": the name as the analyst corrected it; empty keeps the draft's

    NEW = "new"
    LINK = "link"
    SKIP = "skip"


_UNSET: Any = object()


def _pending(draft: Draft) -> Draft:
    """The draft, locked for this transaction, or a clear error when already decided."""
    locked = Draft.objects.select_for_update().select_related("source").get(pk=draft.pk)
    if locked.status != Draft.Status.PENDING:
        raise ApplicationError(
            _("This draft was already decided."),
            {"status": [_("The draft is %(s)s.") % {"s": locked.get_status_display()}]},
        )
    return locked


def default_decisions(draft: Draft) -> list[PersonDecision]:
    return [
        PersonDecision(index=i, action=PersonDecision.NEW)
        for i in range(len(draft.payload.get("people", [])))
    ]


def _people(actor: Any, draft: Draft, decisions: list[PersonDecision] | None) -> list[Person]:
    people = draft.payload.get("people", [])
    chosen = default_decisions(draft) if decisions is None else decisions
    result: list[Person] = []
    for decision in chosen:
        if not 0 <= decision.index < len(people):
            raise ApplicationError(
                _("Invalid decision."),
                {f"people[{decision.index}]": [_("The draft names no such person.")]},
            )
        drafted = people[decision.index]
        field = f"people[{decision.index}]"
        if decision.action == PersonDecision.SKIP:
            continue
        if decision.action == PersonDecision.LINK:
            if decision.person is None:
                raise ApplicationError(
                    _("Invalid decision."), {field: [_("Choose the person to link to.")]}
                )
            person = decision.person
        elif decision.action == PersonDecision.NEW:
            person = _new_person(actor, draft, drafted, decision.name, field)
        else:
            raise ApplicationError(
                _("Invalid decision."),
                {field: [_("Unknown action “%(a)s”.") % {"a": decision.action}]},
            )
        if drafted.get("mention"):
            start, end = drafted["mention"]
            evidence_create(
                actor=actor,
                source=draft.source,
                start=start,
                end=end,
                claim=Evidence.Claim.NAME,
                person=person,
                note=_("Named in an accepted draft."),
            )
        if person not in result:
            result.append(person)
    return result


def _new_person(actor: Any, draft: Draft, drafted: dict[str, Any], name: str, field: str) -> Person:
    full_name = (name or drafted["name"]).strip()
    if not full_name:
        raise ApplicationError(_("Invalid person."), {field: [_("A name must not be empty.")]})
    names = [
        NameInput(
            full_name=full_name,
            kind=PersonName.Kind.PSEUDONYM if drafted.get("pseudonym") else PersonName.Kind.LEGAL,
            language=draft.payload.get("language", ""),
            is_primary=True,
        )
    ]
    birth_year = drafted.get("birth_year")
    notes = ""
    if drafted.get("birth_year_estimated") and drafted.get("age") is not None:
        notes = _("Birth year estimated from the age given in the source (%(a)s).") % {
            "a": drafted["age"]
        }
    try:
        return person_create(
            actor=actor,
            names=names,
            birth_date=str(birth_year) if birth_year else "",
            notes=notes,
        )
    except PermissionDenied:
        raise
    except ApplicationError as error:
        # person_create names its own fields (names[0].full_name); here the field is the person.
        problems = [problem for found in error.extra.values() for problem in found]
        raise ApplicationError(error.message, {field: problems or [error.message]}) from None


def resolve_place(actor: Any, drafted: dict[str, Any] | None) -> Place | None:
    """The registry's place for a drafted one: by GeoNames id or name, else a new record."""
    if not drafted:
        return None
    known = known_place(drafted)
    if known is not None:
        return known
    name = drafted["name"]
    surface = drafted.get("surface") or ""
    return place_create(
        actor=actor,
        geonameid=drafted.get("geonameid"),
        name_en=name,
        latitude=drafted.get("lat"),
        longitude=drafted.get("lon"),
        country=drafted.get("country") or "",
        admin1=drafted.get("admin1") or "",
        aliases=[surface] if surface and surface != name else [],
    )


def resolve_facility(actor: Any, drafted: dict[str, Any] | None) -> Facility | None:
    """An existing facility of that name (or alias) at that place, else a new record."""
    if not drafted:
        return None
    known = known_facility(drafted)
    if known is not None:
        return known
    place = resolve_place(actor, drafted.get("place"))
    name = drafted["name"] if place is None else f"{drafted['name']}, {place.name_en}"
    return facility_create(
        actor=actor,
        name=name,
        kind=drafted.get("kind") or Facility.Kind.OTHER,
        place=place,
        aliases=[drafted["name"]] if name != drafted["name"] else [],
        coordinate_precision=(
            Facility.Precision.SETTLEMENT if place else Facility.Precision.REGION
        ),
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
    )


def resolve_unit(actor: Any, drafted: dict[str, Any] | None) -> Unit | None:
    """An existing unit with that number, name or alias, else a new record."""
    if not drafted:
        return None
    known = known_unit(drafted)
    if known is not None:
        return known
    return unit_create(
        actor=actor, name=drafted["name"], designation=drafted.get("designation") or ""
    )


def _resolved(actor: Any, payload: dict[str, Any], edits: dict[str, Any]) -> dict[str, Any]:
    """Place, facility and unit: the analyst's choice when given, else the draft's, reused."""
    fields = {}
    for key, resolve in (
        ("place", resolve_place),
        ("facility", resolve_facility),
        ("perpetrator_unit", resolve_unit),
    ):
        drafted_key = "unit" if key == "perpetrator_unit" else key
        chosen = edits.pop(key, _UNSET)
        fields[key] = resolve(actor, payload.get(drafted_key)) if chosen is _UNSET else chosen
    if fields["place"] is None and fields["facility"] is not None:
        fields["place"] = fields["facility"].place
    return fields


def _decide(draft: Draft, actor: Any, status: str, event: Event | None, note: str) -> None:
    draft.status = status
    draft.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    draft.reviewed_at = timezone.now()
    draft.event = event
    draft.note = note
    draft.save()


def _file_under(
    actor: Any, draft: Draft, event: Event, status: str, note: str, evidence_note: str = ""
) -> None:
    """The draft's sentence becomes evidence of the event, and the draft is decided."""
    evidence_create(
        actor=actor,
        source=draft.source,
        start=draft.evidence_start,
        end=draft.evidence_end,
        claim=Evidence.Claim.EVENT,
        event=event,
        note=evidence_note,
    )
    _decide(draft, actor, status, event, note)


@transaction.atomic
def draft_accept(
    *,
    actor: Any,
    draft: Draft,
    people: list[PersonDecision] | None = None,
    note: str = "",
    **edits: Any,
) -> Event:
    """Create the event the draft describes, with its people, place and evidence.

    ``edits`` may override type, title, date_start, date_end, description, unnamed_count,
    verification, confidence, and place / facility / perpetrator_unit (a record or None);
    whatever is not given comes from the draft, reusing known places, facilities and units.
    """
    require_registry_editor(actor)
    draft = _pending(draft)
    payload = draft.payload
    victims = _people(actor, draft, people)
    date = payload.get("date") or {}
    fields = {
        "type": payload["type"],
        "title": payload.get("title") or payload["type"],
        "date_start": date.get("start") or "",
        "date_end": date.get("end") or "",
        "unnamed_count": payload.get("count") if not payload.get("people") else None,
        **_resolved(actor, payload, edits),
        **edits,
    }
    if fields["unnamed_count"] and not fields.get("unnamed_description"):
        fields["unnamed_description"] = draft.quote[:300]
    event = event_create(actor=actor, victims=victims, **fields)
    _file_under(actor, draft, event, Draft.Status.ACCEPTED, note)
    audit_record(
        actor=actor,
        action="draft.accept",
        target=draft,
        data={"event": str(event.pk), "victims": [str(p.pk) for p in victims]},
    )
    return event


@transaction.atomic
def draft_merge(
    *,
    actor: Any,
    draft: Draft,
    event: Event,
    people: list[PersonDecision] | None = None,
    note: str = "",
) -> Event:
    """File the draft under an event already in the registry: its people and its evidence."""
    require_registry_editor(actor)
    draft = _pending(draft)
    if event.type != draft.type:
        raise ApplicationError(
            _("Cannot merge."),
            {
                "event": [
                    _("The draft is a %(d)s; “%(e)s” is a %(t)s.")
                    % {
                        "d": draft.get_type_display(),
                        "e": event.title,
                        "t": event.get_type_display(),
                    }
                ]
            },
        )
    victims = _people(actor, draft, people)
    current = list(event.victims.all())
    added = [p for p in victims if p not in current]
    if added:
        event_update(actor=actor, event=event, victims=current + added)
    _file_under(actor, draft, event, Draft.Status.MERGED, note, _("Merged from a draft."))
    audit_record(
        actor=actor,
        action="draft.merge",
        target=draft,
        data={"event": str(event.pk), "victims_added": [str(p.pk) for p in added]},
    )
    return event


@transaction.atomic
def draft_reject(*, actor: Any, draft: Draft, reason: str = "") -> Draft:
    """Set a draft aside: the pipeline misread the report, or it adds nothing."""
    require_registry_editor(actor)
    draft = _pending(draft)
    _decide(draft, actor, Draft.Status.REJECTED, None, reason.strip())
    audit_record(actor=actor, action="draft.reject", target=draft, data={"reason": bool(reason)})
    return draft
