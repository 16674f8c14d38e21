"""Fixtures of the review side: staff, an enterprise, claims put in a given state."""

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Claim, ClaimStatus
from tests.factories import (
    AdminFactory,
    ApplicantFactory,
    ClaimFactory,
    EnterpriseFactory,
    ReviewerFactory,
    SeniorReviewerFactory,
)

M6_FACTS = {
    "registered_in_tianhe": True,
    "above_scale": True,
    "ai_enterprise": True,
    "ai_llm_field": True,
    "paid_to_institutions": "3800000",
}


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(full_name="初审 李强")


@pytest.fixture
def reviewer2(db):
    return ReviewerFactory(full_name="初审 陈静")


@pytest.fixture
def senior(db):
    return SeniorReviewerFactory(full_name="复审 张伟")


@pytest.fixture
def senior2(db):
    return SeniorReviewerFactory(full_name="复审 刘洋")


@pytest.fixture
def admin_user(db):
    return AdminFactory(full_name="管理员 王敏")


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory(name="广州天河智算科技有限公司")


@pytest.fixture
def applicant(enterprise):
    return ApplicantFactory(enterprise=enterprise, full_name="黄志明")


def make_claim(enterprise, *, item="M6", facts=None, status=ClaimStatus.SUBMITTED, first=None, second=None,
               first_reviewed_by=None, year=2025, **extra) -> Claim:
    from subsidies.models import Item

    return ClaimFactory(
        enterprise=enterprise, item=Item.objects.get(code=item), year=year, status=status,
        facts=dict(facts if facts is not None else M6_FACTS), first_assignee=first, second_assignee=second,
        first_reviewed_by=first_reviewed_by, submitted_at=timezone.now() - timedelta(days=1), **extra,
    )


@pytest.fixture
def claim_factory():
    return make_claim


def future_day(days: int):
    """A date ``days`` ahead whose year has a guideline (the policy's last year may be behind us)."""
    from subsidies.models import Guideline
    from subsidies.services import copy_guideline

    day = timezone.localdate() + timedelta(days=days)
    if not Guideline.objects.filter(year=day.year).exists():
        copy_guideline(2026, day.year)
    return day
