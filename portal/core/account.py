"""Admin account views that replace Wagtail's at the same addresses (portal/urls.py)."""

import hashlib
import logging

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from wagtail.admin.views import account

from portal.participation.protection import client_ip, count_and_check

logger = logging.getLogger("portal.auth")

# password-reset requests: per client address, and per e-mail address (mail bombing)
RESET_LIMIT_PER_IP = (5, 3600)
RESET_LIMIT_PER_ADDRESS = (3, 3600)


class PostOnlyLogoutView(account.LogoutView):
    """Wagtail's logout deletes the session cookie even when Django refuses a GET, so a link
    or an image on any page could log an administrator out; here only a POST (with its CSRF
    token) logs out."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"], "请使用页面上的“退出登录”按钮退出。")
        return super().dispatch(request, *args, **kwargs)


class ThrottledPasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, throttled: too many requests from one address get a
    Chinese error (HTTP 429); too many for one e-mail address send nothing more (the page
    says the same as always, so it does not tell whether the address exists)."""

    def form_valid(self, form):
        limit, window = RESET_LIMIT_PER_IP
        if count_and_check(f"password-reset:ip:{client_ip(self.request)}", limit, window):
            logger.warning("password reset throttled for an address")
            form.add_error(None, "请求过于频繁，请一小时后再试。")
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(window)
            return response
        email = form.cleaned_data["email"].strip().lower()
        digest = hashlib.sha256(email.encode()).hexdigest()[:32]
        limit, window = RESET_LIMIT_PER_ADDRESS
        if count_and_check(f"password-reset:email:{digest}", limit, window):
            logger.warning("password reset throttled for an e-mail address")
            return redirect(self.get_success_url())
        return super().form_valid(form)
