from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardStatus(models.TextChoices):
    RESERVED = "reserved", _("已预留")
    COMMITTED = "committed", _("已确定")
    RELEASED = "released", _("已释放")
    PAID = "paid", _("已拨付")


COUNTING_STATUSES = (AwardStatus.RESERVED, AwardStatus.COMMITTED, AwardStatus.PAID)


class Award(models.Model):
    """The award ledger: one row per claim that reached 复审 approval.

    Reserved when 复审 approves, committed when the decision is final, released when the claim is
    rejected, withdrawn or revoked. Caps and once-only rules read the rows that count
    (reserved, committed, paid), computed while the enterprise's row is locked.
    """

    claim = models.OneToOneField("applications.Claim", on_delete=models.PROTECT, related_name="award", verbose_name=_("申报"))
    enterprise = models.ForeignKey("applications.Enterprise", on_delete=models.PROTECT, related_name="awards", verbose_name=_("企业"))
    item = models.ForeignKey("subsidies.Item", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    year = models.PositiveSmallIntegerField(_("年度"))
    project_ref = models.CharField(_("项目编号"), max_length=80, blank=True)
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    status = models.CharField(_("状态"), max_length=10, choices=AwardStatus.choices, default=AwardStatus.RESERVED, db_index=True)
    reserved_at = models.DateTimeField(_("预留时间"), auto_now_add=True)
    committed_at = models.DateTimeField(_("确定时间"), null=True, blank=True)
    released_at = models.DateTimeField(_("释放时间"), null=True, blank=True)

    class Meta:
        ordering = ["-reserved_at"]
        indexes = [models.Index(fields=["enterprise", "item", "year", "status"])]
        verbose_name = _("资金台账")
        verbose_name_plural = _("资金台账")

    def __str__(self):
        return f"{self.enterprise} {self.item_id} {self.year} {self.amount}"


class Payment(models.Model):
    """拨付: money actually paid out on an award."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="payments", verbose_name=_("台账"))
    paid_on = models.DateField(_("拨付日期"))
    amount = models.DecimalField(_("拨付金额（元）"), max_digits=14, decimal_places=2)
    voucher_ref = models.CharField(_("凭证号"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = _("拨付记录")
        verbose_name_plural = _("拨付记录")
