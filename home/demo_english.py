"""The demo's English mini-site (DESIGN §11) — DEVELOPMENT ONLY.

English versions of the home page, the 概况 column (走进榕江) and its overview pages, a few
key news items and service guides, made the way an editor makes them: through
wagtail-localize. Each page gets its ``TranslationSource`` and an enabled ``Translation``
into English, every segment a manual ``StringTranslation``; the English page is then
written from those records and published with its Chinese original's times. Editors see
these translations (and can resynchronise and correct them) in the admin's 翻译 screens.

The key news exist in both languages from the start: this module creates the Chinese
items in 榕江要闻 itself, so that their English text is a translation of what they say.
The overview pages and guides are translated from the Chinese text of ``demo_text.py``
and ``government/demo.py``; a page whose Chinese text no longer matches ``STRINGS`` is
left untranslated (and reported), never half English.

Idempotent: a page already translated into English is left as it is.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Locale

from news.models import NewsPage
from portal.core.columns import ColumnKey
from portal.core.history import publish_with_time

ENGLISH = "en"

#: fields whose value stays the same in English: keys the software looks pages up by,
#: and the statistics label (statistics count Chinese pages only, but keep it stable)
KEPT_FIELDS = {"slug", "column_key", "stats_label", "item_code"}

SOURCE = ("榕江县融媒体中心", "Rongjiang County Media Centre")

#: the key news, in both languages: (month, day, hour, Chinese, English); each is
#: (title, summary, paragraphs). Dated in the season they describe (this year's date, or
#: last year's if it is still to come).
KEY_NEWS = [
    (
        3,
        12,
        10,
        (
            "县政府召开春耕生产调度会",
            "会议部署今年春耕备耕工作，要求确保粮食播种面积稳定。",
            [
                "3月12日，县政府召开春耕生产调度会，分析当前春耕备耕形势，部署下一阶段重点工作。",
                "会议要求，各乡镇要抓好种子、化肥等农资供应，组织农技人员深入田间地头开展指导，"
                "确保粮食播种面积稳定。",
            ],
        ),
        (
            "County Government Holds Meeting on Spring Ploughing",
            "The meeting set out this year's spring ploughing work and asked townships to keep "
            "the area sown to grain stable.",
            [
                "On 12 March the county government held a meeting on spring ploughing, reviewed "
                "the preparations made so far and set out the work for the coming weeks.",
                "Townships were asked to secure supplies of seed and fertiliser, send "
                "agricultural technicians out to the fields and keep the area sown to grain "
                "stable.",
            ],
        ),
    ),
    (
        4,
        8,
        9,
        (
            "县政务服务中心推行“一窗通办”",
            "群众到政务服务中心办事，在任一综合窗口即可提交各类事项申请。",
            [
                "4月8日起，县政务服务中心推行“一窗通办”，将分散在各部门的办事窗口整合为综合受理窗口。",
                "群众办理社会保障、医疗保险、市场主体登记等事项，在任一综合窗口即可提交申请，"
                "办理进度可通过贵州政务服务网查询。",
            ],
        ),
        (
            "County Service Centre Opens One-Window Service",
            "At the county service centre, any general counter now accepts applications for "
            "every kind of service.",
            [
                "From 8 April the county government service centre has merged the separate "
                "counters of its departments into general service counters.",
                "Residents applying for social security, medical insurance or business "
                "registration can hand in their application at any general counter and follow "
                "its progress on the Guizhou Government Services website.",
            ],
        ),
    ),
    (
        6,
        18,
        15,
        (
            "县领导检查都柳江沿线防汛工作",
            "检查组察看了县城沿江堤防和重点地质灾害隐患点，要求落实汛期值班值守。",
            [
                "6月18日，县领导带队检查都柳江沿线防汛工作，察看了县城沿江堤防、"
                "水文监测站和重点地质灾害隐患点。",
                "检查组要求，各乡镇和有关部门要严格落实汛期24小时值班值守制度，"
                "提前转移危险区域群众，确保安全度汛。",
            ],
        ),
        (
            "County Leaders Inspect Flood Defences Along the Duliu River",
            "The inspection covered the town's river embankments and the main landslide risk "
            "sites, and called for round-the-clock duty during the flood season.",
            [
                "On 18 June county leaders inspected flood defences along the Duliu River, "
                "visiting the embankments of the county town, a hydrological station and the "
                "main landslide risk sites.",
                "Townships and departments were told to keep staff on duty around the clock "
                "during the flood season and to move residents out of danger areas in good "
                "time.",
            ],
        ),
    ),
    (
        9,
        1,
        11,
        (
            "全县中小学校秋季学期顺利开学",
            "全县中小学校按时开学，新建的两所乡镇寄宿制学校投入使用。",
            [
                "9月1日，全县中小学校秋季学期顺利开学，新建的两所乡镇寄宿制学校同步投入使用。",
                "开学前，县教育部门组织对校舍、食堂和校车开展安全检查，确保学生安全返校。",
            ],
        ),
        (
            "Schools Across the County Open for the Autumn Term",
            "Primary and secondary schools opened on time, and two new township boarding "
            "schools took in their first pupils.",
            [
                "On 1 September primary and secondary schools across the county opened for the "
                "autumn term, and two new township boarding schools opened their doors.",
                "Before the term began, the county education bureau checked school buildings, "
                "canteens and school buses so that pupils could return safely.",
            ],
        ),
    ),
    (
        11,
        10,
        10,
        (
            "榕江脐橙进入采摘上市季",
            "全县脐橙陆续成熟，各乡镇组织果农开展采摘和线上线下销售。",
            [
                "11月上旬，榕江脐橙陆续成熟，进入采摘上市季。",
                "县农业农村部门组织技术人员指导果农分级采摘，并通过电商平台和产地直销拓宽销路，"
                "带动果农增收。",
            ],
        ),
        (
            "Rongjiang Navel Oranges Enter the Picking Season",
            "Navel oranges are ripening across the county, and townships are helping growers "
            "pick and sell them online and at the farm gate.",
            [
                "In early November Rongjiang's navel oranges began to ripen and the picking "
                "season started.",
                "The county agriculture bureau sent technicians to help growers grade and pick "
                "their fruit, and is opening new sales channels online and at the farm gate so "
                "that growers earn more.",
            ],
        ),
    ),
    (
        11,
        26,
        16,
        (
            "县城至乡镇三条农村公路完成提质改造",
            "三条农村公路完成提质改造并通车，沿线群众出行更加便捷。",
            [
                "11月26日，县城至平永镇、乐里镇等三条农村公路提质改造工程全部完工并通车。",
                "改造后的公路路面加宽，增设了安全防护设施，沿线群众出行和农产品运输更加便捷。",
            ],
        ),
        (
            "Three Rural Roads from the County Town Upgraded",
            "Three rural roads have been upgraded and reopened, making travel easier for the "
            "villages along them.",
            [
                "On 26 November work was completed on three rural roads linking the county "
                "town with Pingyong, Leli and other townships, and the roads reopened to "
                "traffic.",
                "The roads are now wider and have new safety barriers, making travel and the "
                "transport of farm produce easier for the villages along them.",
            ],
        ),
    ),
]

_OFFICE_HOURS = (
    "工作日 上午8:30—12:00，下午14:30—18:00（法定节假日除外）",
    "Working days 8:30–12:00 and 14:30–18:00 (closed on public holidays)",
)

#: Chinese source string → English, for the pages translated here other than the key news
STRINGS = {
    # home and columns
    "榕江县人民政府": "Rongjiang County People's Government",
    "走进榕江": "About Rongjiang",
    "新闻动态": "News",
    "榕江要闻": "Rongjiang News",
    "办事服务": "Services",
    "办事指南": "Service Guides",
    # overview pages (home/demo_text.py OVERVIEW_PAGES)
    "县情概况": "County Profile",
    "榕江县位于贵州省东南部，黔东南苗族侗族自治州南部，都柳江中游，是一个以苗族、侗族、"
    "水族、瑶族等少数民族为主体的多民族聚居县。": "Rongjiang County lies in the south-east of "
    "Guizhou Province, in the south of the Qiandongnan Miao and Dong Autonomous Prefecture, on "
    "the middle reaches of the Duliu River. Most of its people belong to the Miao, Dong, Shui "
    "and Yao ethnic groups.",
    "全县山清水秀，森林覆盖率高，气候温和湿润，适宜多种农作物和经济林木生长，"
    "素有“天然温室”之称。": "The county is green and well wooded, with a mild, humid climate in "
    "which many crops and cash trees grow well; it is known as a “natural greenhouse”.",
    "近年来，全县坚持生态优先、绿色发展，着力发展特色农业、文化旅游和林下经济，"
    "经济社会保持平稳健康发展。": "In recent years the county has put the environment first, "
    "developing speciality farming, cultural tourism and forest-floor farming, and its economy "
    "and society have grown steadily.",
    "历史沿革": "History",
    "榕江古称古州，历史悠久，因城内多古榕而得名。": "Rongjiang, known in the past as Guzhou, has "
    "a long history; it takes its name from the old banyan trees (rong) of the town.",
    "民国时期改称榕江县，中华人民共和国成立后隶属黔东南苗族侗族自治州至今。": "It was renamed "
    "Rongjiang County in the Republican era and has belonged to the Qiandongnan Miao and Dong "
    "Autonomous Prefecture since the founding of the People's Republic of China.",
    # service guides (government/demo.py SERVICE_GUIDES)
    "社会保障卡申领办事指南": "Service Guide: Applying for a Social Security Card",
    "社会保障卡申领": "Applying for a social security card",
    "《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》。": "Social Insurance Law of "
    "the People's Republic of China, Article 58; Measures for the Administration of Social "
    "Security Cards.",
    "在本县参加社会保险、尚未申领社会保障卡的人员；社会保障卡遗失、损坏需补换的持卡人。": "People "
    "insured in the county who have no social security card yet; card holders whose card is "
    "lost or damaged and needs replacing.",
    "居民身份证原件（1份）；": "Original resident identity card (1 copy);",
    "近期免冠彩色证件照（可在窗口现场采集）；": "A recent colour passport photograph (it can be "
    "taken at the counter);",
    "未满16周岁的，由监护人携带户口簿和监护人身份证原件代为申领。": "For children under 16, a "
    "guardian applies on their behalf with the household register and the guardian's original "
    "identity card.",
    "申请：到窗口或通过贵州政务服务网、“贵人服务”提交申请；": "Application: at the counter, on "
    "the Guizhou Government Services website or in the “Guiren Fuwu” app;",
    "受理：窗口核验身份和照片；": "Acceptance: the counter checks your identity and photograph;",
    "制卡：即时制卡点当场制卡；": "Card production: instant card points print the card on the "
    "spot;",
    "领卡：本人或代办人凭身份证领取并启用。": "Collection: you or your representative collect "
    "and activate the card with an identity card.",
    "法定办结时限20个工作日；即时制卡点当场办结，其余承诺办结时限10个工作日": "Statutory time "
    "limit 20 working days; done on the spot at instant card points, otherwise within 10 "
    "working days",
    "首次申领不收费；补换卡按省定标准收取工本费": "First card free of charge; a replacement card "
    "costs the production fee set by the province",
    "榕江县政务服务中心一楼人社窗口；各乡镇便民服务中心。<br/>" + _OFFICE_HOURS[0]: "Human "
    "resources and social security counter, ground floor, Rongjiang County Government Service "
    "Centre; township service centres.<br/>" + _OFFICE_HOURS[1],
    "县人力资源和社会保障局：0855-6612105；12333人社服务热线。": "County Human Resources and "
    "Social Security Bureau: 0855-6612105; social security hotline 12333.",
    "12345政务服务便民热线；榕江县政务服务中心投诉电话：0855-6622345；"
    "也可通过本网站“互动交流—留言咨询”反映。": "Government service hotline 12345; complaints "
    "line of the Rongjiang County Government Service Centre: 0855-6622345; or leave a message "
    "on this website (Interaction, Messages, on the Chinese pages).",
    "个体工商户设立登记办事指南": "Service Guide: Registering as a Self-Employed Business",
    "个体工商户设立登记": "Registering as a self-employed business",
    "《中华人民共和国市场主体登记管理条例》；《促进个体工商户发展条例》。": "Regulations of the "
    "People's Republic of China on the Registration of Market Entities; Regulations on "
    "Promoting the Development of Self-Employed Businesses.",
    "有经营能力的自然人；经营场所符合规定；经营范围不属于法律法规禁止的项目。": "A natural "
    "person able to run a business; business premises that meet the rules; a business scope "
    "not prohibited by laws and regulations.",
    "个体工商户登记（备案）申请书（1份）；": "Application form for registration (filing) as a "
    "self-employed business (1 copy);",
    "经营者身份证明（1份）；": "Proof of the operator's identity (1 copy);",
    "经营场所使用证明（1份）；": "Proof of the right to use the business premises (1 copy);",
    "委托他人代办的，提交委托书和代理人身份证明。": "If someone applies on your behalf: a letter "
    "of authorisation and the representative's proof of identity.",
    "通过贵州政务服务网全程电子化登记或到窗口提交申请；": "Apply online on the Guizhou "
    "Government Services website or at the counter;",
    "窗口审查材料；": "The counter examines the documents;",
    "材料齐全、符合法定形式的当场予以登记；": "Complete applications in the statutory form are "
    "registered on the spot;",
    "领取营业执照（可选择电子营业执照）。": "Collect the business licence (an electronic "
    "licence is available).",
    "法定办结时限15个工作日；材料齐全、符合法定形式的当场办结": "Statutory time limit 15 "
    "working days; complete applications in the statutory form are done on the spot",
    "不收费": "Free of charge",
    "榕江县政务服务中心二楼市场监管窗口。<br/>" + _OFFICE_HOURS[0]: "Market regulation "
    "counter, first floor, Rongjiang County Government Service Centre.<br/>" + _OFFICE_HOURS[1],
    "县市场监督管理局：0855-6612315。": "County Market Regulation Bureau: 0855-6612315.",
}

#: the standing pages and columns translated, top-down (parents before children)
COLUMNS = [
    (ColumnKey.OVERVIEW, ("xqgk", "lsyg")),
    (ColumnKey.NEWS, ()),
    (ColumnKey.NEWS_HEADLINES, ()),
    (ColumnKey.SERVICES, ()),
]
GUIDES = ("社会保障卡申领", "个体工商户设立登记")


def english_locale():
    return Locale.objects.filter(language_code=ENGLISH).first()


def build_english(builder):
    """Create the key news and translate the mini-site's pages into English (idempotent).
    Returns the English pages, in tree order."""
    english = english_locale()
    if english is None:
        return []
    from government.models import ServiceGuidePage, ServiceIndexPage

    strings = dict(STRINGS)
    strings[SOURCE[0]] = SOURCE[1]
    news = ensure_key_news(builder, strings)
    pages = [builder.home]
    for key, slugs in COLUMNS:
        column = builder.column(key)
        pages.append(column)
        pages.extend(column.get_children().filter(slug__in=slugs).specific())
        if key == ColumnKey.NEWS_HEADLINES:
            pages.extend(news)
        if key == ColumnKey.SERVICES:
            index = column.get_children().type(ServiceIndexPage).first()
            if index is not None:
                pages.append(index)
                pages.extend(ServiceGuidePage.objects.child_of(index).filter(item_name__in=GUIDES))
    done = []
    for page in pages:
        translated = translate_page(page.specific, english, strings, builder)
        if translated is not None:
            done.append(translated)
    return done


def _past(builder, month, day, hour):
    """This year's date (last year's if still to come), in Beijing time."""
    now = timezone.localtime(builder.now)
    when = timezone.make_aware(datetime(now.year, month, day, hour, 0))
    if when > builder.now - timedelta(hours=1):
        when = when.replace(year=now.year - 1)
    return when


def ensure_key_news(builder, strings):
    """The Chinese key news in 榕江要闻 (created once), their English text added to
    ``strings``."""
    column = builder.column(ColumnKey.NEWS_HEADLINES)
    items = []
    for number, (month, day, hour, chinese, english) in enumerate(KEY_NEWS, start=1):
        title, summary, paragraphs = chinese
        en_title, en_summary, en_paragraphs = english
        strings[title] = en_title
        strings[summary] = en_summary
        strings.update(zip(paragraphs, en_paragraphs, strict=True))
        page = NewsPage.objects.child_of(column).filter(title=title).first()
        if page is None:
            when = _past(builder, month, day, hour)
            page = NewsPage(
                title=title,
                slug=f"t{timezone.localtime(when):%Y%m%d}-k{number:02d}",
                source=SOURCE[0],
                summary=summary,
                body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            )
            builder.publish(column, page, when)
        items.append(page)
    return items


def _english_for(segment, strings):
    """The English of one segment, or None when this module has none."""
    text = segment.string.data
    field = segment.context.path.split(".")[0]
    if field in KEPT_FIELDS or text.isascii():
        return text
    return strings.get(text)


def translate_page(page, english, strings, builder=None):
    """``page`` translated into English through wagtail-localize, published with the
    original's times; the existing translation if there is one; None (reported) when a
    string has no English here."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    existing = page.get_translation_or_none(english)
    if (
        existing is not None
        and Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=english
        ).exists()
    ):
        return existing
    source, _ = TranslationSource.get_or_create_from_instance(page)
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    missing = [s.string.data for s in segments if _english_for(s, strings) is None]
    if missing:
        if builder is not None:
            builder.log(f"英文版未生成（缺少译文）：{page.title}：{missing[0][:40]}")
        return None
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            defaults={
                "data": _english_for(segment, strings),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    Translation.objects.get_or_create(
        source=source, target_locale=english, defaults={"enabled": True}
    )
    target, _ = source.create_or_update_translation(english, publish=False)
    if page.live:
        publish_with_time(
            target,
            page.last_published_at or timezone.now(),
            first_published_at=page.first_published_at,
        )
    target.refresh_from_db()
    return target
