from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "站内搜索"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.core.cache import bump_generation

        # the filter form's units are remembered per generation (services.filter_choices)
        for signal in (post_save, post_delete):
            signal.connect(
                bump_generation,
                sender="units.Unit",
                dispatch_uid=f"search.unit-choices.{signal is post_save}",
            )
