"""Reply types of 依申请公开 and their rows in 表三 of the annual report.

Facts copied from the shared reference (disclosure_report_tables.json, "reply_type_to_table3_row"
and "table_3_requests"; 国办公开办函〔2021〕30号 and 〔2019〕60号). Nothing reads the reference
at run time.
"""

# --- applicant columns of 表三 -------------------------------------------------------------
NATURAL = "natural"
APPLICANT_COLUMNS = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("welfare", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
)
TOTAL_LABEL = "总计"

# --- table rows (2021 layout) --------------------------------------------------------------
ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS_HEADING = "三、本年度办理结果"
ROW_TOTAL = "（七）总计"
ROW_CARRIED_OUT = "四、结转下年度继续办理"

#: result rows keyed by a stable code, in table order (2021 layout, 国办公开办函〔2021〕30号)
RESULT_ROWS_2021 = (
    ("1", "（一）予以公开"),
    ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("3.1", "（三）不予公开 1.属于国家秘密"),
    ("3.2", "（三）不予公开 2.其他法律行政法规禁止公开"),
    ("3.3", "（三）不予公开 3.危及“三安全一稳定”"),
    ("3.4", "（三）不予公开 4.保护第三方合法权益"),
    ("3.5", "（三）不予公开 5.属于三类内部事务信息"),
    ("3.6", "（三）不予公开 6.属于四类过程性信息"),
    ("3.7", "（三）不予公开 7.属于行政执法案卷"),
    ("3.8", "（三）不予公开 8.属于行政查询事项"),
    ("4.1", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("4.2", "（四）无法提供 2.没有现成信息需要另行制作"),
    ("4.3", "（四）无法提供 3.补正后申请内容仍不明确"),
    ("5.1", "（五）不予处理 1.信访举报投诉类申请"),
    ("5.2", "（五）不予处理 2.重复申请"),
    ("5.3", "（五）不予处理 3.要求提供公开出版物"),
    ("5.4", "（五）不予处理 4.无正当理由大量反复申请"),
    ("5.5", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息"),
    ("6.1", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (
        "6.2",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("6.3", "（六）其他处理 3.其他"),
)

#: the 2019 layout (国办公开办函〔2019〕60号): （六）其他处理 is a single row
RESULT_ROWS_2019 = tuple(r for r in RESULT_ROWS_2021 if not r[0].startswith("6.")) + (
    ("6", "（六）其他处理"),
)

# --- reply types -----------------------------------------------------------------------------
#: (code, label shown to handlers and applicants, 表三 row code).  Grouped by the seven reply
#: types of 条例第三十六条 plus the other statutory ways an application ends.
REPLY_GROUPS = (
    ("第三十六条第（一）项 已主动公开", (("published", "已主动公开，告知获取方式和途径", "1"),)),
    (
        "第三十六条第（二）项 予以公开",
        (
            ("disclosed", "予以公开", "1"),
            ("partial", "部分公开（区分处理，第三十七条）", "2"),
        ),
    ),
    (
        "第三十六条第（三）项 不予公开",
        (
            ("withheld_secret", "不予公开：属于国家秘密（第十四条）", "3.1"),
            ("withheld_law", "不予公开：其他法律、行政法规禁止公开（第十四条）", "3.2"),
            (
                "withheld_safety",
                "不予公开：危及国家安全、公共安全、经济安全、社会稳定（第十四条）",
                "3.3",
            ),
            ("withheld_third_party", "不予公开：保护第三方合法权益（第十五条）", "3.4"),
            ("withheld_internal", "不予公开：属于内部事务信息（第十六条第一款）", "3.5"),
            ("withheld_process", "不予公开：属于过程性信息（第十六条第二款）", "3.6"),
            ("withheld_enforcement", "不予公开：属于行政执法案卷信息（第十六条第二款）", "3.7"),
        ),
    ),
    (
        "第三十六条第（四）项 信息不存在",
        (("not_exist", "经检索没有所申请公开的信息，告知不存在", "4.1"),),
    ),
    (
        "第三十六条第（五）项 非本机关负责公开",
        (("not_responsible", "不属于本机关负责公开，告知并说明理由", "4.1"),),
    ),
    (
        "第三十六条第（六）项 重复申请",
        (("repeated", "已就同一信息作出答复又重复申请，不予重复处理", "5.2"),),
    ),
    (
        "第三十六条第（七）项 按专门规定办理",
        (("special_rules", "工商、不动产登记资料等有专门规定的，按规定办理", "3.8"),),
    ),
    (
        "其他情形",
        (
            ("needs_processing", "需要另行制作、加工、分析（第三十八条）", "4.2"),
            ("unclear_after_correction", "补正后申请内容仍不明确（第三十条）", "4.3"),
            ("petition", "信访、举报、投诉类申请（第三十九条）", "5.1"),
            ("publication", "要求提供公开出版物（第三十九条第二款）", "5.3"),
            ("excessive", "无正当理由大量、反复申请（第三十五条）", "5.4"),
            ("confirm_reissue", "要求行政机关确认或重新出具已获取信息", "5.5"),
            ("no_correction", "申请人无正当理由逾期不补正，不再处理（第三十条）", "6.1"),
            ("unpaid_fee", "逾期未缴纳信息处理费，不再处理（第四十二条）", "6.2"),
            ("other", "其他处理", "6.3"),
        ),
    ),
)

REPLY_TYPE_CHOICES = [
    (group, [(code, label) for code, label, _row in items]) for group, items in REPLY_GROUPS
]
REPLY_TYPE_LABELS = {code: label for _g, items in REPLY_GROUPS for code, label, _r in items}
REPLY_TYPE_ROW = {code: row for _g, items in REPLY_GROUPS for code, _l, row in items}


def table3_row(reply_type, layout="2021"):
    row = REPLY_TYPE_ROW[reply_type]
    if layout == "2019" and row.startswith("6."):
        return "6"
    return row
