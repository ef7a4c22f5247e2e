"""Model fields that keep personal data encrypted at rest (see crypto.py)."""

from django import forms
from django.core.exceptions import FieldError
from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """A text value stored encrypted. Python sees the plaintext; the database column only
    ever holds ``enc1:…``. Lookups other than ``isnull`` are refused: the stored bytes differ
    for equal values (random nonce) — look up through a :class:`DigestField` instead."""

    form_class = forms.CharField

    def from_db_value(self, value, expression, connection):
        return crypto.decrypt(value)

    def to_python(self, value):
        return crypto.decrypt(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or crypto.is_encrypted(value):
            return value
        return crypto.encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.name} is encrypted: look it up through its keyed hash, not '{lookup_name}'"
            )
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        defaults = {"form_class": self.form_class, "max_length": self.max_length}
        defaults.update(kwargs)
        # skip TextField.formfield: a one-line input, as the plaintext CharField it replaces
        return models.Field.formfield(self, **defaults)


class EncryptedEmailField(EncryptedTextField):
    form_class = forms.EmailField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)


class DigestField(models.CharField):
    """The keyed hash of another field's normalised value, computed on every save."""

    def __init__(self, *args, source=None, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 64), ("editable", False), ("blank", True)):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        if kwargs.get("db_index") is True:
            kwargs.pop("db_index")
        else:
            kwargs["db_index"] = False
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = crypto.digest(getattr(model_instance, self.source, ""))
        setattr(model_instance, self.attname, value)
        return value


def protected_fields(model):
    """The encrypted and digest fields of ``model``."""
    return [
        f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField | DigestField)
    ]


def reencrypt(model, batch_size=500):
    """Write every row of ``model`` again: plaintext left from before encryption and values
    under an old key are encrypted with the current key, digests recomputed. Returns the
    number of rows. Used by the data migration and ``manage.py rotate_data_key``."""
    fields = protected_fields(model)
    if not fields:
        return 0
    digests = [f for f in fields if isinstance(f, DigestField)]
    names = [f.name for f in fields]
    count = 0
    batch = []
    for obj in model._default_manager.order_by("pk").only("pk", *names).iterator(batch_size):
        for field in digests:
            field.pre_save(obj, False)
        batch.append(obj)
        if len(batch) >= batch_size:
            model._default_manager.bulk_update(batch, names)
            count += len(batch)
            batch = []
    if batch:
        model._default_manager.bulk_update(batch, names)
        count += len(batch)
    return count
