"""Users of the portal: enterprise staff, reviewers, senior reviewers and administrators."""

import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("申报企业用户")
    REVIEWER = "reviewer", _("初审人员")
    SENIOR_REVIEWER = "senior_reviewer", _("复审人员")
    ADMIN = "admin", _("管理员")


STAFF_ROLES = (Role.REVIEWER, Role.SENIOR_REVIEWER, Role.ADMIN)


class PortalUserManager(UserManager):
    def create_user(self, username=None, email=None, password=None, **extra):
        username = username or email
        return super().create_user(username, email, password, **extra)


class User(AbstractUser):
    """One login. The e-mail address is the login name; an applicant belongs to one enterprise."""

    email = models.EmailField(_("电子邮箱"), unique=True)
    full_name = models.CharField(_("姓名"), max_length=60, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.APPLICANT)
    enterprise = models.ForeignKey(
        "applications.Enterprise",
        verbose_name=_("所属企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    is_enterprise_manager = models.BooleanField(_("企业管理员"), default=False)

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.email or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    @property
    def is_applicant(self) -> bool:
        return self.role == Role.APPLICANT

    @property
    def is_portal_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_reviewer(self) -> bool:
        return self.role in (Role.REVIEWER, Role.SENIOR_REVIEWER)

    @property
    def is_senior_reviewer(self) -> bool:
        return self.role == Role.SENIOR_REVIEWER

    @property
    def is_portal_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=7)


class Invitation(models.Model):
    """An e-mail invitation: a colleague to an enterprise, or a member of staff to a role."""

    email = models.EmailField(_("受邀邮箱"))
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.APPLICANT)
    enterprise = models.ForeignKey(
        "applications.Enterprise", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("企业")
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("邀请人"))
    created_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"), default=_default_expiry)
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("邀请")
        verbose_name_plural = _("邀请")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
