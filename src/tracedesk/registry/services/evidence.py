from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracedesk.audit.services import audit_record
from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry.models import Event, Evidence, Person, Source
from tracedesk.registry.services.common import clean_and_save, require_registry_editor, require_text


@transaction.atomic
def evidence_create(
    *,
    actor: Any,
    source: Source,
    start: int,
    end: int,
    claim: str = Evidence.Claim.EVENT,
    event: Event | None = None,
    person: Person | None = None,
    note: str = "",
) -> Evidence:
    """Tie a claim to characters start..end of the source's text."""
    require_registry_editor(actor)
    length = len(source.text)
    if not (0 <= start < end <= length):
        raise ApplicationError(
            _("Invalid evidence."),
            {
                "span": [
                    _("Span %(s)s–%(e)s is outside the source text (0–%(n)s).")
                    % {"s": start, "e": end, "n": length}
                ]
            },
        )
    if event is None and person is None:
        raise ApplicationError(
            _("Invalid evidence."), {"claim": [_("Evidence must support an event or a person.")]}
        )
    if claim not in Evidence.Claim.values:
        raise ApplicationError(_("Invalid evidence."), {"claim": [_("Unknown claim kind.")]})
    evidence = Evidence(
        source=source,
        start=start,
        end=end,
        quote=source.text[start:end],
        claim=claim,
        event=event,
        person=person,
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    clean_and_save(evidence)
    audit_record(
        actor=actor,
        action="evidence.create",
        target=evidence,
        data={"source": str(source.pk), "span": [start, end], "claim": claim},
    )
    return evidence


@transaction.atomic
def evidence_retract(*, actor: Any, evidence: Evidence, reason: str) -> Evidence:
    """Withdraw a claim. The row stays: history is evidence."""
    require_registry_editor(actor)
    reason = require_text(reason, "reason", _("The reason"))
    if evidence.retracted_at is not None:
        raise ApplicationError(_("Invalid evidence."), {"evidence": [_("Already retracted.")]})
    evidence.retracted_at = timezone.now()
    evidence.retraction_reason = reason
    evidence.save(update_fields=["retracted_at", "retraction_reason", "updated_at"])
    audit_record(actor=actor, action="evidence.retract", target=evidence, data={"reason": reason})
    return evidence
