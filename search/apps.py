from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "站内搜索"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.core.cache import bump_generation

        # remembered per generation: the filter form's units (services.filter_choices),
        # whether any promotion exists (services.promotions), the popular searches shown
        # (services.popular_searches: a moderation shows at once)
        for sender in (
            "units.Unit",
            "wagtailsearchpromotions.SearchPromotion",
            "portal_search.ApprovedSearchTerm",
            "portal_search.HiddenSearchTerm",
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_generation,
                    sender=sender,
                    dispatch_uid=f"search.remembered.{sender}.{signal is post_save}",
                )
