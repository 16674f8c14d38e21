"""公示 and decision: publish a batch of approved claims, take objections, resolve them, and
decide the batch in one action once the period is over."""

import re
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions
from applications.models import Claim, ClaimStatus, NoticeBatch, NoticeStatus, Objection, ObjectionStatus
from applications.services import ledger
from applications.services.review import queue_letters
from applications.services.workflow import transition
from applications.workflow import WorkflowError

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
OBJECTIONS_PER_HOUR = 5


def period_end(starts_on: date, days: int) -> date:
    """The last day of a period of ``days`` days starting on ``starts_on`` (both included)."""
    return starts_on + timedelta(days=days - 1)


def publish_batch(claim_ids, actor, *, title: str = "", days: int | None = None, starts_on: date | None = None) -> NoticeBatch:
    """Put approved claims into a new 公示 for ``days`` days (default ``PORTAL_NOTICE_DAYS``)."""
    permissions.require(actor, "publish_notice")
    days = settings.PORTAL_NOTICE_DAYS if days in (None, "") else int(days)
    if days < 1 or days > 30:
        raise ValidationError({"days": [_("公示期应为 1 至 30 天。")]})
    ids = sorted({int(i) for i in claim_ids})
    if not ids:
        raise ValidationError(_("请至少选择一项复审通过的申报。"))
    starts_on = starts_on or timezone.localdate()
    with transaction.atomic():
        claims = list(permissions.visible_claims(actor).filter(pk__in=ids).only("id", "year", "status"))
        if len(claims) != len(ids):
            raise ValidationError(_("部分申报不存在或您无权查看。"))
        years = {c.year for c in claims}
        if len(years) != 1:
            raise ValidationError(_("一次公示只能包含同一年度的申报。"))
        year = years.pop()
        batch = NoticeBatch.objects.create(
            year=year,
            title=(title or "").strip()[:160] or _("%(year)s年度天河区人工智能大模型产业扶持资金拟扶持名单公示") % {"year": year},
            starts_on=starts_on,
            ends_on=period_end(starts_on, days),
            published_by=actor,
        )
        for claim in claims:

            def apply(locked: Claim, batch=batch):
                locked.notice_batch = batch
                return {"batch": batch.pk, "ends_on": batch.ends_on.isoformat()}

            transition(claim.pk, "publish", actor, apply=apply,
                       message=_("纳入公示：%(title)s（%(start)s 至 %(end)s）") % {
                           "title": batch.title, "start": batch.starts_on.isoformat(), "end": batch.ends_on.isoformat()})
    return batch


def is_open_for_objections(batch: NoticeBatch, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return batch.status == NoticeStatus.OPEN and batch.starts_on <= today <= batch.ends_on


def file_objection(batch: NoticeBatch, claim_id, *, reasons: str, contact_name: str, contact_phone: str,
                   client_key: str = "", today: date | None = None) -> Objection:
    """Anyone may object to a claim of an open 公示, with reasons and a real contact."""
    errors: dict[str, list[str]] = {}
    reasons, contact_name = (reasons or "").strip(), (contact_name or "").strip()
    phone = re.sub(r"[\s]", "", contact_phone or "")
    if len(reasons) < 10:
        errors["reasons"] = [_("请具体说明异议理由（不少于 10 个字）。")]
    elif len(reasons) > 2000:
        errors["reasons"] = [_("异议理由请控制在 2000 字以内。")]
    if not contact_name or len(contact_name) > 40:
        errors["contact_name"] = [_("请填写真实姓名（或单位名称），不超过 40 字。")]
    if not PHONE_RE.match(phone):
        errors["contact_phone"] = [_("请填写有效的联系电话：11 位手机号码或带区号的固定电话（如 020-38880000）。")]
    claim = batch.claims.filter(pk=claim_id, status=ClaimStatus.PUBLICIZED).first() if str(claim_id).isdigit() else None
    if claim is None:
        errors["claim"] = [_("请选择本次公示中的一项申报。")]
    if errors:
        raise ValidationError(errors)
    if not is_open_for_objections(batch, today):
        raise WorkflowError(_("该公示已于 %(end)s 截止，不再受理异议。") % {"end": batch.ends_on.isoformat()})
    key = f"objection-rate:{client_key or 'anon'}"
    count = cache.get(key, 0)
    if count >= OBJECTIONS_PER_HOUR:
        raise WorkflowError(_("提交过于频繁，请一小时后再试，或直接致电区科工信局。"))
    cache.set(key, count + 1, 3600)
    return Objection.objects.create(batch=batch, claim=claim, reasons=reasons, contact_name=contact_name, contact_phone=phone)


def resolve_objection(objection: Objection, actor, *, upheld: bool, resolution: str) -> Objection:
    """Upheld: the claim goes back to review and its reservation is released. Dismissed: recorded."""
    permissions.require(actor, "resolve_objection", objection)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": [_("请填写处理意见。")]})
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.status != ObjectionStatus.PENDING:
            raise WorkflowError(_("该异议已处理（%(status)s）。") % {"status": locked.get_status_display()})
        if not permissions.visible_claims(actor).filter(pk=locked.claim_id).exists():
            raise WorkflowError(_("您不能处理该申报的异议（利益冲突回避）。"))
        locked.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
        locked.resolution = resolution
        locked.resolved_by = actor
        locked.resolved_at = timezone.now()
        locked.save()
        if upheld:

            def apply(claim: Claim):
                ledger.release_for_claim(claim)
                claim.notice_batch = None
                claim.second_reviewed_by = None
                claim.awarded_amount = None
                return {"objection": locked.pk, "resolution": resolution}

            transition(locked.claim_id, "uphold_objection", actor, apply=apply,
                       message=_("公示异议成立，退回重新审核：%(r)s") % {"r": resolution})
        else:
            from applications.services.workflow import record_event

            claim = Claim.objects.get(pk=locked.claim_id)
            record_event(claim, "dismiss_objection", actor, from_status=claim.status, to_status=claim.status,
                         message=_("公示异议不成立：%(r)s") % {"r": resolution}, data={"objection": locked.pk}, public=False)
    return locked


def decide_batch(batch: NoticeBatch, actor, *, today: date | None = None):
    """After the period, every claim still 公示中 in the batch is awarded (ledger committed) in one
    action; the year's guideline is frozen and the letters are queued. Returns (batch, letter job)."""
    permissions.require(actor, "decide_batch", batch)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = NoticeBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == NoticeStatus.DECIDED:
            raise WorkflowError(_("该公示批次已于 %(at)s 作出决定。") % {"at": timezone.localtime(locked.decided_at).strftime("%Y-%m-%d %H:%M")})
        if today <= locked.ends_on:
            raise WorkflowError(_("公示期至 %(end)s 止，期满后（%(next)s 起）方可作出决定。") % {
                "end": locked.ends_on.isoformat(), "next": (locked.ends_on + timedelta(days=1)).isoformat()})
        pending = locked.objections.filter(status=ObjectionStatus.PENDING).count()
        if pending:
            raise WorkflowError(_("尚有 %(n)s 件异议未处理，处理完毕后方可作出决定。") % {"n": pending})
        claim_ids = list(locked.claims.filter(status=ClaimStatus.PUBLICIZED).order_by("pk").values_list("pk", flat=True))
        now = timezone.now()
        for claim_id in claim_ids:

            def apply(claim: Claim):
                if claim.item_id == "M1C" and not claim.m1c_confirmed_at:
                    raise WorkflowError(_("申报 %(n)s 的一事一议尚未经管理员确认，不能作出决定。") % {"n": claim.number})
                award = ledger.commit_for_claim(claim)
                claim.awarded_amount = award.amount
                claim.decided_at = now
                return {"committed": str(award.amount), "batch": locked.pk}

            transition(claim_id, "decide", actor, apply=apply, message=_("公示期满无异议，决定予以扶持。"))
        from subsidies.services import freeze_guideline

        freeze_guideline(locked.year)  # the year's first decision freezes its guideline
        locked.status = NoticeStatus.DECIDED
        locked.decided_at = now
        locked.save(update_fields=["status", "decided_at"])
    job = queue_letters(claim_ids, actor) if claim_ids else None
    return locked, job
