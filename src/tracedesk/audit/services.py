"""The audit trail: every service that changes data, or reveals sensitive data, writes here.

Entries are written in the caller's transaction, so a change and its audit entry
commit together or not at all.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from tracedesk.audit.models import AuditEntry

GENESIS = "0" * 64
# Any constant works; it only has to be the same for every writer of the chain.
_PG_LOCK_KEY = 7_224_911


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "at": entry.at.isoformat(),
        "actor": str(entry.actor_id) if entry.actor_id else None,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "data": entry.data,
        "prev": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def audit_record(
    *, actor: Any, action: str, target: Any = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Append one entry to the chain, inside the current transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Serialise appenders so that two never chain to the same predecessor.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        # On SQLite the IMMEDIATE transaction already holds the only write lock.
        last = AuditEntry.objects.order_by("-seq").values_list("entry_hash", flat=True).first()
        user = actor if getattr(actor, "is_authenticated", False) else None
        entry = AuditEntry(
            at=timezone.now(),
            actor=user,
            actor_label=user.username if user else "system",
            action=action,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            data=json.loads(json.dumps(data or {}, default=str)),
            prev_hash=last or GENESIS,
        )
        entry.entry_hash = compute_hash(entry)
        entry.save(force_insert=True)
    _remember_uncommitted(entry.seq)
    return entry


def _remember_uncommitted(seq: int) -> None:
    pending: list[int] | None = getattr(connection, "_tracedesk_uncommitted", None)
    if pending is None:
        pending = []
        connection._tracedesk_uncommitted = pending  # type: ignore[attr-defined]
    pending.append(seq)
    # Cleared at commit (at once in autocommit); after a rollback the list keeps seqs that
    # never were, which only makes its readers more careful until the next commit.
    transaction.on_commit(pending.clear)


def uncommitted_seqs() -> list[int]:
    """Seqs of the entries this connection wrote in its open transaction (a superset: a
    rolled-back transaction's seqs stay until the next commit). Readers that cache what
    the trail describes use it to tell settled entries from ones that may still vanish."""
    if not connection.in_atomic_block:
        return []
    return list(getattr(connection, "_tracedesk_uncommitted", []))


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_bad_seq: int | None
    problem: str

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def audit_verify() -> ChainReport:
    """Recompute the chain from the start and report the first entry that does not fit."""
    prev = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            return ChainReport(
                checked, entry.seq, "previous hash does not match (entry removed or reordered)"
            )
        if compute_hash(entry) != entry.entry_hash:
            return ChainReport(
                checked, entry.seq, "content does not match its hash (entry altered)"
            )
        prev = entry.entry_hash
        checked += 1
    return ChainReport(checked, None, "")
