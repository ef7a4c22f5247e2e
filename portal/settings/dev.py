"""Development: `make run` and local work. Debug pages off by default so that the
friendly Chinese error pages are what a new user sees; set DEBUG=1 to turn them on."""

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
