"""The county's 2019 figures (DESIGN §1) as a plan of publication events, with noise.

``build_plan(figures)`` returns a list of ``Op`` (one page each: its role — which column it
goes to — and its events in time order). Two executors replay it: through the historical
import API (full scale, fast) and through real pages published by Wagtail (a scaled copy).
The noise must not count in 2019: items of 2018 and 2020, items withdrawn again within 2019,
overview updates of other years, topics closed before 2019 or opened after it; and items of
2019 deleted in 2020 or republished in 2019 must count once.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

FULL = {
    "headlines": 807,
    "departments": 2676,
    "townships": 1775,
    "finance": 104,
    "proposals": 113,
    "catalogue": 2900,
    "other": 749,
    "overview_events": 75,
    "topics_opened": 5,
    "topics_maintained": 23,
}


def scaled(factor):
    f = {k: max(2, round(v / factor)) for k, v in FULL.items()}
    f["catalogue"] = max(f["catalogue"], f["finance"] + f["proposals"] + 2)
    f["topics_maintained"] = max(f["topics_maintained"], f["topics_opened"] + 2)
    f["overview_events"] = max(f["overview_events"], 6)
    return f


def expected(figures):
    news = figures["headlines"] + figures["departments"] + figures["townships"]
    return {
        "total": figures["overview_events"] + news + figures["catalogue"] + figures["other"],
        "overview_updates": figures["overview_events"],
        "news": news,
        "catalogue": figures["catalogue"],
        "other": figures["other"],
    }


@dataclass
class Op:
    role: str
    events: list = field(default_factory=list)  # [(event, aware datetime)]
    slot: int = 0  # which column of the role (cycled)


def local(*args):
    return timezone.make_aware(datetime(*args))


def build_plan(figures, seed=2019):
    rnd = random.Random(seed)

    def moment(year, month_from=1, month_to=12):
        month = rnd.randint(month_from, month_to)
        day = rnd.randint(1, 28)
        return local(year, month, day, rnd.randint(0, 23), rnd.randint(0, 59))

    ops = []

    def items(role, count, slots):
        for i in range(count):
            when = moment(2019)
            op = Op(role, [("publish", when)], slot=i % slots)
            shape = i % 37
            if shape == 5:  # republished later in 2019: still one item
                later = when + timedelta(days=rnd.randint(1, 30))
                if later.year != 2019:
                    later = when + timedelta(minutes=1)
                op.events.append(("publish", later))
            elif shape == 11:  # deleted in 2020: it was published in 2019
                op.events.append(("delete", moment(2020)))
            elif shape == 17:  # withdrawn in 2020 and restored: still counts in 2019
                op.events += [("unpublish", moment(2020, 1, 6)), ("publish", moment(2020, 7))]
            ops.append(op)
        noise = max(2, count // 20)
        for i in range(noise):
            ops.append(Op(role, [("publish", moment(2018))], slot=i % slots))
            ops.append(Op(role, [("publish", moment(2020))], slot=i % slots))
            # published in 2019 and withdrawn (or deleted) within 2019: not counted
            first = moment(2019, 1, 6)
            removal = "unpublish" if i % 2 else "delete"
            ops.append(
                Op(role, [("publish", first), (removal, moment(2019, 7, 12))], slot=i % slots)
            )
        # the very edges of the year, in the site's time zone
        ops.append(Op(role, [("publish", local(2018, 12, 31, 23, 59))], slot=0))
        ops.append(Op(role, [("publish", local(2020, 1, 1, 0, 1))], slot=0))

    items("headlines", figures["headlines"], 1)
    items("departments", figures["departments"], 6)
    items("townships", figures["townships"], 5)
    items("finance", figures["finance"], 1)
    items("proposals", figures["proposals"], 1)
    items("catalogue", figures["catalogue"] - figures["finance"] - figures["proposals"], 4)
    items("other", figures["other"], 1)

    # 概况类: a handful of pages; two are new in 2019, the others were published in 2018
    events_2019 = figures["overview_events"]
    pages = [Op("overview", [("publish", moment(2018))]) for _ in range(3)]
    pages += [Op("overview", [("publish", moment(2019, 1, 2))]) for _ in range(2)]
    republications = events_2019 - 2
    for i in range(republications):
        pages[i % len(pages)].events.append(("publish", None))
    for op in pages:
        # spread the republications over the rest of 2019, in order
        start = op.events[0][1]
        n = sum(1 for e, t in op.events if t is None)
        begin = max(start, local(2019, 1, 1)) if start.year == 2019 else local(2019, 1, 1)
        times = sorted(
            moment(2019, max(begin.month + 1, 3) if start.year == 2019 else 1, 12) for _ in range(n)
        )
        op.events = [op.events[0]] + [("publish", t) for t in times]
        op.events.append(("publish", moment(2020)))  # a 2020 update: noise for 2019
    pages[0].events.insert(1, ("publish", local(2018, 12, 30, 10)))  # a 2018 update: noise
    ops += pages

    # 专题专栏
    earlier = figures["topics_maintained"] - figures["topics_opened"]
    for i in range(earlier):
        op = Op("topic", [("publish", moment(2016 + i % 3))])
        if i % 6 == 1:
            op.events.append(("unpublish", moment(2019, 4, 9)))  # closed during 2019
        ops.append(op)
    for _ in range(figures["topics_opened"]):
        ops.append(Op("topic", [("publish", moment(2019))]))
    closed = Op("topic", [("publish", moment(2016)), ("unpublish", moment(2018))])
    ops.append(closed)  # not maintained in 2019
    ops.append(Op("topic", [("publish", moment(2020))]))  # opened after 2019
    return ops
