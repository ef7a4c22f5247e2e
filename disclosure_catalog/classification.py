"""The national classification lists (国务院公文主题分类, 文种, 有效性, 公开属性).

One source: ``data/classification.json`` (copied from the national list). Loaded once.
"""

import json
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "classification.json"


@cache
def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def topic_choices():
    """Two-level 主题分类 as grouped choices: value "一级/二级"."""
    return [
        (first, [(f"{first}/{second}", second) for second in seconds])
        for first, seconds in _data()["categories"].items()
    ]


def topic_values():
    return {value for _, group in topic_choices() for value, _ in group}


def genre_choices():
    genres = _data()["document_types_公文文种"] + _data()["extra_genres_often_used"]
    return [(g, g) for g in genres]


def validity_choices():
    return [(v, v) for v in _data()["validity_有效性"]]


def disclosure_attribute_choices():
    return [(v, v) for v in _data()["disclosure_attribute_公开属性"]]
