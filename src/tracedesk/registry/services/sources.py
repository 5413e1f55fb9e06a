import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracedesk.audit.services import audit_record
from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry.blobs import blob_put, sha256_hex
from tracedesk.registry.models import Source
from tracedesk.registry.services.common import (
    apply_changes,
    clean_and_save,
    require_registry_editor,
    require_text,
)

SOURCE_FIELDS = {
    "kind",
    "title",
    "url",
    "outlet",
    "published",
    "language",
    "reliability",
    "sensitivity",
}

MAX_RAW_BYTES = 50 * 1024 * 1024


@transaction.atomic
def source_create(
    *,
    actor: Any,
    title: str,
    text: str = "",
    raw: bytes | None = None,
    content_type: str = "",
    retrieved_at: dt.datetime | None = None,
    **fields: Any,
) -> Source:
    """Store a document once: the same raw bytes twice give back the first Source.

    Without raw bytes (a testimony typed in), the UTF-8 text is the raw snapshot.
    """
    require_registry_editor(actor)
    title = require_text(title, "title", _("The title"))
    if raw is None:
        if not text.strip():
            raise ApplicationError(
                _("Invalid source."), {"text": [_("A source needs its raw bytes or its text.")]}
            )
        raw = text.encode("utf-8")
        content_type = content_type or "text/plain; charset=utf-8"
    if len(raw) > MAX_RAW_BYTES:
        raise ApplicationError(
            _("Invalid source."), {"raw": [_("The document is larger than 50 MB.")]}
        )
    digest = sha256_hex(raw)
    existing = Source.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    source = Source(
        title=title,
        text=text,
        sha256=digest,
        size=len(raw),
        content_type=content_type,
        retrieved_at=retrieved_at or timezone.now(),
    )
    apply_changes(source, fields, SOURCE_FIELDS)
    clean_and_save(source)
    # The blob is written before commit; a crash in between leaves an unreferenced
    # file (harmless, and reused if the same bytes come again), never a row without bytes.
    blob_put(raw)
    audit_record(
        actor=actor,
        action="source.create",
        target=source,
        data={"sha256": digest, "kind": source.kind},
    )
    return source


@transaction.atomic
def source_update(*, actor: Any, source: Source, **changes: Any) -> Source:
    """Change a source's metadata. Its bytes and text are evidence and stay as stored."""
    require_registry_editor(actor)
    diff = apply_changes(source, changes, SOURCE_FIELDS)
    clean_and_save(source)
    audit_record(actor=actor, action="source.update", target=source, data={"changed": diff})
    return source
