"""Interface words of the public templates in the second language (DESIGN §11).

Chinese is the source: the templates write ``{% ui "首页" %}`` (portal_tags.ui) and Python
code ``translate("附件", language)``. On English pages the words come from the gettext
catalogue ``locale/en/LC_MESSAGES/django.po`` (msgid the Chinese text); the compiled
``.mo`` is committed, as the zh_Hans one is, so a new machine needs no gettext. A word the
catalogue lacks stays Chinese (tests/english/test_catalogue.py finds those).
"""

from django.utils import translation


def translate(text, language_code):
    """``text`` (Chinese) in ``language_code``: Chinese itself, else the catalogue's."""
    if not text or not language_code or not language_code.startswith("en"):
        return text
    if translation.get_language() == language_code:
        return translation.gettext(text)
    with translation.override(language_code):
        return translation.gettext(text)
