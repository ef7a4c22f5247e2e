"""Personal data encrypted at rest (个人信息保护法 第五十一条: encryption and other security
measures; 等保 2.0 三级: confidentiality of important personal data in storage).

Values are encrypted with SM4 in GCM mode (GB/T 32907, an authenticated mode) when the
installed ``cryptography``/OpenSSL offers it, else AES-256-GCM. Each stored value carries the
algorithm and the id of the key that encrypted it::

    enc1:<alg>:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>

Keys come from ``settings.PORTAL_DATA_KEY`` (environment ``PORTAL_DATA_KEY``, any string of at
least 32 characters, e.g. ``manage.py rotate_data_key --generate``); older keys that may still
decrypt stored values are listed in ``PORTAL_DATA_OLD_KEYS`` (comma-separated) until
``manage.py rotate_data_key`` has re-encrypted every row. Development and tests derive a key
from ``SECRET_KEY``; production refuses to start without ``PORTAL_DATA_KEY``
(portal/settings/production.py).

Exact lookup (the same ID number applying again) uses a keyed hash (HMAC-SHA256) of the
normalised value in a separate column: :func:`digest`.
"""

import base64
import hashlib
import hmac
import os
import secrets
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "enc1"
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(ValueError):
    pass


def _sm4_gcm_available():
    try:
        encryptor = Cipher(algorithms.SM4(b"\0" * 16), modes.GCM(b"\0" * NONCE_BYTES)).encryptor()
        encryptor.update(b"x")
        encryptor.finalize()
        return True
    except Exception:  # noqa: BLE001 - unsupported algorithm or mode in this OpenSSL build
        return False


@lru_cache(maxsize=1)
def algorithm():
    """``sm4`` where available, else ``aes``."""
    return "sm4" if _sm4_gcm_available() else "aes"


def _derive(master: str, purpose: bytes, length: int) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=length, salt=b"portal-personal-data", info=purpose
    ).derive(master.encode("utf-8"))


class Key:
    def __init__(self, master: str):
        self.id = hashlib.sha256(b"portal-key-id:" + master.encode("utf-8")).hexdigest()[:8]
        self.sm4 = _derive(master, b"sm4-gcm", 16)
        self.aes = _derive(master, b"aes-256-gcm", 32)
        self.hmac = _derive(master, b"hmac-sha256", 32)

    def encrypt(self, plaintext: bytes, alg: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        if alg == "sm4":
            encryptor = Cipher(algorithms.SM4(self.sm4), modes.GCM(nonce)).encryptor()
            body = encryptor.update(plaintext) + encryptor.finalize()
            return nonce + body + encryptor.tag
        return nonce + AESGCM(self.aes).encrypt(nonce, plaintext, None)

    def decrypt(self, blob: bytes, alg: str) -> bytes:
        nonce, rest = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
        try:
            if alg == "sm4":
                body, tag = rest[:-TAG_BYTES], rest[-TAG_BYTES:]
                decryptor = Cipher(algorithms.SM4(self.sm4), modes.GCM(nonce, tag)).decryptor()
                return decryptor.update(body) + decryptor.finalize()
            if alg == "aes":
                return AESGCM(self.aes).decrypt(nonce, rest, None)
        except (InvalidTag, ValueError) as error:
            raise DecryptionError("数据解密失败：密钥不符或数据已被篡改。") from error
        raise DecryptionError(f"unknown algorithm {alg!r}")


def master_key():
    key = getattr(settings, "PORTAL_DATA_KEY", "") or ""
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("PORTAL_DATA_KEY 至少需要32个字符。")
        return key
    if getattr(settings, "PORTAL_DATA_KEY_REQUIRED", False):
        raise ImproperlyConfigured("PORTAL_DATA_KEY 未设置：生产环境必须提供个人信息加密密钥。")
    # development and tests only: a key derived from SECRET_KEY
    return "dev-data-key:" + hashlib.sha256(settings.SECRET_KEY.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _key_for(master: str) -> Key:
    return Key(master)


def current_key() -> Key:
    return _key_for(master_key())


def known_keys():
    keys = {current_key().id: current_key()}
    for old in getattr(settings, "PORTAL_DATA_OLD_KEYS", ()) or ():
        if old:
            key = _key_for(old)
            keys.setdefault(key.id, key)
    return keys


def is_encrypted(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX + ":")


def key_id_of(value):
    return value.split(":", 3)[2] if is_encrypted(value) else None


def encrypt(value: str) -> str:
    if value is None or value == "":
        return value
    alg = algorithm()
    key = current_key()
    blob = key.encrypt(value.encode("utf-8"), alg)
    return f"{PREFIX}:{alg}:{key.id}:{base64.b64encode(blob).decode('ascii')}"


def decrypt(value):
    """The plaintext of a stored value. Values stored before encryption was introduced are
    returned as they are (the data migration and ``rotate_data_key`` encrypt them)."""
    if not is_encrypted(value):
        return value
    _prefix, alg, key_id, data = value.split(":", 3)
    key = known_keys().get(key_id)
    if key is None:
        raise DecryptionError(
            f"数据解密失败：找不到编号为 {key_id} 的密钥（请在 PORTAL_DATA_OLD_KEYS 中提供旧密钥）。"
        )
    return key.decrypt(base64.b64decode(data), alg).decode("utf-8")


def normalise(value: str) -> str:
    """The form of a value that is hashed: no spaces or hyphens, upper case."""
    return "".join(str(value or "").split()).replace("-", "").upper()


def digest(value, key=None) -> str:
    """Keyed hash (HMAC-SHA256) of a normalised value, for exact lookup; "" for no value."""
    value = normalise(value)
    if not value:
        return ""
    key = key or current_key()
    return hmac.new(key.hmac, value.encode("utf-8"), hashlib.sha256).hexdigest()


def generate_key() -> str:
    return secrets.token_urlsafe(48)
