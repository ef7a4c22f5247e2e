"""全站巡检 (portal/review/inspection.py): what it finds on live pages, incremental runs,
误报, the report and its export, e-mail, external links against a local server."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from portal.review import checks
from portal.review.inspection import run_inspection
from portal.review.models import ExternalLinkStatus, FindingStatus, InspectionFinding
from tests.factories import UserFactory, make_news, paragraph_body
from tests.review.helpers import login

pytestmark = pytest.mark.django_db


def open_texts(**filters):
    return set(
        InspectionFinding.objects.filter(status=FindingStatus.OPEN, **filters).values_list(
            "text", flat=True
        )
    )


@pytest.mark.slow
def test_whole_site_inspection_of_the_demo_finds_the_seeded_errors(portal):
    from home.demo import SEEDED_ERRORS, DemoBuilder

    DemoBuilder().run()
    run = run_inspection(check_external_links=False, notify=False)
    assert run.pages > 300
    texts = open_texts()
    # each seeded error is found (as written, or the wrong word inside it: 环镜 of 营商环镜)
    assert [e for e in SEEDED_ERRORS if not any(len(t) >= 2 and t in e for t in texts)] == []
    # every page type of the demo shows its 发布时间 (the check renders one of each type)
    untimed = InspectionFinding.objects.filter(explanation="页面没有显示发布时间")
    assert sorted({f.page.specific_class._meta.verbose_name for f in untimed}) == []
    dead = InspectionFinding.objects.get(kind="internal", text__contains="不存在")
    assert dead.page.title == "县政府召开常务会议研究部署近期重点工作"
    # nothing changed: the second run rescans nothing and finds nothing new
    again = run_inspection(check_external_links=False, notify=False)
    assert (again.pages, again.new_findings) == (0, 0)


def test_content_and_attachment_text_are_checked_and_fixes_resolve(portal):
    column = portal.unit_news_column("czj")
    page = make_news(column, title="财政工作会议", body=paragraph_body("全县上下要再接再励。"))
    run_inspection(check_external_links=False, notify=False)
    finding = InspectionFinding.objects.get(page=page, text="再接再励")
    assert finding.unit.slug == "czj" and finding.column_id == column.pk
    assert finding.suggestion == "再接再厉"
    # the page is fixed and republished: the finding is resolved
    page.body = paragraph_body("全县上下要再接再厉。")
    page.save_revision().publish(skip_permission_checks=True)
    run = run_inspection(check_external_links=False, notify=False)
    assert run.pages == 1
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED


def test_pages_are_rendered_through_one_preview_handler(portal, monkeypatch):
    """The 发布时间 check renders every page: the middleware chain is loaded once per
    process, not once a page (that was two thirds of the inspection's time)."""
    from django.core.handlers.base import BaseHandler

    column = portal.unit_news_column("czj")
    for i in range(3):
        make_news(column, title=f"工作动态{i}", body=paragraph_body("全县扎实推进各项工作。"))
    loads = []
    original = BaseHandler.load_middleware

    def counting(self, *args, **kwargs):
        loads.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(BaseHandler, "load_middleware", counting)
    renders = []
    original_render = checks.preview_response
    monkeypatch.setattr(
        checks, "preview_response", lambda p: renders.append(p) or original_render(p)
    )
    run = run_inspection(whole_site=True, check_external_links=False, notify=False)
    assert run.pages >= 3
    assert len(loads) <= 1
    # one render per page type (the template decides whether 发布时间 shows), not per page
    assert len(renders) == len({type(p) for p in renders}) < run.pages
    # the pages still show their 发布时间: no finding of that kind
    assert not InspectionFinding.objects.filter(kind="time").exists()


def test_every_page_of_a_type_whose_template_hides_the_time_is_reported(portal, monkeypatch):
    from news.models import NewsPage

    column = portal.unit_news_column("czj")
    pages = [make_news(column, title=f"工作动态{i}") for i in range(3)]
    monkeypatch.setattr(NewsPage, "template", "404.html")
    run_inspection(whole_site=True, check_external_links=False, notify=False)
    reported = InspectionFinding.objects.filter(kind="time", rule="发布时间")
    assert {f.page_id for f in reported} >= {p.pk for p in pages}


def test_a_false_alarm_is_logged_and_does_not_return(client, portal):
    from wagtail.models import PageLogEntry

    column = portal.unit_news_column("czj")
    page = make_news(column, title="说明", body=paragraph_body("全县上下要再接再励。"))
    run_inspection(check_external_links=False, notify=False)
    finding = InspectionFinding.objects.get(page=page, text="再接再励")
    url = reverse("review_inspection_dismiss", args=(finding.pk,))

    # an editor of the unit and a reviewer of another unit are refused (the admin redirects)
    for user in (portal.editor("czj"), portal.reviewer("gzz")):
        login(client, user)
        response = client.post(url, {"reason": "引用原文"})
        assert response.status_code in (302, 403) and "false-alarm" not in response.get(
            "Location", ""
        )
        finding.refresh_from_db()
        assert finding.status == FindingStatus.OPEN

    login(client, portal.reviewer("czj"))
    response = client.post(url, {"reason": ""})
    assert "请填写误报理由" in response.content.decode()
    response = client.post(url, {"reason": "引用的是原文件标题"})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == FindingStatus.FALSE_ALARM
    entry = PageLogEntry.objects.get(page=page, action="review.inspection_false_alarm")
    assert entry.data["reason"] == "引用的是原文件标题"
    run_inspection(whole_site=True, check_external_links=False, notify=False)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.FALSE_ALARM
    assert InspectionFinding.objects.filter(page=page, text="再接再励").count() == 1


def test_report_per_unit_with_export_and_dashboard(client, portal):
    czj = portal.unit_news_column("czj")
    gzz = portal.unit_news_column("gzz")
    make_news(czj, title="财政新闻", body=paragraph_body("会议传达学习了党的19大精神。"))
    make_news(gzz, title="工信新闻", body=paragraph_body("全县上下要再接再励。"))
    run_inspection(check_external_links=False, notify=False)

    login(client, portal.editor("czj"))
    html = client.get(reverse("review_inspection_report")).content.decode()
    assert "党的19大" in html and "党的十九大" in html
    assert "再接再励" not in html  # another unit's finding
    assert "标记误报" not in html  # editors do not dismiss

    admin = UserFactory(username="inspect_admin", is_superuser=True, is_staff=True)
    login(client, admin)
    html = client.get(reverse("review_inspection_report"), {"unit": portal.unit("gzz").pk})
    html = html.content.decode()
    assert "再接再励" in html and "党的19大" not in html
    csv = client.get(reverse("review_inspection_report"), {"export": "csv"})
    body = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "党的19大" in body and "再接再励" in body
    xlsx = client.get(reverse("review_inspection_report"), {"export": "xlsx"})
    assert xlsx.status_code == 200
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "全站巡检" in dashboard and "inspection-block-count" in dashboard


def test_new_block_findings_are_mailed_once_to_the_units_people(portal):
    editor = portal.editor("czj")
    editor.email = "editor@example.org"
    editor.save()
    reviewer = portal.reviewer("czj")
    reviewer.email = "reviewer@example.org"
    reviewer.save()
    make_news(portal.unit_news_column("czj"), body=paragraph_body("传达学习党的19大精神。"))
    mail.outbox.clear()
    run_inspection(check_external_links=False)
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"editor@example.org", "reviewer@example.org"}
    assert "全站巡检" in mail.outbox[0].subject and "党的19大" in mail.outbox[0].body
    run_inspection(whole_site=True, check_external_links=False)
    assert len(mail.outbox) == 1


class _Handler(BaseHTTPRequestHandler):
    hits = []

    def do_HEAD(self):
        self.hits.append(self.path)
        self.send_response(404 if self.path.startswith("/gone") else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_external_links_checked_once_and_cached(portal, local_server):
    body = paragraph_body(
        f'<a href="{local_server}/ok">正常链接</a><a href="{local_server}/gone">失效链接</a>'
    )
    page = make_news(portal.unit_news_column("czj"), title="链接", body=body)
    run_inspection(notify=False)
    assert open_texts(kind="external") == {f"{local_server}/gone"}
    assert sorted(_Handler.hits) == ["/gone", "/ok"]
    assert ExternalLinkStatus.objects.get(url=f"{local_server}/gone").status_code == 404
    run_inspection(whole_site=True, notify=False)
    assert len(_Handler.hits) == 2  # answers cached per URL
    assert InspectionFinding.objects.filter(page=page, kind="external").count() == 1


def test_check_text_command(tmp_path, capsys):
    import json

    from docx import Document

    path = tmp_path / "通知.docx"
    document = Document()
    document.add_paragraph("根据黔府发【2019】3号文件精神，县国土资源局开展检查。")
    document.save(path)
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_text", str(path), "--format", "json")
    assert exit_info.value.code == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == ["黔府发【2019】3号", "国土资源局"]
    assert {"file", "rule", "category", "severity", "start", "end", "context", "suggestion"} <= set(
        rows[0]
    )
    # dated before the rename, only the 文号 remains; a warning alone exits 0
    with pytest.raises(SystemExit):
        call_command("check_text", str(path), "--format", "json", "--date", "2017-01-01")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == ["黔府发【2019】3号"]
    text = tmp_path / "a.txt"
    text.write_text("全县干部群众,认真学习。", encoding="utf-8")
    call_command("check_text", str(text))
    assert "半角" in capsys.readouterr().out


def test_the_scheduler_inspects_once_a_night(portal):
    from datetime import datetime

    from portal.core.clock import frozen
    from portal.review.models import InspectionRun

    make_news(portal.unit_news_column("czj"), body=paragraph_body("传达学习党的19大精神。"))
    with frozen(datetime(2026, 3, 2, 14, 0)):  # afternoon, 北京时间
        call_command("run_scheduler", "--once", "--no-alerts")
    assert InspectionRun.objects.count() == 0
    with frozen(datetime(2026, 3, 3, 2, 0)):
        call_command("run_scheduler", "--once", "--no-alerts")
    assert InspectionRun.objects.count() == 1
    assert "党的19大" in open_texts()
    with frozen(datetime(2026, 3, 3, 3, 0)):  # the same night: not again
        call_command("run_scheduler", "--once", "--no-alerts")
    assert InspectionRun.objects.count() == 1
