"""The bureau's review actions: assign, declare a conflict, verify a fact, approve (初审 / 复审),
reject, return for correction. Each goes through ``services.workflow.transition`` (one lock,
one permission check, one recorded event with before and after)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import rules
from accounts.models import Role, User
from applications import permissions
from applications.models import Claim, ClaimStatus, ConflictOfInterest, Enterprise, FactCorrection
from applications.services import ledger
from applications.services.claims import parse_money
from applications.services.facts import BUREAU_FACTS, evaluate_claim
from applications.services.workflow import record_event, transition
from applications.workflow import WorkflowError

ASSIGNABLE = (ClaimStatus.SUBMITTED, ClaimStatus.SECOND_REVIEW, ClaimStatus.RETURNED)
TRUE_WORDS = {"true", "1", "yes", "y", "是", "有", "符合", "on"}
FALSE_WORDS = {"false", "0", "no", "n", "否", "无", "不符合", "off"}


# --- Facts ------------------------------------------------------------------------------------


def correctable_facts(claim: Claim) -> list[str]:
    """The facts of the claim's item a reviewer may correct (the bureau's own facts excluded)."""
    spec = rules.ITEMS[claim.item_id]
    names = []
    for name in (*spec.requires, *spec.reads):
        if name not in BUREAU_FACTS and name not in names:
            names.append(name)
    return names


def _fact_reader(spec):
    from rules.engine import _reader  # the rules' own check of a fact's kind

    return _reader(spec)


def parse_fact_value(name: str, raw) -> object:
    """A value typed in a form (or sent as JSON) turned into what the rules accept for ``name``.

    Money: thousands separators, spaces and a trailing 元 are removed ("1,234,567.89 元");
    bools accept 是/否, true/false, 1/0; levels are whole numbers. Raises ``ValidationError``
    with a Chinese message naming the fact.
    """
    spec = rules.FACTS.get(name)
    if spec is None:
        raise ValidationError(_("未知的数据项：%(name)s") % {"name": name})
    value = raw
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            raise ValidationError(_("请填写“%(label)s”的核定值。") % {"label": spec.label_zh})
    try:
        if spec.kind == "bool":
            if not isinstance(value, bool):
                word = str(value).strip().lower()
                if word in TRUE_WORDS:
                    value = True
                elif word in FALSE_WORDS:
                    value = False
                else:
                    raise ValidationError(_("“%(label)s”应填写“是”或“否”。") % {"label": spec.label_zh})
        elif spec.kind == "money":
            value = str(_fact_reader(spec)(str(parse_money(value))))  # the same reading as the claim form
        elif spec.kind == "int":
            if isinstance(value, str):
                try:
                    value = int(value)
                except ValueError:
                    raise ValidationError(_("“%(label)s”应为整数。") % {"label": spec.label_zh})
            value = _fact_reader(spec)(value)
        elif spec.kind == "choice":
            labels = {label: v for v, label in spec.choices}
            value = labels.get(value, value)
            value = _fact_reader(spec)(value)
        else:
            value = _fact_reader(spec)(value)
    except rules.RulesError as exc:
        raise ValidationError(str(exc))
    except (InvalidOperation, TypeError):
        raise ValidationError(_("“%(label)s”的值无效。") % {"label": spec.label_zh})
    return value


def parse_amount(raw, label: str) -> Decimal:
    """An amount of 元 typed by a person: "1,200,000", "1200000.50", "120万", "120 万元".
    Raises ``ValidationError`` naming ``label`` in plain Chinese (no technical field names)."""
    if isinstance(raw, bool) or raw is None:
        raise ValidationError(_("请填写%(label)s。") % {"label": label})
    text = str(raw).strip().replace(",", "").replace("，", "").replace(" ", "").removesuffix("元")
    factor = Decimal(1)
    if text.endswith("万"):
        text, factor = text[:-1], Decimal(10000)
    if not text:
        raise ValidationError(_("请填写%(label)s。") % {"label": label})
    try:
        value = Decimal(text) * factor
    except InvalidOperation:
        raise ValidationError(_("%(label)s应为金额，如 1,200,000 或 120万；收到“%(raw)s”。") % {"label": label, "raw": raw})
    if not value.is_finite() or value < 0:
        raise ValidationError(_("%(label)s不能为负数。") % {"label": label})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("%(label)s最多精确到分（两位小数）。") % {"label": label})
    if value > Decimal("100000000000"):
        raise ValidationError(_("%(label)s超出可处理的范围。") % {"label": label})
    return value.quantize(Decimal("0.01"))


def recompute(claim: Claim) -> rules.Result | None:
    """Evaluate the claim from its verified facts and store the result on it (not saved)."""
    try:
        result = evaluate_claim(claim)
    except rules.RulesError as exc:
        claim.result = {"error": str(exc), "field": exc.field}
        claim.computed_amount = None
        return None
    claim.result = result.to_dict()
    claim.computed_amount = result.amount
    return result


def verify_fact(claim: Claim | int, actor, fact: str, raw_value, reason: str) -> Claim:
    """Correct one claimed fact with a reason; the award is recomputed from the verified facts."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写核定理由。"))
    claim_obj = claim if isinstance(claim, Claim) else Claim.objects.get(pk=claim)
    if fact not in correctable_facts(claim_obj):
        raise ValidationError(_("“%(fact)s”不是该事项需要核定的数据。") % {"fact": fact})
    value = parse_fact_value(fact, raw_value)

    def apply(locked: Claim):
        before_verified = (locked.verified_facts or {}).get(fact, None)
        claimed = (locked.facts or {}).get(fact)
        verified = dict(locked.verified_facts or {})
        verified[fact] = value
        locked.verified_facts = verified
        FactCorrection.objects.create(
            claim=locked, fact=fact, claimed_value=claimed, verified_value=value, reason=reason, corrected_by=actor
        )
        amount_before = str(locked.computed_amount) if locked.computed_amount is not None else None
        recompute(locked)
        return {
            "fact": fact,
            "before": before_verified if before_verified is not None else claimed,
            "after": value,
            "amount_before": amount_before,
            "amount_after": str(locked.computed_amount) if locked.computed_amount is not None else None,
        }

    from applications.selectors.facts import display_fact

    spec = rules.FACTS[fact]
    current = (claim_obj.verified_facts or {}).get(fact, (claim_obj.facts or {}).get(fact))
    message = _("核定“%(label)s”：%(before)s → %(after)s（理由：%(reason)s）") % {
        "label": spec.label_zh, "before": display_fact(fact, current), "after": display_fact(fact, value), "reason": reason}
    return transition(claim_obj, "verify_fact", actor, message=message, apply=apply, notify=False)


# --- Assignment and conflicts -----------------------------------------------------------------


def _check_assignee(user: User | None, claim: Claim, level: str) -> None:
    if user is None:
        return
    if not user.is_active or not user.is_reviewer:
        raise ValidationError(_("%(name)s 不是审核人员。") % {"name": user.display_name})
    if level == "second" and not user.is_senior_reviewer:
        raise ValidationError(_("复审须分配给复审人员，%(name)s 不是复审人员。") % {"name": user.display_name})
    if ConflictOfInterest.objects.filter(reviewer=user, enterprise_id=claim.enterprise_id).exists():
        raise ValidationError(
            _("%(name)s 已申报与 %(enterprise)s 存在利益冲突，不能分配。") % {"name": user.display_name, "enterprise": claim.enterprise.name}
        )
    other = claim.first_reviewed_by_id or claim.first_assignee_id
    if level == "second" and other == user.pk:
        raise ValidationError(_("复审不能分配给该申报的初审人员（%(name)s）。") % {"name": user.display_name})
    if level == "first" and claim.second_assignee_id == user.pk:
        raise ValidationError(_("初审不能分配给该申报的复审人员（%(name)s）。") % {"name": user.display_name})


def assign(claim_ids, actor, *, first_assignee: User | None = None, second_assignee: User | None = None) -> int:
    """Assign claims (one or a batch) for 初审 and/or 复审. All or nothing; returns how many."""
    permissions.require(actor, "assign")
    if first_assignee is None and second_assignee is None:
        raise ValidationError(_("请选择初审人员或复审人员。"))
    ids = [int(i) for i in claim_ids]
    if not ids:
        raise ValidationError(_("请至少选择一项申报。"))
    with transaction.atomic():
        claims = list(
            permissions.visible_claims(actor).select_for_update().filter(pk__in=ids).select_related("enterprise")
        )
        if len(claims) != len(set(ids)):
            raise ValidationError(_("部分申报不存在或您无权查看。"))
        for claim in claims:
            if claim.status not in ASSIGNABLE:
                raise ValidationError(_("申报 %(number)s 当前状态（%(status)s）不能分配：只有待初审、待复审或退回补正的申报可以分配。")
                                      % {"number": claim.number, "status": claim.get_status_display()})
            before = {"first_assignee": claim.first_assignee_id, "second_assignee": claim.second_assignee_id}
            if first_assignee is not None:
                _check_assignee(first_assignee, claim, "first")
                claim.first_assignee = first_assignee
            if second_assignee is not None:
                _check_assignee(second_assignee, claim, "second")
                claim.second_assignee = second_assignee
            claim.save(update_fields=["first_assignee", "second_assignee", "updated_at"])
            after = {"first_assignee": claim.first_assignee_id, "second_assignee": claim.second_assignee_id}
            names = []
            if first_assignee is not None:
                names.append(_("初审：%(name)s") % {"name": first_assignee.display_name})
            if second_assignee is not None:
                names.append(_("复审：%(name)s") % {"name": second_assignee.display_name})
            record_event(claim, "assign", actor, from_status=claim.status, to_status=claim.status,
                         message=_("分配审核人员（%(names)s）") % {"names": "，".join(names)},
                         data={"before": before, "after": after}, public=False)
    return len(claims)


def declare_conflict(reviewer, enterprise: Enterprise, reason: str) -> ConflictOfInterest:
    """The reviewer declares a conflict with an enterprise: its claims disappear from their view
    and their open assignments on them are removed."""
    permissions.require(reviewer, "declare_conflict")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写回避理由。"))
    with transaction.atomic():
        conflict, created = ConflictOfInterest.objects.get_or_create(
            reviewer=reviewer, enterprise=enterprise, defaults={"reason": reason[:200]}
        )
        if not created:
            raise ValidationError(_("您已申报过与该企业的利益冲突。"))
        open_claims = Claim.objects.filter(enterprise=enterprise, status__in=[s for s in ClaimStatus.values if s != "draft"])
        open_claims.filter(first_assignee=reviewer, status=ClaimStatus.SUBMITTED).update(first_assignee=None)
        open_claims.filter(second_assignee=reviewer, status__in=[ClaimStatus.SUBMITTED, ClaimStatus.SECOND_REVIEW]).update(
            second_assignee=None
        )
    return conflict


def reviewers_for(claim: Claim | None = None, *, senior: bool = False):
    qs = User.objects.filter(is_active=True, role__in=[Role.SENIOR_REVIEWER] if senior else [Role.REVIEWER, Role.SENIOR_REVIEWER])
    if claim is not None:
        qs = qs.exclude(conflicts__enterprise_id=claim.enterprise_id)
    return qs.order_by("role", "full_name", "email")


# --- Decisions ----------------------------------------------------------------------------------


def _require_result(locked: Claim, *, stage: str) -> rules.Result:
    try:
        result = evaluate_claim(locked)
    except rules.RulesError as exc:
        raise WorkflowError(_("申报数据不完整或有误，不能%(stage)s：%(error)s") % {"stage": stage, "error": exc})
    locked.result = result.to_dict()
    locked.computed_amount = result.amount
    if not result.eligible:
        reasons = "；".join(r.message_zh for r in result.reasons if r.blocking)
        raise WorkflowError(_("按核定数据不符合扶持条件，不能%(stage)s：%(reasons)s。请退回补正或作“不予扶持”处理。") % {"stage": stage, "reasons": reasons})
    return result


def _m1c_check(locked: Claim, stage: str) -> None:
    if locked.item_id != "M1C":
        return
    if not locked.approval_ref or "approved_amount" not in (locked.verified_facts or {}):
        raise WorkflowError(_("一事一议须先录入核定金额和区政府同意文号，才能%(stage)s。") % {"stage": stage})
    if stage != _("初审通过") and not locked.m1c_confirmed_at:
        raise WorkflowError(_("一事一议的金额和区政府同意文号须经管理员确认后，才能%(stage)s。") % {"stage": stage})


def first_approve(claim: Claim | int, actor, message: str = "") -> Claim:
    """初审通过: the claim passes to 复审. The 初审 reviewer is recorded (they may not do the 复审)."""

    def apply(locked: Claim):
        stage = _("初审通过")
        _m1c_check(locked, stage)
        result = _require_result(locked, stage=stage)
        locked.first_reviewed_by = actor
        if locked.second_assignee_id == actor.pk:
            locked.second_assignee = None
        return {"computed_amount": str(result.amount)}

    return transition(claim, "first_approve", actor, message=(message or "").strip(), apply=apply)


def second_approve(claim: Claim | int, actor, message: str = "") -> Claim:
    """复审通过: the award is reserved in the ledger under the enterprise's row lock."""

    def apply(locked: Claim):
        _m1c_check(locked, _("复审通过"))
        award, result = ledger.reserve_for_claim(locked)
        locked.second_reviewed_by = actor
        return {
            "reserved": str(award.amount),
            "formula_amount": str(result.formula_amount) if result.formula_amount is not None else None,
            "remaining_cap_before": str(result.remaining_cap) if result.remaining_cap is not None else None,
        }

    return transition(claim, "second_approve", actor, message=(message or "").strip(), apply=apply)


def approve(claim: Claim, actor, message: str = "") -> Claim:
    """The approve button: 初审 or 复审 according to the claim's state."""
    if claim.status == ClaimStatus.SUBMITTED:
        return first_approve(claim, actor, message)
    if claim.status == ClaimStatus.SECOND_REVIEW:
        return second_approve(claim, actor, message)
    raise WorkflowError(_("当前状态（%(status)s）不能审核通过。") % {"status": claim.get_status_display()})


def reject(claim: Claim | int, actor, reasons: str) -> Claim:
    """不予扶持, with reasons. A decision: the year's guideline is frozen; the ledger released."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError(_("请填写不予扶持的理由。"))

    def apply(locked: Claim):
        from subsidies.services import freeze_guideline

        locked.decision_reasons = reasons
        locked.decided_at = timezone.now()
        locked.awarded_amount = None
        freeze_guideline(locked.year)
        return {"reasons": reasons}

    claim = transition(claim, "reject", actor, message=reasons, apply=apply)
    if permissions.can(actor, "generate_letters"):
        transaction.on_commit(lambda: queue_letters([claim.pk], actor))
    return claim


def return_for_correction(claim: Claim | int, actor, message: str) -> Claim:
    """退回补正 with what to correct; the enterprise edits and resubmits."""
    message = (message or "").strip()
    if not message:
        raise ValidationError(_("请填写需要补正的内容。"))

    def apply(locked: Claim):
        locked.return_message = message
        return {"message": message}

    return transition(claim, "return", actor, message=message, apply=apply)


def revoke(claim: Claim | int, actor, reasons: str) -> Claim:
    """撤销决定 (an administrator): the committed award is released (the ledger hook in transition)."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError(_("请填写撤销决定的理由。"))

    def apply(locked: Claim):
        locked.decision_reasons = reasons
        return {"reasons": reasons, "awarded_amount": str(locked.awarded_amount) if locked.awarded_amount else None}

    return transition(claim, "revoke", actor, message=reasons, apply=apply)


def available_actions(user, claim: Claim) -> dict[str, bool]:
    """Which review buttons to show (the same checks the actions run)."""
    names = ("verify_fact", "first_approve", "second_approve", "return", "reject", "enter_m1c_amount", "confirm_m1c",
             "record_payment", "revoke")
    out = {}
    for name in names:
        try:
            out[name] = bool(permissions.can(user, name, claim))
        except PermissionDenied:
            out[name] = False
    out["assign"] = bool(permissions.can(user, "assign")) and claim.status in ASSIGNABLE
    return out


def queue_letters(claim_ids: list[int], user):
    """Hand decided claims to the letters service (a colleague's module) if it is installed."""
    try:
        from applications.services.letters import queue_letters as _queue
    except ImportError:
        return None
    try:
        return _queue(list(claim_ids), user)
    except Exception:  # noqa: BLE001 - a letter problem must not undo a recorded decision
        import logging

        logging.getLogger(__name__).exception("queue_letters failed for %s", claim_ids)
        return None
