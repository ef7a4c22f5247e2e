import pytest

from portal.units.codes import (
    is_valid_org_code,
    is_valid_uscc,
    org_code_check_char,
    uscc_check_char,
    validate_unit_code,
)


def test_known_valid_credit_code():
    # a published code of a central government body (check character verified by hand)
    assert is_valid_uscc("11100000000013127D")


@pytest.mark.parametrize("code", ["11100000000013127E", "1110000000001312", "I1100000000013127D"])
def test_invalid_credit_codes(code):
    assert not is_valid_uscc(code)
    assert validate_unit_code(code)


def test_legacy_organisation_code_with_or_without_hyphen():
    base = "00001312"
    code = base + org_code_check_char(base)
    assert is_valid_org_code(code)
    assert is_valid_org_code(f"{base}-{code[-1]}")
    assert validate_unit_code(code) is None
    wrong = base + ("0" if code[-1] != "0" else "1")
    assert "校验位" in validate_unit_code(wrong)


def test_generated_uscc_roundtrip():
    first = "11522632070231007"
    assert is_valid_uscc(first + uscc_check_char(first))
