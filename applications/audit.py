"""Register what the audit log records: guidelines, claims' states, verified facts, awards, roles.

Entries are django-auditlog ``LogEntry`` rows (who, when, before and after); they are shown
read-only everywhere (see ``administration`` for the search page and the admin guard).
"""

from auditlog.registry import auditlog

from accounts.models import User
from applications.models import Award, Claim, FactCorrection, Payment
from subsidies.models import Guideline, ItemSetting, ParameterValue, RequiredDocument

auditlog.register(Guideline)
auditlog.register(ParameterValue)
auditlog.register(RequiredDocument)
auditlog.register(ItemSetting)
auditlog.register(
    Claim,
    include_fields=["status", "verified_facts", "awarded_amount", "first_assignee", "second_assignee", "approval_ref"],
)
auditlog.register(FactCorrection)
auditlog.register(Award)
auditlog.register(Payment)
auditlog.register(User, include_fields=["role", "is_active", "enterprise", "is_enterprise_manager", "email"])
