"""The award ledger through the review services: reserve, commit, release; caps across claims,
once-only rules (M1A, M4 per project), M7 upgrades, M8 term cap; and the race on PostgreSQL."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from applications.models import Award, AwardStatus, Claim, ClaimStatus
from applications.services import ledger, review
from applications.services.workflow import transition
from applications.workflow import WorkflowError
from tests.factories import EnterpriseFactory, ReviewerFactory, SeniorReviewerFactory
from tests.review.conftest import M6_FACTS, make_claim

pytestmark = pytest.mark.django_db


def approve_both(claim, reviewer, senior):
    review.first_approve(claim, reviewer)
    return review.second_approve(claim, senior)


def in_second_review(enterprise, reviewer, **kw):
    return make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer, **kw)


def test_second_approval_reserves_min_of_formula_and_remaining_annual_cap(enterprise, reviewer, senior):
    # M6: 10% of 3,800,000 = 380,000 each; annual cap 1,000,000 → 380k, 380k, 240k, then nothing.
    claims = [in_second_review(enterprise, reviewer) for _ in range(4)]
    amounts = []
    for c in claims[:3]:
        c = review.second_approve(c, senior)
        amounts.append(c.awarded_amount)
    assert amounts == [Decimal("380000.00"), Decimal("380000.00"), Decimal("240000.00")]
    with pytest.raises(WorkflowError, match="测算金额为 0"):
        review.second_approve(claims[3], senior)
    claims[3].refresh_from_db()
    assert claims[3].status == ClaimStatus.SECOND_REVIEW  # refused: nothing changed
    assert ledger.counting_total(enterprise.pk, "M6", 2025) == Decimal("1000000.00")
    assert not Award.objects.filter(claim=claims[3]).exists()


def test_other_year_and_other_enterprise_do_not_count(enterprise, reviewer, senior):
    other = EnterpriseFactory()
    for e, year in ((enterprise, 2024), (other, 2025)):
        c = make_claim(e, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer, year=year)
        review.second_approve(c, senior)
    c = in_second_review(enterprise, reviewer)
    assert review.second_approve(c, senior).awarded_amount == Decimal("380000.00")


def test_release_on_reject_withdraw_and_upheld_objection_gives_cap_back(enterprise, reviewer, senior, applicant):
    a = review.second_approve(in_second_review(enterprise, reviewer), senior)
    b = review.second_approve(in_second_review(enterprise, reviewer), senior)
    assert a.award.status == AwardStatus.RESERVED
    # the enterprise withdraws b (the colleague's withdraw goes through transition("withdraw"))
    transition(b, "withdraw", applicant, message="不再申报")
    b.award.refresh_from_db()
    assert b.award.status == AwardStatus.RELEASED and b.award.released_at is not None
    assert ledger.counting_total(enterprise.pk, "M6", 2025) == Decimal("380000.00")
    # a reject from second_review also releases (nothing was reserved for c: still fine)
    c = in_second_review(enterprise, reviewer)
    review.reject(c, senior, "材料不实")
    c.refresh_from_db()
    assert c.status == ClaimStatus.REJECTED and c.decision_reasons == "材料不实"


def test_commit_and_revoke(enterprise, reviewer, senior, admin_user):
    claim = review.second_approve(in_second_review(enterprise, reviewer), senior)
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    with transaction.atomic():
        ledger.commit_for_claim(claim)
    claim.award.refresh_from_db()
    assert claim.award.status == AwardStatus.COMMITTED
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.AWARDED)
    with pytest.raises(PermissionDenied):
        review.revoke(claim, senior, "提供虚假材料")
    review.revoke(claim, admin_user, "提供虚假材料")
    claim.refresh_from_db()
    claim.award.refresh_from_db()
    assert claim.status == ClaimStatus.REVOKED and claim.award.status == AwardStatus.RELEASED
    assert ledger.counting_total(enterprise.pk, "M6", 2025) == Decimal("0.00")


M1A = {"registered_in_tianhe": True, "investor_qualified": True, "newly_established": True, "ai_business": True,
       "above_scale": True}


def test_m1a_once_per_enterprise_across_years(enterprise, reviewer, senior):
    first = make_claim(enterprise, item="M1A", facts=M1A, status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                       first_reviewed_by=reviewer, year=2024)
    assert review.second_approve(first, senior).awarded_amount == Decimal("100000.00")
    again = make_claim(enterprise, item="M1A", facts=M1A, status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                       first_reviewed_by=reviewer, year=2025)
    with pytest.raises(WorkflowError, match="不符合扶持条件"):
        review.second_approve(again, senior)


def m4(ref, level="provincial", funding="2000000"):
    return {"registered_in_tianhe": True, "ai_llm_field": True, "basis": "first_version_software", "accepted": True,
            "level": level, "superior_funding": funding, "project_ref": ref}


def test_m4_once_per_project_but_another_project_pays(enterprise, reviewer, senior):
    a = make_claim(enterprise, item="M4", facts=m4("GD-2025-001"), status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                   first_reviewed_by=reviewer)
    assert review.second_approve(a, senior).awarded_amount == Decimal("500000.00")  # 50% of 2,000,000 capped 500k
    assert a.award.project_ref == "GD-2025-001"
    same = make_claim(enterprise, item="M4", facts=m4("GD-2025-001"), status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                      first_reviewed_by=reviewer, year=2026)
    with pytest.raises(WorkflowError):
        review.second_approve(same, senior)
    other = make_claim(enterprise, item="M4", facts=m4("GD-2025-002", funding="400000"), status=ClaimStatus.SECOND_REVIEW,
                       first=reviewer, first_reviewed_by=reviewer)
    assert review.second_approve(other, senior).awarded_amount == Decimal("200000.00")


def m7(level):
    return {"registered_in_tianhe": True, "above_scale": True, "dcmm_level": level}


def test_m7_upgrade_pays_the_difference_and_same_level_again_nothing(enterprise, reviewer, senior):
    l3 = make_claim(enterprise, item="M7", facts=m7(3), status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                    first_reviewed_by=reviewer, year=2024)
    assert review.second_approve(l3, senior).awarded_amount == Decimal("50000.00")
    l4 = make_claim(enterprise, item="M7", facts=m7(4), status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                    first_reviewed_by=reviewer, year=2025)
    assert review.second_approve(l4, senior).awarded_amount == Decimal("50000.00")  # 100k − 50k already paid
    l4_again = make_claim(enterprise, item="M7", facts=m7(4), status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                          first_reviewed_by=reviewer, year=2026)
    with pytest.raises(WorkflowError):
        review.second_approve(l4_again, senior)


def m8(contract):
    return {"registered_in_tianhe": True, "ai_enterprise": True, "compute_transaction_amount": "6000000",
            "compute_contract_amount": contract}


def test_m8_term_cap_over_all_years(enterprise, reviewer, senior):
    amounts = []
    for year in (2024, 2025, 2026):
        c = make_claim(enterprise, item="M8", facts=m8("8000000"), status=ClaimStatus.SECOND_REVIEW, first=reviewer,
                       first_reviewed_by=reviewer, year=year)
        amounts.append(review.second_approve(c, senior).awarded_amount)
    # 5% of 8,000,000 = 400,000 a year; the term cap 1,000,000 leaves 200,000 in 2026
    assert amounts == [Decimal("400000.00"), Decimal("400000.00"), Decimal("200000.00")]


def test_ineligible_after_a_verified_fact_cannot_be_approved(enterprise, reviewer, senior):
    claim = make_claim(enterprise, first=reviewer)
    review.verify_fact(claim, reviewer, "above_scale", "否", "统计局名录中无该企业")
    with pytest.raises(WorkflowError, match="规模以上"):
        review.first_approve(claim, reviewer)


# --- The race, on PostgreSQL ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_parallel_second_approvals_never_exceed_the_annual_cap(postgres):
    """12 复审 approvals of the same enterprise, item (M6) and year in parallel threads, each on its
    own connection: 12 × 380,000 far exceeds the 1,000,000 cap; the ledger must hold exactly the cap."""
    enterprise = EnterpriseFactory()
    first = ReviewerFactory()
    seniors = [SeniorReviewerFactory() for _ in range(3)]
    claims = [make_claim(enterprise, facts=M6_FACTS, status=ClaimStatus.SECOND_REVIEW, first=first,
                         first_reviewed_by=first) for _ in range(12)]
    barrier = threading.Barrier(len(claims))
    outcomes: list = []
    lock = threading.Lock()

    def approve(claim_id, senior):
        try:
            barrier.wait(timeout=30)
            c = review.second_approve(claim_id, senior)
            with lock:
                outcomes.append(("ok", c.awarded_amount))
        except WorkflowError as exc:
            with lock:
                outcomes.append(("refused", str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported below
            with lock:
                outcomes.append(("error", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(c.pk, seniors[i % 3])) for i, c in enumerate(claims)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not [o for o in outcomes if o[0] == "error"], outcomes
    assert len(outcomes) == 12
    total = sum((a.amount for a in Award.objects.filter(enterprise=enterprise, item_id="M6", year=2025,
                                                        status=AwardStatus.RESERVED)), Decimal("0"))
    assert total == Decimal("1000000.00")
    ok = sorted(o[1] for o in outcomes if o[0] == "ok")
    assert ok == [Decimal("240000.00"), Decimal("380000.00"), Decimal("380000.00")]
    assert Claim.objects.filter(enterprise=enterprise, status=ClaimStatus.APPROVED).count() == 3
    assert Claim.objects.filter(enterprise=enterprise, status=ClaimStatus.SECOND_REVIEW).count() == 9


@pytest.mark.django_db(transaction=True)
def test_parallel_demo_project_selections_never_exceed_the_quota(postgres):
    """14 senior reviewers select M3 projects at once: exactly the guideline's quota (10) succeed."""
    from django.core.exceptions import ValidationError

    from applications.models import DemonstrationProject
    from applications.services import special

    seniors = [SeniorReviewerFactory() for _ in range(14)]
    parties = [(EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()) for _ in range(14)]
    barrier = threading.Barrier(14)
    outcomes: list = []

    def select(i):
        try:
            barrier.wait(timeout=30)
            o, s, p = parties[i]
            special.select_demo_project(seniors[i], year=2026, code=f"R-{i}", name=f"项目{i}", opener=o, supplier=s,
                                        purchaser=p)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        except Exception as exc:  # noqa: BLE001
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=select, args=(i,)) for i in range(14)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["ok"] * 10 + ["refused"] * 4, outcomes
    assert DemonstrationProject.objects.filter(year=2026).count() == 10
