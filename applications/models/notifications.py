from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app notification; the same change is also e-mailed by a Celery task."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    claim = models.ForeignKey("applications.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")
