"""The demo's 机构设置, 领导之窗, 办事指南 and 在线访谈 read true."""

from django.utils import timezone

from government.models import InterviewPage, LeaderPage, ServiceGuidePage
from home.demo import DemoBuilder
from portal.review.checks import check_required_fields, run_checks
from portal.units.models import Unit


def test_demo_builds_leaders_guides_interviews_and_unit_duties(client, portal):
    builder = DemoBuilder()
    builder.build_government()

    leaders = list(LeaderPage.objects.live().order_by("sort_order"))
    assert len(leaders) == 5
    assert leaders[0].position == "县委副书记、县人民政府县长"
    assert all(leader.photo_id for leader in leaders)
    assert all("非真实人物" in leader.biography for leader in leaders)

    guides = list(ServiceGuidePage.objects.live())
    assert 3 <= len(guides) <= 5
    for guide in guides:
        assert check_required_fields(guide, None) == [], guide.title
        assert guide.get_owner_unit() is not None
        assert client.get(guide.url).status_code == 200

    interviews = list(InterviewPage.objects.live())
    assert 1 <= len(interviews) <= 2
    for interview in interviews:
        assert interview.interview_time < timezone.now()
        assert interview.first_published_at > interview.interview_time
        html = client.get(interview.url).content.decode()
        assert interview.guests[0].value["name"] in html
    spring = next(i for i in interviews if "春耕" in i.title)
    assert timezone.localtime(spring.interview_time).month == 3

    assert not Unit.objects.filter(is_active=True, duties="").exists()
    html = client.get(leaders[0].get_parent().url).content.decode()
    assert html.index(leaders[0].title) < html.index(leaders[1].title)


def test_demo_government_pages_pass_the_automatic_check(portal):
    """What an editor would submit: no finding of the automatic check (wording, links,
    required fields, images) on the demo's leaders, guides and interviews."""
    DemoBuilder().build_government()
    for model in (LeaderPage, ServiceGuidePage, InterviewPage):
        for page in model.objects.live():
            assert [f.message for f in run_checks(page)] == [], page.title
