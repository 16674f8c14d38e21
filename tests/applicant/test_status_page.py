"""The claim page shows the whole path: return message, decision, reasons, letter, payments."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.uscc import with_check_character
from applications.models import Award, DecisionLetter, Enterprise, Payment
from tests.factories import AdminFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_paid_claim_shows_decision_letter_and_payments(client_a, applicant_a):
    claim = ClaimFactory(enterprise=applicant_a.enterprise, status="paid", awarded_amount=Decimal("380000.00"),
                         decision_reasons="符合三.6 条件。")
    award = Award.objects.create(claim=claim, enterprise=claim.enterprise, item_id="M6", year=2025,
                                 amount=Decimal("380000.00"), status="paid")
    Payment.objects.create(award=award, paid_on=date(2026, 3, 2), amount=Decimal("380000.00"), voucher_ref="PZ-2026-001",
                           recorded_by=AdminFactory())
    DecisionLetter.objects.create(claim=claim, kind="award", year=2025, serial=12, reference="天科工信〔2025〕12号")
    html = client_a.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "380,000.00 元" in html and "符合三.6 条件。" in html
    assert "天科工信〔2025〕12号" in html and reverse("letters:download", args=[claim.pk]) in html
    assert "PZ-2026-001" in html and "2026-03-02" in html
    timeline = APIClient()
    timeline.force_authenticate(applicant_a)
    body = timeline.get(f"/api/claims/{claim.pk}/timeline/").json()
    assert body["letter"]["reference"] == "天科工信〔2025〕12号"
    assert body["payments"][0]["voucher_ref"] == "PZ-2026-001"


def test_rejected_claim_shows_the_reasons(client_a, applicant_a):
    claim = ClaimFactory(enterprise=applicant_a.enterprise, status="rejected", decision_reasons="实到金额未达到要求。")
    html = client_a.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "决定理由" in html and "实到金额未达到要求。" in html


def test_user_without_enterprise_registers_one(client):
    user = UserFactory()
    client.force_login(user)
    r = client.get(reverse("applicant:claims"))
    assert r.status_code == 302 and reverse("applicant:enterprise") in r["Location"]
    api = APIClient()
    api.force_authenticate(user)
    assert "请先登记企业信息" in api.get("/api/claims/").json()["detail"]
    r = client.post(reverse("applicant:enterprise"), {"uscc": "123", "name": "x"})
    assert "应为18位" in r.content.decode() and Enterprise.objects.count() == 0
    uscc = with_check_character("91440106MA9REGIS0".replace("I", "J").replace("S", "T"))
    r = client.post(reverse("applicant:enterprise"), {
        "uscc": uscc.lower(), "name": "补登企业", "registered_address": "天河路", "district": "天河区",
        "contact_person": "赵", "contact_phone": "13800138000"})
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.enterprise.uscc == uscc and user.is_enterprise_manager
