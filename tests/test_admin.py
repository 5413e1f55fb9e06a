"""The Django admin: accounts are managed there and audited; domain records are read-only."""

import pytest
from django.urls import reverse

from tracedesk.accounts.models import Role, User
from tracedesk.audit.models import AuditEntry


def test_admin_changing_a_role_is_audited(client_as, admin_user, viewer):
    client = client_as(admin_user)
    url = reverse("admin:accounts_user_change", args=[viewer.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        {"role": Role.CASEWORKER, "is_active": "on", "date_joined_0": "", "date_joined_1": ""}
    )
    data.pop("password", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    assert User.objects.get(pk=viewer.pk).role == Role.CASEWORKER
    entry = AuditEntry.objects.get(action="admin.user.change")
    assert entry.actor == admin_user and "role" in entry.data["changed"]


@pytest.mark.parametrize(
    "name",
    [
        "registry_person",
        "registry_event",
        "registry_source",
        "tracing_tracingrequest",
        "audit_auditentry",
    ],
)
def test_domain_records_cannot_be_added_in_the_admin(client_as, admin_user, name):
    client = client_as(admin_user)
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{name}_add")).status_code == 403


def test_the_admin_never_lists_names_or_contact_details(client_as, admin_user, registry):
    page = client_as(admin_user).get(reverse("admin:registry_person_changelist")).content.decode()
    assert "Сидоренко" not in page and "Канарейкин" not in page
