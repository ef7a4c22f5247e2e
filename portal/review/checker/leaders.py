"""Leaders' names with their titles (领导职务): the site's table of leaders (``review.Leader``,
edited in the admin under 领导信息) says who holds which posts, in which order, and whether the
site's style adds 同志 after the name. Flagged, next to a known name:

- a title that is not one of the person's (县长李明华 when 李明华 is 县委书记; 县人大主任赵德明
  when he is 县人大常委会主任 — the post's full name);
- the person's titles out of the table's order (县长、县委副书记王建国 → 县委副书记、县长王建国:
  党内职务在前);
- the name without 同志 where the style asks for it (王建国、李明华同志 and 王建国等同志 count).

A title after 原, 时任 or 前 is the one held then, and is not checked. Without a table (no rows)
nothing is flagged; the table-free checks 职务排序 and 职务全称 (patterns.py) still run.
"""

import re
import threading
from dataclasses import dataclass

_cache = {"key": None, "by_site": {}}
_lock = threading.Lock()

# a title as written before or after a name: an optional body (县委, 县人大常委会, 县政协 …)
# and a post (书记, 县长, 主任 …)
_ORG = (
    r"(?:中共)?(?:[县市区州省乡镇]|全国)?"
    r"(?:委(?:组织部|宣传部|统战部|政法委|办)?|人大常委会|人大|政协|人民政府|政府|纪委监委|纪委|监委"
    r"|人民法院|人民检察院|人武部|武装部)?"
)
_POST = (
    r"(?:常务)?(?:副)?(?:书记|县长|市长|区长|州长|省长|乡长|镇长|主任|主席|部长|局长|秘书长"
    r"|检察长|院长|常委|委员|政委)"
)
TITLE = _ORG + _POST
_CHAIN_BEFORE = re.compile(rf"(?:{TITLE}、)*{TITLE}$")
_TITLE_AFTER = re.compile(rf"(?:同志)?({TITLE})")
_SEPARATORS = re.compile(r"[，,、；;\s]+")
_FORMER = ("原", "时任", "前任", "前")


@dataclass(frozen=True)
class Leader:
    name: str
    titles: tuple  # in the order they must be written
    comrade: bool = False  # the site's style adds 同志 after the name

    @property
    def full(self):
        return "、".join(self.titles)


def split_titles(value):
    return tuple(t for t in _SEPARATORS.split(value or "") if t)


def _holds(leader, written):
    """Whether the written title is one of the leader's: the same, or the end of one (县长 for
    县长; 书记 for 县委书记) that does not drop a 副 or 常务 (书记 is not 县委副书记)."""
    for title in leader.titles:
        if title == written:
            return True
        for longer, shorter in ((title, written), (written, title)):
            if longer.endswith(shorter):
                rest = longer[: -len(shorter)]
                if not rest.endswith(("副", "常务")):
                    return True
    return False


def _rank(leader, written):
    for i, title in enumerate(leader.titles):
        if _holds(Leader(leader.name, (title,)), written):
            return i
    return None


def _followed_by_comrade(text, end, names):
    """Whether 同志 follows the name, possibly after more names of a list (王建国、李明华同志)
    or 等."""
    rest = text[end : end + 60]
    while True:
        if rest.startswith(("同志", "等同志")):
            return True
        m = re.match(rf"[、和与及](?:(?:{TITLE}、)*{TITLE})?", rest)
        if not m:
            return False
        after = rest[m.end() :]
        name = next((n for n in names if after.startswith(n)), None)
        if name is None:
            return False
        rest = after[len(name) :]


def check_leaders(text, leaders):
    """(start, end, explanation, suggestion) for each wrong title, order or missing 同志."""
    if not leaders or not text:
        return
    names = sorted({leader.name for leader in leaders}, key=len, reverse=True)
    by_name = {}
    for leader in leaders:
        by_name.setdefault(leader.name, leader)
    for leader in by_name.values():
        name = leader.name
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            yield from _check_one(text, start, end, leader, names)
            start = text.find(name, end)


def _check_one(text, start, end, leader, names):
    name = leader.name
    window = text[max(0, start - 60) : start]
    m = _CHAIN_BEFORE.search(window)
    chain_start = start - (len(window) - m.start()) if m else start
    former = text[max(0, chain_start - 2) : chain_start].endswith(_FORMER)
    written = m[0].split("、") if m else []
    after = _TITLE_AFTER.match(text, end)
    if after and not former:
        written_after = after[1]
        if not _holds(leader, written_after) and not text[after.end() :].startswith(
            ("助理", "办公室", "会议")
        ):
            yield (
                after.start(1),
                after.end(1),
                f"领导职务有误：按本站领导信息表，{name}的职务是“{leader.full}”，"
                f"不是“{written_after}”",
                "",
            )
    if written and not former:
        wrong = [t for t in written if not _holds(leader, t)]
        if wrong:
            yield (
                chain_start,
                end,
                f"领导职务有误：按本站领导信息表，{name}的职务是“{leader.full}”，"
                f"“{'、'.join(wrong)}”不是其职务",
                f"{leader.full}{name}",
            )
        elif len(written) > 1:
            ranks = [_rank(leader, t) for t in written]
            if ranks != sorted(ranks):
                ordered = [t for _r, t in sorted(zip(ranks, written, strict=True))]
                yield (
                    chain_start,
                    end,
                    f"职务排序有误：{name}的职务应按“{leader.full}”的顺序书写"
                    "（同一人党内职务在前、政府职务在后）",
                    f"{'、'.join(ordered)}{name}",
                )
    if leader.comrade and not _followed_by_comrade(text, end, names):
        yield (
            start,
            end,
            f"按本站规范，领导姓名后应加“同志”：{name}同志",
            f"{name}同志",
        )


# --- the table ----------------------------------------------------------------------------------
def leaders_from_rows(rows):
    out = []
    for row in rows:
        titles = split_titles(row.titles)
        if row.name and titles:
            out.append(Leader(row.name.strip(), titles, bool(row.requires_comrade)))
    return out


def current_leaders(site=None):
    """The leaders in office (``review.Leader``, enabled) of ``site`` (default: the default
    site) and those of the whole platform, cached until the table changes."""
    from django.db.models import Count, Max, Q

    from portal.review.models import Leader as LeaderRow

    from .rules import site_id_or_default

    site_id = site_id_or_default(site)
    key = tuple(
        LeaderRow.objects.aggregate(
            n=Count("id"),
            enabled=Count("id", filter=Q(enabled=True)),
            comrade=Count("id", filter=Q(requires_comrade=True)),
            last=Max("updated_at"),
        ).values()
    )
    with _lock:
        if _cache["key"] != key:
            _cache.update(key=key, by_site={})
        leaders = _cache["by_site"].get(site_id)
        if leaders is None:
            rows = (
                LeaderRow.objects.filter(enabled=True)
                .filter(Q(site__isnull=True) | Q(site_id=site_id))
                .order_by("sort_order", "id")
            )
            leaders = _cache["by_site"][site_id] = leaders_from_rows(rows)
    return leaders


def demo_leaders():
    """The demo site's leaders (checker/data/demo_leaders.tsv): seeded by the demo builder and
    used by the evaluation set and the benchmarks (no database)."""
    from types import SimpleNamespace

    from .defaults import rows

    return leaders_from_rows(
        SimpleNamespace(name=name, titles=titles, requires_comrade=comrade == "是")
        for name, titles, comrade in rows("demo_leaders.tsv")
    )
