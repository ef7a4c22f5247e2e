import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()

# the admin's labels in the site language, whatever the first request's language
from portal.core.admin_language import import_translated  # noqa: E402

import_translated(urlconf=True)
