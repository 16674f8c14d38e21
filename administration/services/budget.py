"""The annual budget the dashboard and the simulation compare against."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from administration.models import AnnualBudget
from administration.services.audit import acting_as
from administration.services.guidelines import clean_number


class BudgetError(ValueError):
    pass


def set_budget(year, amount, actor) -> AnnualBudget:
    try:
        year = int(year)
        value = Decimal(clean_number(amount))
    except (TypeError, ValueError, InvalidOperation):
        raise BudgetError(_("请填写有效的年度和金额（元），例如 50000000 或 50,000,000.00。"))
    if not value.is_finite() or value < 0 or value >= Decimal("1e14"):
        raise BudgetError(_("预算金额应为不小于 0 的金额（元）。"))
    if value != value.quantize(Decimal("0.01")):
        raise BudgetError(_("预算金额最多两位小数（分）。"))
    with transaction.atomic(), acting_as(actor):
        budget, _created = AnnualBudget.objects.select_for_update().get_or_create(year=year)
        budget.amount = value
        budget.updated_by = actor
        budget.save()
        return budget
