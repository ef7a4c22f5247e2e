"""Personal data at rest (issue 16 item 17; 个人信息保护法第五十一条, 等保 2.0): ID numbers,
phones and contact data submitted through the public forms are encrypted in the database,
looked up through a keyed hash, and still shown masked to the handler."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from portal.participation import crypto
from portal.participation.models import ConsultationComment, DisclosureApplication, Message
from portal.participation.validators import mask_id, mask_phone
from tests.participation.conftest import VALID_ID, VALID_PHONE, application_post, form_token
from tests.requirements import require_postgres

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PHONES = ["13985551234", "13700001111", "18612345678"]
OTHER_ID = "91350100M000100Y43"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def submit_all(client):
    """Three applications and a message through the public forms."""
    numbers = []
    for index, phone in enumerate(PHONES):
        overrides = {"phone": phone}
        if index == 2:
            overrides.update(
                applicant_type="organisation",
                organisation_kind="business",
                name="榕江县某某有限公司",
                id_type="credit_code",
                id_number=OTHER_ID,
            )
        response = client.post("/participation/apply/", application_post(client, **overrides))
        assert response.status_code == 200
        assert "tracking-number" in response.content.decode(), "the application was accepted"
        numbers.append(DisclosureApplication.objects.order_by("-pk").first().tracking_number)
    response = client.post(
        "/participation/messages/new/",
        {
            "form_token": form_token(client, "/participation/messages/new/"),
            "website": "",
            "name": "张晓红",
            "phone": "15900002222",
            "email": "zxh@example.com",
            "category": "consult",
            "subject": "县城公交线路咨询",
            "body": "请问县城到古州镇的公交几点发车？",
            "allow_public": "on",
        },
    )
    assert response.status_code == 200
    assert Message.objects.count() == 1
    return numbers


SECRETS = [VALID_ID, OTHER_ID, *PHONES, "15900002222", "wxm@example.com", "古州镇北京路1号"]


def raw_rows(model, *columns):
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cols} FROM {table}")
        return cursor.fetchall()


def test_columns_hold_ciphertext_and_the_handler_sees_masked_values(client, portal):
    submit_all(client)
    for row in raw_rows(DisclosureApplication, "name", "id_number", "phone", "email", "address"):
        for value in row:
            assert value.startswith(f"enc1:{crypto.algorithm()}:"), value
            assert not any(secret in value for secret in SECRETS)
    for row in raw_rows(Message, "name", "phone", "email"):
        assert all(v.startswith("enc1:") for v in row)
    first = DisclosureApplication.objects.order_by("pk").first()
    assert first.id_number == VALID_ID  # Python sees the plaintext
    # masking as before encryption
    assert first.masked_id == mask_id(VALID_ID) and "*" in first.masked_id
    assert first.masked_phone == mask_phone(VALID_PHONE) and VALID_PHONE not in first.masked_phone


def test_sm4_gcm_is_used_when_available():
    from cryptography.hazmat.primitives.ciphers import algorithms

    assert hasattr(algorithms, "SM4")
    assert crypto.algorithm() == "sm4"
    stored = crypto.encrypt("13985551234")
    assert crypto.decrypt(stored) == "13985551234"
    # authenticated: a flipped byte is refused, not decrypted to garbage
    prefix, data = stored.rsplit(":", 1)
    import base64

    blob = bytearray(base64.b64decode(data))
    blob[-1] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{prefix}:{base64.b64encode(bytes(blob)).decode()}")


def test_exact_lookup_through_the_keyed_hash(client, portal):
    submit_all(client)
    assert DisclosureApplication.with_id_number(VALID_ID.lower()).count() == 2
    assert DisclosureApplication.with_id_number(OTHER_ID).count() == 1
    assert DisclosureApplication.with_phone("139-8555-1234").count() == 1
    assert DisclosureApplication.with_id_number("110101199003074514").count() == 0
    digests = [r[0] for r in raw_rows(DisclosureApplication, "id_number_digest")]
    assert all(len(d) == 64 and VALID_ID not in d for d in digests)
    with pytest.raises(Exception, match="encrypted"):
        DisclosureApplication.objects.filter(id_number=VALID_ID).count()


def test_sqlite_file_has_no_plaintext(client, portal):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite pass checks the SQLite file; PostgreSQL is checked by pg_dump")
    submit_all(client)
    connection.ensure_connection()
    # the bytes SQLite writes to its file, including this test's (uncommitted) rows
    image = connection.connection.serialize()
    assert "古州镇的公交".encode() in image  # the check can see what is stored in plaintext
    for secret in SECRETS:
        assert secret.encode() not in image, secret


@pytest.mark.django_db(transaction=True)
def test_pg_dump_has_no_plaintext(client):
    require_postgres()
    from tests.factories import Portal

    Portal()  # the public forms need the bootstrapped site
    submit_all(client)
    settings_dict = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=settings_dict.get("PASSWORD") or "")
    dump = subprocess.run(
        [
            "pg_dump",
            "--data-only",
            "-h",
            settings_dict.get("HOST") or "127.0.0.1",
            "-p",
            str(settings_dict.get("PORT") or 5432),
            "-U",
            settings_dict.get("USER") or "postgres",
            settings_dict["NAME"],
        ],
        capture_output=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout
    assert "古州镇的公交".encode() in dump  # the dump holds the committed rows
    for secret in SECRETS:
        assert secret.encode() not in dump, secret


def test_data_migration_encrypts_existing_plaintext_rows(client, portal):
    submit_all(client)
    table = connection.ops.quote_name(DisclosureApplication._meta.db_table)
    with connection.cursor() as cursor:  # a row as stored before this migration
        cursor.execute(
            f"UPDATE {table} SET id_number = %s, phone = %s, id_number_digest = ''",
            [VALID_ID, VALID_PHONE],
        )
    assert (VALID_ID, VALID_PHONE) in raw_rows(DisclosureApplication, "id_number", "phone")
    migration = importlib.import_module(
        "portal.participation.migrations.0002_encrypt_personal_data"
    )
    migration.encrypt_existing_rows(apps, None)
    for id_number, phone in raw_rows(DisclosureApplication, "id_number", "phone"):
        assert id_number.startswith("enc1:") and phone.startswith("enc1:")
    assert DisclosureApplication.with_id_number(VALID_ID).count() == 3


def test_rotate_data_key(client, portal):
    submit_all(client)
    old_id = crypto.current_key().id
    new_key = crypto.generate_key()
    with override_settings(PORTAL_DATA_KEY=new_key, PORTAL_DATA_OLD_KEYS=[crypto.master_key()]):
        new_id = crypto.current_key().id
        assert new_id != old_id
        # before rotation the old values still read through the old key
        assert DisclosureApplication.objects.order_by("pk").first().id_number == VALID_ID
        call_command("rotate_data_key", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with override_settings(PORTAL_DATA_KEY=new_key, PORTAL_DATA_OLD_KEYS=[]):
        for model, column in (
            (DisclosureApplication, "id_number"),
            (Message, "phone"),
            (ConsultationComment, "phone"),
        ):
            for (value,) in raw_rows(model, column):
                assert crypto.key_id_of(value) == new_id
        first = DisclosureApplication.objects.order_by("pk").first()
        assert first.id_number == VALID_ID  # readable without the old key
        assert DisclosureApplication.with_id_number(VALID_ID).count() == 2  # digests rekeyed


def test_production_refuses_to_start_without_a_data_key():
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_DATA_KEY"}
    env.update(
        SECRET_KEY="x" * 60,
        EMAIL_HOST="smtp.example.gov.cn",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
    )
    code = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "PORTAL_DATA_KEY" in result.stderr
    env["PORTAL_DATA_KEY"] = crypto.generate_key()
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
