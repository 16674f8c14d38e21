from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    name = "administration"
    verbose_name = _("年度管理")

    def ready(self):
        from auditlog.registry import auditlog

        from administration.models import AnnualBudget

        if not auditlog.contains(AnnualBudget):
            auditlog.register(AnnualBudget)
