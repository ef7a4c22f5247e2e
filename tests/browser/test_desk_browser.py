"""The desk in a real browser: an interpretation is linked to a policy document by typing its
文号 into the chooser's search box and choosing it (portal/desk/chooser.py, issue 11)."""

import pytest

from tests.browser.test_review_workflow import click_action, login_as, shell_value

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_linking_an_interpretation_by_document_number(live_portal, browser_page):
    page = browser_page
    ids = shell_value(
        live_portal,
        "from disclosure_catalog.models import InterpretationPage as I, PolicyDocumentPage as P;"
        "i = I.objects.order_by('pk').first();"
        "p = P.objects.exclude(pk__in=i.policies.values('pk')).order_by('pk').first();"
        "print(i.pk, p.pk, p.document_number)",
    )
    interpretation_id, policy_id, number = ids.split(" ", 2)
    login_as(page, live_portal, "secrecy_reviewer")  # may edit every page
    page.goto(live_portal.url(f"/admin/pages/{interpretation_id}/edit/"))
    search = page.locator("[data-desk-policy-chooser] [data-search]")
    search.fill(number)
    result = page.locator("[data-desk-policy-chooser] [data-results] li", has_text=number)
    result.get_by_role("button", name="选择").click()
    chosen = page.locator(f"[data-desk-policy-chooser] input[value='{policy_id}']")
    assert chosen.is_checked()
    click_action(page, "button.action-save")
    page.wait_for_load_state()
    linked = shell_value(
        live_portal,
        "from disclosure_catalog.models import InterpretationPage as I;"
        f"d = I.objects.get(pk={interpretation_id}).get_latest_revision_as_object();"
        f"print({policy_id} in [p.pk for p in d.policies.all()])",
    )
    assert linked == "True"
