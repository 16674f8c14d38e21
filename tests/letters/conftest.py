"""Decided claims to write letters for, built with the shared factories."""

import datetime
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

import rules
from applications.models import ClaimStatus
from subsidies.selectors import year_parameters
from tests.factories import ApplicantFactory, ClaimFactory, EnterpriseFactory, SeniorReviewerFactory

M6_FACTS = {
    "registered_in_tianhe": True,
    "above_scale": True,
    "ai_enterprise": True,
    "ai_llm_field": True,
    "paid_to_institutions": "3456789.10",
}


def make_decided_claim(*, awarded=True, enterprise=None, decided_at=None, facts=None, verified=None, reasons=""):
    """A M6 claim of 2025 decided as awarded (amount from the rules) or rejected."""
    facts = dict(facts or M6_FACTS)
    if not awarded and verified is None:
        verified = {"above_scale": False}
    effective = {**facts, **(verified or {})}
    result = rules.evaluate("M6", year_parameters(2025), effective)
    enterprise = enterprise or EnterpriseFactory(name="广州天河智算大模型科技有限公司")
    claim = ClaimFactory(
        enterprise=enterprise,
        facts=facts,
        verified_facts=verified or {},
        status=ClaimStatus.AWARDED if awarded else ClaimStatus.REJECTED,
        result=result.to_dict(),
        computed_amount=result.amount,
        awarded_amount=result.amount if awarded else None,
        decision_reasons=reasons,
        submitted_at=timezone.make_aware(datetime.datetime(2025, 9, 18, 10, 0)),
        decided_at=decided_at or timezone.make_aware(datetime.datetime(2025, 12, 3, 15, 30)),
    )
    return claim


@pytest.fixture
def awarded_claim(db):
    return make_decided_claim(awarded=True)


@pytest.fixture
def rejected_claim(db):
    return make_decided_claim(
        awarded=False,
        enterprise=EnterpriseFactory(name="广州天河示例数据有限公司"),
        reasons="经核查，企业上一年度未纳入天河区规模以上企业统计名录。",
    )


@pytest.fixture
def senior(db):
    return SeniorReviewerFactory()


@pytest.fixture
def applicant_of():
    def make(claim):
        return ApplicantFactory(enterprise=claim.enterprise)

    return make


def pdf_text(data: bytes) -> str:
    """The text of a PDF, via poppler's pdftotext (keeps Chinese in reading order)."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdf_to_png(data: bytes, target: Path, page: int = 1, dpi: int = 80) -> Path:
    """Page ``page`` of a PDF as PNG (pdftoppm), written to ``target`` (without suffix)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-", str(target)],
        input=data,
        check=True,
    )
    return target.with_suffix(".png")

