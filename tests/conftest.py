"""Test setup shared by every suite.

The test database is migrated and given the default column tree, units, groups and
permissions once per session (``bootstrap_portal`` without demo content). Each test runs
in a transaction that is rolled back, so tests see that tree and nothing else.
"""

import io

import pytest
from django.core.management import call_command

from tests import factories


def pytest_sessionstart(session):
    """As portal/wsgi.py does at start-up: import the admin's modules with the site
    language active, before `migrate` (which runs with translations off) imports them."""
    from portal.core.admin_language import import_translated

    import_translated(urlconf=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("bootstrap_portal", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def portal(db):
    """The bootstrapped portal: handy accessors for its columns and units."""
    return factories.Portal()


@pytest.fixture(autouse=True)
def _no_cached_sites_after_a_test():
    """A test's rolled-back transaction takes its sites with it, but not what the caches
    learnt about them (Wagtail's site root paths, the per-worker memos of the generation):
    forget it after each test, as a publication or a Site change would."""
    yield
    from wagtail.models import Site

    from portal.core.cache import bump_generation

    Site.clear_site_root_paths_cache()
    bump_generation()
