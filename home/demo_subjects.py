"""Subjects of the demo content — what an item is about, and what follows from it.

Every demo news item, notice, policy and catalogue item is built from one subject: its topic
word (``{topic}``), the months in which an item on it may be dated (春耕 in spring, 防汛 in the
flood season, 森林防火 in the fire season), the units whose work it is, whether a township
writes about it, the picture drawn for it (home/demo_pictures.py) and sentences that only
make sense for it. The builder picks the date first and then a subject allowed in that month,
so titles, bodies, pictures and dates agree.

Invented for demonstration (no copied text); seasons follow the farming and fire calendars of
south-east Guizhou.
"""

from dataclasses import dataclass, field

ALL = tuple(range(1, 13))
SPRING = (2, 3, 4, 5)
FLOOD_SEASON = (4, 5, 6, 7, 8, 9)  # 汛期 in Guizhou: April to September
FIRE_SEASON = (11, 12, 1, 2, 3, 4)  # 森林防火期 of the province, roughly winter and spring


@dataclass(frozen=True)
class Subject:
    topic: str
    picture: str
    months: tuple = ALL
    #: words of the names of the units whose work it is (empty: any unit)
    owners: tuple = ()
    township: bool = False
    #: suitable for a policy document, plan or notice of its own
    policy: bool = True
    activities: tuple = ("集中宣传", "政策宣讲")
    sentences: tuple = ()
    #: titles of its own ({unit}, {place}, {year} …)
    titles: tuple = field(default=())

    def allowed(self, month):
        return month in self.months


SUBJECTS = [
    Subject(
        "春耕生产",
        "field",
        SPRING,
        ("农业农村",),
        township=True,
        activities=("农技指导", "春耕备耕督导"),
        sentences=(
            "当前正值春耕关键时节，{place}组织农技人员深入田间地头，指导群众育秧、翻耕和施肥。",
            "截至目前，全县已调运水稻、玉米种子{n2}吨，化肥{n}余吨，春耕物资供应充足。",
        ),
        titles=("{place}抢抓农时 春耕生产有序推进",),
    ),
    Subject(
        "春茶生产",
        "tea",
        (3, 4, 5),
        ("农业农村",),
        township=True,
        policy=False,
        activities=("茶园管护培训",),
        sentences=(
            "眼下正是春茶采摘时节，{place}的茶园里茶农们忙着采摘新芽，一派繁忙景象。",
            "今年全县投产茶园{n}余亩，茶叶加工厂开足马力，鲜叶收购价格保持稳定。",
        ),
        titles=("{place}春茶开采 茶农忙采新芽",),
    ),
    Subject(
        "秋收秋种",
        "harvest",
        (8, 9, 10),
        ("农业农村",),
        township=True,
        activities=("农机服务", "秋粮收购督导"),
        sentences=(
            "秋收时节，{place}的稻田里一片金黄，群众抢抓晴好天气收割稻谷。",
            "农业农村部门组织农机手开展机收服务，帮助缺少劳动力的农户及时收割、颗粒归仓。",
        ),
        titles=("{place}稻谷开镰 群众喜迎秋收",),
    ),
    Subject(
        "森林防火",
        "forest",
        FIRE_SEASON,
        ("林业", "应急管理"),
        township=True,
        activities=("护林巡查", "野外用火检查"),
        sentences=(
            "进入森林防火期，{place}组织护林员加强巡山护林，严管野外用火。",
            "各村寨通过广播、宣传标语等方式，提醒群众不在林区烧荒、烧纸、燃放鞭炮。",
        ),
    ),
    Subject(
        "防汛救灾",
        "flood",
        FLOOD_SEASON,
        ("水务", "应急管理"),
        township=True,
        activities=("防汛应急演练", "地质灾害隐患排查"),
        sentences=(
            "入汛以来，{place}对辖区内山塘水库、地质灾害隐患点开展拉网式排查，落实防汛责任人。",
            "各乡镇严格执行汛期24小时值班制度，遇强降雨及时转移受威胁群众。",
        ),
    ),
    Subject(
        "安全生产",
        "industry",
        ALL,
        ("应急管理", "工业和信息化"),
        activities=("安全隐患排查", "应急演练"),
        sentences=(
            "检查组深入企业生产车间和仓库，重点检查安全管理制度落实和隐患整改情况。",
            "对检查发现的问题，现场下达整改通知，明确整改时限和责任人，跟踪督促整改到位。",
        ),
    ),
    Subject(
        "“安全生产月”活动",
        "industry",
        (6,),
        ("应急管理",),
        policy=False,
        activities=("安全宣传咨询",),
        sentences=(
            "六月是全国“安全生产月”，{unit}在县城广场设置咨询台，向群众宣传安全生产法律法规。",
            "活动期间，各行业部门组织重点企业开展应急演练，提升员工自救互救能力。",
        ),
        titles=("{unit}开展“安全生产月”宣传咨询日活动",),
    ),
    Subject(
        "乡村振兴",
        "village",
        ALL,
        ("农业农村", "生态移民"),
        township=True,
        activities=("入户走访", "产业帮扶"),
        sentences=(
            "{place}坚持产业带动、就业帮扶，持续巩固拓展脱贫攻坚成果。",
            "今年以来，{place}新建和改造村内通组路{n2}公里，村容村貌明显改善。",
        ),
    ),
    Subject(
        "营商环境优化",
        "hall",
        ALL,
        ("发展和改革", "政务服务中心", "市场监督管理"),
        activities=("政企座谈", "帮办代办服务"),
        sentences=(
            "县政务服务中心推行“一窗通办”，企业开办时间压缩至1个工作日以内。",
            "工作人员为企业提供帮办代办服务，全程跟踪项目审批进度，及时协调解决困难。",
        ),
    ),
    Subject(
        "重大项目建设",
        "construction",
        ALL,
        ("发展和改革",),
        activities=("项目现场调度",),
        sentences=(
            "据了解，该项目总投资约{n}万元，建成后将有效改善周边群众生产生活条件。",
            "项目建设现场机器轰鸣，施工人员正抓紧进行主体工程施工。",
        ),
    ),
    Subject(
        "民族团结进步创建",
        "village",
        ALL,
        ("政府办公室",),
        township=True,
        activities=("民族团结进步宣传",),
        sentences=(
            "{place}依托鼓楼、风雨桥等公共空间，开展民族团结进步宣传教育活动。",
            "苗族、侗族、水族群众同台演出，共话团结进步、共享发展成果。",
        ),
    ),
    Subject(
        "义务教育均衡发展",
        "school",
        ALL,
        ("教育",),
        activities=("乡村学校帮扶", "教师培训"),
        sentences=(
            "县教育局统筹推进校舍改造和教育信息化建设，改善农村学校办学条件。",
            "全县义务教育阶段学校已全部接入宽带网络，多媒体教学设备进入每一间教室。",
        ),
    ),
    Subject(
        "秋季开学安全",
        "school",
        (8, 9),
        ("教育",),
        policy=False,
        activities=("校园安全检查",),
        sentences=(
            "秋季学期开学前，县教育局组织对全县中小学校开展校舍、食堂和校车安全检查。",
            "检查组逐一查看消防设施、食品留样和学生接送安排，督促学校落实安全责任。",
        ),
        titles=("{unit}开展秋季开学校园安全检查",),
    ),
    Subject(
        "农村饮水安全",
        "river",
        ALL,
        ("水务",),
        township=True,
        activities=("水质检测", "供水设施巡查"),
        sentences=(
            "{place}农村饮水安全巩固提升工程已完成管网铺设{n2}公里，惠及群众{n}余户。",
            "水务部门定期对集中供水工程取样检测，确保群众喝上放心水。",
        ),
    ),
    Subject(
        "耕地保护",
        "field",
        ALL,
        ("自然资源",),
        township=True,
        activities=("耕地“非农化”排查",),
        sentences=(
            "县自然资源局对新增建设用地和耕地“非农化”问题开展排查，发现一处、整改一处。",
            "{place}落实田长制，村级田长定期巡查，及时制止乱占耕地建房行为。",
        ),
    ),
    Subject(
        "城乡居民医保参保缴费",
        "hospital",
        (9, 10, 11, 12),
        ("医疗保障",),
        township=True,
        policy=False,
        activities=("参保缴费宣传",),
        sentences=(
            "{next_year}年度城乡居民医保集中缴费工作正在进行，群众可通过线上渠道或村级代办点缴费。",
            "工作人员走村入户，向群众讲解医保缴费标准、缴费渠道和待遇政策。",
        ),
        titles=("{unit}推进{next_year}年度城乡居民医保集中参保缴费",),
    ),
    Subject(
        "医保基金监管",
        "hospital",
        ALL,
        ("医疗保障",),
        activities=("定点医药机构检查",),
        sentences=(
            "检查组对定点医疗机构的诊疗记录和收费票据进行抽查，严查虚假就医、过度诊疗等行为。",
            "县医疗保障局公布举报电话，鼓励群众监督医保基金使用。",
        ),
    ),
    Subject(
        "基层医疗卫生服务",
        "hospital",
        ALL,
        ("卫生健康",),
        township=True,
        activities=("义诊下乡", "家庭医生签约服务"),
        sentences=(
            "县人民医院专家团队来到{place}卫生院，为群众免费测量血压、血糖并开展健康咨询。",
            "家庭医生团队上门为老年人和慢性病患者开展随访，建立健康档案。",
        ),
    ),
    Subject(
        "就业创业服务",
        "hall",
        ALL,
        ("人力资源和社会保障", "退役军人"),
        activities=("招聘活动", "技能培训"),
        sentences=(
            "招聘会现场，{n2}家企业提供就业岗位{n}余个，吸引求职群众前来咨询。",
            "县人社部门为有创业意愿的群众提供创业培训和创业担保贷款政策咨询。",
        ),
    ),
    Subject(
        "“春风行动”",
        "hall",
        (1, 2, 3),
        ("人力资源和社会保障",),
        policy=False,
        activities=("返乡务工人员招聘",),
        sentences=(
            "春节前后，县人社局开展“春风行动”，为返乡务工人员提供岗位信息和就业指导。",
            "招聘会现场，{n2}家企业提供就业岗位{n}余个，不少群众当场达成就业意向。",
        ),
        titles=("{unit}举办“春风行动”专场招聘会",),
    ),
    Subject(
        "食品安全",
        "market",
        ALL,
        ("市场监督管理",),
        activities=("食品安全检查", "农产品快速检测"),
        sentences=(
            "执法人员对辖区农贸市场、餐饮店和学校食堂开展食品安全检查。",
            "食品快速检测车进入农贸市场，对蔬菜、肉类现场抽样检测，检测结果当场公示。",
        ),
    ),
    Subject(
        "生态环境保护",
        "river",
        ALL,
        ("自然资源", "林业"),
        township=True,
        activities=("河道巡查", "环保宣传"),
        sentences=(
            "都柳江干流水质保持在Ⅱ类以上，县城集中式饮用水水源地水质达标率100%。",
            "{place}落实河长制，河长定期巡河，清理河道垃圾，劝阻电鱼、毒鱼行为。",
        ),
    ),
    Subject(
        "社会救助",
        "hall",
        ALL,
        ("民政",),
        activities=("救助对象核查",),
        sentences=(
            "县民政局对低保、特困等救助对象开展动态核查，做到应保尽保、应退尽退。",
            "对因病、因灾造成生活困难的群众，及时给予临时救助，帮助渡过难关。",
        ),
    ),
    Subject(
        "冬季送温暖",
        "village",
        (12, 1, 2),
        ("民政",),
        township=True,
        policy=False,
        activities=("走访慰问",),
        sentences=(
            "寒冬时节，工作人员为困难群众送去棉被、大米和食用油等慰问物资。",
            "走访中，工作人员详细询问群众的生活情况，叮嘱他们注意防寒保暖和用火用电安全。",
        ),
        titles=("{unit}开展冬季送温暖走访慰问活动",),
    ),
    Subject(
        "文明城市创建",
        "town",
        ALL,
        ("住房和城乡建设",),
        activities=("志愿服务", "环境卫生整治"),
        sentences=(
            "志愿者走上街头，劝导不文明行为，清理卫生死角。",
            "县城主次干道完成人行道修缮和绿化提升，市容市貌焕然一新。",
        ),
    ),
    Subject(
        "农村危房改造",
        "village",
        ALL,
        ("住房和城乡建设",),
        township=True,
        activities=("住房安全排查",),
        sentences=(
            "{place}对农村低收入群体住房开展安全排查，建立台账，逐户落实改造措施。",
            "改造后的住房结构安全、功能完善，群众住上了安全房、放心房。",
        ),
    ),
    Subject(
        "村寨消防安全",
        "village",
        ALL,
        ("应急管理",),
        township=True,
        activities=("消防隐患排查", "消防演练"),
        sentences=(
            "针对侗寨木质房屋连片、火灾风险高的特点，{place}开展村寨消防安全隐患排查。",
            "消防员手把手教群众使用灭火器和消防水枪，提高村寨自防自救能力。",
        ),
    ),
    Subject(
        "道路交通安全",
        "road",
        ALL,
        ("公安", "交通运输"),
        activities=("交通安全宣传", "重点路段检查"),
        sentences=(
            "交警部门在国道、县道重点路段设置检查点，严查超速、超载和酒后驾驶。",
            "民警走进村寨和学校，讲解乘车安全常识，提醒群众不乘坐无牌无证车辆。",
        ),
    ),
    Subject(
        "“四好农村路”建设",
        "road",
        ALL,
        ("交通运输",),
        township=True,
        activities=("农村公路养护检查",),
        sentences=(
            "{place}通组硬化路建设项目完工，群众出行和农产品运输更加便捷。",
            "县交通运输局落实农村公路路长制，组织养护队伍清理边沟、修补路面。",
        ),
    ),
    Subject(
        "基层治理",
        "village",
        ALL,
        ("民政", "司法"),
        township=True,
        activities=("矛盾纠纷排查化解",),
        sentences=(
            "{place}推行“积分制”乡村治理，引导群众参与村寨公共事务。",
            "村级调解委员会及时化解邻里纠纷，做到小事不出村、大事不出乡。",
        ),
    ),
    Subject(
        "法治宣传",
        "village",
        ALL,
        ("司法", "公安"),
        township=True,
        activities=("法律服务进村寨", "以案说法"),
        sentences=(
            "工作人员在集市设置法律咨询台，为群众解答土地承包、婚姻家庭等法律问题。",
            "民警以身边案例讲解电信网络诈骗常见手法，提醒群众守好“钱袋子”。",
        ),
    ),
    Subject(
        "数字政府建设",
        "hall",
        ALL,
        ("政府办公室", "政务服务中心", "工业和信息化"),
        activities=("业务培训",),
        sentences=(
            "依托贵州政务服务网，全县{n2}项政务服务事项实现网上可办。",
            "乡镇便民服务中心配备自助服务终端，群众在家门口就能办理社保、医保等高频事项。",
        ),
    ),
    Subject(
        "政务公开",
        "meeting",
        ALL,
        ("政府办公室",),
        activities=("业务培训", "网站和政务新媒体检查"),
        sentences=(
            "县政府办对各单位政府网站和政务新媒体开展检查，通报发现的问题并督促整改。",
            "各单位按照基层政务公开标准目录，及时主动公开群众关心的政策和办事信息。",
        ),
    ),
    Subject(
        "林下经济",
        "forest",
        ALL,
        ("林业",),
        township=True,
        activities=("林下种植技术培训",),
        sentences=(
            "{place}利用林下空间发展林下种植和养殖，林下经济面积达{n}余亩。",
            "林业技术人员现场讲解林下种植的选地、栽培和管护要点。",
        ),
    ),
    Subject(
        "工业园区发展",
        "industry",
        ALL,
        ("工业和信息化", "商务"),
        activities=("企业走访",),
        sentences=(
            "县工业园区新入驻企业{n2}家，带动就业{n}余人。",
            "工作人员深入园区企业，了解生产经营情况，协调解决用工、用电等困难。",
        ),
    ),
    Subject(
        "电子商务进农村",
        "hall",
        ALL,
        ("商务",),
        township=True,
        activities=("电商技能培训",),
        sentences=(
            "县电商服务中心帮助合作社开设网店，拓宽农产品销售渠道。",
            "{place}电商服务站开展直播带货，当地农产品通过网络销往全国各地。",
        ),
    ),
    Subject(
        "乡村旅游",
        "river",
        ALL,
        ("文体广电旅游",),
        township=True,
        activities=("旅游服务培训",),
        sentences=(
            "{place}依托侗族歌舞、鼓楼和风雨桥等民族文化资源，发展乡村旅游。",
            "节假日期间，游客走进村寨观看民族歌舞、品尝特色美食，带动群众增收。",
        ),
    ),
    Subject(
        "退役军人服务保障",
        "hall",
        ALL,
        ("退役军人",),
        activities=("走访慰问", "政策宣讲"),
        sentences=(
            "县退役军人事务局落实优抚政策，按时足额发放优抚对象抚恤补助。",
            "服务站工作人员为退役军人提供就业创业、权益维护等咨询服务。",
        ),
    ),
    Subject(
        "“八一”走访慰问",
        "village",
        (7, 8),
        ("退役军人",),
        policy=False,
        activities=("走访慰问",),
        sentences=(
            "“八一”建军节前夕，工作人员走访慰问优抚对象和退役军人代表，送上节日祝福。",
            "走访中，工作人员认真听取意见建议，帮助解决生活中的实际困难。",
        ),
        titles=("{unit}开展“八一”建军节走访慰问活动",),
    ),
    Subject(
        "审计整改",
        "meeting",
        ALL,
        ("审计",),
        activities=("审计整改督查",),
        sentences=(
            "县审计局对审计发现的问题建立整改台账，实行对账销号管理。",
            "被审计单位逐项制定整改措施，整改情况按规定向社会公告。",
        ),
    ),
    Subject(
        "统计调查",
        "meeting",
        ALL,
        ("统计",),
        activities=("统计业务培训", "入户调查"),
        sentences=(
            "统计人员入户开展住户收支调查，指导调查户规范记账。",
            "县统计局组织对企业统计人员开展业务培训，提高统计数据质量。",
        ),
    ),
    Subject(
        "预算绩效管理",
        "meeting",
        ALL,
        ("财政",),
        activities=("财政业务培训",),
        sentences=(
            "县财政局组织对部门项目支出开展绩效评价，评价结果作为安排下年预算的重要依据。",
            "各部门严格执行预算，压减一般性支出，优先保障基本民生支出。",
        ),
    ),
    Subject(
        "易地扶贫搬迁后续扶持",
        "town",
        ALL,
        ("生态移民",),
        activities=("就业帮扶", "社区服务"),
        sentences=(
            "县城安置点建成扶贫车间{n2}个，搬迁群众在家门口实现就业。",
            "安置社区设立便民服务站，为搬迁群众办理户籍、医保和子女入学等事项。",
        ),
    ),
    Subject(
        "干部作风建设",
        "meeting",
        ALL,
        (),
        policy=False,
        activities=("专题学习",),
        sentences=(
            "会议要求，全体干部职工要转变工作作风，提高办事效率，用心用情为群众服务。",
            "各科室负责人结合工作实际作了交流发言，查找不足，提出改进措施。",
        ),
    ),
]

#: crops for ``{crop}`` and the months of their harvest in the county (丰收 only then)
CROPS = {
    "脐橙": ("orchard", (11, 12, 1)),
    "百香果": ("orchard", (7, 8, 9, 10)),
    "罗汉果": ("orchard", (9, 10, 11)),
    "油茶": ("orchard", (10, 11)),
    "水稻": ("harvest", (9, 10)),
    "稻鱼鸭": ("harvest", (8, 9)),
    "蔬菜": ("field", ALL),
    "香菇": ("forest", (10, 11, 12, 1, 2, 3)),
}
CROP_SENTENCES = (
    "今年以来，{place}立足资源禀赋，发展{crop}种植{n}余亩，带动{n2}户群众稳定增收。",
    "合作社统一提供种苗、技术和销售服务，群众以土地入股、务工等方式参与产业发展。",
)
HARVEST_SENTENCES = (
    "眼下，{place}的{crop}进入采收期，种植户们忙着采收、分拣和装箱。",
    "前来收购的客商络绎不绝，{crop}通过冷链物流销往省内外市场。",
)

MEETINGS = ["工作推进会", "专题会议", "调度会", "动员部署会", "工作座谈会", "现场观摩会"]

#: (template, body kind, picture: None = the subject's); {unit} the writing unit, {place}
#: the township written about, {topic} the subject's topic, {activity} one of its activities
NEWS_TEMPLATES = [
    ("{unit}召开{topic}{meeting}", "meeting", "meeting"),
    ("{unit}全面部署{topic}工作", "meeting", "meeting"),
    ("{unit}扎实开展{activity}", "activity", None),
    ("{unit}组织开展{topic}督导检查", "inspect", None),
    ("{unit}多措并举推进{topic}工作", "progress", None),
]
COUNTY_TEMPLATES = [("{unit}深入{place}开展{activity}", "activity", None)]
TOWNSHIP_TEMPLATES = [("{place}持续推进{topic}取得新成效", "progress", None)]

MEETING_SENTENCES = (
    "近日，{unit}召开会议，传达学习上级有关文件精神，安排部署{topic}工作。",
    "会上，各相关单位汇报了近期工作进展，分析了存在的问题，并就下一步工作提出意见建议。",
    "会议强调，要提高政治站位，把{topic}工作摆在突出位置，层层压实责任，确保各项任务落地见效。",
)
ACTIVITY_SENTENCES = (
    "近日，{unit}组织干部职工深入{place}，开展{topic}相关工作，面对面听取群众意见。",
    "活动现场，工作人员通过发放宣传资料、设置咨询台等方式向群众普及相关知识，共发放资料{n}余份。",
)
INSPECT_SENTENCES = (
    "近日，{unit}组成督导组，对{topic}工作开展督导检查。",
    "督导组采取查阅资料、实地查看、座谈交流等方式，对重点场所进行了全面检查，督促及时整改。",
)
PROGRESS_SENTENCES = (
    "今年以来，{unit}把{topic}作为重点工作，成立工作专班，明确时间表和路线图，定期调度推进。",
    "群众纷纷表示，家门口就能办成事、办好事，获得感、幸福感不断增强。",
)
CLOSING_SENTENCES = ("下一步，{unit}将持续巩固工作成果，健全长效机制，推动{topic}工作再上新台阶。",)
BODY_SENTENCES = {
    "meeting": MEETING_SENTENCES,
    "activity": ACTIVITY_SENTENCES,
    "inspect": INSPECT_SENTENCES,
    "progress": PROGRESS_SENTENCES,
}

#: notices (通知公告): (template, months) — a 工作要点 early in the year it is for
NOTICE_TEMPLATES = [
    ("关于做好{year}年{topic}工作的通知", (1, 2, 3, 4)),
    ("关于开展{topic}专项检查的通知", ALL),
    ("关于进一步加强{topic}工作的通知", ALL),
    ("关于公开征求《{county}{topic}实施方案（征求意见稿）》意见的公告", ALL),
    ("关于调整{county}{topic}工作领导小组成员的通知", ALL),
    ("{county}{year}年{topic}工作要点", (1, 2, 3)),
]
NOTICE_SENTENCES = [
    "各乡镇人民政府，县直各部门：",
    "为做好{topic}相关工作，经县人民政府同意，现将有关事项通知如下。",
    "一、提高思想认识。各单位要充分认识做好{topic}工作的重要意义，切实加强组织领导。",
    "二、明确工作任务。各责任单位要对照任务清单，按时完成各项工作，并于每月底报送进展情况。",
    "三、强化督促检查。县人民政府督查室将适时开展督查，对工作不力的单位予以通报。",
    "联系人及电话：县人民政府办公室，0855-6612000。",
]
POLICY_TEMPLATES = [
    "{county}人民政府办公室关于印发{county}{topic}实施方案的通知",
    "{county}人民政府关于进一步加强{topic}工作的意见",
    "{county}{topic}管理办法",
    "{county}人民政府办公室关于印发《{county}{topic}工作规则》的通知",
]
INTERPRETATION_SENTENCES = [
    "一、起草背景。为贯彻落实上级关于{topic}的决策部署，结合我县实际，起草了《{policy}》。",
    "二、主要内容。文件明确了{topic}工作的目标任务、责任分工和保障措施。",
    "三、适用范围。文件适用于本县行政区域内的{topic}相关工作，各乡镇、各部门按照职责抓好落实。",
    "四、解读机关及联系方式。{unit}，联系电话：0855-6612000。",
]

#: catalogue titles of the statutory columns: (template, months, year offset, subject kind)
#: — {year} is the year the item is about: a 决算 is published in the year after its year
#: (预算法第九十七条: 决算草案 approved by the 人大常委会 of the next year), a 预算 early in its own
#: year, an 环境质量公报 after its year. None as subject kind: no {topic} in the title.
CATALOG_TEMPLATES = {
    "规划计划": [
        ("{county}{year}年{topic}工作计划", (1, 2, 3), 0, "policy"),
        ("{county}{topic}发展规划（{year}—{year4}年）", ALL, 0, "policy"),
    ],
    "财政信息": [
        ("{county}{year}年县级财政预算公开说明", (1, 2, 3), 0, None),
        ("{unit}{year}年部门决算公开", (7, 8, 9), -1, None),
        ("{unit}{year}年“三公”经费预算情况说明", (1, 2, 3), 0, None),
    ],
    "重大项目": [
        ("{year}年{county}重大项目建设计划", (1, 2, 3), 0, None),
        ("{county}{year}年第{quarter}季度重大项目建设进展情况", (1, 4, 7, 10), "quarter", None),
    ],
    "政府采购": [
        ("{unit}{topic}服务项目采购结果公告", ALL, 0, "policy"),
        ("{unit}{year}年政府采购意向公开", (1, 2, 3, 4), 0, None),
    ],
    "人事信息": [
        ("{county}{year}年公开招聘事业单位工作人员公告", (3, 4, 5, 6), 0, None),
        ("{unit}干部任前公示", ALL, 0, None),
    ],
    "应急管理": [
        ("{county}防汛抗旱应急预案（{year}年修订）", (3, 4, 5), 0, None),
        ("关于做好{year}年汛期地质灾害防范工作的通知", (3, 4, 5), 0, None),
        ("{county}森林火灾应急预案（{year}年修订）", (10, 11, 12), 0, None),
    ],
    "监督检查": [
        ("{county}{year}年{topic}“双随机、一公开”抽查结果", (5, 6, 7, 8, 9, 10, 11), 0, "policy"),
        ("{unit}行政检查结果公示", ALL, 0, None),
    ],
    "环境保护": [
        ("{county}{year}年环境质量状况公报", (5, 6), -1, None),
        ("都柳江榕江段生态修复工程环境影响评价公示", ALL, 0, None),
    ],
    "公共服务": [
        ("{county}{year}年民生实事项目", (1, 2, 3), 0, None),
        ("{county}{year}年民生实事项目推进情况", (7, 8, 9, 10, 11, 12), 0, None),
    ],
    "提案建议": [
        ("对县政协第{session}届委员会第{meeting_no}次会议第{n}号提案的答复", (5, 6, 7, 8), 0, None),
        ("对县第{session}届人大第{meeting_no}次会议第{n}号代表建议的答复", (5, 6, 7, 8), 0, None),
    ],
    "征地信息": [
        ("{county}{year}年第{batch}批次城镇建设用地征收土地公告", ALL, 0, None),
        ("{place}{year}年征地补偿安置方案公告", ALL, 0, None),
    ],
    "权责清单": [
        ("{unit}权力清单和责任清单（{year}年版）", (1, 2, 3, 4, 5, 6), 0, None),
        ("{unit}行政许可事项清单", ALL, 0, None),
    ],
    "重点领域公开": [
        ("{county}{year}年{topic}信息公开", ALL, 0, "policy"),
        ("{unit}{topic}领域基层政务公开标准目录", ALL, 0, "owned"),
    ],
}
#: what every unit publishes in its own catalogue
UNIT_CATALOG_TEMPLATES = [
    ("{unit}{year}年部门决算公开", (7, 8, 9), -1, None),
    ("{unit}{year}年部门预算公开", (1, 2, 3), 0, None),
    ("{unit}{year}年“三公”经费预算情况说明", (1, 2, 3), 0, None),
    ("{unit}权力清单和责任清单（{year}年版）", (1, 2, 3, 4, 5, 6), 0, None),
    ("{unit}行政许可事项清单", ALL, 0, None),
]
FINANCE_SENTENCES = [
    "根据预算法和政府信息公开有关规定，现将{unit}{year}年度有关财政资金情况公开如下。",
    "本表所列数据为{unit}{year}年度部门汇总数据，包括本部门机关及所属单位。",
    "如对公开内容有疑问，请与{unit}联系，联系电话：0855-6612000。",
]
CATALOG_SENTENCES = [
    "根据《中华人民共和国政府信息公开条例》，现将{title}予以公开。",
    "本信息由{unit}负责解释，具体内容详见附件。",
    "如对公开内容有疑问，请在工作日与{unit}联系。",
]


def for_unit(unit_name, township=False):
    """The subjects a unit writes about: its own, the township ones for a township, and the
    ones any unit may write about."""
    if township:
        return [s for s in SUBJECTS if s.township or not s.owners]
    own = [s for s in SUBJECTS if any(word in unit_name for word in s.owners)]
    # mostly its own work; now and then a meeting on how its people work
    return own * 4 + [s for s in SUBJECTS if not s.owners]


def in_month(subjects, month):
    return [s for s in subjects if s.allowed(month)]


#: 主题分类 (the national list, disclosure_catalog.classification) by a word of the owner's name
OWNER_CATEGORIES = {
    "农业农村": "农业、林业、水利/农业、畜牧业、渔业",
    "林业": "农业、林业、水利/林业",
    "水务": "农业、林业、水利/水利",
    "应急管理": "综合政务/应急管理",
    "教育": "科技、教育/教育",
    "卫生健康": "卫生、体育/卫生",
    "医疗保障": "劳动、人事、监察/社会保障",
    "人力资源和社会保障": "劳动、人事、监察/劳动就业",
    "民政": "民政、扶贫、救灾/社会福利",
    "市场监督管理": "市场监管、安全生产监管/食品药品监管",
    "交通运输": "工业、交通/公路",
    "公安": "公安、安全、司法/公安",
    "司法": "公安、安全、司法/司法",
    "自然资源": "国土资源、能源/土地",
    "住房和城乡建设": "城乡建设、环境保护/城乡建设（含住房）",
    "发展和改革": "国民经济管理、国有资产监管/宏观经济",
    "商务": "商贸、海关、旅游/国内贸易（含供销）",
    "文体广电旅游": "商贸、海关、旅游/旅游",
    "财政": "财政、金融、审计/财政",
    "审计": "财政、金融、审计/审计",
    "统计": "国民经济管理、国有资产监管/统计",
    "退役军人": "民政、扶贫、救灾/优抚安置",
    "生态移民": "民政、扶贫、救灾/扶贫",
    "政府办公室": "综合政务/政务公开",
    "政务服务中心": "综合政务/电子政务",
    "工业和信息化": "工业、交通/其他",
}
#: the statutory columns: (word of the publishing unit's name, 主题分类)
COLUMN_OWNERS = {
    "规划计划": ("发展和改革", "国民经济管理、国有资产监管/宏观经济"),
    "财政信息": ("财政", "财政、金融、审计/财政"),
    "重大项目": ("发展和改革", "国民经济管理、国有资产监管/重大建设项目"),
    "政府采购": ("财政", "财政、金融、审计/其他"),
    "人事信息": ("人力资源和社会保障", "劳动、人事、监察/人事工作"),
    "应急管理": ("应急管理", "综合政务/应急管理"),
    "监督检查": ("市场监督管理", "市场监管、安全生产监管/其他"),
    "环境保护": ("自然资源", "城乡建设、环境保护/环境监测、保护与治理"),
    "公共服务": ("政府办公室", "综合政务/其他"),
    "提案建议": ("政府办公室", "综合政务/其他"),
    "征地信息": ("自然资源", "国土资源、能源/土地"),
    "权责清单": ("政府办公室", "综合政务/其他"),
    "重点领域公开": ("政府办公室", "综合政务/政务公开"),
}


def category(subject):
    for word in subject.owners if subject else ():
        if word in OWNER_CATEGORIES:
            return OWNER_CATEGORIES[word]
    return "综合政务/其他"


#: the topics (专题) and the subjects their items are about
TOPIC_SUBJECTS = {
    "乡村振兴": (
        "乡村振兴",
        "春耕生产",
        "秋收秋种",
        "农村饮水安全",
        "“四好农村路”建设",
        "电子商务进农村",
        "乡村旅游",
        "林下经济",
    ),
    "优化营商环境": ("营商环境优化", "数字政府建设", "工业园区发展", "重大项目建设"),
    "安全生产月": ("“安全生产月”活动",),
    "民族团结进步": ("民族团结进步创建", "乡村旅游", "法治宣传", "基层治理"),
}


def by_topic(*topics):
    return [s for s in SUBJECTS if s.topic in topics]
