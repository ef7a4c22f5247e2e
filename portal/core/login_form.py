"""The admin login form (WAGTAILADMIN_USER_LOGIN_FORM)."""

from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """Wagtail's login form with a translatable password label: Wagtail's field has none,
    so Django shows the field name, "Password", in every language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
