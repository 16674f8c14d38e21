from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeStatus(models.TextChoices):
    OPEN = "open", _("公示中")
    CLOSED = "closed", _("公示期满")
    DECIDED = "decided", _("已决定")


class NoticeBatch(models.Model):
    """A 公示 of approved claims for a period (default 5 days)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("公示标题"), max_length=160)
    starts_on = models.DateField(_("公示开始"))
    ends_on = models.DateField(_("公示截止"))
    status = models.CharField(_("状态"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.OPEN)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发布人"))
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("公示批次")
        verbose_name_plural = _("公示批次")

    def __str__(self):
        return self.title


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class Objection(models.Model):
    """An objection to a claim in a 公示, filed by anyone with reasons and a contact."""

    batch = models.ForeignKey(NoticeBatch, on_delete=models.CASCADE, related_name="objections", verbose_name=_("公示批次"))
    claim = models.ForeignKey("applications.Claim", on_delete=models.CASCADE, related_name="objections", verbose_name=_("申报"))
    reasons = models.TextField(_("异议理由"))
    contact_name = models.CharField(_("联系人姓名"), max_length=40)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    filed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    status = models.CharField(_("处理状态"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING)
    resolution = models.TextField(_("处理意见"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
