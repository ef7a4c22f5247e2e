"""Public forms (Chinese error messages; everything validated on the server)."""

import re

from django import forms

from . import validators
from .models import (
    ApplicantType,
    ConsultationComment,
    DeliveryWay,
    DisclosureApplication,
    IdType,
    Message,
)
from .protection import ProtectedForm


def chinese_messages(form):
    """Plain Chinese error messages naming the field."""
    for field in form.fields.values():
        label = field.label or ""
        verb = "选择" if isinstance(field, forms.ChoiceField) else "填写"
        field.error_messages["required"] = f"请{verb}{label}。"
        field.error_messages["invalid_choice"] = f"请从列表中选择{label}。"
        if getattr(field, "max_length", None):
            field.error_messages["max_length"] = (
                f"{label}不能超过%(limit_value)d字（当前%(show_value)d字），请精简后再提交。"
            )
            for validator in field.validators:
                if validator.__class__.__name__ == "MaxLengthValidator":
                    validator.message = field.error_messages["max_length"]
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = "请填写有效的电子邮箱地址。"


class ApplicationForm(ProtectedForm, forms.ModelForm):
    form_name = "apply"
    token_model = DisclosureApplication

    class Meta:
        model = DisclosureApplication
        fields = [
            "applicant_type",
            "organisation_kind",
            "name",
            "contact_person",
            "id_type",
            "id_number",
            "phone",
            "email",
            "address",
            "postcode",
            "description",
            "document_number",
            "purpose",
            "delivery_form",
            "delivery_way",
        ]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant_type"].choices = ApplicantType.choices  # no blank radio
        self.fields["organisation_kind"].choices = [
            ("", "（法人或其他组织请选择）"),
            *self.fields["organisation_kind"].choices[1:],
        ]
        for name in ("id_type", "delivery_form", "delivery_way"):
            self.fields[name].choices = [("", "请选择"), *self.fields[name].choices[1:]]
        self.fields[
            "description"
        ].help_text = "请写明所需政府信息的名称、文号或便于查询的其他特征性描述，不超过2000字。"
        self.fields[
            "id_number"
        ].help_text = "自然人填写身份证件号码，法人或其他组织填写统一社会信用代码。"
        chinese_messages(self)

    def clean_name(self):
        return validators.validate_name(self.cleaned_data["name"].strip())

    def clean_contact_person(self):
        value = self.cleaned_data.get("contact_person", "").strip()
        return validators.validate_name(value) if value else value

    def clean_phone(self):
        return validators.validate_phone(self.cleaned_data["phone"])

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if value and not re.fullmatch(r"\d{6}", value):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return value

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if len(value) < 5:
            raise forms.ValidationError("请具体描述所需的政府信息（至少5个字）。")
        return value

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("applicant_type")
        id_type = cleaned.get("id_type")
        number = (cleaned.get("id_number") or "").strip().upper()
        if kind == ApplicantType.ORGANISATION:
            if not cleaned.get("organisation_kind"):
                self.add_error("organisation_kind", "法人或其他组织请选择组织类别。")
            if id_type and id_type not in (IdType.CREDIT_CODE, IdType.OTHER):
                self.add_error("id_type", "法人或其他组织请选择“统一社会信用代码”。")
        elif kind == ApplicantType.NATURAL:
            cleaned["organisation_kind"] = ""
            if id_type == IdType.CREDIT_CODE:
                self.add_error("id_type", "自然人请选择身份证件类型。")
        if number and id_type:
            try:
                if id_type == IdType.RESIDENT_ID:
                    number = validators.validate_resident_id(number)
                elif id_type == IdType.CREDIT_CODE:
                    number = validators.validate_credit_code(number)
                elif not re.fullmatch(r"[A-Z0-9\-]{5,30}", number):
                    raise forms.ValidationError("证件号码格式不正确，只能包含字母、数字和连字符。")
                cleaned["id_number"] = number
            except forms.ValidationError as error:
                self.add_error("id_number", error)
        if cleaned.get("delivery_way") == DeliveryWay.EMAIL and not cleaned.get("email"):
            self.add_error("email", "选择以电子邮件方式获取信息时，请填写电子邮箱。")
        if cleaned.get("delivery_way") == DeliveryWay.POST and not cleaned.get("address"):
            self.add_error("address", "选择邮寄方式时，请填写通信地址。")
        return cleaned


class StatusLookupForm(forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=24)
    query_code = forms.CharField(label="查询码", max_length=16)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)

    def clean_tracking_number(self):
        return self.cleaned_data["tracking_number"].strip().upper()


class CorrectionForm(forms.Form):
    correction_text = forms.CharField(
        label="补正内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        help_text="请按补正告知的要求，补充或更正所需信息的描述。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)


class MessageForm(ProtectedForm, forms.ModelForm):
    form_name = "message"
    token_model = Message

    class Meta:
        model = Message
        fields = ["name", "phone", "email", "category", "subject", "body", "allow_public"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)

    def clean_name(self):
        return validators.validate_name(self.cleaned_data["name"].strip())

    def clean_phone(self):
        return validators.validate_phone(self.cleaned_data["phone"])


class CommentForm(ProtectedForm, forms.ModelForm):
    form_name = "comment"
    token_model = ConsultationComment

    class Meta:
        model = ConsultationComment
        fields = ["name", "phone", "email", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_messages(self)

    def clean_name(self):
        return validators.validate_name(self.cleaned_data["name"].strip())

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        return validators.validate_phone(value) if value else value
