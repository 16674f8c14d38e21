from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConflictOfInterest(models.Model):
    """A reviewer's declared conflict with an enterprise: they neither see nor act on its claims."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("审核人员"))
    enterprise = models.ForeignKey("applications.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("企业"))
    reason = models.CharField(_("回避理由"), max_length=200)
    declared_at = models.DateTimeField(_("申报回避时间"), auto_now_add=True)

    class Meta:
        unique_together = [("reviewer", "enterprise")]
        verbose_name = _("利益冲突回避")
        verbose_name_plural = _("利益冲突回避")


class DemonstrationProject(models.Model):
    """M3: one of the year's 重点应用场景示范项目 (at most the guideline's quota a year)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    code = models.CharField(_("项目编号"), max_length=40)
    name = models.CharField(_("项目名称"), max_length=120)
    opener = models.ForeignKey("applications.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("场景开放企业"))
    supplier = models.ForeignKey("applications.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("供应方"))
    purchaser = models.ForeignKey("applications.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("采购方"))
    selected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("遴选人"))
    selected_at = models.DateTimeField(_("遴选时间"), auto_now_add=True)

    class Meta:
        ordering = ["year", "code"]
        unique_together = [("year", "code")]
        verbose_name = _("应用场景示范项目")
        verbose_name_plural = _("应用场景示范项目")

    def __str__(self):
        return f"{self.code} {self.name}"


class PreApprovalStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    GRANTED = "granted", _("已同意")
    REFUSED = "refused", _("不同意")


class PreApproval(models.Model):
    """M10: the 事前同意 an organiser requests before the event, granted by the bureau."""

    enterprise = models.ForeignKey("applications.Enterprise", on_delete=models.PROTECT, related_name="preapprovals", verbose_name=_("主办单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    event_name = models.CharField(_("活动名称"), max_length=120)
    event_type = models.CharField(_("活动类型"), max_length=40)
    venue = models.CharField(_("举办地点"), max_length=120)
    planned_date = models.DateField(_("计划举办日期"))
    planned_budget = models.DecimalField(_("预算（元）"), max_digits=14, decimal_places=2)
    description = models.TextField(_("活动方案简介"))
    status = models.CharField(_("状态"), max_length=10, choices=PreApprovalStatus.choices, default=PreApprovalStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("活动事前同意")
        verbose_name_plural = _("活动事前同意")

    def __str__(self):
        return self.event_name
