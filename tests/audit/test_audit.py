import pytest
from django.db import connection, transaction

from tracedesk.audit.models import AuditEntry
from tracedesk.audit.services import GENESIS, audit_record, audit_verify
from tracedesk.registry import services
from tracedesk.registry.models import Place


def test_entries_chain_each_to_the_previous_hash(analyst):
    first = audit_record(actor=analyst, action="test.one")
    second = audit_record(actor=analyst, action="test.two", data={"n": 2})
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.entry_hash
    assert audit_verify().ok


def test_verify_finds_an_altered_entry(analyst):
    audit_record(actor=analyst, action="test.one")
    victim = audit_record(actor=analyst, action="test.two")
    audit_record(actor=analyst, action="test.three")
    # Tamper behind the model's back, as an attacker with database access would.
    AuditEntry.objects.filter(pk=victim.pk).update(action="test.forged")
    report = audit_verify()
    assert not report.ok
    assert report.first_bad_seq == victim.seq
    assert report.checked == 1


def test_verify_finds_a_removed_entry(analyst):
    audit_record(actor=analyst, action="test.one")
    victim = audit_record(actor=analyst, action="test.two")
    last = audit_record(actor=analyst, action="test.three")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE seq = %s", [victim.seq])  # noqa: S608
    report = audit_verify()
    assert report.first_bad_seq == last.seq


def test_entries_cannot_be_changed_or_deleted_through_the_model(analyst):
    entry = audit_record(actor=analyst, action="test.one")
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_a_failed_write_leaves_no_audit_entry(analyst):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.place_create(actor=analyst, name_en="Olenivka")
        raise RuntimeError("crash after the write, before commit")
    assert AuditEntry.objects.count() == before
    assert not Place.objects.filter(name_en="Olenivka").exists()


def test_the_audit_entry_names_actor_action_and_target(analyst):
    place = services.place_create(actor=analyst, name_en="Kursk", country="RU")
    entry = AuditEntry.objects.latest("seq")
    assert (entry.actor_label, entry.action, entry.object_type, entry.object_id) == (
        analyst.username,
        "place.create",
        "registry.place",
        str(place.pk),
    )
