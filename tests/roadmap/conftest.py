import pytest

from tests.roadmap.factories import esign_in_force


@pytest.fixture
def esign(org, users):
    """The e-signature regulation signed; director, curator, mentor and mentee acknowledged it."""
    return esign_in_force(
        org, users["curator"], users["director"], users["curator"], users["mentor"], users["mentee"]
    )
