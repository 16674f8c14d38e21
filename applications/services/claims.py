"""Writes on an enterprise's claims: start, save (draft or correction), submit, withdraw.

Every status change goes through ``services.workflow.transition``; saving a draft is the
workflow action ``edit`` (no status change, recorded in the timeline, no notification). Facts are
checked here, in one place, whether they come from a page or the API: money in 元 as a decimal
string (thousands separators accepted), yes/no as booleans, choices and levels as declared in
``rules.FACTS``.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import rules
from applications import permissions
from applications.models import Claim, ClaimSubmission, Enterprise
from applications.models.claims import OPEN_STATUSES, ClaimStatus
from applications.models.review import DemonstrationProject, PreApproval, PreApprovalStatus
from applications.services.facts import BUREAU_FACTS, evaluate_claim
from applications.services.workflow import transition
from subsidies.models import Guideline, Item, ItemSetting

#: The largest amount accepted anywhere (元): 10^13 − 0.01.
MONEY_MAX = Decimal("10000000000000")
_MONEY_RE = re.compile(r"^\d+(\.\d{1,2})?$")
_SEPARATORS = (",", "，", " ", "\u00a0", "\u3000", "_")

#: Facts a claim takes from the claim's own fields rather than from the facts form.
FIELD_FACTS = frozenset({"project_ref"})


# --- Facts: parsing and checking ------------------------------------------------------------


def parse_money(raw) -> Decimal:
    """``"1,234,567.89"`` (or 1234567, Decimal) → Decimal; a clear Chinese message otherwise."""
    if isinstance(raw, bool):
        raise ValidationError(_("请输入金额（元），例如 1,234,567.89。"), code="money")
    if isinstance(raw, Decimal | int | float):
        text = str(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        for sep in _SEPARATORS:
            text = text.replace(sep, "")
        text = text.removesuffix("元")
    else:
        raise ValidationError(_("请输入金额（元），例如 1,234,567.89。"), code="money")
    if text.startswith("-"):
        raise ValidationError(_("金额不能为负数。"), code="negative")
    if not _MONEY_RE.match(text):
        raise ValidationError(
            _("“%(value)s”不是有效金额：请只填写数字（元），最多两位小数，可用逗号分隔千位，例如 1,234,567.89。")
            % {"value": str(raw)[:40]},
            code="money",
        )
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("请输入金额（元），例如 1,234,567.89。"), code="money")
    if value >= MONEY_MAX:
        raise ValidationError(
            _("金额过大（%(value)s 元）：不能超过 9,999,999,999,999.99 元，请核对单位是否为“元”。")
            % {"value": rules.format_yuan(value).removesuffix(" 元")},
            code="too_large",
        )
    return value


def _parse_bool(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in {"true", "yes", "1", "是"}:
        return True
    if isinstance(raw, str) and raw.strip().lower() in {"false", "no", "0", "否"}:
        return False
    raise ValidationError(_("请选择“是”或“否”。"), code="bool")


def clean_fact(name: str, raw):
    """One fact as stored in ``Claim.facts`` (JSON-safe); ValidationError in Chinese."""
    spec = rules.FACTS[name]
    if spec.kind == "bool":
        return _parse_bool(raw)
    if spec.kind == "money":
        value = parse_money(raw)
        return f"{value:f}"
    if spec.kind == "int":
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            raise ValidationError(_("请输入整数。"), code="int")
        if isinstance(raw, bool):
            raise ValidationError(_("请输入整数。"), code="int")
        lo, hi = spec.minimum, spec.maximum
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ValidationError(_("应在 %(lo)s 至 %(hi)s 之间。") % {"lo": lo, "hi": hi}, code="range")
        return value
    if spec.kind == "choice":
        value = str(raw).strip()
        if value not in dict(spec.choices):
            allowed = "、".join(label for _v, label in spec.choices)
            raise ValidationError(_("请从以下选项中选择：%(allowed)s。") % {"allowed": allowed}, code="choice")
        return value
    value = str(raw).strip()
    if len(value) > 200:
        raise ValidationError(_("内容过长（最多 200 字）。"), code="text")
    return value


def claim_fact_names(item_code: str) -> list[str]:
    """The facts the applicant states for this item (the bureau's facts and field facts excluded)."""
    spec = rules.ITEMS[item_code]
    names = list(dict.fromkeys(spec.requires + spec.reads))
    return [n for n in names if n not in BUREAU_FACTS and n not in FIELD_FACTS]


def normalize_facts(item_code: str, raw: dict, *, partial: bool = True) -> dict:
    """Check every submitted fact; blank values are dropped (a draft may be incomplete).

    Raises ``ValidationError({fact: [message]})`` naming each wrong field; nothing is half-applied.
    """
    allowed = set(claim_fact_names(item_code))
    out: dict = {}
    errors: dict = {}
    for name, value in (raw or {}).items():
        if name in FIELD_FACTS:
            continue  # set from the claim's own field (project_ref)
        if name in BUREAU_FACTS:
            errors[name] = [_("此项由区科工信局依据其记录确定，不由企业填写。")]
            continue
        if name not in allowed:
            errors[name] = [_("本事项不需要此数据（%(name)s）。") % {"name": name}]
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            out[name] = clean_fact(name, value)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return out


# --- Window, item, duplicates ---------------------------------------------------------------


def window_message(guideline: Guideline, now=None) -> str:
    """'' when the window is open, else the sentence saying when it opens or that it closed."""
    state = guideline.window_state(now)
    if state == "before":
        return _("%(year)s年度申报尚未开始，将于 %(opens)s 开放申报。") % {
            "year": guideline.year,
            "opens": date_format(timezone.localtime(guideline.opens_at), "Y年n月j日 H:i"),
        }
    if state == "closed":
        return _("%(year)s年度申报已于 %(closes)s 截止，不再受理新的申报。") % {
            "year": guideline.year,
            "closes": date_format(timezone.localtime(guideline.closes_at), "Y年n月j日 H:i"),
        }
    return ""


def item_enabled(guideline: Guideline, item_code: str) -> bool:
    setting = ItemSetting.objects.filter(guideline=guideline, item_id=item_code).only("enabled").first()
    return setting is None or setting.enabled


def _normal_ref(item_code: str, project_ref: str) -> str:
    if not rules.ITEMS[item_code].has_project_ref:
        return ""
    return re.sub(r"\s+", "", project_ref or "")


def _check_no_duplicate(enterprise_id: int, item_code: str, year: int, project_ref: str, exclude_pk=None) -> None:
    """Called with the enterprise row locked: one open claim per item, year and project."""
    qs = Claim.objects.filter(
        enterprise_id=enterprise_id, item_id=item_code, year=year, project_ref=project_ref, status__in=OPEN_STATUSES
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    other = qs.only("id", "year", "item_id").first()
    if other is not None:
        if project_ref:
            msg = _("贵企业已有一项“%(item)s”%(year)s年度项目“%(ref)s”的申报（%(number)s）尚在办理中，不能重复申报同一项目。") % {
                "item": rules.ITEMS[item_code].name_zh,
                "year": year,
                "ref": project_ref,
                "number": other.number,
            }
        else:
            msg = _("贵企业已有一项“%(item)s”%(year)s年度的申报（%(number)s）尚在办理中，不能重复申报。") % {
                "item": rules.ITEMS[item_code].name_zh,
                "year": year,
                "number": other.number,
            }
        raise ValidationError({"project_ref" if project_ref else "__all__": [msg]})


def _lock_enterprise(enterprise_id: int) -> Enterprise:
    return Enterprise.objects.select_for_update().get(pk=enterprise_id)


# --- Bureau references (M3, M10) ------------------------------------------------------------


def demo_projects_for(enterprise_id: int, item_code: str, year: int):
    if item_code not in ("M3S", "M3P"):
        return DemonstrationProject.objects.none()
    side = "supplier_id" if item_code == "M3S" else "purchaser_id"
    return DemonstrationProject.objects.filter(year=year, **{side: enterprise_id})


def preapprovals_for(enterprise_id: int, item_code: str):
    if item_code != "M10":
        return PreApproval.objects.none()
    return PreApproval.objects.filter(enterprise_id=enterprise_id, status=PreApprovalStatus.GRANTED)


def _resolve_refs(claim: Claim, demo_project, preapproval) -> None:
    def pk_of(obj):
        return getattr(obj, "pk", obj)

    if claim.item_id in ("M3S", "M3P"):
        if demo_project in (None, ""):
            claim.demo_project = None
        else:
            project = demo_projects_for(claim.enterprise_id, claim.item_id, claim.year).filter(pk=pk_of(demo_project)).first()
            if project is None:
                raise ValidationError({"demo_project": [_("未找到贵企业作为该方参与的本年度示范项目。")]})
            claim.demo_project = project
            claim.project_ref = project.code
    if claim.item_id == "M10":
        if preapproval in (None, ""):
            claim.preapproval = None
        else:
            pre = preapprovals_for(claim.enterprise_id, claim.item_id).filter(pk=pk_of(preapproval)).first()
            if pre is None:
                raise ValidationError({"preapproval": [_("未找到贵企业已获同意的活动事前同意。")]})
            claim.preapproval = pre
            claim.project_ref = f"SQTY-{pre.pk}"


def _set_fields(claim: Claim, facts: dict, title, project_ref) -> None:
    if title is not None:
        title = str(title).strip()
        if len(title) > 120:
            raise ValidationError({"title": [_("项目名称最多 120 字。")]})
        claim.title = title
    if project_ref is not None:
        ref = _normal_ref(claim.item_id, str(project_ref))
        if len(ref) > 80:
            raise ValidationError({"project_ref": [_("项目编号最多 80 个字符。")]})
        claim.project_ref = ref
    merged = dict(facts)
    if "project_ref" in rules.ITEMS[claim.item_id].reads and claim.project_ref:
        merged["project_ref"] = claim.project_ref
    claim.facts = merged


# --- Actions --------------------------------------------------------------------------------


def start_claim(
    user,
    item_code: str,
    *,
    facts: dict | None = None,
    title: str = "",
    project_ref: str = "",
    demo_project=None,
    preapproval=None,
    guideline: Guideline | None = None,
) -> Claim:
    """Create a draft claim of the current guideline (window open, item enabled, no duplicate)."""
    from subsidies.selectors import current_guideline

    enterprise = user.enterprise if getattr(user, "enterprise_id", None) else None
    permissions.require(user, "create_claim", enterprise)
    if item_code not in rules.ITEMS:
        raise ValidationError(_("未知的申报事项：%(code)s。") % {"code": item_code})
    guideline = guideline or current_guideline()
    if guideline is None:
        raise ValidationError(_("本年度申报指南尚未发布。"))
    closed = window_message(guideline)
    if closed:
        raise ValidationError(closed)
    if not item_enabled(guideline, item_code):
        raise ValidationError(_("“%(item)s”本年度不开放申报。") % {"item": rules.ITEMS[item_code].name_zh})
    clean = normalize_facts(item_code, facts or {})
    with transaction.atomic():
        _lock_enterprise(enterprise.pk)
        claim = Claim(
            enterprise=enterprise,
            item=Item.objects.get(code=item_code),
            guideline=guideline,
            year=guideline.year,
            status=ClaimStatus.DRAFT,
            created_by=user,
        )
        _set_fields(claim, clean, title, project_ref)
        _resolve_refs(claim, demo_project, preapproval)
        _set_fields(claim, clean, None, None)
        _check_no_duplicate(enterprise.pk, item_code, claim.year, claim.project_ref)
        claim.save()
        from applications.services.workflow import record_event

        record_event(claim, "create", user, from_status="", to_status=claim.status, message=_("创建申报草稿"))
    return claim


def save_claim(
    user,
    claim: Claim,
    *,
    facts: dict | None = None,
    title: str | None = None,
    project_ref: str | None = None,
    demo_project=None,
    preapproval=None,
    replace: bool = True,
) -> Claim:
    """Save the working copy (draft, or a returned claim being corrected). Partial facts allowed.

    ``replace`` True: ``facts`` is the whole set (a form); False: merged into the existing (PATCH).
    """
    clean = normalize_facts(claim.item_id, facts or {})
    changed: dict = {}

    def apply(locked: Claim):
        _lock_enterprise(locked.enterprise_id)
        before = dict(locked.facts or {})
        new = clean if replace else {**{k: v for k, v in before.items() if k not in FIELD_FACTS}, **clean}
        _set_fields(locked, new, title, project_ref)
        if replace:
            _resolve_refs(locked, demo_project, preapproval)
        else:
            _resolve_refs(
                locked,
                demo_project if demo_project is not None else locked.demo_project_id,
                preapproval if preapproval is not None else locked.preapproval_id,
            )
        _set_fields(locked, new, None, None)
        _check_no_duplicate(locked.enterprise_id, locked.item_id, locked.year, locked.project_ref, exclude_pk=locked.pk)
        for key in set(before) | set(locked.facts):
            if before.get(key) != locked.facts.get(key):
                changed[key] = [before.get(key), locked.facts.get(key)]
        return {"changed": changed} if changed else None

    return transition(claim, "edit", user, apply=apply, notify=False)


def missing_facts(claim: Claim) -> list[str]:
    """Every fact the rules still need for this claim (asks the rules, so conditions are honoured)."""
    from applications.services.facts import prior_awards, rule_facts
    from subsidies.selectors import year_parameters

    params = year_parameters(claim.year)
    facts = rule_facts(claim, verified=False)
    if claim.item_id == "M1C":
        facts.setdefault("approved_amount", "0")
    missing: list[str] = []
    priors = prior_awards(claim.enterprise_id, exclude_claim_id=claim.pk)
    for _attempt in range(40):
        try:
            rules.evaluate(claim.item_id, params, facts, priors)
            return missing
        except rules.RulesError as exc:
            if exc.code != "missing_fact" or not exc.field or exc.field in missing:
                raise
            missing.append(exc.field)
            spec = rules.FACTS[exc.field]
            facts[exc.field] = {"bool": False, "money": "0", "int": spec.minimum or 1, "text": "-"}.get(
                spec.kind, spec.choices[0][0] if spec.choices else ""
            )
    return missing


def submission_problems(claim: Claim) -> list[str]:
    """Why the claim cannot be submitted yet (empty list: it can). In Chinese, one line each."""
    from applications.services.documents import missing_documents

    problems: list[str] = []
    if claim.status == ClaimStatus.DRAFT:
        closed = window_message(claim.guideline)
        if closed:
            problems.append(closed)
        if not item_enabled(claim.guideline, claim.item_id):
            problems.append(_("“%(item)s”本年度不开放申报。") % {"item": claim.item.name})
    try:
        missing = missing_facts(claim)
    except rules.RulesError as exc:
        problems.append(_("申报数据有误：%(msg)s") % {"msg": str(exc)})
        missing = []
    if missing:
        labels = "、".join(rules.FACTS[n].label_zh for n in missing)
        problems.append(_("请填写：%(labels)s。") % {"labels": labels})
    if rules.ITEMS[claim.item_id].has_project_ref and not claim.project_ref:
        problems.append(_("请填写项目编号。"))
    if claim.item_id in ("M3S", "M3P") and claim.demo_project_id is None:
        problems.append(_("请选择贵企业参与的本年度重点应用场景示范项目。"))
    if claim.item_id == "M10" and claim.preapproval_id is None:
        problems.append(_("请选择已获区科工信局事前同意的活动。"))
    docs = missing_documents(claim)
    if docs:
        problems.append(_("请上传以下必须提交的材料：%(names)s。") % {"names": "、".join(d.name for d in docs)})
    return problems


def preview(claim: Claim) -> dict:
    """The estimated award now, or the friendly reason it cannot be computed yet."""
    if claim.item_id == "M1C":
        return {"result": None, "error": _("“一事一议”的扶持金额由区政府同意后，由审核人员录入，提交时无需填写金额。")}
    try:
        missing = missing_facts(claim)
    except rules.RulesError as exc:
        return {"result": None, "error": str(exc)}
    if missing:
        labels = "、".join(rules.FACTS[n].label_zh for n in missing)
        return {"result": None, "error": _("还缺少以下数据，填写后即可测算：%(labels)s。") % {"labels": labels}}
    try:
        return {"result": evaluate_claim(claim, verified=False), "error": ""}
    except rules.RulesError as exc:
        return {"result": None, "error": str(exc)}


def submit_claim(user, claim: Claim) -> Claim:
    """Submit (or resubmit after correction): full checks, a frozen snapshot, then the transition."""

    def apply(locked: Claim):
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        estimated = None
        if locked.item_id != "M1C":
            result = evaluate_claim(locked, verified=False)
            estimated = result.amount
            locked.result = result.to_dict()
            locked.computed_amount = result.amount
        sequence = locked.submissions.count() + 1
        ClaimSubmission.objects.create(
            claim=locked,
            sequence=sequence,
            facts=dict(locked.facts or {}),
            title=locked.title,
            project_ref=locked.project_ref,
            estimated_amount=estimated,
            submitted_by=user,
        )
        locked.submitted_at = timezone.now()
        return {"sequence": sequence, "estimated_amount": None if estimated is None else f"{estimated:f}"}

    return transition(claim, "submit", user, apply=apply)


def withdraw_claim(user, claim: Claim, reason: str = "") -> Claim:
    reason = (reason or "").strip()[:500]
    return transition(claim, "withdraw", user, message=reason or _("申报企业撤回申报。"))


def claim_for_action(user, pk: int, action: str) -> Claim:
    """The claim (visible to ``user``) for ``action``; PermissionDenied with the reason otherwise."""
    claim = permissions.visible_claims(user).select_related("item", "guideline").get(pk=pk)
    decision = permissions.can(user, action, claim)
    if not decision:
        raise PermissionDenied(decision.reason)
    return claim
