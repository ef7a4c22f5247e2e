"""Protection of the public forms: one-time form tokens, a honeypot and per-IP rate limits.

- CSRF: every form is a POST form with ``{% csrf_token %}`` under Django's CsrfViewMiddleware.
- Replay: each rendered form carries a signed one-time token; its nonce is stored (unique) with
  the record it created, so the same submission cannot be stored twice.
- Honeypot: a field hidden from people; bots that fill it get an error and nothing is stored.
- Rate limit: a cache counter per client IP and form; past the limit the answer is HTTP 429.
"""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.shortcuts import render

TOKEN_SALT = "portal.participation.form"
TOKEN_MAX_AGE = 24 * 3600

DEFAULT_RATE_LIMITS = {
    # scope: (submissions, per seconds)
    "apply": (10, 3600),
    "correct": (10, 3600),
    "message": (10, 3600),
    "comment": (10, 3600),
    "lookup": (30, 600),
}


def new_form_token(form_name):
    return signing.dumps(
        {"n": secrets.token_hex(16), "f": form_name}, salt=TOKEN_SALT, compress=False
    )


def read_form_token(token, form_name):
    """The token's nonce, or raise ``forms.ValidationError`` in Chinese."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise forms.ValidationError(
            "页面已过期，请核对已填写的内容后再次提交。", code="expired"
        ) from None
    except signing.BadSignature:
        raise forms.ValidationError(
            "表单校验信息无效，请核对已填写的内容后再次提交。", code="bad_token"
        ) from None
    if not isinstance(data, dict) or data.get("f") != form_name or not data.get("n"):
        raise forms.ValidationError(
            "表单校验信息无效，请核对已填写的内容后再次提交。", code="bad_token"
        )
    return data["n"]


class ProtectedForm(forms.Form):
    """Mixin for public forms: form token + honeypot. Subclasses set ``form_name`` and
    ``token_model`` (a model with a unique ``form_token`` field)."""

    form_name = ""
    token_model = None

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # named like a real field so that bots fill it; hidden from people by CSS and aria
    website = forms.CharField(
        label="网址（请勿填写）",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = new_form_token(self.form_name)
        self.nonce = None
        self.token_error = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError("提交未通过校验，请刷新页面后重试。", code="honeypot")
        try:
            self.nonce = read_form_token(cleaned.get("form_token"), self.form_name)
        except forms.ValidationError as error:
            self.token_error = error.code
            raise
        if (
            self.token_model is not None
            and self.token_model.objects.filter(form_token=self.nonce).exists()
        ):
            self.token_error = "replay"
            raise forms.ValidationError(
                "该表单已经提交过，请勿重复提交。如需查询办理情况，请使用提交成功后获得的编号。",
                code="replay",
            )
        return cleaned

    def refresh_token(self):
        """After an error (other than a replay), give the re-rendered form a fresh token."""
        if self.token_error == "replay":
            return
        data = self.data.copy()
        data["form_token"] = new_form_token(self.form_name)
        self.data = data


def client_ip(request):
    if getattr(settings, "PARTICIPATION_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def count_and_check(key, limit, window):
    """Count one event under ``key``; True when more than ``limit`` happened in the current
    fixed window of ``window`` seconds.

    The counter's expiry is set from the window's end after every count: Django's file and
    memory caches implement ``incr`` as get + set with the default timeout, which would give
    the counter a fresh five minutes on each hit (limits reset after five idle minutes, and
    a 15-minute window would never end under steady traffic).
    """
    now = time.time()
    bucket = int(now // window)
    expires = int((bucket + 1) * window - now) + 5
    key = f"{key}:{bucket}"
    cache.add(key, 0, timeout=expires)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=expires)
        count = 1
    cache.touch(key, expires)
    return count > limit


def rate_limit_exceeded(request, scope):
    """Count one submission from this IP; True when it is past the limit."""
    limits = {**DEFAULT_RATE_LIMITS, **getattr(settings, "PARTICIPATION_RATE_LIMITS", {})}
    limit, window = limits[scope]
    return count_and_check(f"participation:rl:{scope}:{client_ip(request)}", limit, window)


def too_many_requests(request, window=3600):
    response = render(request, "participation/rate_limited.html", status=429)
    response["Retry-After"] = str(window)
    return response
