import pytest
from django.contrib.auth.models import Group

from portal.participation.setup import ensure_participation

pytestmark = pytest.mark.django_db


def test_groups_exist_after_bootstrap_and_setup_is_idempotent(portal, client):
    for name in ("依申请公开办理", "留言办理"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert ensure_participation(portal.home) == []
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    calendar = Group.objects.get(name="依申请公开办理")
    assert calendar.permissions.filter(codename="add_calendaroverride").exists()


def test_calendar_overrides_editable_by_disclosure_handlers_only(client, handler, message_handler):
    client.force_login(handler)
    assert client.get("/admin/calendar_overrides/").status_code == 200
    response = client.post(
        "/admin/calendar_overrides/new/",
        {"date": "2027-02-08", "is_workday": "", "note": "2027年春节"},
    )
    assert response.status_code == 302
    from portal.participation.models import CalendarOverride

    assert CalendarOverride.objects.filter(date="2027-02-08", is_workday=False).exists()
    client.force_login(message_handler)
    assert client.get("/admin/calendar_overrides/").status_code in (302, 403)


def test_dashboard_panel_for_handlers_only(client, handler):
    client.force_login(handler)
    html = client.get("/admin/").content.decode()
    assert "互动交流待办" in html and "依申请公开已超期" in html
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="plain_admin", groups=["站点管理员"]))
    assert "互动交流待办" not in client.get("/admin/").content.decode()
