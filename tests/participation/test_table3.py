"""表三 from the application records: every outcome, carried-over applications, balance."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.participation import stats
from portal.participation.models import ApplicationStatus

from .conftest import d, make_application

pytestmark = pytest.mark.django_db

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# reply type → the 表三 row it must land in (reference: disclosure_report_tables.json)
EXPECTED_ROW = {
    "published": "（一）予以公开",
    "disclosed": "（一）予以公开",
    "partial": "（二）部分公开",
    "withheld_secret": "（三）不予公开 1.",
    "withheld_law": "（三）不予公开 2.",
    "withheld_safety": "（三）不予公开 3.",
    "withheld_third_party": "（三）不予公开 4.",
    "withheld_internal": "（三）不予公开 5.",
    "withheld_process": "（三）不予公开 6.",
    "withheld_enforcement": "（三）不予公开 7.",
    "special_rules": "（三）不予公开 8.",
    "not_exist": "（四）无法提供 1.",
    "not_responsible": "（四）无法提供 1.",
    "needs_processing": "（四）无法提供 2.",
    "unclear_after_correction": "（四）无法提供 3.",
    "petition": "（五）不予处理 1.",
    "repeated": "（五）不予处理 2.",
    "publication": "（五）不予处理 3.",
    "excessive": "（五）不予处理 4.",
    "confirm_reissue": "（五）不予处理 5.",
    "no_correction": "（六）其他处理 1.",
    "unpaid_fee": "（六）其他处理 2.",
    "other": "（六）其他处理 3.",
}
KINDS = [
    ("natural", ""),
    ("organisation", "business"),
    ("organisation", "research"),
    ("organisation", "welfare"),
    ("organisation", "legal"),
    ("organisation", "other"),
]


def app(kind, received=None, replied=None, reply_type="", status=None, **extra):
    applicant_type, org = kind
    status = status or (ApplicationStatus.REPLIED if replied else ApplicationStatus.PROCESSING)
    return make_application(
        applicant_type=applicant_type,
        organisation_kind=org,
        received_on=received,
        clock_start=received,
        replied_on=replied,
        reply_type=reply_type,
        status=status,
        **extra,
    )


def row(table, prefix):
    matches = [values for label, values in table["rows"] if label.startswith(prefix)]
    assert len(matches) == 1, prefix
    return matches[0]


def test_every_outcome_and_carried_over_applications():
    natural, business, research, welfare, legal, other = KINDS
    # 2025: one concluded in 2025, two carried into 2026
    app(business, d("2025-11-01"), d("2025-11-20"), "withheld_secret")
    app(natural, d("2025-12-20"), d("2026-01-10"), "disclosed")
    app(research, d("2025-12-28"))
    # 2026: every reply type once, applicant columns in turn
    expected_results = {}
    for i, (reply_type, prefix) in enumerate(EXPECTED_ROW.items()):
        kind = KINDS[i % len(KINDS)]
        status = ApplicationStatus.ARCHIVED if i % 4 == 0 else None
        app(kind, d("2026-03-02"), d("2026-03-25"), reply_type, status=status)
        expected_results.setdefault(prefix, [0] * 7)
        expected_results[prefix][i % len(KINDS)] += 1
        expected_results[prefix][6] += 1
    # received in 2026, concluded in 2027; and one never confirmed, submitted on 30 Dec
    app(welfare, d("2026-12-15"), d("2027-01-05"), "partial")
    app(
        other,
        None,
        status=ApplicationStatus.REGISTERED,
        submitted_at=timezone.make_aware(dt.datetime(2026, 12, 30, 10)),
    )
    # void applications are not counted
    app(legal, None, status=ApplicationStatus.VOID)

    table = stats.table3(2026)
    assert table["columns"] == COLUMNS
    labels = [label for label, _ in table["rows"]]
    assert labels[0].startswith("一、") and labels[1].startswith("二、")
    assert labels[-2] == "（七）总计" and labels[-1].startswith("四、")
    assert len(table["rows"]) == 25

    new = [0] * 7
    for i in range(len(EXPECTED_ROW)):
        new[i % 6] += 1
    new[3] += 1  # welfare, concluded 2027
    new[5] += 1  # unconfirmed "other"
    new[6] = sum(new[:6])
    assert row(table, "一、") == new
    assert row(table, "二、") == [1, 0, 1, 0, 0, 0, 2]
    # the carried-in natural person's application concluded as 予以公开 in 2026
    expected_results["（一）予以公开"][0] += 1
    expected_results["（一）予以公开"][6] += 1
    for prefix, values in expected_results.items():
        assert row(table, prefix) == values, prefix
    assert row(table, "（七）总计")[6] == len(EXPECTED_ROW) + 1
    assert row(table, "四、") == [0, 0, 1, 1, 0, 1, 3]
    assert stats.check_balance(table) == []
    for i in range(7):
        assert (
            row(table, "一、")[i] + row(table, "二、")[i]
            == row(table, "（七）总计")[i] + row(table, "四、")[i]
        )

    # cross-year rule: this year's 二 = last year's 四
    last = stats.table3(2025)
    assert row(last, "四、") == row(table, "二、")
    assert row(last, "（三）不予公开 1.") == [0, 1, 0, 0, 0, 0, 1]
    assert stats.check_balance(last) == []
    following = stats.table3(2027)
    assert row(following, "二、") == row(table, "四、")
    assert row(following, "（二）部分公开") == [0, 0, 0, 1, 0, 0, 1]
    assert stats.check_balance(following) == []


def test_2019_layout_merges_other_handling():
    app(KINDS[0], d("2020-03-02"), d("2020-03-20"), "no_correction")
    app(KINDS[1], d("2020-03-02"), d("2020-03-20"), "unpaid_fee")
    app(KINDS[0], d("2020-03-02"), d("2020-03-20"), "disclosed")
    table = stats.table3(2020, format="2019")
    labels = [label for label, _ in table["rows"]]
    assert len(labels) == 23
    assert "（六）其他处理" in labels
    assert not any(label.startswith("（六）其他处理 1.") for label in labels)
    assert row(table, "（六）其他处理") == [1, 1, 0, 0, 0, 0, 2]
    assert stats.check_balance(table) == []
    modern = stats.table3(2020)
    assert row(modern, "（六）其他处理 1.") == [1, 0, 0, 0, 0, 0, 1]


def test_empty_year_is_all_zero_and_balanced():
    table = stats.table3(2019)
    assert all(values == [0] * 7 for _label, values in table["rows"])
    assert stats.check_balance(table) == []
