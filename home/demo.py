"""Demo content for a new installation (``bootstrap_portal --demo``) — DEVELOPMENT ONLY.

Builds the demo accounts of ``demo_accounts.py`` and, once, about 350 items spread over
the last two years across every column: news with pictures, notices, overview pages,
policy documents with their interpretations, catalogue items in every statutory column and
every unit's catalogue, annual reports, topics with their own sub-columns, service guides,
attachments (PDF and DOCX) and an English translation of the overview pages.

Items are published through Wagtail's real publish path with historical times
(``portal.core.history.publish_with_time``), so counters and search see them as they would
see a migrated site. Text comes from ``demo_text.py`` (written for this project).
"""

import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale

from disclosure_catalog.classification import topic_values
from disclosure_catalog.models import (
    AnnualReportPage,
    CatalogIndexPage,
    CatalogItemPage,
    DisclosureGuidePage,
    InterpretationPage,
    PolicyDocumentPage,
)
from news.models import NewsPage
from portal.core.columns import ColumnKey, StatsCategory
from portal.core.history import publish_with_time
from portal.core.pdf import minimal_pdf
from portal.units.models import Unit, UnitKind

from . import demo_text as T
from .demo_accounts import DEMO_ACCOUNTS
from .models import ColumnPage, ContentKind, OverviewPage, TopicPage

SEED = 20261124
DEMO_DAYS = 730


#: demo items with seeded errors for 全站巡检 (title, paragraphs); the inspection test expects
#: every one of SEEDED_ERRORS to be found
INSPECTION_SAMPLES = [
    (
        "关于开展春季森林防火专项检查的通知",
        [
            "根据黔府发【2019】3号文件精神，县国土资源局、县林业局联合开展春季森林防火专项检查。",
            "各乡镇要再接再励，确保不发生重特大森林火灾。",
        ],
    ),
    (
        "县政府召开常务会议研究部署近期重点工作",
        [
            "会议由县长、县委副书记主持，传达学习了党的19大精神。",
            '会议要求持续优化营商环镜，<a linktype="page" id="999999">相关政策</a>请各单位认真落实。',
            # 李明华 is 县委书记 in the demo's 领导信息 (portal/review/checker/data/demo_leaders.tsv)
            "县长李明华出席会议并讲话。",
        ],
    ),
]
SEEDED_ERRORS = [
    "黔府发【2019】3号",
    "国土资源局",
    "再接再励",
    "县长、县委副书记",
    "党的19大",
    "营商环镜",
    "县长李明华",
]


class DemoBuilder:
    def __init__(self, stdout=None, seed=SEED, now=None):
        self.stdout = stdout
        self.rng = random.Random(seed)
        self.now = now or timezone.now()
        self.count = 0
        self.images = []
        self.documents = []
        self._n = 0
        from portal.core.sites import default_site

        #: the demo county is the default site; the platform's second demo county is built
        #: by home/demo_sites.py
        self.site = default_site()
        self.home = self.site.root_page.specific

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # --- entry point -----------------------------------------------------------------------
    def run(self):
        self.ensure_accounts()
        if NewsPage.objects.descendant_of(self.home).exists():
            self.log("演示内容已存在，跳过。")
        else:
            with transaction.atomic():
                self.build_content()
            self.log(f"已创建演示内容 {self.count} 条。")
        self.print_accounts()

    # --- accounts --------------------------------------------------------------------------
    def ensure_accounts(self):
        User = get_user_model()
        for username, password, role, unit_slug, groups, is_superuser in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    email=f"{username}@example.gov.cn",
                    first_name=role[:30],
                    is_superuser=is_superuser,
                    is_staff=is_superuser,
                )
                user.set_password(password)
                user.save()
            unit = self.units.filter(slug=unit_slug).first() if unit_slug else None
            for name in groups:
                if name == "unit-editors":
                    group = unit.editors_group
                elif name == "unit-reviewers":
                    group = unit.reviewers_group
                else:
                    group, _ = Group.objects.get_or_create(name=name)
                if group is not None:
                    user.groups.add(group)

    def print_accounts(self):
        self.log("")
        self.log("演示账号（仅供开发和演示使用，切勿用于生产环境）：")
        self.log(f"  {'用户名':<20}{'密码':<26}角色")
        for username, password, role, *_ in DEMO_ACCOUNTS:
            self.log(f"  {username:<22}{password:<28}{role}")
        self.log("管理后台：http://127.0.0.1:8000/admin/  （管理员 admin / Demo-admin-2026）")

    # --- helpers ---------------------------------------------------------------------------
    def n(self):
        self._n += 1
        return self._n

    def when(self, max_days=DEMO_DAYS, min_days=0):
        days = self.rng.uniform(min_days, max_days)
        moment = self.now - timedelta(days=days)
        # office hours, Beijing time
        local = timezone.localtime(moment).replace(
            hour=self.rng.randint(8, 18), minute=self.rng.randint(0, 59), second=0, microsecond=0
        )
        return min(local, self.now - timedelta(minutes=5))

    def fill(self, template, unit=None):
        year = timezone.localtime(self.now).year - self.rng.randint(0, 1)
        return template.format(
            unit=(unit.short_name or unit.name) if unit else "县人民政府",
            topic=self.rng.choice(T.TOPICS),
            meeting=self.rng.choice(T.MEETINGS),
            activity=self.rng.choice(T.ACTIVITIES),
            crop=self.rng.choice(T.CROPS),
            place=self.rng.choice(T.PLACES),
            year=year,
            year2=year + 4,
            n=self.rng.randint(2, 60) * 10,
            n2=self.rng.randint(20, 400),
        )

    def paragraphs(self, unit=None, count=4, bank=None):
        bank = bank or T.SENTENCES
        picked = sorted(self.rng.sample(range(len(bank)), min(count, len(bank))))
        return [self.fill(bank[i], unit) for i in picked]

    def body(self, unit=None, count=4, image=False, attachment=False, bank=None):
        blocks = [
            {"type": "paragraph", "value": f"<p>{p}</p>"}
            for p in self.paragraphs(unit, count, bank)
        ]
        if image and self.images:
            img = self.rng.choice(self.images)
            blocks.insert(
                1,
                {
                    "type": "image",
                    "value": {
                        "image": {"image": img.pk, "alt_text": img.title, "decorative": False},
                        "caption": img.title,
                    },
                },
            )
        if attachment and self.documents:
            doc = self.rng.choice(self.documents)
            blocks.append({"type": "attachment", "value": {"document": doc.pk, "title": ""}})
        return blocks

    def publish(self, parent, page, when, first=None):
        if not page.slug:
            page.slug = f"t{timezone.localtime(when):%Y%m%d}-{self.n():04d}"
        parent.add_child(instance=page)
        publish_with_time(page, when, first_published_at=first)
        self.count += 1
        return page

    def publish_standing(self, parent, page, when):
        """``page``'s content onto the page of its type and slug that bootstrap created in
        ``parent`` (a plain install has the statutory pages too), published at ``when``;
        ``page`` itself if bootstrap made none."""
        existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
        if existing is None:
            return self.publish(parent, page, when)
        existing.title = page.title
        for field in type(page)._meta.local_concrete_fields:  # the page type's own fields
            if not field.primary_key:
                setattr(existing, field.attname, getattr(page, field.attname))
        existing.save_revision(log_action=False)
        publish_with_time(existing, when, first_published_at=when)
        self.count += 1
        return existing

    # --- media -----------------------------------------------------------------------------
    def make_media(self):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name="演示素材").first() or root.add_child(
            name="演示素材"
        )
        scenes = [
            "都柳江畔晨景",
            "侗寨鼓楼",
            "梯田春耕",
            "茶园采茶",
            "脐橙丰收",
            "乡村公路",
            "县城新貌",
            "学校操场",
            "卫生院门诊楼",
            "林下种植基地",
            "风雨桥",
            "产业园区",
        ]
        for index, title in enumerate(scenes):
            data = landscape_jpeg(self.rng, index)
            image = Image.objects.create(
                title=title,
                collection=collection,
                file=ImageFile(io.BytesIO(data), name=f"demo-{index + 1:02d}.jpg"),
            )
            self.images.append(image)
        for index in range(6):
            title = f"附件{index + 1}：{self.rng.choice(T.TOPICS)}工作安排表"
            if index % 2:
                doc = Document(title=title, collection=collection)
                doc.file.save(
                    f"demo-attachment-{index + 1}.docx",
                    ContentFile(docx_bytes(title, self.paragraphs(count=3))),
                    save=False,
                )
            else:
                doc = Document(title=title, collection=collection)
                doc.file.save(
                    f"demo-attachment-{index + 1}.pdf",
                    ContentFile(minimal_pdf(f"Rongjiang County attachment {index + 1}")),
                    save=False,
                )
            doc.save()
            self.documents.append(doc)

    # --- content ---------------------------------------------------------------------------
    def column(self, key):
        return ColumnPage.objects.descendant_of(self.home).get(
            column_key=key, locale=Locale.get_default()
        )

    @property
    def units(self):
        return Unit.objects.filter(site=self.site)

    def build_content(self):
        self.make_media()
        office = self.units.filter(kind=UnitKind.OFFICE).first()
        self.build_overview()
        self.build_headlines(office)
        self.build_unit_news()
        self.build_notices(office)
        self.build_disclosure(office)
        self.build_topics()
        self.build_government()
        self.build_translations()
        self.build_inspection_samples()

    def build_overview(self):
        column = self.column(ColumnKey.OVERVIEW)
        for (title, paragraphs), slug in zip(T.OVERVIEW_PAGES, ("xqgk", "lsyg"), strict=True):
            page = OverviewPage(
                title=title,
                slug=slug,
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            )
            first = self.when(DEMO_DAYS, 600)
            self.publish(column, page, first)
            # overview pages are kept up to date: a few republished revisions
            for _ in range(self.rng.randint(1, 3)):
                page.save_revision(log_action=False)
                publish_with_time(page, self.when(590, 5), first_published_at=first)

    def build_headlines(self, office):
        column = self.column(ColumnKey.NEWS_HEADLINES)
        for index in range(40):
            image = self.images[index % len(self.images)]
            title = self.fill(self.rng.choice(T.NEWS_TITLES), office)
            page = NewsPage(
                title=title,
                source="榕江县融媒体中心",
                author=self.rng.choice(["县融媒体中心", "通讯员", "记者"]),
                cover_image=image if index % 3 == 0 else None,
                summary=self.paragraphs(office, 1)[0],
                body=self.body(office, 4, image=True),
            )
            max_days = 10 if index < 4 else DEMO_DAYS
            self.publish(column, page, self.when(max_days))

    def build_unit_news(self):
        for unit in self.units.exclude(news_column=None).order_by("sort_order"):
            column = unit.news_column.specific
            for _ in range(3 if unit.kind != UnitKind.OFFICE else 1):
                page = NewsPage(
                    title=self.fill(self.rng.choice(T.NEWS_TITLES), unit),
                    body=self.body(unit, 3, image=self.rng.random() < 0.3),
                )
                self.publish(column, page, self.when(DEMO_DAYS if self.rng.random() < 0.8 else 12))

    def build_notices(self, office):
        column = self.column(ColumnKey.NEWS_NOTICES)
        for index in range(20):
            page = NewsPage(
                title=self.fill(self.rng.choice(T.NOTICE_TITLES), office),
                source="榕江县人民政府办公室",
                body=self.body(office, 5, attachment=index % 2 == 0, bank=T.NOTICE_SENTENCES),
            )
            self.publish(column, page, self.when(20 if index < 2 else DEMO_DAYS))

    def build_inspection_samples(self):
        """Items with seeded errors, for 全站巡检 to find (docs/review.md lists them). They are
        published around the checks, as imported history would be. The demo's leaders
        (领导信息, fictional) are seeded first, for the 领导职务 check."""
        from portal.review.models import Leader

        if not Leader.objects.filter(site=self.site).exists():
            from portal.review.checker.leaders import demo_leaders

            Leader.objects.bulk_create(
                Leader(
                    site=self.site,
                    name=x.name,
                    titles=x.full,
                    requires_comrade=x.comrade,
                    sort_order=i,
                )
                for i, x in enumerate(demo_leaders())
            )
        column = self.column(ColumnKey.NEWS_NOTICES)
        for title, paragraphs in INSPECTION_SAMPLES:
            page = NewsPage(
                title=title,
                source="榕江县人民政府办公室",
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            )
            self.publish(column, page, self.now - timedelta(days=3))

    def catalog_fields(self, unit, genre=None, topic=None):
        topics = sorted(topic_values())
        return {
            "summary": self.paragraphs(unit, 1)[0],
            "topic_category": topic or self.rng.choice(topics),
            "genre": genre or self.rng.choice(["通知", "公告", "报告", "意见", "计划", "其他"]),
            "keywords": " ".join(self.rng.sample(T.TOPICS, 2)),
            "written_date": None,
        }

    def build_disclosure(self, office):
        # the guide's statutory content comes from the office's unit record (guide.py)
        if office is not None and not office.office_hours:
            office.office_hours = "工作日上午8:30—12:00，下午14:30—18:00（法定节假日除外）"
            office.email = office.email or "rjxzfgk@example.gov.cn"
            office.save(update_fields=["office_hours", "email"])
        self.publish_standing(
            self.column(ColumnKey.DISCLOSURE_GUIDE),
            DisclosureGuidePage(
                title="榕江县人民政府信息公开指南",
                slug="zn",
                fax="0855-6612001",
                intro="<p>本指南根据《中华人民共和国政府信息公开条例》编制，"
                "内容随机构信息和栏目设置同步更新。</p>",
            ),
            self.when(DEMO_DAYS, 500),
        )
        rules = self.column(ColumnKey.DISCLOSURE_RULES)
        self.publish(
            rules,
            OverviewPage(
                title="榕江县政府信息公开工作制度",
                body=self.body(office, 4, bank=T.NOTICE_SENTENCES),
            ),
            self.when(DEMO_DAYS, 400),
        )
        reports = self.column(ColumnKey.DISCLOSURE_ANNUAL_REPORTS)
        this_year = timezone.localtime(self.now).year
        for year in (this_year - 2, this_year - 1):
            when = timezone.make_aware(timezone.datetime(year + 1, 1, 20, 10, 0))
            if when > self.now:
                continue
            self.publish(
                reports,
                AnnualReportPage(
                    title=f"榕江县人民政府{year}年政府信息公开工作年度报告",
                    report_year=year,
                    **(
                        self.catalog_fields(office, "报告", "综合政务/政务公开")
                        | {"summary": f"榕江县人民政府{year}年政府信息公开工作年度报告。"}
                    ),
                    # the figures and tables come from the statistics (annual_page.py)
                    problems_text=(
                        f"{year}年，部分乡镇和部门信息更新不够及时，政策解读形式较为单一。"
                        f"{year + 1}年将加强栏目日常巡查，每月通报更新情况，"
                        "推广图解、视频等解读形式。"
                    ),
                    other_text=f"{year}年度未收取信息处理费。",
                ),
                when,
            )

        policies = []
        for key, normative, count in (
            (ColumnKey.DISCLOSURE_POLICY_NORMATIVE, True, 8),
            (ColumnKey.DISCLOSURE_POLICY_OTHER, False, 10),
        ):
            column = self.column(key)
            for _ in range(count):
                when = self.when()
                number = self.n()
                prefix = "榕府发" if normative else "榕府办发"
                page = PolicyDocumentPage(
                    title=self.fill(self.rng.choice(T.POLICY_TITLES), office),
                    document_number=f"{prefix}〔{timezone.localtime(when).year}〕{number}号",
                    is_normative=normative,
                    **self.catalog_fields(office, "通知" if not normative else "意见"),
                    body=self.body(office, 5, attachment=True, bank=T.NOTICE_SENTENCES),
                )
                page.written_date = (when - timedelta(days=self.rng.randint(1, 10))).date()
                if normative and self.rng.random() < 0.25:
                    page.validity = "废止"
                    page.invalid_date = (when + timedelta(days=200)).date()
                self.publish(column, page, when)
                policies.append(page)
        interpretations = self.column(ColumnKey.DISCLOSURE_INTERPRETATION)
        kinds = ["text", "graphic", "press", "text", "text", "graphic"]
        for index, policy in enumerate(self.rng.sample(policies, 6)):
            page = InterpretationPage(
                title=f"《{policy.title.split('关于')[-1].replace('的通知', '')}》政策解读",
                interpretation_kind=kinds[index],
                genre="解读",
                **{k: v for k, v in self.catalog_fields(office, "解读").items() if k != "genre"},
                body=self.body(office, 4, image=kinds[index] == "graphic"),
            )
            page.policies = [policy]
            self.publish(
                interpretations,
                page,
                policy.first_published_at + timedelta(hours=self.rng.randint(1, 6)),
            )

        statutory = self.column(ColumnKey.DISCLOSURE_STATUTORY)
        for column in statutory.get_children().live().type(ColumnPage).specific():
            if column.column_key in (
                ColumnKey.DISCLOSURE_POLICY,
                ColumnKey.DISCLOSURE_INTERPRETATION,
            ):
                continue
            templates = T.CATALOG_TITLES.get(column.title, ["{unit}{year}年{topic}信息"])
            units = list(self.units.order_by("?")[:3])
            for unit in units:
                page = CatalogItemPage(
                    title=self.fill(self.rng.choice(templates), unit),
                    unit=unit,
                    publisher=unit.name,
                    **self.catalog_fields(unit),
                    body=self.body(unit, 3, attachment=True),
                )
                self.publish(column, page, self.when())

        for unit in self.units.exclude(catalogue_column=None).order_by("sort_order"):
            column = unit.catalogue_column.specific
            title = self.fill(
                self.rng.choice(T.CATALOG_TITLES["权责清单"] + T.CATALOG_TITLES["财政信息"]), unit
            )
            page = CatalogItemPage(
                title=title, **self.catalog_fields(unit), body=self.body(unit, 3, attachment=True)
            )
            self.publish(column, page, self.when())
        self.build_catalogue_indexes()

    def build_catalogue_indexes(self):
        """信息公开目录 and 规范性文件库 (CatalogIndexPage) below the home page, linked from
        the intros of 政府信息公开 and 规范性文件."""
        # the home page of this site: the parent of its 政府信息公开 column
        home = self.column(ColumnKey.DISCLOSURE).get_parent()
        when = self.when(DEMO_DAYS, 600)
        index = self.publish_standing(
            home, CatalogIndexPage(title="政府信息公开目录", slug="xxgkml"), when
        )
        library = self.publish_standing(
            home,
            CatalogIndexPage(
                title="行政规范性文件库",
                slug="gfxwjk",
                normative_only=True,
                intro="<p>本库收录本县制发的行政规范性文件，标注有效、失效或废止。</p>",
            ),
            when,
        )
        for key, target, text in (
            (ColumnKey.DISCLOSURE, index, "按主题分类、体裁、发布机构和年份检索政府信息公开目录"),
            (ColumnKey.DISCLOSURE_POLICY_NORMATIVE, library, "查看行政规范性文件库（含有效性）"),
        ):
            column = self.column(key)
            column.intro = f'<p><a linktype="page" id="{target.pk}">{text}</a></p>'
            column.save_revision(log_action=False)
            publish_with_time(column, when)

    def build_topics(self):
        column = self.column(ColumnKey.TOPICS)
        for index, (title, intro) in enumerate(T.TOPIC_PAGES):
            topic = TopicPage(
                title=title,
                intro=intro,
                cover_image=self.images[(index * 3) % len(self.images)],
                body=[{"type": "paragraph", "value": f"<p>{intro}</p>"}],
            )
            opened = self.when(DEMO_DAYS, 60)
            self.publish(column, topic, opened)
            for sub_title in ("工作动态", "政策文件"):
                sub = ColumnPage(
                    title=sub_title,
                    slug=f"t{index}-{'gzdt' if sub_title == '工作动态' else 'zcwj'}",
                    content_kind=ContentKind.NEWS,
                    stats_category=StatsCategory.OTHER,
                    stats_label="专题",
                )
                topic.add_child(instance=sub)
                sub.save_revision(log_action=False).publish(
                    log_action=False, skip_permission_checks=True
                )
                for _ in range(3):
                    days = (self.now - opened).days
                    page = NewsPage(
                        title=self.fill(self.rng.choice(T.NEWS_TITLES)), body=self.body(None, 3)
                    )
                    self.publish(sub, page, self.when(max(days, 1)))

    def build_government(self):
        """机构设置 (unit duties), 领导之窗, 办事指南 and 在线访谈 (government/demo.py)."""
        from government.demo import build_government_demo

        build_government_demo(self)

    def build_translations(self):
        """The English mini-site through wagtail-localize (home/demo_english.py)."""
        from .demo_english import build_english

        build_english(self)


# --- generated media -----------------------------------------------------------------------
def landscape_jpeg(rng, index, size=(960, 600)):
    """A simple painted landscape (sky, mountains, river) as JPEG bytes."""
    width, height = size
    image = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top = (rng.randint(90, 150), rng.randint(150, 200), rng.randint(210, 250))
    bottom = (235, 240, 245)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    draw.ellipse([width - 200, 50, width - 120, 130], fill=(255, 220, 120))
    for layer in range(3):
        base = int(height * (0.45 + layer * 0.12))
        green = (40 + layer * 30, 110 + layer * 25 + index * 3 % 40, 60 + layer * 15)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base - rng.randint(20, 120 - layer * 25)))
        points.append((width, height))
        draw.polygon(points, fill=green)
    draw.polygon(
        [
            (0, height),
            (width * 0.35, height * 0.78),
            (width * 0.65, height * 0.8),
            (width, height * 0.9),
            (width, height),
        ],
        fill=(90, 150, 200),
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def docx_bytes(title, paragraphs):
    from docx import Document as DocxDocument

    document = DocxDocument()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
