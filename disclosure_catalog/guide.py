"""What the 政府信息公开指南 shows, built from the portal's own data.

《中华人民共和国政府信息公开条例》第十二条: the guide must contain 政府信息的分类、编排体系、
获取方式 and the 政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网
联系方式. Each of those comes from data here: the national classification
(classification.py), the live disclosure column tree, the participation app's application
form (its field labels and choices), the office unit (portal.units) and SiteIdentity.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from .classification import _data, genre_choices

#: the 依申请公开 procedure, in order: (step, what happens, time limit, source). The limits
#: are the 条例's own (docs/public-site.md); the participation app enforces them.
FLOW_STEPS = [
    (
        "提出申请",
        "申请人通过互联网在线申请、信函或当面提交《政府信息公开申请表》。",
        "",
        "条例第二十七条、第二十九条",
    ),
    (
        "登记审查",
        "政府信息公开工作机构登记申请，审查申请内容是否明确。",
        "当面提交的，以提交之日为收到申请之日；邮寄的，以签收之日为收到申请之日",
        "条例第三十一条",
    ),
    (
        "告知补正",
        "申请内容不明确的，一次性告知申请人需要补正的事项和合理的补正期限。",
        "自收到申请之日起7个工作日内",
        "条例第三十条",
    ),
    (
        "征求第三方意见",
        "公开可能损害第三方合法权益的，书面征求第三方的意见，所需时间不计算在答复期限内。",
        "第三方应在收到征求意见书之日起15个工作日内提出意见",
        "条例第三十二条",
    ),
    (
        "作出答复",
        "根据不同情形作出予以公开、部分公开、不予公开、无法提供或不予处理等答复。",
        "自收到申请之日起20个工作日内；经负责人同意可延长，延长不超过20个工作日",
        "条例第三十三条、第三十六条",
    ),
    (
        "提供信息",
        "按申请人要求的形式和方式，结合本机关保存信息的实际情况提供。",
        "",
        "条例第四十条",
    ),
]
#: the short line under each step in the flow chart (the text list below it says it all)
CHART_NOTES = {
    "提出申请": "在线、信函、当面或传真提交申请表",
    "登记审查": "确定收到申请之日，审查申请内容",
    "告知补正": "收到申请之日起7个工作日内告知",
    "征求第三方意见": "第三方15个工作日内提出意见",
    "作出答复": "20个工作日内；延长不超过20个工作日",
    "提供信息": "按申请人要求的形式和方式",
}
#: steps taken only when needed (drawn dashed in the flow chart)
OPTIONAL_STEPS = {"告知补正", "征求第三方意见"}


@dataclass
class Office:
    """政府信息公开工作机构 and its contact data (条例第十二条)."""

    name: str
    address: str
    office_hours: str
    phone: str
    fax: str
    email: str
    postcode: str
    online_url: str
    site_url: str

    def rows(self):
        """(label, value, href) rows of the contact table; empty values show as 未公布."""
        return [
            ("机构名称", self.name, ""),
            ("办公地址", self.address, ""),
            ("邮政编码", self.postcode, ""),
            ("办公时间", self.office_hours, ""),
            ("联系电话", self.phone, f"tel:{self.phone}" if self.phone else ""),
            ("传真号码", self.fax, ""),
            ("电子邮箱", self.email, f"mailto:{self.email}" if self.email else ""),
            ("在线申请", self.online_url and "政府信息公开在线申请", self.online_url),
            ("门户网站", self.site_url, self.site_url),
        ]


def site_units(site=None):
    """The units of ``site`` when units belong to sites (multi-site portals: ``Unit.site``),
    else every unit."""
    Unit = apps.get_model("units", "Unit")
    units = Unit.objects.all()
    if site is not None and any(f.name == "site" for f in Unit._meta.get_fields()):
        units = units.filter(site_id=site.pk)
    return units


def office_unit(site=None):
    """The county government office (县政府办), which runs the disclosure work."""
    return (
        site_units(site).filter(kind="office", is_active=True).order_by("sort_order", "id").first()
    )


def url_or_blank(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def office_for(page, identity, site_url="", site=None):
    unit = page.office_unit if page.office_unit_id else office_unit(site)
    return Office(
        name=page.office_name or (unit.name if unit else "") or identity.sponsor,
        address=(unit.address if unit else "") or identity.address,
        office_hours=(unit.office_hours if unit else "") or "",
        phone=(unit.phone if unit else "") or identity.phone,
        fax=page.fax,
        email=(unit.email if unit else "") or "",
        postcode=identity.postcode,
        online_url=url_or_blank("participation:apply"),
        site_url=site_url,
    )


def classification():
    """政府信息的分类: the 主题分类 first levels with their second levels, and the 体裁."""
    topics = [
        (first, [s for s in seconds if s != "其他"])
        for first, seconds in _data()["categories"].items()
    ]
    return {"topics": topics, "genres": [value for value, _label in genre_choices()]}


def column_system(disclosure_column, levels=3):
    """编排体系: the live sub-columns of 政府信息公开, ``levels`` deep, as a tree of
    (column, [children]) — one query."""
    if disclosure_column is None:
        return []
    ColumnPage = type(disclosure_column)
    columns = (
        ColumnPage.objects.live()
        .descendant_of(disclosure_column)
        .filter(depth__lte=disclosure_column.depth + levels)
        .only("id", "title", "url_path", "path", "depth", "locale_id")
        .order_by("path")
    )
    nodes = {disclosure_column.path: []}
    for column in columns:
        parent = nodes.get(column.path[: -column.steplen])
        if parent is None:  # below a column that is not live
            continue
        children = []
        parent.append((column, children))
        nodes[column.path] = children
    return nodes[disclosure_column.path]


def application_fields():
    """The application form (条例第二十九条): [(section, [(label, choices or None)])],
    from the participation app's own model, so the downloadable form asks what the online
    form asks."""
    try:
        model = apps.get_model("participation", "DisclosureApplication")
    except LookupError:
        return []

    def field(name, label=None):
        f = model._meta.get_field(name)
        choices = [label for _value, label in f.choices] if f.choices else None
        return (label or str(f.verbose_name), choices)

    return [
        (
            "申请人信息",
            [
                field("applicant_type"),
                field("name"),
                field("organisation_kind"),
                field("contact_person", "联系人（法人或其他组织填写）"),
                field("id_type"),
                field("id_number"),
                field("phone"),
                field("email"),
                field("address"),
                field("postcode"),
            ],
        ),
        (
            "所需政府信息情况",
            [
                field("description"),
                field("document_number", "文号（如知道）"),
                field("purpose"),
            ],
        ),
        ("获取信息的形式和方式", [field("delivery_form"), field("delivery_way")]),
    ]


# --- the flow chart ---------------------------------------------------------------------
BOX_W, BOX_H, GAP, MARGIN = 420, 64, 30, 10


def flow_chart():
    """Boxes and arrows of the 依申请公开 flow chart, as numbers the SVG template draws."""
    boxes = []
    y = MARGIN
    for index, (step, _what, limit, source) in enumerate(FLOW_STEPS, start=1):
        boxes.append(
            {
                "n": index,
                "step": step,
                "note": CHART_NOTES.get(step, limit or source),
                "y": y,
                "text_y": y + 26,
                "note_y": y + 50,
                "optional": step in OPTIONAL_STEPS,
                "arrow_from": y + BOX_H,
                "arrow_to": y + BOX_H + GAP - 2,
            }
        )
        y += BOX_H + GAP
    height = y - GAP + MARGIN
    return {
        "width": BOX_W + 2 * MARGIN,
        "height": height,
        "box_w": BOX_W,
        "box_h": BOX_H,
        "x": MARGIN,
        "cx": MARGIN + BOX_W // 2,
        "boxes": boxes,
    }
