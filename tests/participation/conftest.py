import datetime as dt
import re

import pytest
from django.core.cache import cache

from portal.participation.models import (
    ApplicantType,
    DeliveryForm,
    DeliveryWay,
    DisclosureApplication,
    IdType,
)
from portal.participation.roles import DISCLOSURE_HANDLERS, MESSAGE_HANDLERS
from tests.factories import UserFactory

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(first17="52263219900307123"):
    """A resident ID with a correct check digit (GB 11643, computed here independently)."""
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def wrong_check_digit(number):
    last = number[-1]
    return number[:-1] + ("1" if last != "1" else "2")


VALID_ID = resident_id()
VALID_PHONE = "13985551234"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def handler(db, portal):
    return UserFactory(username="ysq_handler", groups=[DISCLOSURE_HANDLERS])


@pytest.fixture
def message_handler(db, portal):
    return UserFactory(username="ly_handler", groups=[MESSAGE_HANDLERS])


def form_token(client, url):
    html = client.get(url).content.decode()
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "the form carries a one-time token"
    return match.group(1)


def application_post(client, **overrides):
    data = {
        "form_token": form_token(client, "/participation/apply/"),
        "website": "",
        "applicant_type": "natural",
        "organisation_kind": "",
        "name": "王小明",
        "contact_person": "",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": VALID_PHONE,
        "email": "wxm@example.com",
        "address": "榕江县古州镇北京路1号",
        "postcode": "557200",
        "description": "申请公开2025年县城区道路改造工程的立项批复文件。",
        "document_number": "榕发改〔2025〕12号",
        "purpose": "",
        "delivery_form": "electronic",
        "delivery_way": "email",
    }
    data.update(overrides)
    return data


def make_application(**kwargs):
    """An application created directly (for deadline and statistics tests)."""
    defaults = {
        "applicant_type": ApplicantType.NATURAL,
        "name": "李四",
        "id_type": IdType.RESIDENT_ID,
        "id_number": VALID_ID,
        "phone": VALID_PHONE,
        "address": "榕江县",
        "description": "某文件",
        "delivery_form": DeliveryForm.ELECTRONIC,
        "delivery_way": DeliveryWay.EMAIL,
    }
    defaults.update(kwargs)
    app = DisclosureApplication(**defaults)
    app.tracking_number = DisclosureApplication.new_tracking_number()
    app.set_query_code()
    app.save()
    return app


def d(text):
    return dt.date.fromisoformat(text)
