"""Roles change only through role_grant / role_revoke, each leaving a line in the audit trail."""

from core.audit import audit_for
from core.models import Role, RoleAssignment
from core.roles import role_grant, role_revoke, roles_of


def test_a_granted_role_names_its_basis_and_is_in_the_users_history(org, users):
    teacher = users["mentee"]
    role_grant(
        user=teacher,
        organization=org,
        role=Role.MENTOR,
        actor=users["director"],
        basis=org,
        basis_label="приказ № 3-од от 01.10.2026",
    )

    assignment = RoleAssignment.objects.get(user=teacher, organization=org, role=Role.MENTOR)
    assert assignment.basis_label == "приказ № 3-од от 01.10.2026"
    assert assignment.basis_id == org.pk
    labels = [entry.label for entry in audit_for(teacher)]
    assert labels == ["Назначена роль «Наставник»: приказ № 3-од от 01.10.2026"]
    assert audit_for(teacher)[0].actor == users["director"]


def test_granting_a_held_role_again_writes_nothing_new(org, users):
    role_grant(user=users["mentor"], organization=org, role=Role.MENTOR, actor=None)
    assert audit_for(users["mentor"]) == []
    assert [a.role for a in roles_of(user=users["mentor"], organization=org)] == [Role.MENTOR]


def test_a_revoked_role_is_gone_and_the_history_says_so(org, users):
    assert role_revoke(
        user=users["curator"],
        organization=org,
        role=Role.CURATOR,
        actor=users["director"],
        basis_label="приказ № 9-од",
    )
    assert not RoleAssignment.objects.filter(user=users["curator"], role=Role.CURATOR).exists()
    assert [entry.label for entry in audit_for(users["curator"])] == [
        "Снята роль «Куратор»: приказ № 9-од"
    ]
    assert not role_revoke(user=users["curator"], organization=org, role=Role.CURATOR, actor=None)
