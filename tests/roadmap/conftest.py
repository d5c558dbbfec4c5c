import pytest

from tests.roadmap.factories import esign_in_force, regulation_in_force


@pytest.fixture
def esign(org, users):
    """The e-signature regulation signed; director, curator, mentor and mentee acknowledged it."""
    return esign_in_force(
        org, users["curator"], users["director"], users["curator"], users["mentor"], users["mentee"]
    )


@pytest.fixture
def regulation(org, users, esign):
    """The Положение о системе наставничества signed too (after the e-signature regulation):
    mentors can be appointed and pairs fixed by order."""
    return regulation_in_force(org, users["curator"], users["director"])
