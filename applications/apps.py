from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("企业、申报与审核")

    def ready(self):
        from applications import audit  # noqa: F401  (registers models with the audit log)
        from applications.letters import checks  # noqa: F401  (system checks: a Chinese font and HarfBuzz subsetting for letters)
