"""The demo and region seeds."""

from core.models import Organization, RoleAssignment, User
from mentoring.models import StaffMember
from mentoring.seeding import DEMO_USERS, seed_demo, seed_region


def test_demo_creates_a_user_for_every_role_and_can_run_twice(db):
    seed_demo()
    seed_demo()
    assert Organization.objects.filter(slug="ds20").count() == 1
    assert StaffMember.objects.employees().count() == 18
    assert StaffMember.objects.filter(is_external=True).count() == 1  # the retired teacher
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(demo.password)
        assert RoleAssignment.objects.filter(user=user, role=demo.role).count() == 1


def test_region_has_staff_with_russian_names_and_all_roles(db):
    organizations = seed_region(orgs=2, staff_per_org=50)
    assert len(organizations) == 2
    assert StaffMember.objects.filter(organization=organizations[0]).count() == 50
    staff = StaffMember.objects.first()
    assert staff.last_name[0] in "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"
    assert staff.search_name == staff.full_name.casefold().replace("ё", "е")
    roles = set(
        RoleAssignment.objects.filter(organization=organizations[0]).values_list("role", flat=True)
    )
    assert roles == {"director", "curator", "council", "mentor", "mentee", "admin"}
    assert seed_region(orgs=2) == []  # rerun keeps what exists
