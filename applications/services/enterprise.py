"""Writes on accounts and enterprises: sign up with the enterprise, edit the profile, invite.

One 统一社会信用代码 is one enterprise; its first user manages it and invites colleagues; a user
belongs to one enterprise.
"""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import rules
from accounts.models import Invitation, Role, User
from accounts.uscc import validate_uscc
from applications import permissions
from applications.models import Enterprise

#: Rule facts that belong to the enterprise (kept in ``Enterprise.profile_facts``).
PROFILE_FACTS = ("llm_enterprise", "ai_llm_field", "cac_algorithm_filed", "investor_qualified", "newly_established", "ai_business")
ENTERPRISE_FIELDS = ("name", "registered_address", "district", "above_scale", "ai_enterprise", "contact_person", "contact_phone")


def profile_fact_specs():
    return [rules.FACTS[n] for n in PROFILE_FACTS]


def uscc_taken_message() -> str:
    return _("该统一社会信用代码的企业已在平台登记。请联系贵企业在平台上的管理员，在“企业档案”页面向您的邮箱发送邀请后加入。")


def check_new_uscc(value: str) -> str:
    code = validate_uscc(value)
    if Enterprise.objects.filter(uscc=code).exists():
        raise ValidationError(uscc_taken_message(), code="uscc_taken")
    return code


def _enterprise_values(data: dict) -> dict:
    values = {k: data[k] for k in ENTERPRISE_FIELDS if k in data}
    for k in ("name", "registered_address", "district", "contact_person", "contact_phone"):
        if k in values:
            values[k] = str(values[k]).strip()
    return values


def _profile_facts(data: dict, current: dict | None = None) -> dict:
    facts = dict(current or {})
    for name in PROFILE_FACTS:
        if name in data and data[name] is not None:
            facts[name] = bool(data[name])
    return facts


@transaction.atomic
def sign_up(*, email: str, password: str, full_name: str = "", phone: str = "", enterprise: dict) -> User:
    """Create the user and the enterprise together; the user manages it. All or nothing."""
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": [_("该邮箱已注册，请直接登录；如忘记密码，可通过“忘记密码”重设。")]})
    uscc = check_new_uscc(enterprise.get("uscc", ""))
    user = User(username=email, email=email, full_name=full_name.strip(), phone=phone.strip(), role=Role.APPLICANT)
    validate_password(password, user)
    values = _enterprise_values(enterprise)
    try:
        with transaction.atomic():
            ent = Enterprise.objects.create(uscc=uscc, profile_facts=_profile_facts(enterprise), **values)
    except IntegrityError:
        raise ValidationError({"uscc": [uscc_taken_message()]})
    user.enterprise = ent
    user.is_enterprise_manager = True
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def register_enterprise(user, data: dict) -> Enterprise:
    """A signed-up applicant without an enterprise registers one and becomes its manager."""
    if user.role != Role.APPLICANT:
        raise ValidationError(_("工作人员账号不能登记企业。"))
    if user.enterprise_id:
        raise ValidationError(_("您的账号已属于一家企业，一个账号只能属于一家企业。"))
    uscc = check_new_uscc(data.get("uscc", ""))
    try:
        with transaction.atomic():
            ent = Enterprise.objects.create(uscc=uscc, profile_facts=_profile_facts(data), **_enterprise_values(data))
    except IntegrityError:
        raise ValidationError({"uscc": [uscc_taken_message()]})
    User.objects.filter(pk=user.pk).update(enterprise=ent, is_enterprise_manager=True)
    user.enterprise, user.is_enterprise_manager = ent, True
    return ent


@transaction.atomic
def update_enterprise(user, enterprise: Enterprise, data: dict) -> Enterprise:
    """The manager edits the profile (the USCC cannot change: it identifies the enterprise)."""
    permissions.require(user, "manage_enterprise", enterprise)
    locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    for key, value in _enterprise_values(data).items():
        setattr(locked, key, value)
    locked.profile_facts = _profile_facts(data, locked.profile_facts)
    locked.full_clean(exclude=["uscc"])
    locked.save()
    return locked


def invite_colleague(user, email: str) -> Invitation:
    """The manager invites a colleague by e-mail; the link creates the colleague's account."""
    enterprise = user.enterprise
    permissions.require(user, "manage_enterprise", enterprise)
    email = User.objects.normalize_email(email).strip()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.enterprise_id == enterprise.pk:
            raise ValidationError({"email": [_("该邮箱已是贵企业的平台用户。")]})
        raise ValidationError({"email": [_("该邮箱已注册平台账号；一个账号只能属于一家企业，请使用其他邮箱。")]})
    invitation = Invitation.objects.create(email=email, role=Role.APPLICANT, enterprise=enterprise, invited_by=user)
    link = settings.SITE_URL + reverse("accounts:accept_invitation", args=[invitation.token])
    context = {"invitation": invitation, "link": link, "enterprise": enterprise, "inviter": user, "bureau": settings.PORTAL_BUREAU_NAME}
    send_mail(
        _("[天河区AI扶持资金] %(name)s 邀请您加入 %(enterprise)s") % {"name": user.display_name, "enterprise": enterprise.name},
        render_to_string("emails/invitation.txt", context),
        None,
        [email],
    )
    return invitation


def open_invitation(token: str) -> Invitation | None:
    inv = Invitation.objects.select_related("enterprise").filter(token=token, enterprise__isnull=False).first()
    return inv if inv is not None and inv.is_open else None


@transaction.atomic
def accept_invitation(token: str, *, password: str, full_name: str = "", phone: str = "") -> User:
    inv = Invitation.objects.select_for_update().filter(token=token, enterprise__isnull=False).first()
    if inv is None or not inv.is_open:
        raise ValidationError(_("邀请链接无效或已过期，请联系企业管理员重新邀请。"))
    if User.objects.filter(email__iexact=inv.email).exists():
        raise ValidationError(_("该邮箱已注册平台账号，请直接登录。"))
    user = User(
        username=inv.email, email=inv.email, full_name=full_name.strip(), phone=phone.strip(),
        role=Role.APPLICANT, enterprise=inv.enterprise, is_enterprise_manager=False,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    inv.accepted_at = timezone.now()
    inv.save(update_fields=["accepted_at"])
    return user
