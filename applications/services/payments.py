"""拨付: an administrator records money paid out on an award; the claim becomes 已拨付."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

import rules
from applications.models import Award, AwardStatus, Claim, Payment
from applications.services.review import parse_amount
from applications.services.workflow import transition


def paid_total(award: Award) -> Decimal:
    return award.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def record_payment(claim: Claim, actor, *, paid_on: date, amount, voucher_ref: str, today: date | None = None) -> Payment:
    """Record one 拨付 (date, amount, voucher). The payments of an award never exceed it."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    voucher_ref = (voucher_ref or "").strip()
    if not voucher_ref:
        errors["voucher_ref"] = [_("请填写拨付凭证号。")]
    if not isinstance(paid_on, date):
        errors["paid_on"] = [_("请填写拨付日期。")]
    elif paid_on > today:
        errors["paid_on"] = [_("拨付日期不能晚于今天。")]
    value = None
    try:
        value = parse_amount(amount, _("拨付金额"))
        if value <= 0:
            errors["amount"] = [_("拨付金额须大于 0。")]
    except ValidationError as exc:
        errors["amount"] = exc.messages
    if errors:
        raise ValidationError(errors)
    created: list[Payment] = []

    def apply(locked: Claim):
        award = Award.objects.select_for_update().filter(claim=locked).first()
        if award is None or award.status not in (AwardStatus.COMMITTED, AwardStatus.PAID):
            raise ValidationError(_("该申报没有已确定的扶持资金，不能登记拨付。"))
        already = paid_total(award)
        if already + value > award.amount:
            raise ValidationError({"amount": [_("累计拨付不能超过核定金额 %(award)s（已拨付 %(paid)s，尚可拨付 %(left)s）。") % {
                "award": rules.format_yuan(award.amount), "paid": rules.format_yuan(already),
                "left": rules.format_yuan(award.amount - already)}]})
        created.append(Payment.objects.create(award=award, paid_on=paid_on, amount=value, voucher_ref=voucher_ref[:60],
                                              recorded_by=actor))
        if already + value == award.amount:
            award.status = AwardStatus.PAID
            award.save(update_fields=["status"])
        return {"amount": str(value), "paid_on": paid_on.isoformat(), "voucher_ref": voucher_ref,
                "paid_total": str(already + value)}

    with transaction.atomic():
        transition(claim, "record_payment", actor, apply=apply,
                   message=_("已拨付 %(amount)s（%(date)s，凭证号 %(ref)s）") % {
                       "amount": rules.format_yuan(value), "date": paid_on.isoformat(), "ref": voucher_ref})
    return created[0]
