"""``{% script_nonce %}``: the nonce attribute for an inline script of the admin
(portal/core/csp.py)."""

from django import template

from portal.core.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def script_nonce():
    return nonce_attribute()
