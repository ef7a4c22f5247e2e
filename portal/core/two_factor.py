"""Second factor for the admin: TOTP (django-otp), required for administrators.

等保 2.0 (GB/T 22239-2019, 8.1.4.1 身份鉴别 d, third level) asks for two or more
authentication techniques, one of them cryptographic, for administrators.

- Required (``requires_second_factor``) for superusers and for users who may manage users or
  groups (decided by permission, never by group name); optional for everyone else, but once a
  user has enrolled an authenticator app their logins always ask for it.
- A user who must have one and has none is sent to the enrolment page (QR code made on the
  server with segno, no outside host); a user with one enters a six-digit code after login.
- ``PORTAL_REQUIRE_2FA`` (on by default) switches the requirement off for the test suite only.
- Lost phone: an administrator runs ``manage.py reset_2fa USERNAME``; the user enrols again.
"""

import base64

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN_PREFIX = "/admin/"
EXEMPT_PREFIXES = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/2fa/",
    "/admin/jsi18n/",
)
WRONG_CODE = "验证码不正确或已过期，请输入身份验证器上当前显示的 6 位数字。"
THROTTLED = "验证码错误次数过多，请稍后再试。"
#: who may manage users, groups, or people's roles in units (人员与角色, portal/units/roles.py)
MANAGE_PERMISSIONS = (
    "auth.add_user",
    "auth.change_user",
    "auth.change_group",
    "units.assign_roles",
)


def requires_second_factor(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(user.has_perm(p) for p in MANAGE_PERMISSIONS)


def enforced():
    return getattr(settings, "PORTAL_REQUIRE_2FA", True)


class TwoFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: an admin request by a user who needs a
    second factor and has not given one goes to enrolment or to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self.redirect_for(request)
        return redirect(target) if target else self.get_response(request)

    def redirect_for(self, request):
        path_info = request.path_info
        if not path_info.startswith(ADMIN_PREFIX) or path_info.startswith(EXEMPT_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        has_device = user_has_device(user, confirmed=True)
        if not has_device and not (enforced() and requires_second_factor(user)):
            return None
        name = "portal_2fa_verify" if has_device else "portal_2fa_setup"
        return reverse(name) + "?" + urlencode({"next": request.get_full_path()})


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _secret(device):
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def _token(request):
    return "".join(ch for ch in request.POST.get("token", "") if ch.isdigit())


@never_cache
@login_required
@sensitive_post_parameters("token")
def setup(request):
    """Enrol an authenticator app: scan the QR code, then confirm with one code."""
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect(
            reverse("portal_2fa_verify") + "?" + urlencode({"next": _next_url(request)})
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)
    error = ""
    if request.method == "POST":
        if not device.verify_is_allowed()[0]:
            error = THROTTLED
        elif device.verify_token(_token(request)):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            error = WRONG_CODE
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "core/two_factor_setup.html",
        {
            "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff"),
            "secret": _secret(device),
            "error": error,
            "next": _next_url(request),
            "required": enforced() and requires_second_factor(user),
        },
    )


@never_cache
@login_required
@sensitive_post_parameters("token")
def verify(request):
    """After the password: the six-digit code of the enrolled authenticator app."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return redirect(reverse("portal_2fa_setup") + "?" + urlencode({"next": _next_url(request)}))
    error = ""
    if request.method == "POST":
        token = _token(request)
        allowed = [device for device in devices if device.verify_is_allowed()[0]]
        for device in allowed:
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next_url(request))
        error = WRONG_CODE if allowed else THROTTLED
    return render(
        request, "core/two_factor_verify.html", {"error": error, "next": _next_url(request)}
    )


urlpatterns = [
    path("setup/", setup, name="portal_2fa_setup"),
    path("verify/", verify, name="portal_2fa_verify"),
]
