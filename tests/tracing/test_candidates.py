"""Candidates for tracing requests (issue 4): found on create, edit and new registry people;
judged by the caseworkers of the case, with every judgement kept."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tracedesk.audit.models import AuditEntry
from tracedesk.core.exceptions import PermissionDenied
from tracedesk.registry import services as registry_services
from tracedesk.registry.models import PersonName
from tracedesk.tracing import matching, services
from tracedesk.tracing.models import Candidate, CandidateJudgement, TracingStatus

NameInput = registry_services.NameInput


@pytest.fixture
def brothers(registry, analyst):
    """The registry's Сидоренко Иван Петрович of в/ч 3057, and his brother Игорь."""
    unit = registry_services.unit_create(
        actor=analyst, name="3057 regiment", designation="в/ч 3057"
    )
    ivan = registry_services.person_create(
        actor=analyst,
        names=[NameInput("Сидоренко Иван Петрович", language="ru")],
        birth_date="1998-03-14",
        units=[unit],
    )
    igor = registry_services.person_create(
        actor=analyst,
        names=[NameInput("Сидоренко Игорь Петрович", language="ru")],
        birth_date="1996",
        units=[unit],
    )
    return SimpleNamespace(unit=unit, ivan=ivan, igor=igor)


def open_case(actor, **fields):
    values = {
        "requester_name": "Олена Сидоренко",
        "sought_name": "Іван Сидоренко",
        "sought_birth_date": "1998",
        "sought_unit": "в/ч 3057",
    }
    return services.tracing_request_create(actor=actor, **{**values, **fields})


@pytest.fixture
def case(brothers, caseworker):
    return open_case(caseworker)


def candidate_for(case, person) -> Candidate:
    return Candidate.objects.get(request=case, person=person)


# ---- Finding ---------------------------------------------------------------------------------


def test_a_new_request_finds_ivan_first_and_not_his_brother(case, brothers):
    found = list(case.candidates.filter(active=True))
    assert found[0].person == brothers.ivan
    assert brothers.igor not in {c.person for c in found}
    assert "same unit number" in found[0].reasons
    assert "born in the same year" in found[0].reasons


def test_the_search_is_audited_with_person_ids_only(case, brothers):
    entry = AuditEntry.objects.get(action="tracing.candidates", object_id=str(case.pk))
    assert entry.data["trigger"] == "request.create"
    assert str(brothers.ivan.pk) in entry.data["added"]
    assert "Сидоренко" not in str(entry.data)


def test_a_request_without_a_registry_match_has_no_candidates(brothers, caseworker):
    case = open_case(caseworker, sought_name="Марко Вовчок", sought_unit="", sought_birth_date="")
    assert not case.candidates.exists()


def test_a_birth_date_without_a_year_gives_the_engine_none():
    assert matching.birth_date("--03-14") is None
    assert matching.birth_date("1998-03").month == 3


def test_a_new_person_matching_an_open_request_becomes_its_candidate(brothers, caseworker, analyst):
    case = open_case(caseworker, sought_name="Петро Шевчук", sought_birth_date="1990")
    assert not case.candidates.exists()
    petro = registry_services.person_create(
        actor=analyst, names=[NameInput("Шевчук Пётр Иванович")], birth_date="1990"
    )
    assert candidate_for(case, petro).active
    entry = AuditEntry.objects.filter(action="tracing.candidates", object_id=str(case.pk)).last()
    assert entry.data["trigger"] == "person.create"
    assert entry.actor == analyst


def test_a_closed_request_is_not_searched_again_for_new_people(
    brothers, caseworker, analyst, move_to
):
    case = open_case(caseworker, sought_name="Петро Шевчук", sought_birth_date="1990")
    move_to(case, caseworker, TracingStatus.CLOSED)
    registry_services.person_create(
        actor=analyst, names=[NameInput("Шевчук Пётр Иванович")], birth_date="1990"
    )
    assert not case.candidates.exists()


def test_a_new_name_on_a_person_searches_again(brothers, caseworker, analyst):
    case = open_case(
        caseworker, sought_name="Vanya Sydorenko", sought_unit="", sought_birth_date=""
    )
    other = registry_services.person_create(actor=analyst, names=[NameInput("Witness X.")])
    assert not case.candidates.filter(person=other).exists()
    registry_services.person_add_name(
        actor=analyst, person=other, name=NameInput("Сидоренко Иван", kind=PersonName.Kind.ALIAS)
    )
    assert case.candidates.filter(person=other, active=True).exists()


def test_editing_the_sought_person_searches_again_and_keeps_the_old_candidate_inactive(
    case, brothers, caseworker
):
    services.candidate_judge(
        actor=caseworker, candidate=candidate_for(case, brothers.ivan), decision="reject"
    )
    services.tracing_request_update(
        actor=caseworker, request=case, sought_name="Марко Вовчок", sought_unit=""
    )
    old = candidate_for(case, brothers.ivan)
    assert not old.active
    assert old.judgements.count() == 1


def test_editing_other_fields_does_not_search_again(case, caseworker):
    before = AuditEntry.objects.filter(action="tracing.candidates").count()
    services.tracing_request_update(actor=caseworker, request=case, circumstances="Phoned.")
    assert AuditEntry.objects.filter(action="tracing.candidates").count() == before


def test_find_candidates_is_refused_to_an_unassigned_caseworker(case, other_caseworker):
    with pytest.raises(PermissionDenied):
        matching.find_candidates(actor=other_caseworker, request=case)


def test_find_candidates_returns_the_active_candidates_and_audits(case, brothers, caseworker):
    found = matching.find_candidates(actor=caseworker, request=case)
    assert found[0].person == brothers.ivan
    entry = AuditEntry.objects.filter(action="tracing.candidates").last()
    assert (entry.actor, entry.data["trigger"], entry.data["added"]) == (caseworker, "search", [])


# ---- Judging ---------------------------------------------------------------------------------


def test_an_unassigned_caseworker_cannot_judge_and_nothing_is_written(
    case, brothers, other_caseworker
):
    candidate = candidate_for(case, brothers.ivan)
    entries = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.candidate_judge(actor=other_caseworker, candidate=candidate, decision="accept")
    assert not CandidateJudgement.objects.exists()
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_viewers_and_analysts_cannot_judge(case, brothers, role, request):
    candidate = candidate_for(case, brothers.ivan)
    with pytest.raises(PermissionDenied):
        services.candidate_judge(
            actor=request.getfixturevalue(role), candidate=candidate, decision="accept"
        )
    assert not CandidateJudgement.objects.exists()


def test_accept_then_reject_keeps_both_and_the_second_is_current(case, brothers, caseworker):
    candidate = candidate_for(case, brothers.ivan)
    first = services.candidate_judge(
        actor=caseworker, candidate=candidate, decision="accept", note="Mother recognised him."
    )
    second = services.candidate_judge(
        actor=caseworker, candidate=candidate, decision="reject", note="Different birthday."
    )
    first.refresh_from_db()
    assert list(candidate.judgements.all()) == [first, second]
    assert first.superseded_by == second
    assert second.superseded_by is None
    assert (second.judged_by, second.decision) == (caseworker, "reject")
    entries = AuditEntry.objects.filter(
        action="tracing.candidate_judge", object_id=str(candidate.pk)
    )
    assert [e.data["decision"] for e in entries.order_by("seq")] == ["accept", "reject"]
    assert entries.order_by("seq").last().data["supersedes"] == str(first.pk)


def test_accepting_leaves_the_case_person_alone(case, brothers, caseworker):
    services.candidate_judge(
        actor=caseworker, candidate=candidate_for(case, brothers.ivan), decision="accept"
    )
    case.refresh_from_db()
    assert case.person is None


def test_an_unknown_decision_is_refused(case, brothers, caseworker):
    with pytest.raises(Exception, match="Invalid judgement"):
        services.candidate_judge(
            actor=caseworker, candidate=candidate_for(case, brothers.ivan), decision="maybe"
        )


# ---- The page --------------------------------------------------------------------------------


def candidates_section(html: str) -> str:
    return html.split('<section id="candidates">', 1)[1].split("</section>", 1)[0]


def test_the_case_page_shows_candidates_with_reasons(client_as, case, caseworker):
    response = client_as(caseworker).get(case.get_absolute_url())
    assert response.status_code == 200
    html = candidates_section(response.content.decode())
    assert "Сидоренко Иван Петрович" in html
    assert "same unit number" in html
    assert "Сидоренко Игорь" not in html


@pytest.mark.parametrize(("who", "expected"), [("other_caseworker", 404), ("viewer", 403)])
def test_others_cannot_see_the_candidates(client_as, case, who, expected, request):
    response = client_as(request.getfixturevalue(who)).get(case.get_absolute_url())
    assert response.status_code == expected


def test_judging_through_the_page(client_as, case, brothers, caseworker):
    candidate = candidate_for(case, brothers.ivan)
    client = client_as(caseworker)
    url = reverse("tracing:candidate_judge", args=[candidate.pk])
    response = client.post(url, {"decision": "accept", "note": "Photo matches."})
    assert response.status_code == 302
    response = client.post(url, {"decision": "reject"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Photo matches." in html  # the superseded judgement, in the history
    assert candidate.judgements.filter(superseded_by__isnull=True).get().decision == "reject"


@pytest.mark.parametrize(("who", "expected"), [("other_caseworker", 404), ("viewer", 403)])
def test_others_cannot_judge_through_the_page(client_as, case, brothers, who, expected, request):
    candidate = candidate_for(case, brothers.ivan)
    url = reverse("tracing:candidate_judge", args=[candidate.pk])
    response = client_as(request.getfixturevalue(who)).post(url, {"decision": "accept"})
    assert response.status_code == expected
    assert not CandidateJudgement.objects.exists()


def test_search_again_through_the_page(client_as, case, caseworker):
    response = client_as(caseworker).post(reverse("tracing:candidates_search", args=[case.pk]))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="tracing.candidates", data__trigger="search").exists()


def test_a_protected_candidate_shows_no_legal_name_to_a_caseworker(
    client_as, brothers, analyst, caseworker
):
    protected = registry_services.person_create(
        actor=analyst,
        names=[
            NameInput("Коваленко Андрій Миколайович", language="uk"),
            NameInput("Witness A.", kind=PersonName.Kind.PSEUDONYM),
        ],
        birth_date="1985",
        sensitivity="protected",
    )
    case = open_case(
        caseworker, sought_name="Андрій Коваленко", sought_birth_date="1985", sought_unit=""
    )
    assert case.candidates.filter(person=protected).exists()
    html = candidates_section(client_as(caseworker).get(case.get_absolute_url()).content.decode())
    assert "Witness A." in html
    assert "born in the same year" in html
    assert "Коваленко" not in html


def test_correcting_a_person_s_birth_date_re_runs_the_cases_that_meet_him(analyst, caseworker):
    elder = registry_services.person_create(
        actor=analyst,
        names=[NameInput("Сидоренко Иван Петрович", language="ru")],
        birth_date="1961",
    )
    case = open_case(caseworker, sought_unit="")
    before = Candidate.objects.filter(request=case, person=elder, active=True).first()
    registry_services.person_update(actor=analyst, person=elder, birth_date="1998-03-14")
    after = candidate_for(case, elder)
    assert after.active and "born in the same year" in after.reasons
    assert before is None or after.score > before.score
    entry = AuditEntry.objects.filter(action="tracing.candidates", object_id=str(case.pk)).last()
    assert entry.data["trigger"] == "person.update"


def test_accepting_a_candidate_moves_an_open_case_to_candidate_found_and_rejecting_does_not(
    case, brothers, caseworker
):
    assert case.status == TracingStatus.OPEN
    services.candidate_judge(
        actor=caseworker, candidate=candidate_for(case, brothers.ivan), decision="reject"
    )
    case.refresh_from_db()
    assert case.status == TracingStatus.OPEN
    services.candidate_judge(
        actor=caseworker, candidate=candidate_for(case, brothers.ivan), decision="accept"
    )
    case.refresh_from_db()
    assert case.status == TracingStatus.CANDIDATE_FOUND
    assert case.person is None  # locating him is the caseworker's explicit step
    steps = list(case.status_changes.order_by("created_at").values_list("to_status", flat=True))
    assert steps[-2:] == [TracingStatus.SEARCHING, TracingStatus.CANDIDATE_FOUND]
