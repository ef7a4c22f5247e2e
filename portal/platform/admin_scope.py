"""Wagtail's redirects and workflow admin, scoped to the sites a person works on (站群).

Both are Wagtail's own views, served at their own addresses (``portal/urls.py`` mounts these
patterns before Wagtail's admin, so they resolve first; reversing keeps Wagtail's names), with the rows of other sites left
out and every address naming one answering 404:

- **重定向** (``wagtailredirects``): a redirect of a site belongs to that site; one for all
  sites (no site) is a platform administrator's. The site field offers the person's sites
  only, the import likewise.
- **工作流** (``wagtailadmin_workflows``): a workflow belongs to the sites of the pages it is
  assigned to and of the groups of its steps (``GroupReviewTask.groups``, tied to a site by
  ``SiteGroup``); a step belongs to the sites of its groups. A step without groups
  (自动检查, 本单位审核: shared by every site's workflow) is listed and may be used by every
  site, and changed by a platform administrator only. A workflow or step that belongs to
  no site is a platform administrator's. A site's people assign workflows to their own
  sites' pages only and build them from shared steps and their own.

Platform administrators (``core.manage_platform``) see and change everything.
"""

from functools import wraps

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.urls import include, path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import workflows as wagtail_workflow_urls
from wagtail.admin.views import workflows as workflow_views
from wagtail.contrib.redirects import filters as redirect_filters
from wagtail.contrib.redirects import views as redirect_views
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Task, Workflow, WorkflowPage, WorkflowTask

from portal.core.sites import is_platform_admin, site_id_for_path, site_ids_for_user, sites_for_user

NOT_OWN_PAGE = "只能为本站点的页面指定工作流"
NOT_OWN_TASK = "不能使用其他站点的审核步骤"
NOT_OWN_GROUP = "只能选择本站点的用户组"
NOT_OWN_REDIRECT_SITE = "请选择本站点"


# --- which sites a step or a workflow belongs to --------------------------------------------
def _group_site_ids(group_ids):
    """{group id: site id}: a group tied to a site (``SiteGroup``) is that site's, an untied
    one the default site's."""
    from portal.core.models import SiteGroup
    from portal.core.sites import default_site_id

    tied = dict(SiteGroup.objects.filter(group_id__in=group_ids).values_list("group_id", "site_id"))
    default = default_site_id()
    return {group_id: tied.get(group_id, default) for group_id in group_ids}


def _task_groups():
    """{task id: {group id, ...}} of every step choosing groups (the portal's 保密审查/终审
    steps and Wagtail's group approval step)."""
    from wagtail.models import GroupApprovalTask

    from portal.review.models import GroupReviewTask

    out = {}
    for model, column in ((GroupReviewTask, "groupreviewtask_id"), (GroupApprovalTask, None)):
        through = model.groups.through
        column = column or f"{model._meta.model_name}_id"
        for task_id, group_id in through.objects.values_list(column, "group_id"):
            out.setdefault(task_id, set()).add(group_id)
    return out


def task_site_ids():
    """{task id: frozenset of site ids} (empty: a step every site shares)."""
    groups = _task_groups()
    sites = _group_site_ids({g for ids in groups.values() for g in ids})
    return {
        task_id: frozenset(sites[g] for g in groups.get(task_id, ()))
        for task_id in Task.objects.values_list("pk", flat=True)
    }


def workflow_site_ids():
    """{workflow id: frozenset of site ids}: the sites of its pages (a page outside every
    site, such as the tree root, counts for none) and of its steps."""
    tasks = task_site_ids()
    out = {pk: set() for pk in Workflow.objects.values_list("pk", flat=True)}
    for workflow_id, page_path in WorkflowPage.objects.values_list("workflow_id", "page__path"):
        site_id = site_id_for_path(page_path)
        if site_id is not None:
            out[workflow_id].add(site_id)
    for workflow_id, task_id in WorkflowTask.objects.values_list("workflow_id", "task_id"):
        out[workflow_id] |= tasks.get(task_id, frozenset())
    return {pk: frozenset(ids) for pk, ids in out.items()}


def _own(site_ids, user):
    return bool(site_ids) and site_ids <= site_ids_for_user(user)


def workflows_of(user):
    """Ids of the workflows ``user`` may see and change."""
    if is_platform_admin(user):
        return set(Workflow.objects.values_list("pk", flat=True))
    return {pk for pk, ids in workflow_site_ids().items() if _own(ids, user)}


def usable_tasks_of(user):
    """Ids of the steps ``user`` may list and use in a workflow: shared ones and their own."""
    if is_platform_admin(user):
        return set(Task.objects.values_list("pk", flat=True))
    mine = site_ids_for_user(user)
    return {pk for pk, ids in task_site_ids().items() if ids <= mine}


def editable_tasks_of(user):
    """Ids of the steps ``user`` may change: their own sites' (shared ones: the platform's)."""
    if is_platform_admin(user):
        return set(Task.objects.values_list("pk", flat=True))
    return {pk for pk, ids in task_site_ids().items() if _own(ids, user)}


def assignable_group_queryset(user):
    from portal.core.site_admin import assignable_groups

    return assignable_groups(user).order_by("name")


# --- guards on views naming an object -----------------------------------------------------
def _guard(view, check):
    """``view`` run only when ``check(request, **kwargs)`` lets it (else 404/403); platform
    administrators always pass."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_platform_admin(request.user):
            check(request, **kwargs)
        return view(request, *args, **kwargs)

    return guarded


def _workflow_check(request, pk, **kwargs):
    if pk not in workflows_of(request.user):
        raise Http404


def _task_check(request, pk=None, task_id=None, **kwargs):
    pk = pk if pk is not None else task_id
    if pk not in usable_tasks_of(request.user):
        raise Http404


def _task_change_check(request, pk, **kwargs):
    _task_check(request, pk=pk)
    if pk not in editable_tasks_of(request.user):
        raise PermissionDenied  # a shared step (自动检查, 本单位审核) is the platform's


def _remove_check(request, page_pk, workflow_pk=None, **kwargs):
    page = Page.objects.filter(pk=page_pk).first()
    if page is None or site_id_for_path(page.path) not in site_ids_for_user(request.user):
        raise Http404
    assigned = WorkflowPage.objects.filter(page_id=page_pk).values_list("workflow_id", flat=True)
    for workflow_id in assigned:
        _workflow_check(request, workflow_id)


# --- workflows ------------------------------------------------------------------------------
class ScopedWorkflowIndex(workflow_views.Index):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=workflows_of(self.request.user))


class ScopedWorkflowFormMixin:
    """Pages of the person's own sites only; steps shared or their own."""

    def get_pages_formset(self):
        # the checked formset, with its errors, is the one shown again
        checked = getattr(self, "_checked_pages_formset", None)
        return checked if checked is not None else super().get_pages_formset()

    def is_valid(self, form):
        valid = super().is_valid(form)
        user = self.request.user
        if not valid or is_platform_admin(user):
            return valid
        mine = site_ids_for_user(user)
        wrong = False
        formset = getattr(self, "pages_formset", None)
        if formset is not None:
            for page_form in formset.forms:
                page = page_form.cleaned_data.get("page")
                if page_form in formset.deleted_forms or page is None:
                    continue
                if site_id_for_path(page.path) not in mine:
                    page_form.add_error("page", NOT_OWN_PAGE)
                    self._checked_pages_formset = formset
                    wrong = True
        usable = usable_tasks_of(user)
        tasks = form.formsets.get("workflow_tasks") if hasattr(form, "formsets") else None
        for task_form in tasks.forms if tasks is not None else ():
            task = task_form.cleaned_data.get("task")
            if task is not None and task.pk not in usable:
                task_form.add_error("task", NOT_OWN_TASK)
                wrong = True
        if wrong:
            self.produced_error_message = self.get_error_message()
            return False
        return True


class ScopedWorkflowCreate(ScopedWorkflowFormMixin, workflow_views.Create):
    def is_valid(self, form):
        valid = super().is_valid(form)
        user = self.request.user
        if valid and not is_platform_admin(user):
            # a workflow of no site would be out of its author's reach at once
            pages = [
                f.cleaned_data.get("page")
                for f in self.pages_formset.forms
                if f not in self.pages_formset.deleted_forms
            ]
            if not any(page is not None for page in pages):
                form.add_error(None, "请至少为本站点的一个页面指定此工作流")
                self.produced_error_message = self.get_error_message()
                return False
        return valid


class ScopedWorkflowEdit(ScopedWorkflowFormMixin, workflow_views.Edit):
    pass


# --- steps (tasks) --------------------------------------------------------------------------
def _scoped_task_form(form_class, user):
    """``form_class`` with its groups field offering the person's own sites' groups only
    (the field then refuses any other)."""
    if is_platform_admin(user):
        return form_class

    class ScopedTaskForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if "groups" in self.fields:
                self.fields["groups"].queryset = assignable_group_queryset(user)
                self.fields["groups"].error_messages["invalid_choice"] = NOT_OWN_GROUP

    ScopedTaskForm.__name__ = form_class.__name__
    return ScopedTaskForm


class ScopedTaskIndex(workflow_views.TaskIndex):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=usable_tasks_of(self.request.user))


class ScopedCreateTask(workflow_views.CreateTask):
    def get_form_class(self):
        return _scoped_task_form(super().get_form_class(), self.request.user)


class ScopedEditTask(workflow_views.EditTask):
    def get_form_class(self):
        return _scoped_task_form(super().get_form_class(), self.request.user)


class ScopedChooserMixin:
    def get_create_form_class(self):
        form_class = super().get_create_form_class()
        return _scoped_task_form(form_class, self.request.user) if form_class else None

    def get_task_listing_context_data(self):
        context = super().get_task_listing_context_data()
        if not is_platform_admin(self.request.user):
            from django.core.paginator import Paginator

            usable = usable_tasks_of(self.request.user)
            tasks = context["all_tasks"].filter(pk__in=usable)
            if context.get("query_string"):
                tasks = tasks.filter(name__icontains=context["query_string"])
            context["all_tasks"] = context["all_tasks"].filter(pk__in=usable)
            context["tasks"] = Paginator(tasks, per_page=10).get_page(self.request.GET.get("p"))
        return context


class ScopedTaskChooser(ScopedChooserMixin, workflow_views.TaskChooserView):
    pass


class ScopedTaskChooserResults(ScopedChooserMixin, workflow_views.TaskChooserResultsView):
    pass


class ScopedTaskChooserCreate(ScopedChooserMixin, workflow_views.TaskChooserCreateView):
    pass


# --- redirects ------------------------------------------------------------------------------
def redirects_of(user):
    queryset = Redirect.objects.all()
    if is_platform_admin(user):
        return queryset
    return queryset.filter(site_id__in=site_ids_for_user(user))


def _redirect_check(request, redirect_id, **kwargs):
    if not redirects_of(request.user).filter(pk=redirect_id).exists():
        raise Http404


class ScopedRedirectFilterSet(redirect_filters.RedirectsReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            self.filters["site"].queryset = sites_for_user(self.request.user).order_by("pk")


class ScopedRedirectFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        user = self.request.user
        if not is_platform_admin(user) and "site" in form.fields:
            field = form.fields["site"]
            field.queryset = sites_for_user(user).order_by("pk")
            field.required = True  # a redirect for all sites is the platform's
            field.empty_label = None
            field.error_messages["invalid_choice"] = NOT_OWN_REDIRECT_SITE
        return form


class ScopedRedirectIndex(redirect_views.IndexView):
    filterset_class = ScopedRedirectFilterSet

    def get_base_queryset(self):
        mine = redirects_of(self.request.user).values("pk")
        return super().get_base_queryset().filter(pk__in=mine)


class ScopedRedirectCreate(ScopedRedirectFormMixin, redirect_views.CreateView):
    pass


class ScopedRedirectEdit(ScopedRedirectFormMixin, redirect_views.EditView):
    pass


def _import_check(request, **kwargs):
    """The import's target site (the confirmation step's 站点) must be one of the person's;
    a site's people cannot import redirects for all sites."""
    if request.method == "POST" and "site" in request.POST:
        value = request.POST.get("site") or ""
        if not value.isdigit() or int(value) not in site_ids_for_user(request.user):
            raise PermissionDenied(NOT_OWN_REDIRECT_SITE)


class ScopedConfirmImportForm(redirect_views.ConfirmImportForm):
    """The confirmation step offers the person's own sites (a contextvar set by the import
    views names the person)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _import_user.get()
        if user is not None and not is_platform_admin(user):
            self.fields["site"].queryset = sites_for_user(user).order_by("pk")
            self.fields["site"].required = True
            self.fields["site"].empty_label = None


import contextvars  # noqa: E402 - next to its one use

_import_user = contextvars.ContextVar("portal_redirect_import_user", default=None)


def _with_import_user(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = _import_user.set(request.user)
        try:
            return view(request, *args, **kwargs)
        finally:
            _import_user.reset(token)

    return wrapped


# Wagtail's import views build the confirmation form by this module-level name
redirect_views.ConfirmImportForm = ScopedConfirmImportForm


# --- the address table ------------------------------------------------------------------------
def _urls():
    w = workflow_views
    workflow_patterns = [
        path("list/", ScopedWorkflowIndex.as_view(), name="index"),
        path("list/results/", ScopedWorkflowIndex.as_view(results_only=True), name="index_results"),
        path("add/", ScopedWorkflowCreate.as_view(), name="add"),
        path("enable/<int:pk>/", _guard(w.enable_workflow, _workflow_check), name="enable"),
        path("disable/<int:pk>/", _guard(w.Disable.as_view(), _workflow_check), name="disable"),
        path("edit/<int:pk>/", _guard(ScopedWorkflowEdit.as_view(), _workflow_check), name="edit"),
        path(
            "usage/<int:pk>/",
            _guard(w.WorkflowUsageView.as_view(), _workflow_check),
            name="usage",
        ),
        path(
            "usage/<int:pk>/results/",
            _guard(w.WorkflowUsageView.as_view(results_only=True), _workflow_check),
            name="usage_results",
        ),
        path("remove/<int:page_pk>/", _guard(w.remove_workflow, _remove_check), name="remove"),
        path(
            "remove/<int:page_pk>/<int:workflow_pk>/",
            _guard(w.remove_workflow, _remove_check),
            name="remove",
        ),
        path(
            "tasks/add/<str:app_label>/<str:model_name>/",
            ScopedCreateTask.as_view(),
            name="add_task",
        ),
        path("tasks/select_type/", w.select_task_type, name="select_task_type"),
        path("tasks/index/", ScopedTaskIndex.as_view(), name="task_index"),
        path(
            "tasks/index/results/",
            ScopedTaskIndex.as_view(results_only=True),
            name="task_index_results",
        ),
        path(
            "tasks/edit/<int:pk>/",
            _guard(ScopedEditTask.as_view(), _task_change_check),
            name="edit_task",
        ),
        path(
            "tasks/disable/<int:pk>/",
            _guard(w.DisableTask.as_view(), _task_change_check),
            name="disable_task",
        ),
        path(
            "tasks/enable/<int:pk>/", _guard(w.enable_task, _task_change_check), name="enable_task"
        ),
        path("task_chooser/", ScopedTaskChooser.as_view(), name="task_chooser"),
        path(
            "task_chooser/results/", ScopedTaskChooserResults.as_view(), name="task_chooser_results"
        ),
        path("task_chooser/create/", ScopedTaskChooserCreate.as_view(), name="task_chooser_create"),
        path("task_chooser/<int:task_id>/", _guard(w.task_chosen, _task_check), name="task_chosen"),
    ]
    # every address of Wagtail's table is served here (a new one in a Wagtail upgrade would
    # otherwise escape the scoping: the check below fails loudly)

    r = redirect_views
    redirect_patterns = [
        path("", ScopedRedirectIndex.as_view(), name="index"),
        path("results/", ScopedRedirectIndex.as_view(results_only=True), name="index_results"),
        path("add/", ScopedRedirectCreate.as_view(), name="add"),
        path(
            "<int:redirect_id>/", _guard(ScopedRedirectEdit.as_view(), _redirect_check), name="edit"
        ),
        path(
            "<int:redirect_id>/delete/",
            _guard(r.DeleteView.as_view(), _redirect_check),
            name="delete",
        ),
        path("import/", _with_import_user(r.start_import), name="start_import"),
        path(
            "import/process/",
            _with_import_user(_guard(r.process_import, _import_check)),
            name="process_import",
        ),
    ]
    # every address of Wagtail's tables is served here, at the same route (a new one in a
    # Wagtail upgrade would escape the scoping: this fails loudly instead)
    from wagtail.contrib.redirects import urls as wagtail_redirect_urls

    for ours, theirs in (
        (workflow_patterns, wagtail_workflow_urls.urlpatterns),
        (redirect_patterns, wagtail_redirect_urls.urlpatterns),
    ):
        missing = {(str(p.pattern), p.name) for p in theirs} - {
            (str(p.pattern), p.name) for p in ours
        }
        if missing:
            raise ImproperlyConfigured(f"admin addresses not scoped per site: {sorted(missing)}")
        for pattern in ours:
            # reversing keeps using Wagtail's names (same routes); these only resolve first
            pattern.name = None
    patterns = [
        path("workflows/", include(workflow_patterns)),
        path("redirects/", include(redirect_patterns)),
    ]
    from django.views.decorators.cache import never_cache
    from wagtail.utils.urlpatterns import decorate_urlpatterns

    return decorate_urlpatterns(decorate_urlpatterns(patterns, require_admin_access), never_cache)


urlpatterns = _urls()
