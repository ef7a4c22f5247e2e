"""The default column tree (DESIGN §3), built by ``bootstrap_portal``.

Each node: title, slug, stable key, what it holds (content kind), its statistics category
and sub-category label, freshness rule, whether the home page shows it, and which unit owns
it ("office" = the county government office, 县政府办). Children inherit the category of
their parent unless they say otherwise. After bootstrap, admins edit the tree in the CMS;
running bootstrap again only adds what is missing (matched by key), never overwrites.
"""

from portal.core.columns import ColumnKey as K

NEWS_14D, NOTICE_6M, NO_RULE = "news", "notice", "none"


def col(
    title,
    slug,
    key="",
    kind="general",
    category=None,
    label="",
    freshness=NO_RULE,
    home=False,
    owner=None,
    children=(),
    menu=False,
    pages=(),
):
    """``home`` is False, or the section's position on the home page (1 = first); ``pages``
    are the standing pages created in the column (see :func:`standing`)."""
    return {
        "title": title,
        "slug": slug,
        "key": key,
        "kind": kind,
        "category": category,
        "label": label,
        "freshness": freshness,
        "home": bool(home),
        "home_order": int(home) if home else 100,
        "owner": owner,
        "children": list(children),
        "menu": menu,
        "pages": list(pages),
    }


def standing(model, title, slug, fields=None, intro="", link_from="", link_text=""):
    """A page bootstrap creates once in a column: ``model`` is "app_label.ModelName" (looked
    up by name, so the tree does not import the page apps); ``{site_name}`` in the title is
    the site's name. ``fields`` are set on the new page and tell it from another page of the
    same type; ``intro`` is its first introduction; ``link_from`` is the key of a column whose (still empty) introduction gets a
    link to it reading ``link_text``."""
    return {
        "model": model,
        "title": title,
        "slug": slug,
        "fields": dict(fields or {}),
        "intro": intro,
        "link_from": link_from,
        "link_text": link_text,
    }


def statutory(title, slug, label=None, freshness=NO_RULE, key=""):
    return col(
        title,
        slug,
        key=key,
        kind="catalogue",
        label=label or title,
        freshness=freshness,
        owner="office",
    )


DEFAULT_TREE = [
    col(
        "走进榕江",
        "zjrj",
        K.OVERVIEW,
        kind="overview",
        category="overview",
        menu=True,
        owner="office",
        pages=[
            standing("government.UnitDirectoryPage", "机构设置", "jgsz"),
            standing("government.LeaderIndexPage", "领导之窗", "ldzc"),
        ],
    ),
    col(
        "新闻动态",
        "xwdt",
        K.NEWS,
        kind="news",
        category="news",
        menu=True,
        children=[
            col(
                "榕江要闻",
                "rjyw",
                K.NEWS_HEADLINES,
                kind="news",
                label="要闻",
                freshness=NEWS_14D,
                home=1,
                owner="office",
            ),
            col(
                "部门动态",
                "bmdt",
                K.NEWS_DEPARTMENTS,
                kind="news",
                label="部门动态",
                freshness=NEWS_14D,
                home=3,
            ),
            col(
                "乡镇动态",
                "xzdt",
                K.NEWS_TOWNSHIPS,
                kind="news",
                label="乡镇动态",
                freshness=NEWS_14D,
                home=4,
            ),
            col(
                "通知公告",
                "tzgg",
                K.NEWS_NOTICES,
                kind="news",
                label="通知公告",
                freshness=NOTICE_6M,
                home=2,
                owner="office",
            ),
        ],
    ),
    col(
        "政府信息公开",
        "zfxxgk",
        K.DISCLOSURE,
        kind="catalogue",
        category="catalogue",
        menu=True,
        home=5,
        children=[
            col(
                "政府信息公开指南",
                "xxgkzn",
                K.DISCLOSURE_GUIDE,
                kind="catalogue",
                label="公开指南",
                owner="office",
                # 条例第十二条: the guide's content is built from the office's record (guide.py)
                pages=[
                    standing(
                        "disclosure_catalog.DisclosureGuidePage", "{site_name}信息公开指南", "zn"
                    )
                ],
            ),
            col(
                "政府信息公开制度",
                "xxgkzd",
                K.DISCLOSURE_RULES,
                kind="catalogue",
                label="公开制度",
                owner="office",
            ),
            col(
                "政府信息公开年报",
                "xxgknb",
                K.DISCLOSURE_ANNUAL_REPORTS,
                kind="catalogue",
                label="年报",
                owner="office",
            ),
            col(
                "法定主动公开内容",
                "fdzdgknr",
                K.DISCLOSURE_STATUTORY,
                kind="catalogue",
                owner="office",
                children=[
                    statutory("政策文件", "zcwj", freshness=NOTICE_6M, key=K.DISCLOSURE_POLICY)
                    | {
                        "children": [
                            statutory(
                                "规范性文件",
                                "gfxwj",
                                label="政策文件",
                                freshness=NOTICE_6M,
                                key=K.DISCLOSURE_POLICY_NORMATIVE,
                            ),
                            statutory(
                                "其他文件",
                                "qtwj",
                                label="政策文件",
                                freshness=NOTICE_6M,
                                key=K.DISCLOSURE_POLICY_OTHER,
                            ),
                        ]
                    },
                    statutory(
                        "政策解读", "zcjd", freshness=NOTICE_6M, key=K.DISCLOSURE_INTERPRETATION
                    ),
                    statutory("规划计划", "ghjh"),
                    statutory("财政信息", "czxx"),
                    statutory("重大项目", "zdxm"),
                    statutory("政府采购", "zfcg"),
                    statutory("人事信息", "rsxx"),
                    statutory("应急管理", "yjgl"),
                    statutory("监督检查", "jdjc"),
                    statutory("环境保护", "hjbh"),
                    statutory("公共服务", "ggfw"),
                    statutory("提案建议", "tajy"),
                    statutory("征地信息", "zdxx"),
                    statutory("权责清单", "qzqd"),
                    statutory("重点领域公开", "zdlygk"),
                ],
            ),
            col(
                "部门信息公开目录",
                "bmxxgkml",
                K.DISCLOSURE_DEPARTMENTS,
                kind="catalogue",
                label="部门信息公开目录",
            ),
            col(
                "乡镇信息公开目录",
                "xzxxgkml",
                K.DISCLOSURE_TOWNSHIPS,
                kind="catalogue",
                label="乡镇信息公开目录",
            ),
            col(
                "依申请公开",
                "ysqgk",
                K.DISCLOSURE_ON_REQUEST,
                kind="general",
                label="依申请公开",
                owner="office",
            ),
        ],
    ),
    col(
        "专题专栏",
        "ztzl",
        K.TOPICS,
        kind="topics",
        category="topic",
        menu=True,
        home=6,
        owner="office",
    ),
    col(
        "互动交流",
        "hdjl",
        K.INTERACTION,
        kind="general",
        category="other",
        menu=True,
        owner="office",
        children=[
            col("留言咨询", "lyzx", K.INTERACTION_MESSAGES, kind="general", owner="office"),
            col("意见征集", "yjzj", K.INTERACTION_CONSULTATIONS, kind="general", owner="office"),
            col("在线访谈", "zxft", K.INTERACTION_INTERVIEWS, kind="news", owner="office"),
        ],
    ),
    col(
        "办事服务",
        "bsfw",
        K.SERVICES,
        kind="general",
        category="other",
        menu=True,
        owner="office",
        pages=[standing("government.ServiceIndexPage", "办事指南", "bszn")],
    ),
]


#: standing pages below the home page itself: the 信息公开目录 (条例第十二条: 索引、名称、
#: 内容概述、生成日期) and the 行政规范性文件库, each linked from its column's introduction
HOME_PAGES = [
    standing(
        "disclosure_catalog.CatalogIndexPage",
        "政府信息公开目录",
        "xxgkml",
        fields={"normative_only": False},
        link_from=K.DISCLOSURE,
        link_text="按主题分类、体裁、发布机构和年份检索政府信息公开目录",
    ),
    standing(
        "disclosure_catalog.CatalogIndexPage",
        "行政规范性文件库",
        "gfxwjk",
        fields={"normative_only": True},
        intro="<p>本库收录本县制发的行政规范性文件，标注有效、失效或废止。</p>",
        link_from=K.DISCLOSURE_POLICY_NORMATIVE,
        link_text="查看行政规范性文件库（含有效性）",
    ),
]
