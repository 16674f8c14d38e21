"""The claim workflow as data: every action, the states it starts from, where it leads, and who.

Read this table to know the whole path of a claim. ``permissions.can`` checks the actor and
``services.claims.transition`` applies an action; nothing else changes a claim's status.

    draft ──submit──▶ submitted (待初审) ──first_approve──▶ second_review (待复审)
      ▲                  │  ▲                                  │
      │              return│  │resubmit                         second_approve (reserves the award)
      │                  ▼  │                                  ▼
      └──(edit)──── returned (退回补正)                      approved ──publish──▶ publicized (公示)
                                                                   │                   │
    reject (from submitted / second_review) ─▶ rejected      objection upheld ◀────────┤
    withdraw (before a decision) ─▶ withdrawn                 (back to submitted)    decide
                                                                                       ▼
                                          revoke ◀── awarded ──record payment──▶ paid
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from applications.models.claims import ClaimStatus as S


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the status does not change (e.g. save a draft, verify a fact)
    actor: str  # "applicant", "first_reviewer", "second_reviewer", "reviewer", "admin", "system"


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("edit", _("编辑"), (S.DRAFT, S.RETURNED), None, "applicant"),
        Action("upload", _("上传材料"), (S.DRAFT, S.RETURNED), None, "applicant"),
        Action("submit", _("提交申报"), (S.DRAFT, S.RETURNED), S.SUBMITTED, "applicant"),
        Action(
            "withdraw",
            _("撤回申报"),
            (S.DRAFT, S.SUBMITTED, S.SECOND_REVIEW, S.RETURNED, S.APPROVED, S.PUBLICIZED),
            S.WITHDRAWN,
            "applicant",
        ),
        Action("verify_fact", _("核定数据"), (S.SUBMITTED, S.SECOND_REVIEW), None, "reviewer"),
        Action("first_approve", _("初审通过"), (S.SUBMITTED,), S.SECOND_REVIEW, "first_reviewer"),
        Action("second_approve", _("复审通过"), (S.SECOND_REVIEW,), S.APPROVED, "second_reviewer"),
        Action("return", _("退回补正"), (S.SUBMITTED, S.SECOND_REVIEW), S.RETURNED, "reviewer"),
        Action("reject", _("不予扶持"), (S.SUBMITTED, S.SECOND_REVIEW), S.REJECTED, "reviewer"),
        Action("enter_m1c_amount", _("录入一事一议金额"), (S.SUBMITTED, S.SECOND_REVIEW), None, "reviewer"),
        Action("confirm_m1c", _("确认一事一议"), (S.SUBMITTED, S.SECOND_REVIEW, S.APPROVED), None, "admin"),
        Action("publish", _("纳入公示"), (S.APPROVED,), S.PUBLICIZED, "second_reviewer"),
        Action("uphold_objection", _("异议成立，退回审核"), (S.PUBLICIZED,), S.SUBMITTED, "second_reviewer"),
        Action("decide", _("作出决定"), (S.PUBLICIZED,), S.AWARDED, "second_reviewer"),
        Action("revoke", _("撤销决定"), (S.AWARDED,), S.REVOKED, "admin"),
        Action("record_payment", _("登记拨付"), (S.AWARDED, S.PAID), S.PAID, "admin"),
    )
}


class WorkflowError(Exception):
    """An action that the claim's state does not allow; ``str()`` is for the user, in Chinese."""


def action(name: str) -> Action:
    return ACTIONS[name]


def allowed_from(name: str, status: str) -> bool:
    return status in ACTIONS[name].sources
