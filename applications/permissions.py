"""The one door for permissions: ``can(user, action, obj)`` and the querysets each user may see.

Every view, API endpoint and template asks here. Lists are filtered by who is asking, so a
foreign id is simply not found (404), never "forbidden". Each boundary has a test in
``tests/permissions``.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Role
from applications.models import Claim, ConflictOfInterest, Document, Enterprise, PreApproval
from applications.workflow import ACTIONS


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


def _authenticated(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def conflicted_enterprise_ids(user) -> QuerySet:
    return ConflictOfInterest.objects.filter(reviewer=user).values("enterprise_id")


# --- What a user may see --------------------------------------------------------------------


def visible_claims(user) -> QuerySet:
    """Claims the user may see: their enterprise's, or (staff) all but conflicted enterprises'."""
    if not _authenticated(user):
        return Claim.objects.none()
    if user.role == Role.APPLICANT:
        if user.enterprise_id is None:
            return Claim.objects.none()
        return Claim.objects.filter(enterprise_id=user.enterprise_id)
    if user.role in (Role.REVIEWER, Role.SENIOR_REVIEWER):
        return Claim.objects.exclude(status="draft").exclude(enterprise_id__in=conflicted_enterprise_ids(user))
    if user.is_portal_admin:
        return Claim.objects.exclude(status="draft")
    return Claim.objects.none()


def visible_documents(user) -> QuerySet:
    return Document.objects.filter(claim__in=visible_claims(user))


def visible_enterprises(user) -> QuerySet:
    if not _authenticated(user):
        return Enterprise.objects.none()
    if user.role == Role.APPLICANT:
        return Enterprise.objects.filter(pk=user.enterprise_id) if user.enterprise_id else Enterprise.objects.none()
    if user.role in (Role.REVIEWER, Role.SENIOR_REVIEWER):
        return Enterprise.objects.exclude(pk__in=conflicted_enterprise_ids(user))
    if user.is_portal_admin:
        return Enterprise.objects.all()
    return Enterprise.objects.none()


def visible_preapprovals(user) -> QuerySet:
    if not _authenticated(user):
        return PreApproval.objects.none()
    if user.role == Role.APPLICANT:
        return PreApproval.objects.filter(enterprise_id=user.enterprise_id) if user.enterprise_id else PreApproval.objects.none()
    if user.is_portal_staff:
        return PreApproval.objects.exclude(enterprise_id__in=conflicted_enterprise_ids(user))
    return PreApproval.objects.none()


# --- What a user may do ---------------------------------------------------------------------


def _is_conflicted(user, enterprise_id) -> bool:
    return ConflictOfInterest.objects.filter(reviewer=user, enterprise_id=enterprise_id).exists()


def _claim_action(user, name: str, claim: Claim) -> Decision:
    act = ACTIONS[name]
    if claim.status not in act.sources:
        return deny(_("当前状态（%(status)s）不能执行“%(action)s”。") % {"status": claim.get_status_display(), "action": act.label})
    if act.actor == "applicant":
        if user.role != Role.APPLICANT or user.enterprise_id != claim.enterprise_id:
            return deny(_("只有申报企业本身可以执行此操作。"))
        return ALLOW
    if user.role == Role.APPLICANT:
        return deny(_("申报企业不能进行审核操作。"))
    if act.actor == "admin":
        return ALLOW if user.is_portal_admin else deny(_("此操作须由管理员执行。"))
    if not user.is_reviewer:
        return deny(_("此操作须由审核人员执行。"))
    if _is_conflicted(user, claim.enterprise_id):
        return deny(_("您已申报与该企业存在利益冲突，不能办理其申报。"))
    if claim.status == "submitted":
        if claim.first_assignee_id != user.pk:
            return deny(_("该申报未分配给您初审。"))
        return ALLOW
    # second level: second_review, approved, publicized
    if not user.is_senior_reviewer:
        return deny(_("复审须由复审人员办理。"))
    if claim.first_reviewed_by_id == user.pk:
        return deny(_("复审不能由该申报的初审人员办理。"))
    if claim.status == "second_review" and claim.second_assignee_id not in (None, user.pk):
        return deny(_("该申报未分配给您复审。"))
    return ALLOW


def can(user, action: str, obj=None) -> Decision:
    """May ``user`` do ``action`` to ``obj``? Returns a Decision with the reason in Chinese."""
    if not _authenticated(user):
        return deny(_("请先登录。"))
    if action in ACTIONS:
        if not isinstance(obj, Claim):
            raise TypeError("claim actions need a Claim")
        if not visible_claims(user).filter(pk=obj.pk).exists():
            return deny(_("未找到该申报。"))
        return _claim_action(user, action, obj)
    check = _OTHER_ACTIONS.get(action)
    if check is None:
        raise KeyError(f"unknown action {action!r}")
    return check(user, obj)


def require(user, action: str, obj=None) -> None:
    """Like ``can`` but raises ``PermissionDenied`` with the reason."""
    from django.core.exceptions import PermissionDenied

    decision = can(user, action, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def _applicant_of(user, enterprise_id) -> bool:
    return user.role == Role.APPLICANT and user.enterprise_id is not None and user.enterprise_id == enterprise_id


def _view_claim(user, claim) -> Decision:
    return ALLOW if visible_claims(user).filter(pk=claim.pk).exists() else deny(_("未找到该申报。"))


def _download_document(user, document) -> Decision:
    return ALLOW if visible_documents(user).filter(pk=document.pk).exists() else deny(_("未找到该文件。"))


def _download_letter(user, letter) -> Decision:
    return _view_claim(user, letter.claim)


def _create_claim(user, enterprise) -> Decision:
    if user.role != Role.APPLICANT or user.enterprise_id is None:
        return deny(_("请先登记企业信息后再申报。"))
    return ALLOW


def _manage_enterprise(user, enterprise) -> Decision:
    if _applicant_of(user, getattr(enterprise, "pk", None)) and user.is_enterprise_manager:
        return ALLOW
    return deny(_("只有企业管理员可以修改企业信息或邀请同事。"))


def _staff(user, obj=None) -> Decision:
    return ALLOW if user.is_portal_staff else deny(_("仅限区科工信局工作人员。"))


def _reviewer(user, obj=None) -> Decision:
    return ALLOW if user.is_reviewer else deny(_("仅限审核人员。"))


def _senior(user, obj=None) -> Decision:
    return ALLOW if user.is_senior_reviewer else deny(_("仅限复审人员。"))


def _admin(user, obj=None) -> Decision:
    return ALLOW if user.is_portal_admin else deny(_("仅限管理员。"))


def _assign(user, obj=None) -> Decision:
    return ALLOW if (user.is_senior_reviewer or user.is_portal_admin) else deny(_("仅复审人员或管理员可以分配申报。"))


def _request_preapproval(user, obj=None) -> Decision:
    return ALLOW if user.role == Role.APPLICANT and user.enterprise_id else deny(_("请先登记企业信息。"))


def _decide_preapproval(user, preapproval) -> Decision:
    if not user.is_reviewer and not user.is_portal_admin:
        return deny(_("仅限审核人员。"))
    if preapproval is not None and _is_conflicted(user, preapproval.enterprise_id):
        return deny(_("您已申报与该企业存在利益冲突，不能办理其申请。"))
    return ALLOW


_OTHER_ACTIONS = {
    "view_claim": _view_claim,
    "download_document": _download_document,
    "download_letter": _download_letter,
    "create_claim": _create_claim,
    "manage_enterprise": _manage_enterprise,
    "view_queue": _staff,
    "export": _staff,
    "declare_conflict": _reviewer,
    "assign": _assign,
    "select_demo_project": _senior,
    "publish_notice": _senior,
    "resolve_objection": _senior,
    "decide_batch": _senior,
    "generate_letters": _senior,
    "view_letter_job": _staff,
    "record_payment": _admin,
    "request_preapproval": _request_preapproval,
    "decide_preapproval": _decide_preapproval,
    "edit_guideline": _admin,
    "run_simulation": _admin,
    "view_dashboard": _staff,
    "view_audit_log": _admin,
    "manage_users": _admin,
    "set_budget": _admin,
}


def claim_queryset_filter_for_reviewer(user) -> Q:
    """Q that puts the user's own assignments first in the queue."""
    return Q(first_assignee=user) | Q(second_assignee=user)
