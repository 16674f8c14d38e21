"""Special items: M3 demonstration projects (quota), M1C (amount, approval, confirmation),
M10 pre-approval (filed before the event, granted, linked to the claim)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from applications.models import ClaimStatus, DemonstrationProject, PreApprovalStatus
from applications.services import review, special
from applications.workflow import WorkflowError
from tests.factories import ApplicantFactory, EnterpriseFactory
from tests.review.conftest import future_day, make_claim

pytestmark = pytest.mark.django_db


def select(senior, n, year=2025, **kw):
    opener, supplier, purchaser = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    return special.select_demo_project(senior, year=year, code=f"SF-{year}-{n:02d}", name=f"示范项目{n}", opener=opener,
                                       supplier=kw.get("supplier", supplier), purchaser=kw.get("purchaser", purchaser))


def test_at_most_quota_projects_a_year(senior):
    for n in range(10):
        select(senior, n)
    with pytest.raises(ValidationError, match="已达申报指南规定的年度名额（10 个）"):
        select(senior, 10)
    assert DemonstrationProject.objects.filter(year=2025).count() == 10
    select(senior, 0, year=2026)  # another year has its own quota


def test_only_senior_reviewers_select_and_the_opener_must_qualify(senior, reviewer):
    with pytest.raises(PermissionDenied):
        select(reviewer, 1)
    small = EnterpriseFactory(above_scale=False)
    with pytest.raises(ValidationError, match="规上"):
        special.select_demo_project(senior, year=2025, code="X", name="x", opener=small, supplier=EnterpriseFactory(),
                                    purchaser=EnterpriseFactory())
    api = APIClient()
    api.force_authenticate(senior)
    opener, s, p = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    r = api.post("/api/review/demo-projects/", {"year": 2025, "code": "API-1", "name": "大模型+政务", "opener_uscc": opener.uscc,
                                                "supplier_uscc": s.uscc, "purchaser_uscc": p.uscc}, format="json")
    assert r.status_code == 201 and r.json()["supplier"] == s.name
    r = api.post("/api/review/demo-projects/", {"year": 2025, "code": "API-1", "name": "重复", "opener_uscc": opener.uscc,
                                                "supplier_uscc": s.uscc, "purchaser_uscc": p.uscc}, format="json")
    assert r.status_code == 400 and "code" in r.json()["fields"]


M3 = {"registered_in_tianhe": True, "above_scale": True, "actual_payment": "3200000"}


def test_both_sides_refer_to_the_project(senior, reviewer):
    supplier, purchaser = EnterpriseFactory(), EnterpriseFactory()
    project = select(senior, 1, supplier=supplier, purchaser=purchaser)
    s_claim = make_claim(supplier, item="M3S", facts=M3, first=reviewer)
    p_claim = make_claim(purchaser, item="M3P", facts=M3, first=reviewer)
    with pytest.raises(WorkflowError, match="示范项目"):
        review.first_approve(s_claim, reviewer)  # not linked: not selected_demonstration
    with pytest.raises(ValidationError, match="供应方"):
        special.link_demo_project(p_claim.__class__.objects.get(pk=s_claim.pk), reviewer,
                                  select(senior, 2))  # the supplier is not that project's supplier
    special.link_demo_project(s_claim, reviewer, project)
    special.link_demo_project(p_claim, reviewer, project)
    s_claim.refresh_from_db()
    assert s_claim.computed_amount == Decimal("320000.00")
    review.first_approve(s_claim, reviewer)
    review.first_approve(p_claim, reviewer)
    assert {c.pk for c in project.claims.all()} == {s_claim.pk, p_claim.pk}


M1C = {"registered_in_tianhe": True, "investor_qualified": True, "newly_established": True}


def test_m1c_needs_amount_approval_and_an_administrators_confirmation(enterprise, reviewer, senior, admin_user):
    claim = make_claim(enterprise, item="M1C", facts=M1C, first=reviewer)
    with pytest.raises(WorkflowError, match="核定金额和区政府同意文号"):
        review.first_approve(claim, reviewer)
    with pytest.raises(ValidationError):
        special.enter_m1c_amount(claim, reviewer, "-1", "")
    special.enter_m1c_amount(claim, reviewer, "5,000,000", "穗天府办函〔2025〕18号")
    claim.refresh_from_db()
    assert claim.verified_facts["approved_amount"] == "5000000" and claim.computed_amount == Decimal("5000000.00")
    review.first_approve(claim, reviewer)
    with pytest.raises(WorkflowError, match="管理员确认"):
        review.second_approve(claim, senior)
    with pytest.raises(PermissionDenied):
        special.confirm_m1c(claim, senior)
    special.confirm_m1c(claim, admin_user)
    claim = review.second_approve(claim, senior)
    assert claim.status == ClaimStatus.APPROVED and claim.award.amount == Decimal("5000000.00")


def test_changing_the_m1c_amount_withdraws_the_confirmation(enterprise, reviewer, admin_user):
    claim = make_claim(enterprise, item="M1C", facts=M1C, first=reviewer)
    special.enter_m1c_amount(claim, reviewer, "1000000", "穗天府办函〔2025〕1号")
    special.confirm_m1c(claim, admin_user)
    special.enter_m1c_amount(claim, reviewer, "2000000", "穗天府办函〔2025〕1号")
    claim.refresh_from_db()
    assert claim.m1c_confirmed_at is None


M10 = {"registered_in_tianhe": True, "event_in_tianhe": True, "organizer_type": "industry_association",
       "actual_expenses": "1600000"}


def test_m10_preapproval_before_the_event_then_the_claim_links_to_it(enterprise, applicant, reviewer, senior):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        special.request_preapproval(applicant, event_name="峰会", event_type="summit", venue="天河", planned_date=today,
                                    planned_budget="abc", description="x")
    assert {"planned_date", "planned_budget"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError, match="2099年没有申报指南"):
        special.request_preapproval(applicant, event_name="峰会", event_type="summit", venue="天河",
                                    planned_date=date(2099, 5, 1), planned_budget="1", description="x")
    pre = special.request_preapproval(applicant, event_name="2026天河人工智能大模型峰会", event_type="summit",
                                      venue="天河区体育西路", planned_date=future_day(20),
                                      planned_budget="1,800,000", description="大模型应用论坛与展览")
    assert pre.status == PreApprovalStatus.PENDING and pre.planned_budget == Decimal("1800000")
    with pytest.raises(ValidationError, match="理由"):
        special.decide_preapproval(pre, reviewer, grant=False)
    pre = special.decide_preapproval(pre, reviewer, grant=True, note="同意举办")
    with pytest.raises(ValidationError, match="已审批"):
        special.decide_preapproval(pre, reviewer, grant=False, note="改变主意")
    claim = make_claim(enterprise, item="M10", facts=M10, first=reviewer)
    with pytest.raises(WorkflowError, match="事前"):
        review.first_approve(claim, reviewer)
    other = ApplicantFactory(enterprise=EnterpriseFactory())
    foreign = special.request_preapproval(other, event_name="别家的活动", event_type="forum", venue="天河",
                                          planned_date=future_day(5), planned_budget="100000", description="x")
    special.decide_preapproval(foreign, reviewer, grant=True)
    with pytest.raises(ValidationError, match="申报企业本身"):
        special.link_preapproval(claim, reviewer, foreign)
    special.link_preapproval(claim, reviewer, pre)
    review.first_approve(claim, reviewer)
    claim = review.second_approve(claim, senior)
    assert claim.preapproval == pre and claim.award.amount == Decimal("500000.00")  # 50% of 1.6M capped at 500k


def test_preapproval_api_both_sides(applicant, reviewer):
    api = APIClient()
    api.force_authenticate(applicant)
    day = future_day(10).isoformat()
    r = api.post("/api/review/my-preapprovals/", {"event_name": "大模型开发者大赛", "event_type": "contest", "venue": "天河软件园",
                                                  "planned_date": day, "planned_budget": "600000", "description": "赛事方案"},
                 format="json")
    assert r.status_code == 201, r.json()
    past = api.post("/api/review/my-preapprovals/", {"event_name": "x", "event_type": "contest", "venue": "y",
                                                     "planned_date": "2020-01-01", "planned_budget": "1", "description": "z"},
                    format="json")
    assert past.status_code == 400 and "planned_date" in past.json()["fields"]
    staff = APIClient()
    staff.force_authenticate(reviewer)
    pk = r.json()["id"]
    assert staff.post(f"/api/review/preapprovals/{pk}/decide/", {"grant": True, "note": "同意"}, format="json").json()["status"] == "granted"
    assert api.get("/api/review/my-preapprovals/").json()[0]["status"] == "granted"


def test_amounts_typed_by_people():
    from applications.services.review import parse_amount

    assert parse_amount("1,200,000", "预算") == Decimal("1200000.00")
    assert parse_amount("120万", "预算") == Decimal("1200000.00")
    assert parse_amount(" 12.5 万元 ", "预算") == Decimal("125000.00")
    for bad, word in [("十二万", "应为金额"), ("-3", "负数"), ("1.234", "分"), ("", "请填写"), ("NaN", "负数")]:
        with pytest.raises(ValidationError, match=word):
            parse_amount(bad, "预算")
