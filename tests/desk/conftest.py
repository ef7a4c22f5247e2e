import pytest

from portal.core.roles import FINAL_REVIEWERS, SECRECY_REVIEWERS
from tests.factories import UserFactory


@pytest.fixture
def people(portal):
    """The finance bureau's (czj) editor and reviewers, and the county-wide steps."""

    class People:
        editor = portal.editor("czj")
        reviewer = portal.reviewer("czj")
        reviewer2 = portal.reviewer("czj", username="reviewer_czj_2")
        other_unit_reviewer = portal.reviewer("gzz")
        secrecy = UserFactory(username="secrecy_d", groups=[SECRECY_REVIEWERS])
        final = UserFactory(username="final_d", groups=[FINAL_REVIEWERS])

    return People


@pytest.fixture
def news_column(portal):
    return portal.unit_news_column("czj")
