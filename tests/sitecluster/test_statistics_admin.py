"""The 统计 admin views, the yearly inputs and the column monitor's mails per site: a site's
people see their own site's figures only; a forged ``?site=`` or row id is refused."""

import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.core.clock import frozen
from portal.core.columns import ColumnKey
from portal.core.roles import SITE_ADMINS
from portal.core.sites import default_site, group_name
from portal.statistics.models import AnnualFormInput, ColumnAlertLog, ReviewLitigationRecord
from tests.factories import UserFactory, make_news
from tests.statistics.helpers import at

from .stats_sites import build_site, column

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def second(tmp_path, portal):
    return build_site(tmp_path, "yixian", "乙县人民政府")


def refused(response):
    """Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard (and
    a message) for a signed-in user, else 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def site_admin(site, username, email=""):
    group = Group.objects.get(name=group_name(site, SITE_ADMINS))
    return UserFactory(username=username, email=email, groups=[group])


@pytest.fixture
def published(second):
    a, b = default_site(), second
    make_news(column(a, ColumnKey.NEWS_HEADLINES), title="甲县要闻", published_at=at(YEAR, 4, 1, 9))
    for day in (2, 3, 4):
        make_news(
            column(b, ColumnKey.NEWS_HEADLINES), title="乙县要闻", published_at=at(YEAR, 5, day, 9)
        )
    return a, b


def test_a_site_admin_sees_their_own_sites_figures_only(client, published):
    a, b = published
    client.force_login(site_admin(b, "b_admin"))
    page = client.get(f"/admin/statistics/?year={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "站点：乙县人民政府" in html and "5月：3条" in html and "4月：1条" not in html
    assert 'id="stats-site-chooser"' not in html  # one site: nothing to choose
    data = client.get(f"/admin/statistics/{YEAR}/stats.json").json()
    assert data["news"]["labels"]["要闻"] == 3
    # another site's figures, by a forged ?site=: refused, in every view and download
    for url in (
        f"/admin/statistics/?year={YEAR}&site={a.pk}",
        f"/admin/statistics/{YEAR}/stats.json?site={a.pk}",
        f"/admin/statistics/{YEAR}/stats.csv?site={a.pk}",
        f"/admin/statistics/{YEAR}/form.xlsx?site={a.pk}",
        f"/admin/statistics/{YEAR}/report.docx?site={a.pk}",
        f"/admin/statistics/monitor/?site={a.pk}",
    ):
        assert refused(client.get(url)), url
    assert client.get("/admin/statistics/?site=999999").status_code == 404
    assert client.get("/admin/statistics/?site=abc").status_code == 404


def test_the_monitor_lists_the_sites_own_columns(client, published):
    a, b = published
    client.force_login(site_admin(b, "b_admin"))
    html = client.get("/admin/statistics/monitor/").content.decode()
    assert "乙县人民政府" in html
    assert "榕江县发展和改革局" not in html  # a unit column of site A
    from portal.statistics.monitor import column_health

    ids_a = {e["id"] for e in column_health(site=a)["columns"]}
    ids_b = {e["id"] for e in column_health(site=b)["columns"]}
    assert ids_a and ids_b and not ids_a & ids_b
    dashboard = client.get("/admin/").content.decode()
    assert "栏目监测（乙县人民政府）" in dashboard


def test_a_platform_admin_chooses_the_site(client, published, django_user_model):
    a, b = published
    platform = UserFactory(username="platform_x", groups=[Group.objects.get(name="平台管理员")])
    client.force_login(platform)
    html = client.get(f"/admin/statistics/?year={YEAR}").content.decode()
    assert 'id="stats-site-chooser"' in html and "4月：1条" in html  # the default site first
    html = client.get(f"/admin/statistics/?year={YEAR}&site={b.pk}").content.decode()
    assert "站点：乙县人民政府" in html and "5月：3条" in html
    assert f"/admin/statistics/{YEAR}/form.xlsx?site={b.pk}" in html
    response = client.get(f"/admin/statistics/{YEAR}/stats.csv?site={b.pk}")
    assert response.status_code == 200
    assert (
        "乙县人民政府" in response["Content-Disposition"]
        or "%E4%B9%99" in response["Content-Disposition"]
    )


def test_yearly_inputs_belong_to_a_site(client, published):
    a, b = published
    theirs = AnnualFormInput.objects.create(site=a, year=YEAR, total_visits=111)
    record = ReviewLitigationRecord.objects.create(
        site=a, year=YEAR, proceeding="review", outcome="upheld", case_number="甲复〔2025〕1号"
    )
    AnnualFormInput.objects.create(site=b, year=YEAR, total_visits=222)  # same year, no clash
    from portal.statistics.annual import inputs_for

    assert inputs_for(YEAR).total_visits == 111
    assert inputs_for(YEAR, b).total_visits == 222
    client.force_login(site_admin(b, "b_admin"))
    listing = client.get("/admin/annual_form_inputs/").content.decode()
    assert "222" in listing and "111" not in listing
    assert refused(client.get(f"/admin/annual_form_inputs/edit/{theirs.pk}/"))
    assert refused(client.get(f"/admin/annual_form_inputs/delete/{theirs.pk}/"))
    assert refused(client.post(f"/admin/annual_form_inputs/delete/{theirs.pk}/"))
    assert AnnualFormInput.objects.filter(pk=theirs.pk).exists()
    assert "甲复" not in client.get("/admin/review_litigation_records/").content.decode()
    assert refused(client.get(f"/admin/review_litigation_records/edit/{record.pk}/"))
    # the form offers the user's own site only; a forged site id is not accepted
    form = client.get("/admin/annual_form_inputs/new/").content.decode()
    assert "乙县人民政府" in form and "榕江县人民政府</option>" not in form
    from django.forms.models import model_to_dict

    data = {
        k: v
        for k, v in model_to_dict(AnnualFormInput(year=YEAR + 1)).items()
        if v is not None and v is not False and k != "id"
    }
    data.update(site=a.pk, total_visits=5)
    response = client.post("/admin/annual_form_inputs/new/", data)
    assert response.status_code == 200  # the form again, with an error
    assert not AnnualFormInput.objects.filter(year=YEAR + 1).exists()
    data.update(site=b.pk)
    assert client.post("/admin/annual_form_inputs/new/", data).status_code == 302
    assert AnnualFormInput.objects.get(year=YEAR + 1).site_id == b.pk


def test_column_alert_mails_go_to_each_sites_admins(second):
    a, b = default_site(), second
    site_admin(a, "a_admin", "a@example.gov.cn")
    site_admin(b, "b_admin", "b@example.gov.cn")
    from portal.units.models import Unit

    now = (timezone.localtime() + timedelta(days=30)).replace(hour=12, minute=0, second=0)
    for site in (a, b):
        unit = Unit.objects.get(site=site, slug="czj")
        make_news(
            unit.news_column.specific, title="临期动态", published_at=now - timedelta(days=12)
        )
    out = io.StringIO()
    with frozen(now):
        call_command("send_column_alerts", stdout=out)
        call_command("send_column_alerts", stdout=out)
    by_to = {tuple(m.to): m for m in mail.outbox}
    assert len(mail.outbox) == 2
    assert "乙县人民政府" in by_to[("b@example.gov.cn",)].subject
    assert "乙县人民政府" not in by_to[("a@example.gov.cn",)].subject
    assert ColumnAlertLog.objects.filter(site=b).count() == 1
    assert ColumnAlertLog.objects.filter(site=a).count() == 1
    out = io.StringIO()
    call_command("column_health", "--site", "yixian", "--format", "json", stdout=out)
    ids = {e["id"] for e in json.loads(out.getvalue())["columns"]}
    assert Unit.objects.get(site=b, slug="czj").news_column_id in ids
    assert Unit.objects.get(site=a, slug="czj").news_column_id not in ids
