"""What administrators keep besides the guidelines: annual budgets and what-if simulations."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualBudget(models.Model):
    """The year's budget for the policy, against which the dashboard and simulations compare."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    amount = models.DecimalField(_("年度预算（元）"), max_digits=16, decimal_places=2, default=Decimal("0"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度预算")
        verbose_name_plural = _("年度预算")

    def __str__(self):
        from rules import format_yuan

        return f"{self.year}年度预算 {format_yuan(self.amount)}"


class Simulation(models.Model):
    """政策沙盘: a year's claims evaluated under the current and a draft set of parameters."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("计算中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    year = models.PositiveSmallIntegerField(_("申报年度"))
    draft_year = models.PositiveSmallIntegerField(_("草稿指南年度"), null=True, blank=True)
    overrides = models.JSONField(_("调整的参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("申报数"), default=0)
    done = models.PositiveIntegerField(_("已计算"), default=0)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("政策沙盘")
        verbose_name_plural = _("政策沙盘")
