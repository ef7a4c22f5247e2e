from .update_index import Command  # noqa: F401  (the same command under Wagtail's other name)
