"""人员与角色: a person's role in a unit is one choice (unit + role), not a list of groups.

A unit's roles are the two groups ``services.provision_unit`` creates for it — 编辑 (its
editors) and 本单位审核 (its reviewers) — with the page and collection permissions granted
there. Assigning a role adds the person to that group, revoking removes them; nothing else
(superuser status, county-wide groups, any other group) can be granted here. Whoever holds
``units.assign_roles`` may do it (bootstrap_portal grants it to 站点管理员); every change is
written to the audit log of the unit.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from wagtail.log_actions import log

from portal.core.permissions import has_permission

from .models import Unit

ASSIGN_ROLES = "units.assign_roles"
ACTION_ASSIGN = "units.assign_role"
ACTION_REVOKE = "units.revoke_role"


class UnitRole(models.TextChoices):
    EDITOR = "editor", "编辑"
    REVIEWER = "reviewer", "本单位审核"


class RoleError(Exception):
    """A Chinese message: the change was refused and nothing was saved."""


def can_assign_roles(user):
    return has_permission(user, ASSIGN_ROLES)


def role_group(unit, role):
    """The group that carries ``role`` in ``unit`` (provisioned when missing)."""
    from .services import provision_unit

    if not (unit.editors_group_id and unit.reviewers_group_id):
        provision_unit(unit)
    return unit.editors_group if role == UnitRole.EDITOR else unit.reviewers_group


def _in_reach(actor, person, unit):
    """A site's administrator reaches only its own units and people (站群)."""
    from portal.core.site_admin import manageable_people
    from portal.core.sites import site_ids_for_user

    if unit.site_id not in site_ids_for_user(actor):
        raise PermissionDenied
    if person.groups.exists() and not manageable_people(actor).filter(pk=person.pk).exists():
        raise RoleError(f"用户“{person.get_username()}”不属于您管理的站点")


def _check(actor, person, unit, role):
    if not can_assign_roles(actor):
        raise PermissionDenied
    if person.is_superuser and not actor.is_superuser:
        raise RoleError("超级管理员的权限只能由超级管理员调整")
    _in_reach(actor, person, unit)
    if role not in UnitRole.values:
        raise RoleError("请选择有效的角色")
    if not person.is_active:
        raise RoleError(f"用户“{person.get_username()}”已停用，不能分配角色")
    if person.is_superuser and not actor.is_superuser:
        raise RoleError("超级管理员的权限只能由超级管理员调整")
    if not unit.is_active:
        raise RoleError(f"单位“{unit.name}”已停用，不能分配角色")


@transaction.atomic
def assign_role(actor, person, unit, role):
    """Give ``person`` ``role`` in ``unit``; returns False when they already had it."""
    _check(actor, person, unit, role)
    group = role_group(unit, role)
    if person.groups.filter(pk=group.pk).exists():
        return False
    person.groups.add(group)
    _log(ACTION_ASSIGN, actor, person, unit, role)
    return True


@transaction.atomic
def revoke_role(actor, person, unit, role):
    """Take ``role`` in ``unit`` from ``person``; returns False when they did not have it."""
    if not can_assign_roles(actor):
        raise PermissionDenied
    if person.is_superuser and not actor.is_superuser:
        raise RoleError("超级管理员的权限只能由超级管理员调整")
    _in_reach(actor, person, unit)
    group = role_group(unit, role)
    if not person.groups.filter(pk=group.pk).exists():
        return False
    person.groups.remove(group)
    _log(ACTION_REVOKE, actor, person, unit, role)
    return True


def _log(action, actor, person, unit, role):
    log(
        instance=unit,
        action=action,
        user=actor,
        data={
            "user_id": person.pk,
            "username": person.get_username(),
            "role": str(role),
            "role_label": str(UnitRole(role).label),
        },
    )


def assignments(unit=None, units=None):
    """Every (person, unit, role) held (in ``units``, default all), ordered by unit then
    role then person."""
    units = units if units is not None else Unit.objects.all()
    units = units if unit is None else units.filter(pk=unit.pk)
    units = list(units.select_related("editors_group", "reviewers_group"))
    group_ids = {}
    for u in units:
        if u.editors_group_id:
            group_ids[u.editors_group_id] = (u, UnitRole.EDITOR)
        if u.reviewers_group_id:
            group_ids[u.reviewers_group_id] = (u, UnitRole.REVIEWER)
    through = get_user_model().groups.through
    rows = []
    links = through.objects.filter(group_id__in=group_ids).select_related("user")
    for link in links:
        u, role = group_ids[link.group_id]
        rows.append((link.user, u, role))
    order = {u.pk: i for i, u in enumerate(units)}
    rows.sort(key=lambda r: (order[r[1].pk], r[2] != UnitRole.EDITOR, r[0].get_username()))
    return rows
