import pytest

from portal.core.roles import FINAL_REVIEWERS, SECRECY_REVIEWERS
from tests.factories import UserFactory


@pytest.fixture
def people(portal):
    """The cast of the review workflow, for the finance bureau (czj)."""

    class People:
        editor = portal.editor("czj")
        reviewer = portal.reviewer("czj")
        other_reviewer = portal.reviewer("gzz")
        secrecy = UserFactory(username="secrecy_r", groups=[SECRECY_REVIEWERS])
        final = UserFactory(username="final_r", groups=[FINAL_REVIEWERS])
        admin = UserFactory(username="super_r", is_superuser=True, is_staff=True)

    return People


@pytest.fixture
def news_column(portal):
    return portal.unit_news_column("czj")
