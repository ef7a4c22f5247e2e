"""Who sees and who may dismiss 全站巡检 findings: by permission (site admins, 终审), or for
one unit's findings by being in that unit's editors or reviewers group (reviewers dismiss)."""

from portal.core.permissions import has_permission, is_active_user, users_with_permission

VIEW = "review.view_site_inspection"
DISMISS = "review.dismiss_inspection_finding"


def _group_ids(user):
    return set(user.groups.values_list("pk", flat=True))


def sees_whole_site(user):
    return has_permission(user, VIEW)


def visible_findings(user):
    from django.db.models import Q

    from portal.core.sites import user_page_filter
    from portal.units.models import Unit

    from .models import InspectionFinding

    # 站群: the whole site is the user's own sites
    findings = InspectionFinding.objects.filter(user_page_filter(user, "page__"))
    if sees_whole_site(user):
        return findings
    if not is_active_user(user):
        return findings.none()
    groups = _group_ids(user)
    units = Unit.objects.filter(Q(editors_group_id__in=groups) | Q(reviewers_group_id__in=groups))
    return findings.filter(unit__in=units)


def can_view_report(user):
    return sees_whole_site(user) or visible_findings(user).exists()


def can_dismiss(user, finding):
    from portal.core.sites import site_id_for_path, site_ids_for_user

    if site_id_for_path(finding.page.path) not in site_ids_for_user(user):
        return False
    if has_permission(user, DISMISS):
        return True
    unit = finding.unit
    return bool(
        is_active_user(user)
        and unit is not None
        and unit.reviewers_group_id
        and unit.reviewers_group_id in _group_ids(user)
    )


def site_inspection_viewers():
    return users_with_permission(VIEW)
