"""Staff accounts: invitations by e-mail, roles, deactivation. Every change is audited (User is registered)."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import STAFF_ROLES, Invitation, Role, User
from administration.services.audit import acting_as


class UserAdminError(ValueError):
    def __init__(self, message: str, fields: dict | None = None):
        super().__init__(message)
        self.fields = fields or {}


STAFF_ROLE_VALUES = [r.value for r in STAFF_ROLES]


def invite_staff(actor, email: str, role: str) -> Invitation:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise UserAdminError(_("请填写有效的电子邮箱。"), {"email": [_("请填写有效的电子邮箱。")]})
    if role not in STAFF_ROLE_VALUES:
        raise UserAdminError(_("请选择工作人员角色。"), {"role": [_("请选择初审人员、复审人员或管理员。")]})
    if User.objects.filter(email__iexact=email).exists():
        raise UserAdminError(
            _("该邮箱已有账号，请在用户列表中直接设置角色。"), {"email": [_("该邮箱已有账号。")]}
        )
    with transaction.atomic(), acting_as(actor):
        Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True, enterprise__isnull=True).update(
            expires_at=timezone.now()
        )
        invitation = Invitation.objects.create(email=email, role=role, invited_by=actor)
        link = settings.SITE_URL.rstrip("/") + reverse("manage:invitation_accept", args=[invitation.token])
        body = _(
            "您好：\n\n%(who)s 邀请您以“%(role)s”身份使用%(title)s。\n请在 7 天内打开以下链接设置密码：\n%(link)s\n\n"
            "工作人员登录须使用手机验证器（TOTP）作为第二重验证，首次登录时将引导您完成绑定。\n\n%(bureau)s"
        ) % {
            "who": actor.display_name, "role": invitation.get_role_display(), "title": settings.PORTAL_TITLE,
            "link": link, "bureau": settings.PORTAL_BUREAU_NAME,
        }
        transaction.on_commit(lambda: send_mail(_("[天河区AI扶持资金] 工作人员账号邀请"), body, None, [email]))
        return invitation


def open_staff_invitation(token: str) -> Invitation | None:
    inv = Invitation.objects.filter(token=token, enterprise__isnull=True, role__in=STAFF_ROLE_VALUES).first()
    return inv if inv is not None and inv.is_open else None


def accept_staff_invitation(token: str, full_name: str, password: str, password2: str) -> User:
    with transaction.atomic():
        inv = Invitation.objects.select_for_update().filter(token=token, enterprise__isnull=True).first()
        if inv is None or not inv.is_open or inv.role not in STAFF_ROLE_VALUES:
            raise UserAdminError(_("邀请链接无效或已过期，请联系管理员重新邀请。"))
        fields = {}
        if not (full_name or "").strip():
            fields["full_name"] = [_("请填写姓名。")]
        if password != password2:
            fields["password2"] = [_("两次输入的密码不一致。")]
        else:
            try:
                validate_password(password, User(email=inv.email, full_name=full_name))
            except ValidationError as exc:
                fields["password"] = list(exc.messages)
        if fields:
            raise UserAdminError(_("请检查标出的字段。"), fields)
        if User.objects.filter(email__iexact=inv.email).exists():
            raise UserAdminError(_("该邮箱已有账号，请直接登录。"))
        user = User.objects.create_user(
            username=inv.email, email=inv.email, password=password, full_name=full_name.strip(), role=inv.role
        )
        with acting_as(user):
            inv.accepted_at = timezone.now()
            inv.save(update_fields=["accepted_at"])
        return user


def _lock_user(user_id) -> User:
    return User.objects.select_for_update().get(pk=user_id)


def set_role(actor, user: User, role: str) -> User:
    """Give a staff role, or remove it (``applicant``: the account keeps no staff rights)."""
    if role not in STAFF_ROLE_VALUES + [Role.APPLICANT.value]:
        raise UserAdminError(_("未知的角色。"), {"role": [_("未知的角色。")]})
    if user.pk == actor.pk:
        raise UserAdminError(_("不能修改自己的角色，请由另一位管理员办理。"))
    with transaction.atomic(), acting_as(actor):
        user = _lock_user(user.pk)
        if role != Role.APPLICANT and user.enterprise_id:
            raise UserAdminError(_("企业用户不能被授予工作人员角色，请用单位邮箱另行邀请。"))
        user.role = role
        user.is_staff = role == Role.ADMIN
        if role != Role.ADMIN:
            user.is_superuser = False
        user.save(update_fields=["role", "is_staff", "is_superuser"])
        return user


def set_active(actor, user: User, active: bool) -> User:
    if user.pk == actor.pk and not active:
        raise UserAdminError(_("不能停用自己的账号。"))
    with transaction.atomic(), acting_as(actor):
        user = _lock_user(user.pk)
        user.is_active = bool(active)
        user.save(update_fields=["is_active"])
        return user
