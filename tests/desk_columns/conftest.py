import pytest

from portal.core.roles import FINAL_REVIEWERS, SITE_ADMINS
from tests.factories import UserFactory
from tests.pagecache.conftest import page_cache  # noqa: F401 - the page cache on, recorded purges


@pytest.fixture
def column(portal):
    return portal.unit_news_column("czj")


@pytest.fixture
def site_admin(portal):
    return UserFactory(username="desk_admin", groups=[SITE_ADMINS])


@pytest.fixture
def final_reviewer(portal):
    return UserFactory(username="desk_final", groups=[FINAL_REVIEWERS])
