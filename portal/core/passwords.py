"""Password rules (AUTH_PASSWORD_VALIDATORS), with messages in Chinese whatever the language.

等保 2.0 (GB/T 22239-2019, 8.1.4.1 身份鉴别) asks for passwords of sufficient complexity that
are changed regularly: here at least 10 characters, at least three of four character classes,
not only spaces, and not built from the site's own names (榕江县人民政府123, rongjiang1).
"""

import re

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError

CLASSES = (
    ("大写字母", re.compile(r"[A-Z]")),
    ("小写字母", re.compile(r"[a-z]")),
    ("数字", re.compile(r"[0-9]")),
    ("符号", re.compile(r"[^A-Za-z0-9\s]")),
)


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def validate(self, password, user=None):
        if not password.strip():
            raise ValidationError("密码不能全部是空格。", code="password_blank")
        super().validate(password, user)

    def get_error_message(self):
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少 {self.min_length} 个字符。"


class CharacterClassesValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols
    (a Chinese character counts as a symbol)."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = sum(1 for _label, pattern in CLASSES if pattern.search(password))
        if present < self.min_classes:
            raise ValidationError(
                f"密码需要包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"密码需要包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。"


def _site_names():
    """The site's and the units' names, and the parts of the site's host names
    (``rongjiang`` from ``www.rongjiang.gov.cn``), lower-cased."""
    from django.conf import settings
    from wagtail.models import Site

    from portal.core.models import SiteIdentity
    from portal.units.models import Unit

    names = {getattr(settings, "WAGTAIL_SITE_NAME", "")}
    generic = {"www", "gov", "com", "cn", "org", "net", "localhost", "testserver"}
    for site in Site.objects.all():
        names.add(site.site_name)
        names.update(p for p in site.hostname.split(".") if p not in generic and not p.isdigit())
        identity = SiteIdentity.for_site(site)
        names.update([identity.site_name, identity.sponsor, identity.organizer])
    for name, short_name in Unit.objects.values_list("name", "short_name"):
        names.update([name, short_name])
    found = set()
    for name in names:
        name = (name or "").strip().lower()
        if not name:
            continue
        found.add(name)
        # the place name inside a unit or site name: 榕江县人民政府 -> 榕江县, 榕江
        match = re.match(r"([\u4e00-\u9fff]{2,4}?)(县|市|州|区|镇|乡)", name)
        if match:
            found.update([match.group(1), match.group(0)])
    return {n for n in found if len(n) >= (2 if re.search(r"[\u4e00-\u9fff]", n) else 4)}


class SiteNameValidator:
    """Refuses a password that contains the site's own names."""

    def validate(self, password, user=None):
        lowered = password.lower()
        for name in sorted(_site_names(), key=len, reverse=True):
            if name in lowered:
                raise ValidationError(
                    "密码不能包含本网站或本单位的名称（如“%(name)s”）。",
                    code="password_site_name",
                    params={"name": name},
                )

    def get_help_text(self):
        return "密码不能包含本网站或本单位的名称。"


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "密码与%(verbose_name)s太相似。"

    def get_help_text(self):
        return "密码不能与您的其他个人信息太相似。"


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self):
        return "这个密码太常见了。"

    def get_help_text(self):
        return "密码不能是常用密码。"


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self):
        return "密码不能全部是数字。"

    def get_help_text(self):
        return "密码不能全部是数字。"
