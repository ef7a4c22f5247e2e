"""The admin, scoped to the sites a person works on (站群: no site sees another's rows).

``SiteScopedViewSetMixin`` makes a Wagtail model viewset list only the rows of the user's
sites and answer 404 to every view that names an object of another site (edit, delete,
history, usage, inspect, copy — forged URLs and ids included). ``SiteUserViewSet`` does the
same for people: a site administrator sees and edits the people of their own sites' groups
and gives them only those groups; people who also work for another site, superusers and
platform administrators are out of their reach. Platform administrators
(``core.manage_platform``) see everything.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.http import Http404
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserFilterSet, UserViewSet

from .sites import groups_of_site, is_platform_admin, site_ids_for_user, sites_for_user


class SiteScopedViewSetMixin:
    #: the lookup from the model to its site's id
    site_lookup = "site_id"

    def scope_queryset(self, queryset, user):
        return queryset.filter(**{f"{self.site_lookup}__in": site_ids_for_user(user)})

    def object_in_scope(self, user, pk):
        return self.scope_queryset(self.model._default_manager.filter(pk=pk), user).exists()

    def get_queryset(self, request):
        return self.scope_queryset(self.model._default_manager.all(), request.user)

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        viewset = self

        @wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None and not viewset.object_in_scope(request.user, unquote(str(pk))):
                raise Http404
            return view(request, *args, **view_kwargs)

        return scoped


# --- people -------------------------------------------------------------------------------
def assignable_groups(actor):
    """The groups ``actor`` may give people: every group for a platform administrator,
    otherwise the groups of their sites (never a group carrying the platform permission)."""
    if is_platform_admin(actor):
        return Group.objects.all()
    q = Q(pk__in=[])
    for site in sites_for_user(actor):
        q |= Q(pk__in=groups_of_site(site).values("pk"))
    return Group.objects.filter(q).exclude(permissions__codename="manage_platform").distinct()


def manageable_people(actor):
    """The people ``actor`` may see and edit in 用户: all for a platform administrator;
    otherwise those in a group of the actor's sites whose every group is assignable by the
    actor, never a superuser."""
    User = get_user_model()
    if is_platform_admin(actor):
        return User.objects.all()
    allowed = assignable_groups(actor)
    members = User.objects.filter(groups__in=allowed).values("pk")
    elsewhere = User.objects.filter(groups__isnull=False).exclude(groups__in=allowed).values("pk")
    return (
        User.objects.filter(pk__in=members)
        .exclude(pk__in=elsewhere)
        .exclude(is_superuser=True)
        .distinct()
    )


class ScopedGroupsFormMixin:
    """The groups field offers only what the person filling it may give; groups the edited
    person holds outside that set are kept as they are."""

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if actor is not None and not is_platform_admin(actor):
            self.fields["groups"].queryset = assignable_groups(actor).order_by("name")
            # granting 超级用户 is for platform administrators
            self.fields.pop("is_superuser", None)

    def save(self, commit=True):
        kept = []
        if self.actor is not None and self.instance.pk and not is_platform_admin(self.actor):
            allowed = assignable_groups(self.actor)
            kept = list(self.instance.groups.exclude(pk__in=allowed.values("pk")))
        user = super().save(commit=commit)
        if commit and kept:
            user.groups.add(*kept)
        return user


class SiteUserCreationForm(ScopedGroupsFormMixin, UserCreationForm):
    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        if self.actor is not None and not is_platform_admin(self.actor) and not groups:
            from django.core.exceptions import ValidationError

            raise ValidationError("请至少选择一个本站点的用户组。")
        return groups


class SiteUserEditForm(ScopedGroupsFormMixin, UserEditForm):
    pass


class SiteUserFilterSet(UserFilterSet):
    """The group filter offers the groups of the person's own sites only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None and "group" in self.filters:
            self.filters["group"].queryset = assignable_groups(self.request.user).order_by("name")


class SiteUserViewSet(SiteScopedViewSetMixin, UserViewSet):
    filterset_class = SiteUserFilterSet

    def scope_queryset(self, queryset, user):
        return queryset.filter(pk__in=manageable_people(user).values("pk"))

    def get_form_class(self, for_update=False):
        return SiteUserEditForm if for_update else SiteUserCreationForm

    @property
    def add_view_class(self):
        return _with_actor(super().add_view_class)

    @property
    def edit_view_class(self):
        return _with_actor(super().edit_view_class)

    @property
    def index_view_class(self):
        base = super().index_view_class
        viewset = self

        class ScopedIndexView(base):
            def get_base_queryset(self):
                return viewset.scope_queryset(super().get_base_queryset(), self.request.user)

        return ScopedIndexView


def _with_actor(view_class):
    class ActorView(view_class):
        def get_form_kwargs(self):
            kwargs = super().get_form_kwargs()
            kwargs["actor"] = self.request.user
            return kwargs

    ActorView.__name__ = view_class.__name__
    return ActorView


# --- rows of the whole platform or of one site --------------------------------------------
def may_change_site_row(user, obj):
    """A platform-wide row (no site) is the platform administrators'; a site's row belongs
    to the people of that site (``sites_for_user``)."""
    if obj.site_id is None:
        return is_platform_admin(user)
    return obj.site_id in site_ids_for_user(user)


class SiteRowObjectMixin:
    """Edit and delete: another site's row is not found (also by a forged id); a
    platform-wide row is refused to a site's people (they see it in the list)."""

    def get_object(self, queryset=None):
        from django.core.exceptions import PermissionDenied

        obj = super().get_object(queryset)
        if obj.site_id is not None and obj.site_id not in site_ids_for_user(self.request.user):
            raise Http404
        if not may_change_site_row(self.request.user, obj):
            raise PermissionDenied
        return obj


class SiteRowFormMixin:
    """The form offers only the user's own sites; only a platform administrator may leave
    the site empty (platform-wide). A site's person working on one site gets it chosen."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields.get("site")
        if field is not None:
            field.queryset = sites_for_user(self.request.user).order_by("pk")
            if is_platform_admin(self.request.user):
                field.empty_label = "全平台"
            else:
                field.required = True
                field.empty_label = None
        return form


def site_row_snippet_views():
    """Create, edit and delete views of a snippet whose rows carry ``site`` (empty: the
    whole platform)."""
    from wagtail.snippets.views import snippets as views

    class CreateView(SiteRowFormMixin, views.CreateView):
        pass

    class EditView(SiteRowObjectMixin, SiteRowFormMixin, views.EditView):
        pass

    class DeleteView(SiteRowObjectMixin, views.DeleteView):
        pass

    return CreateView, EditView, DeleteView


class SiteRowsViewSetMixin(SiteScopedViewSetMixin):
    """A snippet viewset of rows carrying ``site`` (empty: the whole platform): lists the
    platform-wide rows and those of the user's sites; every view naming another site's row
    answers 404; editing or deleting a platform-wide row is a platform administrator's."""

    add_view_class, edit_view_class, delete_view_class = site_row_snippet_views()

    def scope_queryset(self, queryset, user):
        return queryset.filter(
            Q(site__isnull=True) | Q(site_id__in=site_ids_for_user(user))
        ).select_related("site")
