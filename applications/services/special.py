"""Special items: M3 demonstration projects (quota a year), M1C 一事一议 (amount, district
approval, administrator's confirmation), M10 事前同意 (pre-approval requested before the event)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import rules
from accounts.models import Role, User
from applications import permissions
from applications.models import Claim, DemonstrationProject, Enterprise, PreApproval, PreApprovalStatus
from applications.services.review import parse_amount, parse_fact_value, recompute
from applications.services.workflow import transition
from subsidies.models import Guideline
from subsidies.selectors import year_parameters

# --- M3 -------------------------------------------------------------------------------------------


def demo_quota(year: int) -> int:
    return int(year_parameters(year).values["M3S"]["quota"])


def select_demo_project(actor, *, year: int, code: str, name: str, opener: Enterprise, supplier: Enterprise,
                        purchaser: Enterprise) -> DemonstrationProject:
    """Select one of the year's 重点应用场景示范项目; refuses beyond the guideline's quota."""
    permissions.require(actor, "select_demo_project")
    code, name = (code or "").strip(), (name or "").strip()
    errors = {}
    if not code:
        errors["code"] = [_("请填写项目编号。")]
    if not name:
        errors["name"] = [_("请填写项目名称。")]
    if opener is not None and not (opener.registered_in_tianhe and opener.above_scale and opener.ai_enterprise):
        errors["opener"] = [_("场景开放企业须为天河区规上人工智能大模型+企业（%(name)s 不符合）。") % {"name": opener.name}]
    if supplier is not None and purchaser is not None and supplier.pk == purchaser.pk:
        errors["purchaser"] = [_("供应方和采购方不能是同一家企业。")]
    if None in (opener, supplier, purchaser):
        errors.setdefault("opener", [_("请选择场景开放企业、供应方和采购方。")])
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        guideline = Guideline.objects.select_for_update().filter(year=year).first()
        if guideline is None:
            raise ValidationError(_("%(year)s年度没有申报指南。") % {"year": year})
        quota = demo_quota(year)
        count = DemonstrationProject.objects.filter(year=year).count()
        if count >= quota:
            raise ValidationError(
                _("%(year)s年度已遴选 %(count)s 个示范项目，已达申报指南规定的年度名额（%(quota)s 个），不能再遴选。")
                % {"year": year, "count": count, "quota": quota}
            )
        if DemonstrationProject.objects.filter(year=year, code=code).exists():
            raise ValidationError({"code": [_("%(year)s年度已有编号为 %(code)s 的示范项目。") % {"year": year, "code": code}]})
        try:
            with transaction.atomic():
                return DemonstrationProject.objects.create(
                    year=year, code=code, name=name, opener=opener, supplier=supplier, purchaser=purchaser, selected_by=actor
                )
        except IntegrityError:
            raise ValidationError({"code": [_("该项目编号已存在。")]})


def link_demo_project(claim: Claim, actor, project: DemonstrationProject | None) -> Claim:
    """Record which selected project an M3 claim refers to (supplier side M3S, purchaser side M3P)."""
    if claim.item_id not in ("M3S", "M3P"):
        raise ValidationError(_("只有应用场景开放奖励（M3）的申报需要关联示范项目。"))
    if project is not None:
        if project.year != claim.year:
            raise ValidationError(_("示范项目须为申报年度（%(year)s年）遴选的项目。") % {"year": claim.year})
        side = project.supplier_id if claim.item_id == "M3S" else project.purchaser_id
        if side != claim.enterprise_id:
            raise ValidationError(
                _("申报企业不是该示范项目的%(side)s。") % {"side": _("供应方") if claim.item_id == "M3S" else _("采购方")}
            )

    def apply(locked: Claim):
        before = locked.demo_project_id
        locked.demo_project = project
        recompute(locked)
        return {"before": {"demo_project": before}, "after": {"demo_project": project.pk if project else None}}

    label = project.code if project else _("无")
    return transition(claim, "verify_fact", actor, message=_("关联示范项目：%(p)s") % {"p": label}, apply=apply, notify=False)


# --- M1C ------------------------------------------------------------------------------------------


def enter_m1c_amount(claim: Claim, actor, amount, approval_ref: str) -> Claim:
    """The reviewer enters the 一事一议 amount and the district government's approval reference.
    Any earlier confirmation is withdrawn: the administrator confirms again."""
    if claim.item_id != "M1C":
        raise ValidationError(_("只有一事一议（M1C）需要录入核定金额。"))
    approval_ref = (approval_ref or "").strip()
    errors = {}
    if not approval_ref:
        errors["approval_ref"] = [_("请填写区政府同意文号。")]
    value = None
    try:
        value = parse_fact_value("approved_amount", str(parse_amount(amount, _("核定金额"))).removesuffix(".00"))
        if Decimal(value) <= 0:
            errors["amount"] = [_("核定金额须大于 0。")]
    except ValidationError as exc:
        errors["amount"] = exc.messages
    if errors:
        raise ValidationError(errors)

    def apply(locked: Claim):
        before = {"approved_amount": (locked.verified_facts or {}).get("approved_amount"), "approval_ref": locked.approval_ref}
        verified = dict(locked.verified_facts or {})
        verified["approved_amount"] = value
        locked.verified_facts = verified
        locked.approval_ref = approval_ref[:80]
        locked.m1c_confirmed_by = None
        locked.m1c_confirmed_at = None
        recompute(locked)
        return {"before": before, "after": {"approved_amount": value, "approval_ref": locked.approval_ref}}

    return transition(
        claim, "enter_m1c_amount", actor,
        message=_("一事一议核定金额 %(amount)s，区政府同意文号 %(ref)s") % {"amount": rules.format_yuan(Decimal(value)), "ref": approval_ref},
        apply=apply, notify=False,
    )


def confirm_m1c(claim: Claim, actor) -> Claim:
    """An administrator confirms the 一事一议 amount and approval before it can be decided."""

    def apply(locked: Claim):
        if locked.item_id != "M1C":
            raise ValidationError(_("只有一事一议（M1C）需要确认。"))
        if not locked.approval_ref or "approved_amount" not in (locked.verified_facts or {}):
            raise ValidationError(_("审核人员尚未录入核定金额和区政府同意文号，不能确认。"))
        locked.m1c_confirmed_by = actor
        locked.m1c_confirmed_at = timezone.now()
        return {"approved_amount": locked.verified_facts["approved_amount"], "approval_ref": locked.approval_ref}

    return transition(claim, "confirm_m1c", actor, message=_("管理员确认一事一议金额及区政府同意文号"), apply=apply, notify=False)


# --- M10 ------------------------------------------------------------------------------------------

EVENT_TYPES = [
    ("forum", "高端论坛"),
    ("summit", "峰会"),
    ("exhibition", "展会"),
    ("contest", "大赛"),
]


def request_preapproval(user, *, event_name: str, event_type: str, venue: str, planned_date: date, planned_budget,
                        description: str, today: date | None = None) -> PreApproval:
    """An organiser files a 事前同意 request before the event."""
    permissions.require(user, "request_preapproval")
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    event_name, venue, description = (event_name or "").strip(), (venue or "").strip(), (description or "").strip()
    if not event_name:
        errors["event_name"] = [_("请填写活动名称。")]
    if event_type not in dict(EVENT_TYPES):
        errors["event_type"] = [_("请选择活动类型（高端论坛、峰会、展会或大赛）。")]
    if not venue:
        errors["venue"] = [_("请填写举办地点。")]
    if not description:
        errors["description"] = [_("请简要说明活动方案。")]
    if not isinstance(planned_date, date):
        errors["planned_date"] = [_("请填写计划举办日期。")]
    elif planned_date <= today:
        errors["planned_date"] = [_("事前同意须在活动举办前申请：计划举办日期须晚于今天（%(today)s）。") % {"today": today.isoformat()}]
    elif not Guideline.objects.filter(year=planned_date.year).exists():
        years = "、".join(str(y) for y in Guideline.objects.order_by("year").values_list("year", flat=True))
        errors["planned_date"] = [_("计划举办日期须在政策有效期内：%(year)s年没有申报指南（现有年度：%(years)s）。")
                                  % {"year": planned_date.year, "years": years}]
    budget = None
    try:
        budget = parse_amount(planned_budget, _("预算"))
        if budget <= 0:
            errors["planned_budget"] = [_("预算须大于 0。")]
    except ValidationError as exc:
        errors["planned_budget"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return PreApproval.objects.create(
        enterprise_id=user.enterprise_id, year=planned_date.year, event_name=event_name[:120],
        event_type=dict(EVENT_TYPES)[event_type], venue=venue[:120], planned_date=planned_date, planned_budget=budget,
        description=description, requested_by=user,
    )


def decide_preapproval(preapproval: PreApproval, actor, *, grant: bool, note: str = "") -> PreApproval:
    """The bureau grants or refuses a 事前同意 request; the organiser is notified."""
    permissions.require(actor, "decide_preapproval", preapproval)
    note = (note or "").strip()
    if not grant and not note:
        raise ValidationError(_("不同意时请填写理由。"))
    with transaction.atomic():
        locked = permissions.visible_preapprovals(actor).select_for_update().get(pk=preapproval.pk)
        if locked.status != PreApprovalStatus.PENDING:
            raise ValidationError(_("该申请已审批（%(status)s），不能重复审批。") % {"status": locked.get_status_display()})
        locked.status = PreApprovalStatus.GRANTED if grant else PreApprovalStatus.REFUSED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_note = note
        locked.save()
        from applications.services.notifications import notify_users

        users = User.objects.filter(enterprise_id=locked.enterprise_id, role=Role.APPLICANT, is_active=True)
        title = _("活动事前同意申请“%(name)s”：%(status)s") % {"name": locked.event_name, "status": locked.get_status_display()}
        transaction.on_commit(lambda: notify_users(users, title, note))
    return locked


def link_preapproval(claim: Claim, actor, preapproval: PreApproval | None) -> Claim:
    """Record the granted 事前同意 an M10 claim relies on."""
    if claim.item_id != "M10":
        raise ValidationError(_("只有创新氛围营造奖励（M10）的申报需要关联事前同意。"))
    if preapproval is not None:
        if preapproval.enterprise_id != claim.enterprise_id:
            raise ValidationError(_("事前同意须由申报企业本身申请。"))
        if preapproval.status != PreApprovalStatus.GRANTED:
            raise ValidationError(_("该事前同意申请未获同意。"))

    def apply(locked: Claim):
        before = locked.preapproval_id
        locked.preapproval = preapproval
        recompute(locked)
        return {"before": {"preapproval": before}, "after": {"preapproval": preapproval.pk if preapproval else None}}

    return transition(claim, "verify_fact", actor, message=_("关联事前同意：%(name)s") % {"name": preapproval.event_name if preapproval else _("无")},
                      apply=apply, notify=False)
