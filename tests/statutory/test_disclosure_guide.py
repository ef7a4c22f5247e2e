"""Issue 15 item 1: the 政府信息公开指南 holds what 条例第十二条 requires, from the portal's
own data: classification, 编排体系, 获取方式 (with the 依申请公开 flow chart and the form as
DOCX and PDF), and the office's name, address, hours, phone, fax and internet contact."""

import io

import pytest
from docx import Document
from lxml import html as lxml_html
from pypdf import PdfReader
from wagtail.models import Site

from disclosure_catalog.models import DisclosureGuidePage
from portal.core.columns import ColumnKey
from portal.core.models import SiteIdentity
from portal.units.models import Unit
from tests.factories import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(portal):
    office = Unit.objects.get(kind="office")
    office.address = "贵州省黔东南州榕江县古州镇古州中路1号"
    office.phone = "0855-6612000"
    office.office_hours = "工作日上午8:30—12:00，下午14:30—18:00"
    office.email = "rjxzfb@example.gov.cn"
    office.save()
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.postcode = "557200"
    identity.save()
    return add_page(
        portal.column(ColumnKey.DISCLOSURE_GUIDE),
        DisclosureGuidePage(
            title="榕江县人民政府信息公开指南",
            slug="guide",
            fax="0855-6612001",
            intro="<p>本指南每年更新。</p>",
        ),
    )


def test_guide_shows_the_office_and_its_contact_data(client, guide):
    html = client.get(guide.url).content.decode()
    tree = lxml_html.fromstring(html)
    contact = {
        tr.xpath("./th")[0].text_content(): tr.xpath("./td")[0].text_content()
        for tr in tree.xpath("//table[contains(@class, 'office-contact')]//tr")
    }
    assert contact["机构名称"] == "榕江县人民政府办公室"
    assert contact["办公地址"] == "贵州省黔东南州榕江县古州镇古州中路1号"
    assert contact["邮政编码"] == "557200"
    assert contact["办公时间"] == "工作日上午8:30—12:00，下午14:30—18:00"
    assert contact["联系电话"] == "0855-6612000"
    assert contact["传真号码"] == "0855-6612001"
    assert contact["电子邮箱"] == "rjxzfb@example.gov.cn"
    assert contact["在线申请"] == "政府信息公开在线申请"
    assert 'href="/participation/apply/"' in html
    assert "本指南每年更新。" in html


def test_a_changed_unit_record_changes_the_guide(client, guide):
    office = Unit.objects.get(kind="office")
    office.phone = "0855-6619999"
    office.save()
    guide.save_revision(log_action=False).publish(log_action=False, skip_permission_checks=True)
    assert "0855-6619999" in client.get(guide.url).content.decode()


def test_guide_holds_classification_system_and_ways_to_apply(client, guide, portal):
    html = client.get(guide.url).content.decode()
    for heading in (
        "一、政府信息的分类",
        "二、编排体系",
        "三、获取方式",
        "四、政府信息公开工作机构",
    ):
        assert heading in html
    # the national classification and the genres
    assert "<strong>综合政务</strong>" in html and "政务公开" in html
    assert "体裁（文种）分为：" in html and "决定" in html
    # the live column tree of 政府信息公开, linked
    annual = portal.column(ColumnKey.DISCLOSURE_ANNUAL_REPORTS)
    assert f'href="{annual.relative_url(annual.get_site())}"' in html
    normative = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    assert f'href="{normative.relative_url(normative.get_site())}"' in html
    # the 索引号 pattern of the office
    assert "11522632070231007G/" in html
    # the form's fields come from the online form
    assert "所需信息的名称或内容描述" in html and "获取信息的方式" in html


def test_flow_chart_is_an_accessible_svg_with_a_text_alternative(client, guide):
    tree = lxml_html.fromstring(client.get(guide.url).content.decode())
    svg = tree.xpath("//figure[contains(@class,'flow-chart')]/svg")[0]
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "flow-title flow-desc"
    assert svg.xpath("./title")[0].text == "依申请公开办理流程图"
    desc = svg.xpath("./desc")[0].text
    assert "第1步，提出申请" in desc and "20个工作日内" in desc
    boxes = svg.xpath(".//rect")
    assert len(boxes) == 6
    steps = [li.xpath("./strong")[0].text for li in tree.xpath("//ol[@class='flow-steps']/li")]
    assert steps == ["提出申请", "登记审查", "告知补正", "征求第三方意见", "作出答复", "提供信息"]
    assert "条例第三十三条" in tree.xpath("//ol[@class='flow-steps']")[0].text_content()


def test_application_form_downloads(client, guide):
    html = client.get(guide.url).content.decode()
    path = guide.relative_url(guide.get_site())
    assert f'href="{path}form-docx/"' in html and f'href="{path}form-pdf/"' in html

    response = client.get(guide.url + "form-docx/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = {c.text for row in document.tables[0].rows for c in row.cells}
    assert "政府信息公开申请表" in text
    assert "受理机关：榕江县人民政府办公室" in text and "传真：0855-6612001" in text
    assert {"姓名或名称", "证件类型", "所需信息的名称或内容描述", "获取信息的方式"} <= cells
    assert any("□电子邮件" in c for c in cells)

    response = client.get(guide.url + "form-pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    page_text = reader.pages[0].extract_text()
    for expected in (
        "政府信息公开申请表",
        "所需信息的名称或内容描述",
        "□纸质文本",
        "榕江县人民政府办公室",
    ):
        assert expected in page_text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
