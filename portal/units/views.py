"""人员与角色: the admin page where whoever holds ``units.assign_roles`` gives people a role in
a unit or takes it back (rules in roles.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .models import Unit
from .roles import (
    RoleError,
    UnitRole,
    assign_role,
    assignments,
    can_assign_roles,
    revoke_role,
)


def person_label(user):
    name = user.get_full_name().strip()
    return f"{name}（{user.get_username()}）" if name else user.get_username()


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class RoleForm(forms.Form):
    person = PersonField(
        label="人员",
        queryset=get_user_model().objects.none(),
        empty_label="请选择人员",
        error_messages={"required": "请选择人员", "invalid_choice": "请选择有效的人员"},
    )
    unit = forms.ModelChoiceField(
        label="单位",
        queryset=Unit.objects.none(),
        empty_label="请选择单位",
        error_messages={"required": "请选择单位", "invalid_choice": "请选择有效的单位"},
    )
    role = forms.ChoiceField(
        label="角色",
        choices=UnitRole.choices,
        error_messages={"required": "请选择角色", "invalid_choice": "请选择有效的角色"},
    )

    def __init__(self, *args, actor=None, **kwargs):
        from portal.core.site_admin import manageable_people
        from portal.core.sites import site_ids_for_user

        super().__init__(*args, **kwargs)
        # the people and units of the actor's own sites only
        people = get_user_model().objects.filter(is_active=True)
        units = Unit.objects.filter(is_active=True)
        if actor is not None:
            # people of the actor's sites, people without any role yet, and superusers
            # (listed so that a refusal says why: their rights are a superuser's to change)
            people = people.filter(
                Q(pk__in=manageable_people(actor).values("pk"))
                | Q(groups__isnull=True)
                | Q(is_superuser=True)
            ).distinct()
            units = units.filter(site_id__in=site_ids_for_user(actor))
        self.fields["person"].queryset = people.order_by("username")
        self.fields["unit"].queryset = units


def roles_view(request):
    if not can_assign_roles(request.user):
        raise PermissionDenied
    from portal.core.sites import site_ids_for_user

    own_units = Unit.objects.filter(site_id__in=site_ids_for_user(request.user))
    unit = own_units.filter(pk=request.GET.get("unit") or None).first()
    here = reverse("units_roles") + (f"?unit={unit.pk}" if unit else "")
    action = request.POST.get("action") if request.method == "POST" else None
    form = RoleForm(
        request.POST if action == "assign" else None, initial={"unit": unit}, actor=request.user
    )
    if action in ("assign", "revoke"):
        bound = form if action == "assign" else RoleForm(request.POST, actor=request.user)
        if bound.is_valid():
            person, chosen, role = (bound.cleaned_data[k] for k in ("person", "unit", "role"))
            label = f"{person_label(person)}在{chosen.name}的“{UnitRole(role).label}”角色"
            try:
                if action == "assign":
                    changed = assign_role(request.user, person, chosen, role)
                    done = f"已授予{label}" if changed else f"{label}此前已有，未作改动"
                else:
                    changed = revoke_role(request.user, person, chosen, role)
                    done = f"已撤销{label}" if changed else f"{label}不存在，未作改动"
            except RoleError as error:
                bound.add_error(None, str(error))
            else:
                messages.success(request, done)
                return redirect(here)
        if action == "revoke":
            messages.error(request, "；".join(e for errs in bound.errors.values() for e in errs))
            return redirect(here)
    return TemplateResponse(
        request,
        "units/admin/roles.html",
        {
            "form": form,
            "rows": [
                (person_label(p), p, u, UnitRole(r))
                for p, u, r in assignments(unit, units=own_units)
            ],
            "units": own_units,
            "unit": unit,
        },
    )
