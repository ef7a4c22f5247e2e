"""Validation of unit codes.

- 统一社会信用代码: 18 characters, GB 32100-2015, last character a check character.
- 组织机构代码 (legacy): 8 characters + check character, GB 11714-1997 (written with or
  without the hyphen before the check character).
"""

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    total = sum(ORG_ALPHABET.index(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def normalize_code(code: str) -> str:
    return (code or "").strip().upper().replace("-", "")


def is_valid_uscc(code: str) -> bool:
    code = normalize_code(code)
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def is_valid_org_code(code: str) -> bool:
    code = normalize_code(code)
    if len(code) != 9 or any(c not in ORG_ALPHABET for c in code[:8]):
        return False
    return org_code_check_char(code[:8]) == code[8]


def validate_unit_code(code: str) -> str | None:
    """Return a Chinese error message, or None when the code is valid."""
    code = normalize_code(code)
    if len(code) == 18:
        return None if is_valid_uscc(code) else "统一社会信用代码校验位不正确，请核对。"
    if len(code) == 9:
        return None if is_valid_org_code(code) else "组织机构代码校验位不正确，请核对。"
    return "请填写18位统一社会信用代码（或9位组织机构代码）。"
