"""The English catalogue of the public interface words (locale/en, portal/core/ui_text.py):
every word the public templates put through {% ui %} has an English translation, and the
committed .mo says what the .po says (a new machine needs no gettext)."""

import re

import polib
from django.template import Context, Template
from django.utils import translation

from portal.core.ui_text import translate
from tests.requirements import BASE_DIR

CATALOGUE = BASE_DIR / "locale" / "en" / "LC_MESSAGES"
UI_LITERAL = re.compile(r'\{%\s*ui\s+"([^"]+)"')
#: words that are the same in both languages
SAME = {"中文"}


def template_words():
    words = {}
    for path in (BASE_DIR / "templates").rglob("*.html"):
        for word in UI_LITERAL.findall(path.read_text(encoding="utf-8")):
            words.setdefault(word, path.relative_to(BASE_DIR))
    return words


def test_every_interface_word_of_the_templates_has_english():
    words = template_words()
    assert len(words) > 80
    catalogue = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE / "django.po"))}
    missing = {w: str(p) for w, p in words.items() if w not in SAME and not catalogue.get(w)}
    assert not missing, missing
    # placeholders survive translation
    for word in words:
        if word in catalogue:
            assert set(re.findall(r"\{\w+\}", word)) == set(
                re.findall(r"\{\w+\}", catalogue[word])
            ), word


def test_the_committed_mo_matches_the_po():
    po = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE / "django.po")) if e.msgstr}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(CATALOGUE / "django.mo")) if e.msgid}
    assert po == mo, "run: manage.py compilemessages -l en --ignore .venv"


def test_ui_speaks_the_active_language_and_fills_placeholders():
    template = Template(
        '{% load portal_tags %}{% ui "首页" %}|{% ui "第 {number} 页 / 共 {pages} 页（{count} 条）" '
        'number=2 pages=5 count=93 %}|{% ui "更多{title}" title="办事服务" %}'
    )
    with translation.override("en"):
        assert template.render(Context()) == "Home|Page 2 of 5 (93 items)|More from Services"
    with translation.override("zh-hans"):
        assert template.render(Context()) == "首页|第 2 页 / 共 5 页（93 条）|更多办事服务"
    assert translate("附件", "en") == "Attachment" and translate("附件", "zh-hans") == "附件"
    assert translate("", "en") == ""  # never gettext's catalogue header
