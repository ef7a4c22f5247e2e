"""Helpers for the statistics tests: events at chosen times through Wagtail's real paths."""

import io
import json
from datetime import datetime

from django.core.management import call_command
from django.utils import timezone

from portal.core.history import historical_publication, publish_with_time


def at(*args):
    """An aware datetime in the site's time zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime(*args))


def republish(page, when):
    """A new revision of an already published page, published at ``when``."""
    page = page.specific
    page.title = page.title + "（修订）"
    page.save_revision(log_action=False)
    return publish_with_time(page, when)


def unpublish(page, when):
    with historical_publication(when):
        page.specific.unpublish(log_action=False)


def delete(page, when):
    with historical_publication(when):
        page.specific.delete()


def stats_json(year, *extra):
    out = io.StringIO()
    call_command("portal_stats", "--year", str(year), "--format", "json", *extra, stdout=out)
    return json.loads(out.getvalue())


def verify_ok(year):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("portal_stats", "--year", str(year), "--verify", stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code == 0, err.getvalue()
    return True, out.getvalue()
