"""Demo accounts created by ``bootstrap_portal --demo`` — DEVELOPMENT ONLY.

``make run`` prints them and the README lists them. Never run ``--demo`` on a production
site: these passwords are public.
"""

from portal.core.roles import FINAL_REVIEWERS, SECRECY_REVIEWERS, SITE_ADMINS

#: (username, password, role label, unit slug or None, group names or "unit-editors" /
#: "unit-reviewers" for the unit's own groups, is_superuser)
DEMO_ACCOUNTS = [
    (
        "dept_editor",
        "Demo-dept-editor-2026",
        "部门编辑（县财政局）",
        "czj",
        ["unit-editors"],
        False,
    ),
    ("town_editor", "Demo-town-editor-2026", "乡镇编辑（古州镇）", "gzz", ["unit-editors"], False),
    (
        "unit_reviewer",
        "Demo-unit-reviewer-2026",
        "本单位审核（县财政局）",
        "czj",
        ["unit-reviewers"],
        False,
    ),
    ("secrecy_reviewer", "Demo-secrecy-2026", "保密审查", None, [SECRECY_REVIEWERS], False),
    (
        "final_reviewer",
        "Demo-final-2026",
        "终审（县政府办信息中心）",
        None,
        [FINAL_REVIEWERS],
        False,
    ),
    (
        "disclosure_handler",
        "Demo-disclosure-2026",
        "依申请公开办理",
        None,
        ["依申请公开办理"],
        False,
    ),
    ("message_handler", "Demo-message-2026", "留言办理", None, ["留言办理"], False),
    ("admin", "Demo-admin-2026", "站点管理员（超级用户）", None, [SITE_ADMINS], True),
]


def account(username):
    for entry in DEMO_ACCOUNTS:
        if entry[0] == username:
            return {"username": entry[0], "password": entry[1], "role": entry[2]}
    raise KeyError(username)
