"""Content-Security-Policy (django-csp 4): no inline script anywhere, public site or admin.

The public site runs with ``script-src 'self'`` (settings ``CONTENT_SECURITY_POLICY``).
Wagtail 7.4's admin writes a few inline scripts (date and time pickers, choosers, inline
panels: ``BaseChooser.render`` emits ``<script>new ImageChooser(…)</script>``, and the
scripts of a form added to an inline panel are evaluated by jQuery, which keeps a script's
nonce). Under ``/admin/`` the policy adds the request's nonce (``PORTAL_ADMIN_CSP_UPDATE``)
and exactly those scripts carry it: the templates that write them are overridden in
templates/wagtailadmin/ and templates/wagtail_localize/ (``{% script_nonce %}``), and
``BaseChooser.render`` is wrapped by ``install()``. A script that arrives any other way
(stored text, a forged parameter) has no nonce and does not run.
"""

from contextvars import ContextVar
from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

ADMIN_PREFIX = "/admin/"

# the nonce of the request being answered (a lazy object: reading it puts it in the header)
_request_nonce = ContextVar("portal_csp_nonce", default=None)


def nonce_attribute():
    """`` nonce="…"`` for an inline script written for the current request (or nothing)."""
    nonce = _request_nonce.get()
    if nonce is None:
        return ""
    return format_html(' nonce="{}"', str(nonce))


class PortalCSPMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        # only the admin's own inline scripts may use it
        _request_nonce.set(
            request.csp_nonce if request.path_info.startswith(ADMIN_PREFIX) else None
        )

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        finally:
            _request_nonce.set(None)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not request.path_info.startswith(ADMIN_PREFIX):
            return parts
        update = dict(parts.update or {})
        for directive, values in settings.PORTAL_ADMIN_CSP_UPDATE.items():
            update[directive] = [*update.get(directive, []), *values]
        return replace(parts, update=update)


def install():
    """Give the inline script of Wagtail's choosers the request's nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "portal_nonce", False):
        return
    original = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        out = str(original(self, name, value, attrs=attrs, renderer=renderer))
        # Wagtail writes f"{widget_html}<script>{js}</script>": the last <script> is its own
        head, sep, tail = out.rpartition("<script>")
        if not sep:
            return mark_safe(out)
        return mark_safe(f"{head}<script{nonce_attribute()}>{tail}")

    render.portal_nonce = True
    BaseChooser.render = render
