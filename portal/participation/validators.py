"""Validation and masking of personal identifiers.

ID and phone numbers are personal information: they are shown in full only on the handler's
detail view; everywhere else (lists, public pages, exports, e-mails, logs) the masked form is
used.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
# names: CJK, letters, digits, the middle dot of minority and foreign names, spaces,
# parentheses — no angle brackets, no emoji, no control characters
NAME_RE = re.compile(r"^[\u3400-\u9fffA-Za-z0-9·•\.\-\s（）()]+$")


def resident_id_check_digit(first17):
    total = sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def validate_resident_id(value):
    """居民身份证号码 (GB 11643-1999): 18 characters, a valid birth date and check digit."""
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError(
            "居民身份证号码应为18位，前17位为数字，最后一位为数字或X。", code="id_format"
        )
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError("居民身份证号码中的出生日期无效，请核对。", code="id_birth") from None
    if birth.year < 1900 or birth > dt.date.today():
        raise ValidationError("居民身份证号码中的出生日期无效，请核对。", code="id_birth")
    if resident_id_check_digit(value[:17]) != value[17]:
        raise ValidationError("居民身份证号码校验位不正确，请核对后重新填写。", code="id_check")
    return value


def validate_credit_code(value):
    """统一社会信用代码 (GB 32100-2015): 18 characters with a check character."""
    value = (value or "").strip().upper()
    if len(value) != 18 or any(ch not in USCC_CHARS for ch in value):
        raise ValidationError(
            "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。", code="uscc_format"
        )
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(value[:17], USCC_WEIGHTS, strict=True))
    check = (31 - total % 31) % 31
    if USCC_CHARS[check] != value[17]:
        raise ValidationError("统一社会信用代码校验位不正确，请核对后重新填写。", code="uscc_check")
    return value


def validate_phone(value):
    value = (value or "").strip().replace(" ", "")
    if not (MOBILE_RE.match(value) or LANDLINE_RE.match(value)):
        raise ValidationError(
            "请填写有效的手机号码（11位）或固定电话（如0855-6612000）。", code="phone"
        )
    return value


def validate_name(value):
    if not NAME_RE.match(value or ""):
        raise ValidationError(
            "姓名或名称只能包含汉字、字母、数字和常用标点，请勿填写特殊符号或表情。", code="name"
        )
    return value


def mask_id(value):
    """``522632********123X`` style: first 6 and last 4 kept only when long enough."""
    value = value or ""
    if len(value) <= 4:
        return "*" * len(value)
    if len(value) < 10:
        return "*" * (len(value) - 2) + value[-2:]
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value):
    value = value or ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value):
    value = (value or "").strip()
    if not value:
        return "匿名"
    return value[0] + "*" * max(1, len(value) - 1)


def mask_email(value):
    value = value or ""
    if "@" not in value:
        return mask_phone(value)
    local, _, domain = value.partition("@")
    return (local[:1] + "***@" + domain) if local else "***@" + domain
