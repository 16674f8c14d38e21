"""Demo data of the review side: claims in every state, made with the real services so that the
ledger, the events and the 公示 are consistent. Idempotent (each demo claim is found by its title).

2025 holds the decided claims (its guideline is therefore frozen); 2026 the ones still in review,
so that the 2026 guideline stays editable in the demo.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applications.models import (
    Claim,
    ClaimSubmission,
    DemonstrationProject,
    Enterprise,
    NoticeBatch,
    PreApproval,
)
from subsidies.models import Guideline, Item

TITLE = "【演示】"


def _staff(email: str) -> User:
    return User.objects.get(email=email)


def _claim(enterprise: Enterprise, item: str, year: int, name: str, facts: dict, **extra) -> tuple[Claim, bool]:
    title = f"{TITLE}{name}"
    existing = Claim.objects.filter(enterprise=enterprise, title=title).first()
    if existing:
        return existing, False
    base = enterprise.facts()
    base.update(facts)
    claim = Claim.objects.create(
        enterprise=enterprise, item=Item.objects.get(code=item), guideline=Guideline.objects.get(year=year), year=year,
        title=title, facts=base, created_by=enterprise.users.first(), **extra,
    )
    return claim, True


def _submit(claim: Claim) -> Claim:
    from applications.services.facts import evaluate_claim
    from applications.services.workflow import transition

    applicant = claim.enterprise.users.first()

    def apply(locked: Claim):
        locked.submitted_at = timezone.now()
        try:
            result = evaluate_claim(locked)
            locked.result, locked.computed_amount = result.to_dict(), result.amount
        except Exception:  # noqa: BLE001 - demo: a claim with missing facts stays uncomputed
            result = None
        ClaimSubmission.objects.create(
            claim=locked, sequence=locked.submissions.count() + 1, facts=locked.facts, title=locked.title,
            project_ref=locked.project_ref, estimated_amount=result.amount if result else None, submitted_by=applicant,
        )

    return transition(claim, "submit", applicant, apply=apply, notify=False)


def seed_review_demo() -> dict:
    """Create the review demo (claims in every state); returns the created claims by state."""
    from applications.demo import ENTERPRISES
    from applications.services import notices, payments, review, special
    from applications.services.workflow import transition

    names = [spec["name"] for spec in ENTERPRISES]
    enterprises = {e.name: e for e in Enterprise.objects.filter(name__in=names)}
    if len(enterprises) < 3:
        return {}
    zhisuan, wushan, jinrong = (enterprises[n] for n in names[:3])
    r1, r2 = _staff("chushen1@demo.thkgx.gov.cn"), _staff("chushen2@demo.thkgx.gov.cn")
    s1, s2 = _staff("fushen1@demo.thkgx.gov.cn"), _staff("fushen2@demo.thkgx.gov.cn")
    admin = _staff("admin@demo.thkgx.gov.cn")
    today = timezone.localdate()
    made: dict[str, Claim] = {}

    with transaction.atomic():
        # --- 2025: decided --------------------------------------------------------------------
        paid, new_paid = _claim(zhisuan, "M6", 2025, "与华南理工大学共建大模型联合实验室",
                                {"ai_llm_field": True, "paid_to_institutions": "4200000"})
        awarded, new_awarded = _claim(zhisuan, "M5", 2025, "行业大模型核心技术研发",
                                      {"cac_algorithm_filed": True, "rd_investment": "86000000", "prev_rd_investment": "52000000"})
        rejected, new_rejected = _claim(jinrong, "M6", 2025, "与高校合作的金融风控模型",
                                        {"ai_llm_field": True, "paid_to_institutions": "900000"})
        if new_paid or new_awarded:
            for c in (paid, awarded):
                _submit(c)
                review.assign([c.pk], s1, first_assignee=r1, second_assignee=s1)
                review.first_approve(c, r1, "材料齐全，数据与审计报告一致。")
                review.second_approve(c, s1, "同意。")
            batch = notices.publish_batch([paid.pk, awarded.pk], s1, title="2025年度人工智能大模型产业扶持资金拟扶持名单公示（第一批）",
                                          starts_on=today - timedelta(days=12))
            notices.decide_batch(batch, s1)
            payments.record_payment(paid, admin, paid_on=today - timedelta(days=2), amount=paid.__class__.objects.get(pk=paid.pk).awarded_amount,
                                    voucher_ref="天财拨〔2025〕0815号")
        if new_rejected:
            _submit(rejected)
            review.assign([rejected.pk], s1, first_assignee=r2)
            review.verify_fact(rejected, r2, "above_scale", "否", "经查2025年规上企业名录，该企业未纳入规上统计。")
            review.reject(rejected, r2, "经核实，申报企业未纳入天河区规模以上统计，不符合第三.6条“规上企业”的条件。")
        made.update(paid=paid, awarded=awarded, rejected=rejected)

        # --- 2026: under review -----------------------------------------------------------------
        submitted, new = _claim(zhisuan, "M9A", 2026, "B轮融资风险投资补贴", {"vc_investment_prev_year": "30000000"})
        if new:
            _submit(submitted)
            review.assign([submitted.pk], s2, first_assignee=r1)
        second, new = _claim(wushan, "M9B", 2026, "银行贷款贴息",
                             {"cumulative_bank_loans": "12000000", "interest_paid_prev_year": "460000"})
        if new:
            _submit(second)
            review.assign([second.pk], s2, first_assignee=r2, second_assignee=s1)
            review.first_approve(second, r2, "贷款合同与付息凭证核对无误。")
        returned, new = _claim(jinrong, "M8", 2026, "智算中心算力采购", {"compute_transaction_amount": "7200000",
                                                                     "compute_contract_amount": "6500000"})
        if new:
            _submit(returned)
            review.assign([returned.pk], s2, first_assignee=r1)
            review.return_for_correction(returned, r1, "请补充算力服务合同的付款凭证，并说明交易额与合同额的差异。")
        approved, new = _claim(wushan, "M8", 2026, "大模型训练算力采购", {"compute_transaction_amount": "9000000",
                                                                      "compute_contract_amount": "8800000"})
        if new:
            _submit(approved)
            review.assign([approved.pk], s2, first_assignee=r1, second_assignee=s2)
            review.first_approve(approved, r1)
            review.second_approve(approved, s2)
        publicized, new = _claim(wushan, "M6", 2026, "与中山大学共建数据标注联合体",
                                 {"ai_llm_field": True, "paid_to_institutions": "2600000"})
        if new:
            _submit(publicized)
            review.assign([publicized.pk], s2, first_assignee=r2, second_assignee=s1)
            review.first_approve(publicized, r2)
            review.second_approve(publicized, s1)
            notices.publish_batch([publicized.pk], s1, title="2026年度人工智能大模型产业扶持资金拟扶持名单公示（第一批）")
        withdrawn, new = _claim(jinrong, "M9A", 2026, "天使轮融资补贴", {"vc_investment_prev_year": "1500000"})
        if new:
            _submit(withdrawn)
            transition(withdrawn, "withdraw", jinrong.users.first(), message="融资款尚未全部到位，撤回后明年再申报。")
        m1c, new = _claim(zhisuan, "M1C", 2026, "世界500强子公司落户天河一事一议",
                          {"investor_qualified": True, "newly_established": True})
        if new:
            _submit(m1c)
            review.assign([m1c.pk], s2, first_assignee=r2)
            special.enter_m1c_amount(m1c, r2, "3000000", "穗天府办函〔2026〕27号")
        made.update(submitted=submitted, second_review=second, returned=returned, approved=approved,
                    publicized=publicized, withdrawn=withdrawn, m1c=m1c)

        # --- special items ------------------------------------------------------------------------
        if not DemonstrationProject.objects.filter(year=2026, code="SF-2026-01").exists():
            special.select_demo_project(s1, year=2026, code="SF-2026-01", name="大模型+智慧政务服务场景", opener=zhisuan,
                                        supplier=zhisuan, purchaser=wushan)
        event = "天河人工智能大模型金融应用论坛"
        last_day = date(Guideline.objects.order_by("-year").values_list("year", flat=True)[0], 12, 31)
        planned = min(today + timedelta(days=20), last_day)
        if planned > today and not PreApproval.objects.filter(enterprise=jinrong, event_name=event).exists():
            special.request_preapproval(jinrong.users.first(), event_name=event, event_type="forum",
                                        venue="天河区金融城国际会议中心", planned_date=planned,
                                        planned_budget="800000", description="邀请金融机构与大模型企业交流应用落地。")
    made["notice_batches"] = NoticeBatch.objects.count()
    return made
