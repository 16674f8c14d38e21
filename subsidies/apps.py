from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_policy(sender, **kwargs):
    """After every migrate: the ten measures and the 2024–2026 guidelines exist (idempotent)."""
    from subsidies.services import seed_guidelines

    seed_guidelines()


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("政策措施与申报指南")

    def ready(self):
        post_migrate.connect(_seed_policy, sender=self, dispatch_uid="subsidies-seed-policy")
