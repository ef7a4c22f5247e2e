"""The government page types travel in a migration bundle (portal/migration) like any
BasePage type: deleted here, they come back from the bundle with their fields and photo."""

from wagtail.models import Locale

from government.demo import fill_unit_directory
from government.models import InterviewPage, LeaderPage, ServiceGuidePage
from home.demo import DemoBuilder
from portal.units.models import Unit
from tests.migration.helpers import export, import_


def blocks(stream):
    return [(b["type"], b["value"]) for b in stream.raw_data]


def test_leaders_guides_and_interviews_round_trip_through_a_bundle(portal, tmp_path):
    DemoBuilder().build_government()
    leader = LeaderPage.objects.order_by("sort_order").first()
    guide = ServiceGuidePage.objects.first()
    interview = InterviewPage.objects.first()
    bundle = tmp_path / "bundle"
    export(bundle)

    for page in (leader, guide, interview):
        page.delete()
    Unit.objects.filter(slug="czj").update(duties="")
    output = import_(bundle)
    assert "页面：新建 3" in output, output

    def restored(model, page):
        return model.objects.get(translation_key=page.translation_key, locale=Locale.get_default())

    back = restored(LeaderPage, leader)
    assert (back.position, back.sort_order, back.photo_id) == (
        leader.position,
        leader.sort_order,
        leader.photo_id,
    )
    assert restored(ServiceGuidePage, guide).materials == guide.materials
    back = restored(InterviewPage, interview)
    assert back.interview_time == interview.interview_time
    assert blocks(back.transcript) == blocks(interview.transcript)
    assert blocks(back.guests) == blocks(interview.guests)
    assert back.live
    assert Unit.objects.get(slug="czj").duties  # unit duties travel with the units
    fill_unit_directory()  # nothing left to fill
