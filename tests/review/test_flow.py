"""The whole path of one claim in one test: submitted → 初审 → 复审 → 公示 → objection dismissed →
decided → letter → paid, with the ledger state and the recorded events asserted at each step."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications.models import AwardStatus, ClaimEvent, ClaimStatus, NoticeStatus, ObjectionStatus
from applications.services import notices, payments, review
from applications.services.workflow import transition
from applications.workflow import WorkflowError
from subsidies.models import Guideline, GuidelineStatus
from tests.review.conftest import make_claim

pytestmark = pytest.mark.django_db


def events(claim):
    return list(ClaimEvent.objects.filter(claim=claim).order_by("id").values_list("action", "from_status", "to_status"))


def test_whole_path(enterprise, applicant, reviewer, senior, admin_user, django_capture_on_commit_callbacks):
    claim = make_claim(enterprise, status=ClaimStatus.DRAFT)
    transition(claim, "submit", applicant)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED

    # assignment by a senior reviewer; the 初审 reviewer cannot act before it
    with pytest.raises(Exception, match="未分配给您"):
        review.first_approve(claim, reviewer)
    assert review.assign([claim.pk], senior, first_assignee=reviewer, second_assignee=senior) == 1

    # 初审: correct a fact with a reason; the award is recomputed from the verified fact
    review.verify_fact(claim, reviewer, "paid_to_institutions", "3,000,000", "以银行回单合计为准")
    claim.refresh_from_db()
    assert claim.verified_facts["paid_to_institutions"] == "3000000"
    assert claim.computed_amount == Decimal("300000.00")
    assert claim.result["amount"] == "300000.00"
    correction = claim.corrections.get()
    assert (correction.claimed_value, correction.verified_value, correction.corrected_by) == ("3800000", "3000000", reviewer)
    review.first_approve(claim, reviewer, "材料齐全")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SECOND_REVIEW and claim.first_reviewed_by == reviewer
    assert not hasattr(claim, "award") or claim.award is None

    # 复审 reserves the award
    review.second_approve(claim, senior)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.award.status == AwardStatus.RESERVED and claim.award.amount == Decimal("300000.00")
    assert claim.awarded_amount == Decimal("300000.00")

    # 公示 for 5 days (the default)
    today = timezone.localdate()
    batch = notices.publish_batch([claim.pk], senior)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLICIZED and claim.notice_batch == batch
    assert (batch.ends_on - batch.starts_on).days == 4 and batch.status == NoticeStatus.OPEN

    objection = notices.file_objection(batch, claim.pk, reasons="该企业上年度与高校合作金额存在重复计算。",
                                       contact_name="王小明", contact_phone="13912345678", client_key="t1")
    with pytest.raises(WorkflowError, match="期满后"):
        notices.decide_batch(batch, senior)
    with pytest.raises(WorkflowError, match="异议未处理"):
        notices.decide_batch(batch, senior, today=batch.ends_on + timedelta(days=1))
    notices.resolve_objection(objection, senior, upheld=False, resolution="经核实合同与回单，不存在重复计算。")
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DISMISSED and objection.resolved_by == senior

    # decided after the period: ledger committed, guideline frozen, letter queued and rendered
    assert Guideline.objects.get(year=2025).status != GuidelineStatus.FROZEN
    with django_capture_on_commit_callbacks(execute=True):
        batch, job = notices.decide_batch(batch, senior, today=batch.ends_on + timedelta(days=1))
    claim.refresh_from_db()
    claim.award.refresh_from_db()
    assert claim.status == ClaimStatus.AWARDED and claim.decided_at is not None
    assert claim.award.status == AwardStatus.COMMITTED
    assert batch.status == NoticeStatus.DECIDED
    assert Guideline.objects.get(year=2025).status == GuidelineStatus.FROZEN
    try:
        import applications.services.letters  # noqa: F401
    except ImportError:
        job = None
    else:
        assert job is not None
        claim.letter.refresh_from_db()
        assert re.fullmatch(r"天科工信〔20\d\d〕\d+号", claim.letter.reference)
        job.refresh_from_db()
        assert job.done == 1

    # 拨付 by an administrator; more than the award is refused
    with pytest.raises(ValidationError):
        payments.record_payment(claim, admin_user, paid_on=today, amount="300000.01", voucher_ref="PZ-1")
    payments.record_payment(claim, admin_user, paid_on=today, amount="300,000.00", voucher_ref="TH-PZ-2025-001")
    claim.refresh_from_db()
    claim.award.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert claim.award.status == AwardStatus.PAID
    assert [p.amount for p in claim.award.payments.all()] == [Decimal("300000.00")]

    letter_events = [("letter_issued", "awarded", "awarded")] if job is not None else []
    assert events(claim) == [
        ("submit", "draft", "submitted"),
        ("assign", "submitted", "submitted"),
        ("verify_fact", "submitted", "submitted"),
        ("first_approve", "submitted", "second_review"),
        ("second_approve", "second_review", "approved"),
        ("publish", "approved", "publicized"),
        ("dismiss_objection", "publicized", "publicized"),
        ("decide", "publicized", "awarded"),
        *letter_events,
        ("record_payment", "awarded", "paid"),
    ]
    verify = ClaimEvent.objects.get(claim=claim, action="verify_fact")
    assert verify.actor == reviewer and verify.data["before"] == "3800000" and verify.data["after"] == "3000000"
    assert ClaimEvent.objects.get(claim=claim, action="second_approve").data["reserved"] == "300000.00"


def test_upheld_objection_sends_the_claim_back_and_releases_the_reservation(enterprise, reviewer, senior):
    claim = make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer)
    review.second_approve(claim, senior)
    batch = notices.publish_batch([claim.pk], senior, days=3)
    objection = notices.file_objection(batch, claim.pk, reasons="合作单位并非高校或科研院所，请核实。",
                                       contact_name="李四", contact_phone="020-38880000", client_key="t2")
    notices.resolve_objection(objection, senior, upheld=True, resolution="合作单位资质存疑，退回重新审核。")
    claim.refresh_from_db()
    claim.award.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.notice_batch is None
    assert claim.award.status == AwardStatus.RELEASED
    # the batch may then be decided (nothing left in it) once the period is over
    batch, job = notices.decide_batch(batch, senior, today=batch.ends_on + timedelta(days=1))
    assert batch.status == NoticeStatus.DECIDED and job is None
    # and the claim can be approved again: a fresh reservation
    review.first_approve(claim, reviewer)
    review.second_approve(claim, senior)
    claim.award.refresh_from_db()
    assert claim.award.status == AwardStatus.RESERVED


def test_objection_input_is_validated_and_late_objections_refused(enterprise, reviewer, senior):
    claim = make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer)
    review.second_approve(claim, senior)
    batch = notices.publish_batch([claim.pk], senior)
    with pytest.raises(ValidationError) as exc:
        notices.file_objection(batch, claim.pk, reasons="太短", contact_name="", contact_phone="12345")
    assert set(exc.value.message_dict) == {"reasons", "contact_name", "contact_phone"}
    with pytest.raises(WorkflowError, match="不再受理"):
        notices.file_objection(batch, claim.pk, reasons="理由足够长足够具体的异议内容。", contact_name="王五",
                               contact_phone="13800000000", today=batch.ends_on + timedelta(days=1))
    for _i in range(notices.OBJECTIONS_PER_HOUR):
        notices.file_objection(batch, claim.pk, reasons="理由足够长足够具体的异议内容。", contact_name="王五",
                               contact_phone="13800000000", client_key="flood")
    with pytest.raises(WorkflowError, match="过于频繁"):
        notices.file_objection(batch, claim.pk, reasons="理由足够长足够具体的异议内容。", contact_name="王五",
                               contact_phone="13800000000", client_key="flood")


def test_return_for_correction_and_reject_need_a_message(enterprise, reviewer):
    claim = make_claim(enterprise, first=reviewer)
    with pytest.raises(ValidationError):
        review.return_for_correction(claim, reviewer, "  ")
    review.return_for_correction(claim, reviewer, "请补充与高校签订的合作协议。")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED and claim.return_message == "请补充与高校签订的合作协议。"
    ev = ClaimEvent.objects.get(claim=claim, action="return")
    assert ev.actor == reviewer and ev.from_status == "submitted" and ev.to_status == "returned"


def test_reject_freezes_the_guideline(enterprise, reviewer):
    claim = make_claim(enterprise, first=reviewer, year=2026)
    with pytest.raises(ValidationError):
        review.reject(claim, reviewer, "")
    review.reject(claim, reviewer, "合作单位不是高校或科研院所。")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED and claim.decided_at is not None
    assert Guideline.objects.get(year=2026).status == GuidelineStatus.FROZEN


def test_verify_fact_refuses_bad_values_with_clear_messages(enterprise, reviewer):
    claim = make_claim(enterprise, first=reviewer)
    for fact, value, expected in [
        ("paid_to_institutions", "-5", "负数"),
        ("paid_to_institutions", "三百万", "金额"),
        ("paid_to_institutions", "1.234", "分"),
        ("above_scale", "也许", "是"),
        ("dcmm_level", "3", "不是该事项"),
        ("no_such_fact", "1", "不是该事项"),
    ]:
        with pytest.raises(ValidationError, match=expected):
            review.verify_fact(claim, reviewer, fact, value, "核定")
    with pytest.raises(ValidationError, match="理由"):
        review.verify_fact(claim, reviewer, "paid_to_institutions", "100", "")
    claim.refresh_from_db()
    assert claim.verified_facts == {} and claim.corrections.count() == 0
