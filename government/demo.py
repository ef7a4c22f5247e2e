"""Demo content for the government pages (``bootstrap_portal --demo``) — DEVELOPMENT ONLY.

Called by home/demo.py (``DemoBuilder.build_government``) with the builder, whose random
generator, clock and publish path it uses. Leaders are fictional and their photos are
generated silhouettes (no picture of a real person); service guides are written for a
Guizhou county.
"""

import io
from datetime import datetime, timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

from portal.core.columns import ColumnKey
from portal.units.models import Unit, UnitKind

from .models import (
    InterviewPage,
    LeaderIndexPage,
    LeaderPage,
    ServiceGuidePage,
    ServiceIndexPage,
    UnitDirectoryPage,
)

OFFICE_HOURS = "工作日 上午8:30—12:00，下午14:30—18:00（法定节假日除外）"
COMPLAINTS = (
    "12345政务服务便民热线；榕江县政务服务中心投诉电话：0855-6622345；"
    "也可通过本网站“互动交流—留言咨询”反映。"
)
GUIZHOU_SERVICE_SITE = "https://zwfw.guizhou.gov.cn/"

#: duties by a word of the unit's name (demo text, summarised from typical “三定” rules)
UNIT_DUTIES = {
    "政府办公室": "负责县人民政府日常工作的综合协调，督促检查县人民政府决定事项的落实，"
    "承担政务公开、政府网站和政务服务的统筹协调。",
    "发展和改革": "拟订并组织实施全县国民经济和社会发展规划，统筹推进重大项目建设，"
    "承担价格管理和优化营商环境的有关工作。",
    "教育": "贯彻执行教育法律法规，统筹规划和管理全县各级各类教育，负责学前教育、"
    "义务教育和学生资助工作。",
    "工业和信息化": "拟订并组织实施工业和信息化发展规划，推进园区建设、中小企业发展和信息化工作。",
    "公安": "负责全县社会治安管理，预防、制止和侦查违法犯罪活动，承担户籍、交通和出入境管理。",
    "民政": "负责社会救助、养老服务、儿童福利、婚姻登记、殡葬管理和社会组织登记管理。",
    "司法": "负责全面依法治县的统筹协调，承担行政执法监督、法治宣传、人民调解和法律援助工作。",
    "财政": "负责全县财政收支管理，编制预算和决算草案，管理政府债务和国有资产，公开财政信息。",
    "人力资源和社会保障": "负责就业创业、社会保险、人事人才、劳动关系和社会保障卡管理工作。",
    "自然资源": "负责自然资源调查、国土空间规划、不动产登记和耕地保护工作。",
    "住房和城乡建设": "负责住房保障、城乡建设、建筑市场和工程质量安全监管。",
    "交通运输": "负责公路建设和养护、道路运输和水路运输管理，推进“四好农村路”建设。",
    "水务": "负责水资源管理、水利工程建设、农村饮水安全和防汛抗旱的有关工作。",
    "农业农村": "负责农业农村发展、粮食生产、特色产业和农村改革，推进乡村振兴。",
    "商务": "负责内外贸易、招商引资、电子商务和市场流通体系建设。",
    "文体广电旅游": "负责文化、体育、广播电视和旅游工作，保护利用民族文化和文物资源。",
    "卫生健康": "负责医疗卫生服务体系建设、疾病预防控制、妇幼健康和人口监测工作。",
    "退役军人": "负责退役军人移交安置、优抚褒扬和服务保障工作。",
    "应急管理": "负责应急管理、安全生产综合监管、防灾减灾救灾和森林防火的有关工作。",
    "审计": "负责对本级预算执行、财政收支和国有资产等依法进行审计监督。",
    "市场监督管理": "负责市场主体登记注册、食品药品安全、质量安全和市场秩序监管。",
    "统计": "负责组织实施统计调查，发布统计数据，开展统计监督。",
    "医疗保障": "负责城乡居民和职工基本医疗保险、医疗救助、医保基金监管和医药价格工作。",
    "林业": "负责林业资源保护和发展、森林防火、林下经济和自然保护地管理。",
    "生态移民": "负责易地扶贫搬迁后续扶持、安置点社区治理和搬迁群众就业服务。",
    "政务服务中心": "负责县政务服务大厅的运行管理，推进“一窗通办”“一网通办”，受理政务服务投诉。",
}
TOWNSHIP_DUTIES = (
    "贯彻执行党和国家的方针政策及县委、县人民政府的决定，负责本辖区经济发展、乡村振兴、"
    "社会治理、公共服务和便民服务中心的运行。"
)

#: fictional leaders, in the county's order (sort_order): name, 职务, 分工
LEADERS = [
    (
        "杨明远",
        "县委副书记、县人民政府县长",
        "主持县人民政府全面工作。负责审计方面的工作。",
    ),
    (
        "吴晓红",
        "县委常委、县人民政府常务副县长",
        "负责县人民政府常务工作。负责发展改革、财政、税务、统计、金融、国有资产管理等方面的工作。"
        "分管县发展和改革局、县财政局、县统计局。",
    ),
    (
        "潘文斌",
        "县人民政府副县长",
        "负责农业农村、乡村振兴、林业、水务、生态移民等方面的工作。"
        "分管县农业农村局、县林业局、县水务局、县生态移民局。",
    ),
    (
        "石丽娟",
        "县人民政府副县长",
        "负责教育、卫生健康、医疗保障、民政、文体广电旅游等方面的工作。"
        "分管县教育局、县卫生健康局、县医疗保障局、县民政局、县文体广电旅游局。",
    ),
    (
        "龙海涛",
        "县人民政府副县长、县公安局局长",
        "负责公安、司法、应急管理、信访等方面的工作。分管县公安局、县司法局、县应急管理局。",
    ),
]

#: (unit name word, title, 事项名称, fields)
SERVICE_GUIDES = [
    (
        "人力资源和社会保障",
        "社会保障卡申领办事指南",
        "社会保障卡申领",
        {
            "basis": "<p>《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》。</p>",
            "conditions": "<p>在本县参加社会保险、尚未申领社会保障卡的人员；"
            "社会保障卡遗失、损坏需补换的持卡人。</p>",
            "materials": "<ol><li>居民身份证原件（1份）；</li>"
            "<li>近期免冠彩色证件照（可在窗口现场采集）；</li>"
            "<li>未满16周岁的，由监护人携带户口簿和监护人身份证原件代为申领。</li></ol>",
            "procedure": "<ol><li>申请：到窗口或通过贵州政务服务网、“贵人服务”提交申请；</li>"
            "<li>受理：窗口核验身份和照片；</li><li>制卡：即时制卡点当场制卡；</li>"
            "<li>领卡：本人或代办人凭身份证领取并启用。</li></ol>",
            "time_limit": "法定办结时限20个工作日；即时制卡点当场办结，其余承诺办结时限10个工作日",
            "fees": "首次申领不收费；补换卡按省定标准收取工本费",
            "location_hours": "榕江县政务服务中心一楼人社窗口；各乡镇便民服务中心。\n"
            + OFFICE_HOURS,
            "consultation": "县人力资源和社会保障局：0855-6612105；12333人社服务热线。",
            "online_url": GUIZHOU_SERVICE_SITE,
        },
    ),
    (
        "医疗保障",
        "城乡居民基本医疗保险参保登记办事指南",
        "城乡居民基本医疗保险参保登记",
        {
            "basis": "<p>《中华人民共和国社会保险法》第二十五条；"
            "《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）。</p>",
            "conditions": "<p>户籍在本县或持本县居住证，未参加职工基本医疗保险的城乡居民，"
            "含在校学生和新生儿。</p>",
            "materials": "<ol><li>居民身份证或户口簿（1份）；</li>"
            "<li>新生儿提供出生医学证明；</li><li>非本县户籍人员提供居住证。</li></ol>",
            "procedure": "<ol><li>参保人到村（社区）、乡镇便民服务中心或县医保窗口申请；</li>"
            "<li>窗口核对身份信息并登记；</li><li>按年度缴纳个人缴费；</li>"
            "<li>缴费后次年1月1日起享受待遇（新生儿自出生之日起享受）。</li></ol>",
            "time_limit": "即时办结",
            "fees": "不收取办理费用；个人缴费按当年度公布的城乡居民医保缴费标准缴纳",
            "location_hours": "榕江县政务服务中心一楼医保窗口；各乡镇便民服务中心。\n"
            + OFFICE_HOURS,
            "consultation": "县医疗保障局：0855-6612230。",
            "online_url": GUIZHOU_SERVICE_SITE,
        },
    ),
    (
        "市场监督管理",
        "个体工商户设立登记办事指南",
        "个体工商户设立登记",
        {
            "basis": "<p>《中华人民共和国市场主体登记管理条例》；《促进个体工商户发展条例》。</p>",
            "conditions": "<p>有经营能力的自然人；经营场所符合规定；"
            "经营范围不属于法律法规禁止的项目。</p>",
            "materials": "<ol><li>个体工商户登记（备案）申请书（1份）；</li>"
            "<li>经营者身份证明（1份）；</li><li>经营场所使用证明（1份）；</li>"
            "<li>委托他人代办的，提交委托书和代理人身份证明。</li></ol>",
            "procedure": "<ol><li>通过贵州政务服务网全程电子化登记或到窗口提交申请；</li>"
            "<li>窗口审查材料；</li><li>材料齐全、符合法定形式的当场予以登记；</li>"
            "<li>领取营业执照（可选择电子营业执照）。</li></ol>",
            "time_limit": "法定办结时限15个工作日；材料齐全、符合法定形式的当场办结",
            "fees": "不收费",
            "location_hours": "榕江县政务服务中心二楼市场监管窗口。\n" + OFFICE_HOURS,
            "consultation": "县市场监督管理局：0855-6612315。",
        },
    ),
    (
        "自然资源",
        "农村村民住宅建设审批办事指南",
        "农村村民住宅用地及乡村建设规划许可",
        {
            "basis": "<p>《中华人民共和国土地管理法》第六十二条；《中华人民共和国城乡规划法》"
            "第四十一条。</p>",
            "conditions": "<p>本集体经济组织成员，符合“一户一宅”规定；"
            "建房选址符合村庄规划，不占用永久基本农田。</p>",
            "materials": "<ol><li>农村宅基地和建房（规划许可）申请表（1份）；</li>"
            "<li>申请人身份证、户口簿（复印件各1份）；</li>"
            "<li>村民小组和村民委员会意见；</li><li>建房设计图或选用的通用图。</li></ol>",
            "procedure": "<ol><li>农户向村民小组提出申请；</li><li>村民委员会审查并公示；</li>"
            "<li>乡镇便民服务中心受理，组织现场踏勘；</li>"
            "<li>乡镇人民政府审批，核发乡村建设规划许可证和农村宅基地批准书；</li>"
            "<li>开工前实地放线，竣工后验收。</li></ol>",
            "time_limit": "承诺办结时限20个工作日（不含公示时间）",
            "fees": "不收费",
            "location_hours": "住房所在地乡镇人民政府便民服务中心。\n" + OFFICE_HOURS,
            "consultation": "住房所在地乡镇便民服务中心；县自然资源局：0855-6612140。",
        },
    ),
]


def silhouette_jpeg(seed, size=(480, 640), scene=False):
    """A placeholder portrait: a plain background and a grey silhouette (never a person's
    picture). ``scene`` draws a studio desk with two silhouettes instead (访谈现场)."""
    width, height = size
    image = PILImage.new("RGB", size, (214 - seed * 7 % 30, 224, 236 - seed * 5 % 25))
    draw = ImageDraw.Draw(image)
    grey = (120, 128, 140)
    people = [(width * 0.3, 0.55), (width * 0.7, 0.55)] if scene else [(width / 2, 0.62)]
    for centre, scale in people:
        head = width * (0.06 if scene else 0.19)
        top = height * (0.25 if scene else 0.2)
        draw.ellipse([centre - head, top, centre + head, top + 2 * head], fill=grey)
        shoulders = head * 2.4
        draw.rounded_rectangle(
            [centre - shoulders, top + 2.2 * head, centre + shoulders, height * (scale + 0.5)],
            radius=int(head),
            fill=grey,
        )
    if scene:
        draw.rectangle([0, height * 0.72, width, height], fill=(150, 95, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _image(collection, title, data, name):
    return Image.objects.create(
        title=title, collection=collection, file=ImageFile(io.BytesIO(data), name=name)
    )


def _unit(word):
    from portal.core.sites import default_site

    return (
        Unit.objects.filter(site=default_site(), name__contains=word).order_by("sort_order").first()
    )


def _child(column, model, title, slug):
    """The standing page bootstrap created in ``column``, or a new one (older trees)."""
    page = model.objects.child_of(column).first()
    if page is None:
        page = model(title=title, slug=slug)
        column.add_child(instance=page)
        page.save_revision(log_action=False).publish(log_action=False, skip_permission_checks=True)
    return page


def fill_unit_directory():
    """Duties and office hours for the units that have none (the county fills in its own)."""
    for unit in Unit.objects.filter(duties=""):
        if unit.kind == UnitKind.TOWNSHIP:
            unit.duties = TOWNSHIP_DUTIES
        else:
            unit.duties = next(
                (text for word, text in UNIT_DUTIES.items() if word in unit.name), ""
            )
        unit.office_hours = unit.office_hours or OFFICE_HOURS
        unit.save(update_fields=["duties", "office_hours"])


def build_government_demo(builder):
    """Leaders, service guides, interviews and unit duties, published with demo times."""
    fill_unit_directory()
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name="演示素材").first() or root.add_child(
        name="演示素材"
    )
    overview = builder.column(ColumnKey.OVERVIEW)
    _child(overview, UnitDirectoryPage, "机构设置", "jgsz")
    leaders = _child(overview, LeaderIndexPage, "领导之窗", "ldzc")
    first = builder.when(400, 300)
    for order, (name, position, duties) in enumerate(LEADERS, start=1):
        photo = _image(
            collection, f"领导照片（示意图）{order}", silhouette_jpeg(order), f"leader-{order}.jpg"
        )
        page = LeaderPage(
            title=name,
            position=position,
            responsibilities=duties,
            photo=photo,
            sort_order=order * 10,
            biography=f"<p>{name}，男，汉族，大学学历，中共党员。（演示内容，非真实人物。）</p>"
            if order % 2
            else f"<p>{name}，女，侗族，研究生学历，中共党员。（演示内容，非真实人物。）</p>",
        )
        builder.publish(leaders, page, first + timedelta(minutes=order))

    services = builder.column(ColumnKey.SERVICES)
    guide_index = _child(services, ServiceIndexPage, "办事指南", "bszn")
    for word, title, item_name, fields in SERVICE_GUIDES:
        unit = _unit(word)
        page = ServiceGuidePage(
            title=title,
            item_name=item_name,
            unit=unit,
            complaints=COMPLAINTS,
            **fields,
        )
        builder.publish(guide_index, page, builder.when(300, 30))

    build_interviews(builder, collection)


def _past(builder, month, day, hour):
    """This year's (or, if still to come, last year's) date in Beijing time."""
    now = timezone.localtime(builder.now)
    when = timezone.make_aware(datetime(now.year, month, day, hour, 0))
    if when > builder.now - timedelta(days=1):
        when = when.replace(year=now.year - 1)
    return when


def build_interviews(builder, collection):
    column = builder.column(ColumnKey.INTERACTION_INTERVIEWS)
    scene = _image(
        collection, "在线访谈现场（示意图）", silhouette_jpeg(9, (960, 600), True), "interview.jpg"
    )
    image = {"image": {"image": scene.pk, "alt_text": "访谈现场", "decorative": False}}
    interviews = [
        (
            "医疗保障",
            None,  # titled by the year the contributions are for
            _past(builder, 10, 15, 15),
            [("王建国", "县医疗保障局局长"), ("陆芳", "县医疗保障局待遇保障股股长")],
            "城乡居民医保集中参保缴费期间，县医疗保障局负责人就缴费标准、缴费渠道和待遇享受"
            "等群众关心的问题在线答问。",
            [
                (
                    "主持人",
                    "各位网友好！今天我们邀请到县医疗保障局的负责同志，"
                    "和大家聊一聊城乡居民医保参保缴费的事。",
                ),
                (
                    "王建国",
                    "大家好。城乡居民医保按年度缴费，集中缴费期一般从当年9月开始，"
                    "参保人缴费后从次年1月1日起享受待遇。",
                ),
                ("主持人", "有网友问，外出务工人员怎么缴费？"),
                (
                    "陆芳",
                    "外出务工人员不用回乡，可以通过“贵州医保”小程序、"
                    "银行手机应用等线上渠道缴费，也可以委托家人到村里代缴。",
                ),
                ("主持人", "特困人员、低保对象等困难群众有什么资助政策？"),
                (
                    "王建国",
                    "对特困人员、低保对象等，按规定给予参保缴费资助，"
                    "由乡镇和村统一核对名单，群众不需要另外申请。",
                ),
                ("主持人", "感谢两位嘉宾的解答，本期访谈到此结束。"),
            ],
        ),
        (
            "农业农村",
            "抓好春耕备耕 夯实全年粮食生产基础",
            _past(builder, 3, 12, 10),
            [("韦志强", "县农业农村局局长")],
            "春耕时节，县农业农村局负责人介绍全县春耕备耕、农资保障和技术服务工作。",
            [
                ("主持人", "网友们好，正值春耕时节，今天请县农业农村局负责人谈谈春耕备耕工作。"),
                (
                    "韦志强",
                    "今年全县粮食播种面积保持稳定，种子、化肥等农资已提前调运到各乡镇，供应充足。",
                ),
                ("主持人", "农技服务方面有哪些安排？"),
                (
                    "韦志强",
                    "我们组织农技人员下沉到村，开展育秧、病虫害防治等现场指导，"
                    "群众有问题也可以拨打县农业技术推广站的咨询电话。",
                ),
                ("主持人", "谢谢韦局长！"),
            ],
        ),
    ]
    for word, title, when, guests, summary, turns in interviews:
        title = title or f"{when.year + 1}年度城乡居民医保集中参保缴费政策解读"
        transcript = [
            {"type": "turn", "value": {"speaker": speaker, "text": f"<p>{text}</p>"}}
            for speaker, text in turns
        ]
        transcript.insert(2, {"type": "image", "value": image | {"caption": "访谈现场"}})
        page = InterviewPage(
            title=title,
            unit=_unit(word),
            interview_time=when,
            host="县融媒体中心 主持人",
            summary=summary,
            guests=[
                {"type": "guest", "value": {"name": name, "position": position}}
                for name, position in guests
            ],
            transcript=transcript,
            photos=[{"type": "image", "value": image | {"caption": "访谈现场"}}],
        )
        builder.publish(column, page, when + timedelta(hours=2))
