"""Names of the county-wide groups (unit groups are named after their unit)."""

SECRECY_REVIEWERS = "保密审查"
FINAL_REVIEWERS = "终审"
SITE_ADMINS = "站点管理员"

COUNTY_GROUPS = (SECRECY_REVIEWERS, FINAL_REVIEWERS, SITE_ADMINS)

#: the platform's administrators (统一平台): every site, ``core.manage_platform``; not tied
#: to a site
PLATFORM_ADMINS = "平台管理员"
