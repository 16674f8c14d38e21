import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def document_path(instance, filename):
    """Stored under a generated name; the original name is kept only for display."""
    return f"documents/{instance.claim.year}/{uuid.uuid4().hex}"


class Document(models.Model):
    """One uploaded file of a claim's checklist. Replacing keeps the earlier version."""

    claim = models.ForeignKey("applications.Claim", on_delete=models.CASCADE, related_name="documents", verbose_name=_("申报"))
    code = models.CharField(_("材料代码"), max_length=40)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(_("当前版本"), default=True)
    file = models.FileField(_("文件"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=60)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("上传人"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["claim", "code", "-version"]
        unique_together = [("claim", "code", "version")]
        verbose_name = _("申报材料文件")
        verbose_name_plural = _("申报材料文件")

    def __str__(self):
        return f"{self.original_name} (v{self.version})"
