"""Demo content for a new installation (``bootstrap_portal --demo``) — DEVELOPMENT ONLY.

Builds the demo accounts of ``demo_accounts.py`` and, once, about 350 items spread over
the last two years across every column: news with pictures, notices, overview pages,
policy documents with their interpretations, catalogue items in every statutory column and
every unit's catalogue, annual reports, topics with their own sub-columns, service guides,
attachments (PDF and DOCX), 互动交流 data and an English translation of the overview pages.

Content reads true: each item is dated first and then given a subject allowed in that month
(home/demo_subjects.py: 春耕 in spring, 防汛 in the flood season, a 决算 in the year after
its year), written by a unit whose work it is, with a township's news about that township;
its picture is drawn for its subject and its attachment carries its own text
(home/demo_writer.py, home/demo_pictures.py). 依申请公开, 留言 and 意见征集 come from
home/demo_participation.py.

Items are published through Wagtail's real publish path with historical times
(``portal.core.history.publish_with_time``), so counters and search see them as they would
see a migrated site. Text comes from ``demo_subjects.py`` and ``demo_text.py`` (written for
this project).
"""

import random
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

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
from portal.units.models import Unit, UnitKind

from . import demo_subjects as S
from . import demo_text as T
from .demo_accounts import DEMO_ACCOUNTS
from .demo_writer import WriterMixin, label, month_of
from .models import ColumnPage, ContentKind, OverviewPage, TopicPage

SEED = 20261124
DEMO_DAYS = 730


#: demo items with seeded errors for 全站巡检 (title, paragraphs); the inspection test expects
#: every one of SEEDED_ERRORS to be found. {task} is what the first one is about, by the
#: month it is dated in (inspection_samples): 森林防火 only in the fire season.
INSPECTION_SAMPLES = [
    (
        "关于开展{task}专项检查的通知",
        [
            "根据黔府发【2019】3号文件精神，县国土资源局、{checker}联合开展{task}专项检查。",
            "各乡镇要再接再励，确保{goal}。",
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


def inspection_samples(month):
    if month in S.FIRE_SEASON:
        words = {"task": "森林防火", "checker": "县林业局", "goal": "不发生重特大森林火灾"}
    else:
        words = {"task": "安全生产", "checker": "县应急管理局", "goal": "不发生较大以上安全事故"}
    return [
        (title.format(**words), [p.format(**words) if "{" in p else p for p in paragraphs])
        for title, paragraphs in INSPECTION_SAMPLES
    ]


def policy_core(title):
    """The document a policy title names: 《榕江县X实施方案》 of “……关于印发榕江县X实施方案的通知”."""
    if "印发" in title:
        return title.split("印发", 1)[1].removesuffix("的通知").strip("《》")
    return title


#: 政府信息公开工作制度 (条例第二十六条: proactive disclosure within 20 working days)
RULES = [
    "第一条　为规范本县政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。",
    "第二条　县人民政府办公室是本县政府信息公开工作主管部门，负责推进、指导、协调、监督"
    "全县政府信息公开工作。",
    "第三条　各单位公开政府信息前，应当依照有关规定进行保密审查，实行“先审后发”。",
    "第四条　属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。",
    "第五条　依申请公开的，能够当场答复的当场予以答复；不能当场答复的，自收到申请之日起"
    "20个工作日内予以答复。",
]


class DemoBuilder(WriterMixin):
    def __init__(self, stdout=None, seed=SEED, now=None, site=None, small=False):
        self.stdout = stdout
        self.rng = random.Random(seed)
        self.now = now or timezone.now()
        self.count = 0
        self._n = 0
        from portal.core.sites import default_site

        #: the demo county is the default site; the platform's second demo county is built
        #: by home/demo_sites.py; ``small``: a few dozen items on another site
        #: (``bootstrap_portal --site … --demo``)
        self.site = site or default_site()
        self.small = small
        self.home = self.site.root_page.specific

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # --- entry point -----------------------------------------------------------------------
    def run(self):
        if not self.small:  # the demo accounts belong to the default site's units and groups
            self.ensure_accounts()
        if NewsPage.objects.descendant_of(self.home).exists():
            self.log("演示内容已存在，跳过。")
        else:
            with transaction.atomic():
                self.build_small() if self.small else self.build_content()
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

    # --- content ---------------------------------------------------------------------------
    def column(self, key):
        return ColumnPage.objects.descendant_of(self.home).get(
            column_key=key, locale=Locale.get_default()
        )

    @property
    def units(self):
        return Unit.objects.filter(site=self.site)

    def build_content(self):
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
        self.build_participation()

    def build_small(self):
        """A few dozen items of the county's own: headlines, notices, one item per unit."""
        office = self.units.filter(kind=UnitKind.OFFICE).first()
        column = self.column(ColumnKey.NEWS_HEADLINES)
        for index in range(8):
            moment = self.when(8 if index < 3 else 300)
            subject = self.subject_for(moment)
            title, paragraphs, kind = self.news_text(
                moment, office, [subject], crops=True, unit_label=self.county
            )
            page = NewsPage(
                title=title,
                source=f"{self.county}融媒体中心",
                body=self.blocks(paragraphs, self.image_block(kind, title)),
            )
            self.publish(column, page, moment)
        column = self.column(ColumnKey.NEWS_NOTICES)
        for _ in range(3):
            moment = self.when(120)
            title, body = self.notice(moment, office)
            self.publish(column, NewsPage(title=title, body=body), moment)
        for unit in self.units.exclude(news_column=None).order_by("sort_order"):
            moment = self.when(200)
            self.publish(unit.news_column.specific, self.unit_news(unit, moment), moment)

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
        """榕江要闻: the county's news, each by the unit whose work it is."""
        column = self.column(ColumnKey.NEWS_HEADLINES)
        for index in range(40):
            moment = self.when(10 if index < 4 else DEMO_DAYS)
            subject = self.subject_for(moment)
            unit = self.owner_unit(subject, office)
            if unit == office or self.rng.random() < 0.2:
                unit_label = self.county
            else:
                unit_label = label(unit)
            title, paragraphs, kind = self.news_text(
                moment, unit, [subject], crops=True, unit_label=unit_label
            )
            picture = self.image_block(kind, title)
            page = NewsPage(
                title=title,
                source=f"{self.county}融媒体中心",
                author=self.rng.choice(["县融媒体中心", "通讯员", "记者"]),
                cover_image=self.picture(kind, title) if index % 3 == 0 else None,
                summary=paragraphs[0],
                body=self.blocks(paragraphs, picture),
            )
            self.publish(column, page, moment)

    def unit_news(self, unit, moment, pool=None):
        township = unit.kind == UnitKind.TOWNSHIP
        pool = pool or S.for_unit(unit.name, township)
        crops = township or "农业农村" in unit.name
        title, paragraphs, kind = self.news_text(moment, unit, pool, township, crops)
        picture = self.image_block(kind, title) if self.rng.random() < 0.4 else None
        return NewsPage(title=title, body=self.blocks(paragraphs, picture))

    def build_unit_news(self):
        for unit in self.units.exclude(news_column=None).order_by("sort_order"):
            column = unit.news_column.specific
            for _ in range(3 if unit.kind != UnitKind.OFFICE else 1):
                moment = self.when(DEMO_DAYS if self.rng.random() < 0.8 else 12)
                self.publish(column, self.unit_news(unit, moment), moment)

    def notice(self, moment, office, pool=None, attach=False):
        month = month_of(moment)
        subject = self.subject_for(moment, pool or [s for s in S.SUBJECTS if s.policy])
        template = self.rng.choice([t for t, months in S.NOTICE_TEMPLATES if month in months])
        values = self.values(moment, office, subject=subject)
        title = template.format(**values)
        paragraphs = self.format_all(S.NOTICE_SENTENCES, values)
        document = None
        if attach:
            document = self.attachment(f"{subject.topic}工作任务分解表", title, paragraphs[1:4])
        return title, self.blocks(paragraphs, attachment=document)

    def build_notices(self, office):
        column = self.column(ColumnKey.NEWS_NOTICES)
        for index in range(20):
            moment = self.when(20 if index < 2 else DEMO_DAYS)
            title, body = self.notice(moment, office, attach=index % 2 == 0)
            page = NewsPage(title=title, source=f"{self.county}人民政府办公室", body=body)
            self.publish(column, page, moment)

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
        moment = self.now - timedelta(days=3)
        for title, paragraphs in inspection_samples(month_of(moment)):
            page = NewsPage(
                title=title,
                source="榕江县人民政府办公室",
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            )
            self.publish(column, page, moment)

    def catalog_fields(self, unit, genre=None, topic=None, summary=None):
        topics = sorted(topic_values())
        return {
            "summary": summary or "",
            "topic_category": topic or self.rng.choice(topics),
            "genre": genre or self.rng.choice(["通知", "公告", "报告", "意见", "计划", "其他"]),
            "keywords": "",
            "written_date": None,
        }

    def catalog_item(self, templates, unit_for, max_days=DEMO_DAYS):
        """(moment, unit, title, paragraphs) of a catalogue item from ``templates``, dated in
        the months its title allows."""
        for _ in range(20):
            template, months, offset, topic_kind = self.rng.choice(templates)
            moment = self.when_in(months, max_days)
            if moment is not None:
                break
        else:
            return None
        local = timezone.localtime(moment)
        unit = unit_for(template)
        subject = None
        if topic_kind == "policy":
            subject = self.subject_for(moment, [s for s in S.SUBJECTS if s.policy])
        elif topic_kind == "owned":
            subject = self.subject_for(
                moment, S.for_unit(unit.name, unit.kind == UnitKind.TOWNSHIP)
            )
        year = local.year
        extra = {}
        if offset == "quarter":
            quarter = (local.month - 1) // 3 or 4
            year = year - 1 if quarter == 4 else year
            extra["quarter"] = "一二三四"[quarter - 1]
        else:
            year += offset
        extra.update(
            year=year,
            year4=year + 4,
            batch=local.month // 2 + 1,
            session="十八",
            meeting_no="三" if year % 2 else "四",
            n=self.rng.randint(1, 80),
        )
        values = self.values(moment, unit, subject=subject, **extra)
        if unit.kind == UnitKind.TOWNSHIP:
            values["place"] = label(unit)
        title = template.format(**values)
        bank = S.FINANCE_SENTENCES if "预算" in title or "决算" in title else S.CATALOG_SENTENCES
        values["title"] = title
        return moment, unit, title, self.format_all(bank, values)

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
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in RULES],
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
        policy_subjects = [s for s in S.SUBJECTS if s.policy]
        for key, normative, count in (
            (ColumnKey.DISCLOSURE_POLICY_NORMATIVE, True, 8),
            (ColumnKey.DISCLOSURE_POLICY_OTHER, False, 10),
        ):
            column = self.column(key)
            for _ in range(count):
                when = self.when()
                number = self.n()
                prefix = "榕府发" if normative else "榕府办发"
                for _ in range(10):
                    subject = self.subject_for(when, policy_subjects)
                    values = self.values(when, office, subject=subject)
                    title = self.rng.choice(S.POLICY_TEMPLATES).format(**values)
                    if title not in {p.title for p, _ in policies}:
                        break
                paragraphs = self.format_all(S.NOTICE_SENTENCES, values)
                core = policy_core(title)
                document = self.attachment(
                    core if core != title else f"{title}（全文）", title, paragraphs[1:5]
                )
                page = PolicyDocumentPage(
                    title=title,
                    document_number=f"{prefix}〔{timezone.localtime(when).year}〕{number}号",
                    is_normative=normative,
                    **self.catalog_fields(
                        office,
                        "通知" if not normative else "意见",
                        S.category(subject),
                        paragraphs[1],
                    ),
                    body=self.blocks(paragraphs, attachment=document),
                )
                page.keywords = subject.topic.strip("“”")
                page.written_date = (when - timedelta(days=self.rng.randint(1, 10))).date()
                if normative and self.rng.random() < 0.25:
                    page.validity = "废止"
                    page.invalid_date = (when + timedelta(days=200)).date()
                self.publish(column, page, when)
                policies.append((page, subject))
        interpretations = self.column(ColumnKey.DISCLOSURE_INTERPRETATION)
        kinds = ["text", "graphic", "press", "text", "text", "graphic"]
        for index, (policy, subject) in enumerate(self.rng.sample(policies, 6)):
            when = policy.first_published_at + timedelta(hours=self.rng.randint(1, 6))
            core = policy_core(policy.title)
            values = self.values(when, office, subject=subject, policy=core)
            paragraphs = self.format_all(S.INTERPRETATION_SENTENCES, values)
            picture = None
            if kinds[index] == "graphic":
                picture = self.image_block(subject.picture, core)
            page = InterpretationPage(
                title=f"《{core}》政策解读",
                interpretation_kind=kinds[index],
                genre="解读",
                **{
                    k: v
                    for k, v in self.catalog_fields(
                        office, "解读", S.category(subject), paragraphs[1]
                    ).items()
                    if k != "genre"
                },
                body=self.blocks(paragraphs, picture),
            )
            page.policies = [policy]
            self.publish(interpretations, page, when)

        statutory = self.column(ColumnKey.DISCLOSURE_STATUTORY)
        all_units = list(self.units.order_by("sort_order"))
        for column in statutory.get_children().live().type(ColumnPage).specific():
            if column.column_key in (
                ColumnKey.DISCLOSURE_POLICY,
                ColumnKey.DISCLOSURE_INTERPRETATION,
            ):
                continue
            templates = S.CATALOG_TEMPLATES.get(
                column.title, [("{unit}{year}年{topic}信息公开", S.ALL, 0, "owned")]
            )
            word, topic = S.COLUMN_OWNERS.get(column.title, ("政府办公室", "综合政务/其他"))
            owner = self.units.filter(name__contains=word).first() or office

            def unit_for(template, owner=owner):
                return self.rng.choice(all_units) if "{unit}" in template else owner

            self.catalog_items(column, templates, unit_for, 3, topic, with_unit=True)

        for unit in self.units.exclude(catalogue_column=None).order_by("sort_order"):
            self.catalog_items(
                unit.catalogue_column.specific,
                S.UNIT_CATALOG_TEMPLATES,
                lambda template, unit=unit: unit,
                1,
                None,
            )
        self.build_catalogue_indexes()

    def catalog_items(self, column, templates, unit_for, count, topic, with_unit=False):
        seen = set()
        for _ in range(count * 4):
            if len(seen) >= count:
                break
            item = self.catalog_item(templates, unit_for)
            if item is None or item[2] in seen:
                continue
            moment, unit, title, paragraphs = item
            seen.add(title)
            finance = "预算" in title or "决算" in title
            document = self.attachment(
                f"{title}表" if finance else f"{title}（全文）", title, paragraphs
            )
            category = topic or ("财政、金融、审计/财政" if finance else "综合政务/其他")
            extra = {"unit": unit, "publisher": unit.name} if with_unit else {}
            page = CatalogItemPage(
                title=title,
                **extra,
                **self.catalog_fields(unit, topic=category, summary=paragraphs[0]),
                body=self.blocks(paragraphs, attachment=document),
            )
            self.publish(column, page, moment)

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
        office = self.units.filter(kind=UnitKind.OFFICE).first()
        for index, (title, intro) in enumerate(T.TOPIC_PAGES):
            pool = S.by_topic(*S.TOPIC_SUBJECTS.get(title, ())) or S.SUBJECTS
            months = sorted({m for s in pool for m in s.months})
            if len(months) == 12:
                opened = self.when(DEMO_DAYS, 60)
                start, end = opened, self.now
            else:
                # a seasonal topic (安全生产月) runs through its last season; it opens a week
                # before
                local = timezone.localtime(self.now)
                year = local.year if local.month > months[-1] else local.year - 1
                start = timezone.make_aware(datetime(year, months[0], 1, 9, 0))
                end = timezone.make_aware(datetime(year, months[-1], 28, 18, 0))
                opened = start - timedelta(days=7)
            topic = TopicPage(
                title=title,
                intro=intro,
                cover_image=self.picture(pool[0].picture, title),
                body=[{"type": "paragraph", "value": f"<p>{intro}</p>"}],
            )
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
                    moment = next(
                        (
                            m
                            for m in (self.between(start, end) for _ in range(30))
                            if month_of(m) in months
                        ),
                        None,
                    )
                    if moment is None:
                        continue
                    if sub_title == "工作动态":
                        subject = self.subject_for(moment, pool)
                        unit = self.owner_unit(subject, office)
                        page = self.unit_news(unit, moment, pool=[subject])
                    else:
                        text, body = self.notice(moment, office, pool=pool)
                        page = NewsPage(title=text, body=body)
                    self.publish(sub, page, moment)

    def build_participation(self):
        """依申请公开 applications, 留言 and 意见征集 (home/demo_participation.py)."""
        from .demo_participation import build_participation_demo

        build_participation_demo(self)

    def build_government(self):
        """机构设置 (unit duties), 领导之窗, 办事指南 and 在线访谈 (government/demo.py)."""
        from government.demo import build_government_demo

        build_government_demo(self)

    def build_translations(self):
        """The English mini-site through wagtail-localize (home/demo_english.py)."""
        from .demo_english import build_english

        build_english(self)
