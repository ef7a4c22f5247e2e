"""Demo 互动交流 data (``bootstrap_portal --demo``) — DEVELOPMENT ONLY.

依申请公开 applications in each state of their handling, 留言 (most of them answered, with the
answering unit's reply, one waiting for review, one being handled, one not accepted) and two
意见征集: one open now, one closed with its 采纳情况 published. Everything goes through the
participation app's own services (portal/participation/services.py), dated in the past: the
timeline, deadlines and 年报 statistics see them as they would see real ones. Applicants and
writers are fictional; their ID numbers are not valid ones.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.core.columns import ColumnKey
from portal.participation import services
from portal.participation.models import (
    ApplicationEvent,
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    Message,
)
from portal.participation.workdays import WorkCalendar

APPLICANT = {
    "applicant_type": "natural",
    "id_type": "resident_id",
    "delivery_form": "electronic",
    "delivery_way": "email",
}

#: (days ago submitted, applicant, description, document number, steps)
#: steps: ("receive", working days after submission), ("correct", …), ("corrected", …),
#: ("consult", …, third party), ("consult_end", …), ("reply", …, type, text), ("archive", …),
#: ("void", reason)
APPLICATIONS = [
    (
        330,
        {"name": "吴光明", "id_number": "522632198203150000", "phone": "13800000001"},
        "申请公开古州镇城区道路改造工程的立项批复和施工合同。",
        "",
        [
            ("receive", 1),
            (
                "reply",
                14,
                "disclosed",
                "经审查，您申请的立项批复和施工合同予以公开，已通过电子邮件发送。",
            ),
            ("archive", 20),
        ],
    ),
    (
        75,
        {
            "applicant_type": "organisation",
            "organisation_kind": "business",
            "name": "榕江县某农业开发有限公司",
            "contact_person": "杨经理",
            "id_type": "credit_code",
            "id_number": "91522632MA6XXXXX00",
            "phone": "13800000002",
        },
        "申请公开本县农业产业发展专项资金的申报条件和分配结果。",
        "",
        [
            ("receive", 1),
            (
                "reply",
                9,
                "published",
                "您申请的信息已在本网站“财政信息”栏目主动公开，可在该栏目查阅。",
            ),
        ],
    ),
    (
        50,
        {"name": "杨秀英", "id_number": "522632197511020000", "phone": "13800000003"},
        "申请公开本人承包地所在地块的征地补偿安置方案。",
        "",
        [
            ("receive", 1),
            ("consult", 4, "被征地村民委员会"),
            ("consult_end", 12),
            (
                "reply",
                18,
                "partial",
                "征地补偿安置方案予以公开；其中涉及其他农户个人信息的部分不予公开。",
            ),
        ],
    ),
    (
        12,
        {"name": "潘志刚", "id_number": "522632199009080000", "phone": "13800000004"},
        "申请公开县城至八开镇公路改建工程的环境影响评价批复。",
        "",
        [("receive", 1), ("consult", 3, "项目建设单位")],
    ),
    (
        6,
        {"name": "龙梅", "id_number": "522632198806060000", "phone": "13800000005"},
        "申请公开本县义务教育阶段学校的学区划分方案。",
        "",
        [("receive", 1)],
    ),
    (
        5,
        {"name": "石建华", "id_number": "522632197907070000", "phone": "13800000006"},
        "申请公开关于农村饮水的那个文件。",
        "",
        [("receive", 1), ("correct", 2, "请写明所需文件的名称、文号或发布时间等特征，以便查找。")],
    ),
    (
        0,
        {"name": "韦丽", "id_number": "522632199512120000", "phone": "13800000007"},
        "申请公开县人民政府关于城乡居民医保缴费资助政策的文件。",
        "",
        [],
    ),
    (
        20,
        {"name": "陈某", "id_number": "522632198001010000", "phone": "13800000008"},
        "咨询孩子户口迁移需要带哪些材料。",
        "",
        [("void", "所提事项为咨询，不属于政府信息公开申请，已告知通过“留言咨询”栏目咨询。")],
    ),
]

#: (days ago, name, category, subject, body, outcome, answering unit, reply, days to answer)
MESSAGES = [
    (
        150,
        "王先生",
        "consult",
        "城乡居民医保缴费标准是多少",
        "请问今年城乡居民医保个人缴费标准是多少？在外地务工可以在网上缴费吗？",
        "answered",
        "榕江县医疗保障局",
        "您好！城乡居民医保个人缴费标准以当年度公布的标准为准，可在本网站“通知公告”栏目查阅。"
        "在外务工人员可通过“贵州医保”小程序或银行手机应用缴费，也可委托家人到村级代办点缴费。",
        4,
    ),
    (
        120,
        "李女士",
        "suggest",
        "建议在古州镇老城区增设公共停车位",
        "古州镇老城区街道狭窄，车辆乱停乱放，建议利用闲置空地增设公共停车位。",
        "answered",
        "榕江县住房和城乡建设局",
        "感谢您的建议。我局已会同县公安局交警大队对老城区停车需求进行调查，"
        "计划利用两处闲置地块建设公共停车场，建成后将向社会公布。",
        9,
    ),
    (
        90,
        "张先生",
        "complain",
        "平永镇某村路灯长期不亮",
        "平永镇某村通村公路旁的路灯已经一个多月不亮了，晚上出行不方便，请尽快维修。",
        "answered",
        "平永镇人民政府",
        "您好！经现场核实，该路段路灯因线路老化损坏，镇人民政府已安排维修，目前路灯已恢复照明。"
        "感谢您对我镇工作的监督。",
        5,
    ),
    (
        60,
        "杨女士",
        "consult",
        "办理社会保障卡需要哪些材料",
        "我想给孩子办理社会保障卡，需要带什么材料？在哪里办理？",
        "answered",
        "榕江县人力资源和社会保障局",
        "您好！未满16周岁的，由监护人携带孩子的户口簿和监护人身份证原件，"
        "到县政务服务中心一楼人社窗口或各乡镇便民服务中心办理，即时制卡点可当场领卡。",
        2,
    ),
    (
        35,
        "吴先生",
        "consult",
        "个体工商户登记可以网上办理吗",
        "我准备在县城开一家小吃店，请问个体工商户登记能不能在网上办理？需要多长时间？",
        "answered",
        "榕江县市场监督管理局",
        "您好！可以通过贵州政务服务网全程电子化办理，材料齐全、符合法定形式的当场予以登记，"
        "也可到县政务服务中心二楼市场监管窗口办理。",
        3,
    ),
    (
        14,
        "龙先生",
        "suggest",
        "建议增开县城至乡镇的客运班次",
        "县城到计划乡的客运班车每天只有两班，群众出行不便，建议增开班次。",
        "assigned",
        "榕江县交通运输局",
        "",
        0,
    ),
    (
        2,
        "潘女士",
        "consult",
        "农村建房审批流程咨询",
        "我家想在自家宅基地上翻建住房，请问需要办理哪些手续？",
        "pending",
        "",
        "",
        0,
    ),
    (
        20,
        "匿名",
        "other",
        "广告",
        "本店承接各类装修工程，价格优惠，欢迎来电。",
        "rejected",
        "",
        "",
        0,
    ),
]

OPEN_DRAFT = (
    "榕江县城区停车场规划建设管理办法（征求意见稿）",
    "为规范县城停车场规划、建设和管理，缓解城区停车难问题，县住房和城乡建设局起草了"
    "本办法征求意见稿，现向社会公开征求意见。",
    [
        "第一条　为规范本县城区停车场的规划、建设和管理，缓解停车难问题，结合本县实际，制定本办法。",
        "第二条　本办法适用于本县城区范围内公共停车场、专用停车场和道路停车泊位的规划、建设和管理。",
        "第三条　新建、改建、扩建建筑物应当按照规定标准配套建设停车场，并与主体工程同步设计、同步施工、同步交付使用。",
        "第四条　鼓励利用闲置土地、地下空间建设公共停车场，鼓励机关、企事业单位内部停车场错时向社会开放。",
    ],
    [
        "建议在学校和医院周边优先设置临时停车泊位，方便接送学生和就医群众。",
        "希望明确错时开放停车场的收费标准和管理责任。",
    ],
)
CLOSED_DRAFT = (
    "榕江县农村人居环境整治提升实施方案（征求意见稿）",
    "为持续改善农村人居环境，县农业农村局起草了本实施方案征求意见稿，现向社会公开征求意见。",
    [
        "一、总体目标。到方案期末，全县农村生活垃圾收运处置体系基本覆盖所有行政村，"
        "农村卫生厕所普及率稳步提高。",
        "二、重点任务。推进农村厕所革命，治理农村生活污水，健全生活垃圾收运处置体系，整治村容村貌。",
        "三、保障措施。加强组织领导，落实乡镇主体责任，建立村规民约和群众参与机制。",
    ],
    [
        ("建议在偏远村寨配置小型垃圾转运设备，解决垃圾清运不及时的问题。", True),
        ("建议对改厕户给予适当补助，并安排技术人员上门指导。", True),
        ("希望把村寨消防通道的整治纳入方案。", True),
        ("（与本方案无关的商业推广内容）", False),
    ],
    "<p>本次意见征集期间，共收到意见建议{received}条，其中有效意见{approved}条。"
    "经认真研究，采纳{approved}条：一是在偏远村寨配置小型垃圾转运设备；二是对改厕户给予补助并"
    "安排技术指导；三是将村寨消防通道整治纳入“整治村容村貌”任务。"
    "未采纳的1条内容与本方案无关。感谢社会各界的关心和支持。</p>",
)


def _moment(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _date_events(app, day):
    """The timeline entries just written carry the day they happened on."""
    ApplicationEvent.objects.filter(
        application=app, created_at__gte=_moment(day) + timedelta(days=1)
    ).update(created_at=_moment(day, 11))


def build_applications(builder, handler):
    cal = WorkCalendar()
    today = timezone.localtime(builder.now).date()
    for serial, (days, applicant, description, number, steps) in enumerate(APPLICATIONS, 1):
        submitted = today - timedelta(days=days)
        while days and not cal.is_workday(submitted):
            submitted -= timedelta(days=1)
        data = APPLICANT | {
            "address": "贵州省黔东南苗族侗族自治州榕江县古州镇",
            "email": f"applicant{serial}@example.com",
            "description": description,
            "document_number": number,
            "submitted_at": _moment(submitted, 9) if days else builder.now - timedelta(hours=2),
        }
        data |= applicant
        app, _code = services.submit_application(data, form_token=None, site=builder.site)
        app.tracking_number = f"YSQ{submitted:%Y%m%d}{serial:05d}"
        code = app.set_query_code()
        app.save(update_fields=["tracking_number", "query_code_hash"])
        ApplicationEvent.objects.filter(application=app).update(created_at=data["submitted_at"])
        for step in steps:
            action = step[0]
            if action == "void":
                services.void(app, handler, step[1])
                _date_events(app, submitted + timedelta(days=1))
                continue
            on = cal.add_working_days(submitted, step[1])
            if action == "receive":
                services.confirm_receipt(app, handler, on=on)
            elif action == "correct":
                services.request_correction(app, handler, step[2], on=on)
            elif action == "consult":
                services.start_consultation(app, handler, step[2], on=on)
            elif action == "consult_end":
                services.end_consultation(app, handler, on=on)
            elif action == "reply":
                services.reply(app, handler, step[2], step[3], on=on)
            elif action == "archive":
                services.archive(app, handler, on=on)
            _date_events(app, on)
        if serial == 2:
            builder.log(f"依申请公开演示：申请编号 {app.tracking_number}，查询码 {code}")


def build_messages(builder, handler):
    now = builder.now
    for serial, entry in enumerate(MESSAGES, 1):
        days, name, category, subject, body, outcome, unit, reply, answer_days = entry
        submitted = now - timedelta(days=days, hours=serial)
        message = services.submit_message(
            {
                "name": name,
                "phone": f"1390000{serial:04d}",
                "category": category,
                "subject": subject,
                "body": body,
                "submitted_at": submitted,
            },
            form_token=None,
            site=builder.site,
        )
        message.tracking_number = f"LY{timezone.localtime(submitted):%Y%m%d}{serial:05d}"
        message.save(update_fields=["tracking_number"])
        if outcome == "pending":
            continue
        if outcome == "rejected":
            services.review_message(message, handler, False, "留言内容为商业广告，与政务咨询无关。")
        else:
            services.review_message(message, handler, True)
            if outcome == "assigned":
                services.assign_message(message, handler, handler, unit)
            else:
                services.answer_message(message, handler, reply, unit)
        reviewed = submitted + timedelta(hours=20)
        replied = submitted + timedelta(days=answer_days, hours=3) if reply else None
        Message.objects.filter(pk=message.pk).update(reviewed_at=reviewed, replied_at=replied)


def build_consultations(builder):
    column = builder.column(ColumnKey.INTERACTION_CONSULTATIONS)
    today = timezone.localtime(builder.now).date()
    title, summary, paragraphs, comments, results = CLOSED_DRAFT
    start = today - timedelta(days=95)
    end = start + timedelta(days=30)
    closed = ConsultationPage(
        title=title,
        start_date=start,
        end_date=end,
        is_major_decision=True,
        summary=summary,
        contact="县农业农村局，电话0855-6612160",
        body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
    )
    builder.publish(column, closed, _moment(start, 9))
    for index, (text, valid) in enumerate(comments):
        ConsultationComment.objects.create(
            page=closed,
            name=["韦先生", "陆女士", "欧先生", "某公司"][index],
            body=text,
            status=CommentStatus.APPROVED if valid else CommentStatus.REJECTED,
            submitted_at=_moment(start + timedelta(days=3 + index * 5), 15),
        )
    counts = closed.comment_counts()
    closed.results = results.format(**counts)
    closed.results_published_on = end + timedelta(days=10)
    closed.save_revision(log_action=False)
    from portal.core.history import publish_with_time

    publish_with_time(
        closed, _moment(closed.results_published_on, 16), first_published_at=_moment(start, 9)
    )

    title, summary, paragraphs, comments = OPEN_DRAFT
    start = today - timedelta(days=10)
    page = ConsultationPage(
        title=title,
        start_date=start,
        end_date=start + timedelta(days=34),
        is_major_decision=True,
        summary=summary,
        contact="县住房和城乡建设局，电话0855-6612150",
        body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
    )
    builder.publish(column, page, _moment(start, 9))
    for index, text in enumerate(comments):
        ConsultationComment.objects.create(
            page=page,
            name=["吴女士", "杨先生"][index],
            body=text,
            status=CommentStatus.APPROVED if index == 0 else CommentStatus.PENDING,
            submitted_at=_moment(start + timedelta(days=2 + index * 3), 15),
        )


def build_participation_demo(builder):
    User = get_user_model()
    handler = User.objects.filter(username="disclosure_handler").first()
    build_applications(builder, handler)
    build_messages(builder, User.objects.filter(username="message_handler").first())
    build_consultations(builder)
