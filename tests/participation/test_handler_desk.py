"""The 依申请公开 handler's desk (issue 11): new applications are counted on the dashboard; the
extension form is offered only when an extension is still possible."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.core.clock import frozen
from portal.participation import services

from .conftest import d, make_application

pytestmark = pytest.mark.django_db


def panel(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return html[html.index('id="participation-panel"') :][:3000]


def test_a_new_application_is_counted_on_the_dashboard(client, handler):
    client.force_login(handler)
    assert "待确认接收的申请：0 件" in panel(client)
    make_application()
    assert "待确认接收的申请：1 件" in panel(client)


def extension_offered(client, app):
    html = client.get(reverse("participation_admin:application", args=(app.pk,))).content
    return "延期答复（最长20个工作日" in html.decode()


def test_extension_form_only_while_an_extension_is_possible(client, handler):
    client.force_login(handler)
    app = make_application()
    with frozen(dt.datetime(2026, 9, 18, 9)):
        assert not extension_offered(client, app)  # not received yet
    services.confirm_receipt(app, handler, on=d("2026-09-18"))
    with frozen(dt.datetime(2026, 10, 22, 9)):  # the last day of the 20 working days
        assert extension_offered(client, app)
    with frozen(dt.datetime(2026, 10, 23, 9)):  # the deadline has passed: the service refuses
        assert not extension_offered(client, app)
        with pytest.raises(services.TransitionError, match="届满"):
            services.extend(app, handler, 10, "主任", "理由")
    services.extend(app, handler, 10, "主任", "理由", on=d("2026-10-20"))
    app.refresh_from_db()
    with frozen(dt.datetime(2026, 10, 21, 9)):
        assert not extension_offered(client, app)  # only once
