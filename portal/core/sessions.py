"""Admin sessions end after two idle hours (SESSION_COOKIE_AGE), counted from real activity.

``SESSION_SAVE_EVERY_REQUEST`` moves a session's expiry on with every request. The page and
snippet editors ping the server every 10 seconds (Wagtail's editing-sessions endpoint, which
shows who else is editing), so an editor tab left open would otherwise keep its session alive
for ever. Those background requests do not count as activity: their responses do not save the
session, so its expiry stays where the user's last real request put it.

等保 2.0 (GB/T 22239-2019, 8.1.4.1 身份鉴别 c) asks for a login timeout that ends idle sessions.
"""

import re

from django.contrib.sessions.middleware import SessionMiddleware
from django.utils.cache import patch_vary_headers

BACKGROUND_PATHS = re.compile(r"^/admin/editing-sessions/(ping|release)/")


def is_background_request(request):
    return bool(BACKGROUND_PATHS.match(request.path_info))


class ActivitySessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and is_background_request(request) and not session.modified:
            if session.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)
