"""The platform's second demo county (``bootstrap_portal --demo``) — DEVELOPMENT ONLY.

A smaller county, 从江县, on its own hostname (``PORTAL_DEMO_SECOND_HOST``, default
``congjiang.localhost``, which resolves to loopback), so that a new user sees one
installation serving two portals: its own column tree, units (with the same slugs as the
first county's — 县财政局 is ``czj`` in both), groups, workflow, identity and a few dozen items.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from news.models import NewsPage
from portal.core.columns import ColumnKey

from . import demo_subjects as S
from .demo import DemoBuilder
from .models import OverviewPage

SITE_KEY = "congjiang"
SITE_NAME = "从江县人民政府"
UNITS_FILE = settings.BASE_DIR / "portal" / "units" / "data" / "units_congjiang.json"
IDENTITY = {
    "site_name": SITE_NAME,
    "site_code": "5226330001",
    "icp_number": "黔ICP备16003300号",
    "police_number": "贵公网安备 52263302000001号",
    "sponsor": SITE_NAME,
    "organizer": "从江县人民政府办公室",
    "address": "贵州省黔东南苗族侗族自治州从江县丙妹镇",
    "phone": "0855-6412000",
    "postcode": "557400",
}

#: (title, months it may be dated in, picture kind): the county's own news; 防汛 in the
#: flood season, 春季森林防火 in early spring
HEADLINES = [
    (
        "从江县召开{year}年稻鱼鸭复合系统保护工作推进会",
        S.ALL,
        "meeting",
        "会议总结了全球重要农业文化遗产从江稻鱼鸭复合系统的保护情况，部署下一阶段保护与利用工作。",
    ),
    (
        "从江县加榜梯田景区完善游客服务设施",
        S.ALL,
        "field",
        "加榜梯田景区新建游客服务中心、观景台和停车场，游客服务能力进一步提升。",
    ),
    (
        "从江县推动{crop}产业高质量发展",
        S.ALL,
        "orchard",
        "从江县推广{crop}标准化种植和病虫害绿色防控技术，提高产品品质和种植效益。",
    ),
    (
        "从江县开展防汛应急演练",
        (4, 5, 6),
        "flood",
        "入汛以来，从江县组织应急、水务和乡镇力量开展防汛应急演练，检验人员转移和抢险救援能力。",
    ),
    (
        "从江县召开乡村振兴重点工作调度会",
        S.ALL,
        "meeting",
        "会议听取了各乡镇巩固拓展脱贫攻坚成果和乡村振兴重点工作进展情况汇报。",
    ),
    (
        "从江县岜沙苗寨传统村落保护项目通过验收",
        S.ALL,
        "village",
        "项目完成了传统民居修缮、消防设施改造和村内步道建设，村寨传统风貌得到保护。",
    ),
    (
        "从江县举办农村实用技术培训班",
        S.ALL,
        "meeting",
        "培训班邀请农技专家讲授种养殖实用技术，来自各乡镇的{n2}名群众参加培训。",
    ),
    (
        "从江县推进城乡供水一体化工程建设",
        S.ALL,
        "river",
        "工程建成后将把县城供水管网延伸到周边村寨，惠及群众{n}余户。",
    ),
]
NOTICES = [
    ("从江县人民政府关于做好{year}年春季森林防火工作的通知", (1, 2, 3), "森林防火"),
    ("从江县人民政府办公室关于开展安全生产大检查的通知", S.ALL, "安全生产"),
    ("从江县人民政府关于印发从江县{year}年重点民生实事的通知", (1, 2, 3), "重点民生实事"),
]
HEADLINE_SENTENCES = [
    "{first}",
    "下一步，{county}将持续巩固工作成果，健全长效机制，推动各项工作落地见效。",
]
OVERVIEW = (
    "从江概况",
    [
        "从江县位于贵州省东南部，黔东南苗族侗族自治州南部，东邻广西三江县，南接广西融水县，"
        "县人民政府驻丙妹镇。",
        "全县辖若干镇、乡，居住着苗、侗、壮、瑶、水等民族，少数民族人口占总人口的90%以上。",
        "从江稻鱼鸭复合系统入选全球重要农业文化遗产，加榜梯田、岜沙苗寨、小黄侗寨闻名遐迩。",
    ],
)

#: (username, password, role label, unit slug or None, group base names)
ACCOUNTS = [
    ("cj_admin", "Demo-cj-admin-2026", "从江县站点管理员", None, ["站点管理员"]),
    ("cj_editor", "Demo-cj-editor-2026", "从江县财政局编辑", "czj", ["unit-editors"]),
    ("cj_final", "Demo-cj-final-2026", "从江县终审", None, ["终审"]),
    ("platform", "Demo-platform-2026", "平台管理员（所有站点）", None, ["平台管理员"]),
]


def second_host():
    return getattr(settings, "PORTAL_DEMO_SECOND_HOST", "congjiang.localhost")


class SecondCountyBuilder(DemoBuilder):
    """The first county's builder, on the second site and with a few dozen items."""

    def __init__(self, site, stdout=None):
        super().__init__(stdout=stdout, seed=20261201)
        self.site = site
        self.home = site.root_page.specific

    def run(self):
        self.ensure_second_accounts()
        if NewsPage.objects.descendant_of(self.home).exists():
            self.log("第二个演示县的内容已存在，跳过。")
            return
        with transaction.atomic():
            self.build_small()
        self.log(
            f"已创建第二个演示县（{SITE_NAME}，http://{second_host()}:8000/）的演示内容 {self.count} 条。"
        )

    def build_small(self):
        office = self.units.filter(kind="office").first()
        column = self.column(ColumnKey.OVERVIEW)
        title, paragraphs = OVERVIEW
        self.publish(
            column,
            OverviewPage(
                title=title,
                slug="cjgk",
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            ),
            self.when(400, 200),
        )
        column = self.column(ColumnKey.NEWS_HEADLINES)
        for index, (template, months, kind, first) in enumerate(HEADLINES):
            moment = self.when_in(months, 8 if index < 3 else 300) or self.when_in(months, 700)
            values = self.values(moment, office, crop=self.rng.choice(["脐橙", "百香果", "油茶"]))
            title = template.format(**values)
            values["first"] = first.format(**values)
            paragraphs = self.format_all(HEADLINE_SENTENCES, values)
            page = NewsPage(
                title=title,
                source="从江县融媒体中心",
                body=self.blocks(paragraphs, self.image_block(kind, title)),
            )
            self.publish(column, page, moment)
        column = self.column(ColumnKey.NEWS_NOTICES)
        for template, months, topic in NOTICES:
            moment = self.when_in(months, 300) or self.when_in(months, 700)
            values = self.values(moment, office, topic=topic)
            body = self.blocks(self.format_all(S.NOTICE_SENTENCES, values))
            page = NewsPage(
                title=template.format(**values), source="从江县人民政府办公室", body=body
            )
            self.publish(column, page, moment)
        for unit in self.units.exclude(news_column=None).order_by("sort_order"):
            moment = self.when(200)
            self.publish(unit.news_column.specific, self.unit_news(unit, moment), moment)

    def ensure_second_accounts(self):
        from django.contrib.auth.models import Group

        from portal.core.sites import group_name

        User = get_user_model()
        for username, password, role, unit_slug, groups in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=f"{username}@example.gov.cn")
                user.first_name = role[:30]
                user.set_password(password)
                user.save()
            unit = self.units.filter(slug=unit_slug).first() if unit_slug else None
            for base in groups:
                if base == "unit-editors":
                    group = unit.editors_group
                elif base == "平台管理员":
                    group = Group.objects.filter(name=base).first()
                else:
                    group = Group.objects.filter(name=group_name(self.site, base)).first()
                if group is not None:
                    user.groups.add(group)

    def print_accounts(self):
        self.log("")
        self.log(f"第二个演示县（{SITE_NAME}）：http://{second_host()}:8000/")
        for username, password, role, *_ in ACCOUNTS:
            self.log(f"  {username:<22}{password:<28}{role}")


def build_second_demo_county(stdout=None, progress_stream=None):
    from .bootstrap import Bootstrapper

    bootstrapper = Bootstrapper(
        stdout=stdout,
        progress_stream=progress_stream,
        site_key=SITE_KEY,
        hostname=second_host(),
        name=SITE_NAME,
        units_file=UNITS_FILE,
        identity=IDENTITY,
    )
    bootstrapper.run()
    builder = SecondCountyBuilder(bootstrapper.site, stdout=stdout)
    builder.run()
    builder.print_accounts()
    return bootstrapper.site
