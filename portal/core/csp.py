"""Content-Security-Policy (django-csp 4): strict everywhere, one allowance for the admin.

The public site runs with ``script-src 'self'``: no inline script, no eval (settings
``CONTENT_SECURITY_POLICY``). Wagtail 7.4's admin still writes inline scripts for some
widgets (date and time pickers, choosers, inline panels: ``BaseChooser.render`` emits
``<script>new ImageChooser(…)</script>``, and jQuery evaluates the scripts of inserted
forms); their text varies with field ids, so hashes cannot list them. Under ``/admin/``
the policy therefore adds ``PORTAL_ADMIN_CSP_UPDATE`` (``'unsafe-inline'`` for scripts);
every other directive stays as strict as on the public site (no outside host, no eval,
no plugins, no framing by other sites).
"""

from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not request.path_info.startswith(ADMIN_PREFIX):
            return parts
        update = dict(parts.update or {})
        for directive, values in settings.PORTAL_ADMIN_CSP_UPDATE.items():
            update[directive] = [*update.get(directive, []), *values]
        return replace(parts, update=update)
