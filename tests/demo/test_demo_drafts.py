"""The demo's review queue: drafts ingested from two of its reports, waiting for an analyst."""

import pytest

from tracedesk.demo import data
from tracedesk.demo.loader import load_demo
from tracedesk.intake import selectors
from tracedesk.intake.models import Draft, IngestRun
from tracedesk.registry.models import PersonName, Source


@pytest.fixture
def demo(admin_user, caseworker):
    return load_demo(actor=admin_user, caseworker=caseworker)


def test_the_demo_leaves_drafts_waiting_in_the_queue(demo):
    drafts = list(Draft.objects.order_by("source__published", "position"))
    assert demo["drafts"] == len(drafts) == 3
    assert {d.status for d in drafts} == {Draft.Status.PENDING}
    assert [d.type for d in drafts] == ["transfer", "detention", "sentencing"]
    # The reports were stored once, as demo sources; ingesting them added no Source.
    assert Source.objects.count() == len(data.SOURCES)
    assert {d.source.title for d in drafts} == {data.SOURCES[key]["title"] for key in data.READINGS}
    for draft in drafts:
        assert draft.quote == draft.source.text[draft.evidence_start : draft.evidence_end]
    run = IngestRun.objects.get()
    assert (run.status, run.documents, run.drafts) == ("completed", 2, 3)


def test_the_demo_drafts_point_at_what_the_registry_knows(demo, admin_user):
    reviews = [
        selectors.draft_review(admin_user, d) for d in Draft.objects.order_by("source__published")
    ]
    transfer, held, sentencing = reviews
    assert transfer.facility.name == "Taganrog SIZO-2"
    assert held.facility.name == "Brianka detention site"
    assert sentencing.place.name_en == "Kursk"
    vorontsov = PersonName.objects.get(full_name="Dmitry Vorontsov").person
    pavlenko = PersonName.objects.get(full_name="Serhii Pavlenko").person
    assert transfer.people[0].best.person == vorontsov
    assert transfer.people[1].candidates == []  # Pavel Orlov is new to the registry
    assert sentencing.people[0].best.person == pavlenko
    assert [c.event.title for c in held.events][0] == "Refuseniks held in the Brianka basement"
