from django import template

from portal.participation.workdays import PROVISIONAL_NOTE

register = template.Library()


@register.inclusion_tag("participation/includes/provisional.html")
def provisional_note():
    """The mark beside a deadline counted through a year without the State Council's notice."""
    return {"note": PROVISIONAL_NOTE}
