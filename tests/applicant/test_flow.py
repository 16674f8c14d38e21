"""The enterprise's path through pages: calculator → sign-up → profile → claim → evidence → submit."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.uscc import with_check_character
from applications.models import Claim, ClaimSubmission, Document, Enterprise, Notification
from tests.applicant.conftest import pdf_upload, required_codes

pytestmark = pytest.mark.django_db

USCC = with_check_character("91440106MA9ABCDE0")


def signup_data(**over):
    data = {
        "email": "cfo@new-ai.cn", "full_name": "王芳", "phone": "13900000000",
        "password1": "Tianhe-Model-2026!", "password2": "Tianhe-Model-2026!",
        "uscc": USCC, "name": "广州新智大模型科技有限公司", "registered_address": "广州市天河区体育西路1号",
        "district": "天河区", "above_scale": "on", "ai_enterprise": "on", "contact_person": "王芳",
        "contact_phone": "020-38881234", "ai_llm_field": "on",
    }
    data.update(over)
    return data


def test_calculator_for_a_visitor_lists_every_item_with_reasons(client):
    page = client.get(reverse("applicant:calculator"))
    assert page.status_code == 200
    response = client.post(reverse("applicant:calculator"), {
        "registered_in_tianhe": "on", "above_scale": "on", "ai_enterprise": "on", "ai_llm_field": "on",
        "paid_to_institutions": "3,800,000.00", "run": "1",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="card calc-row') == 14
    assert "创新联合体奖励" in html and "符合条件" in html
    assert "依据：三.6" in html  # trace cites the clause
    assert "怎样才能符合条件" in html  # hints for what is lacking
    assert Claim.objects.count() == 0


def test_calculator_bad_figures_are_field_errors(client):
    for bad, expect in (("-5", "不能为负数"), ("abc", "不是有效金额"), ("1e20", "不是有效金额"), ("99999999999999", "金额过大")):
        response = client.post(reverse("applicant:calculator"), {"annual_revenue": bad})
        assert response.status_code == 200
        assert expect in response.content.decode(), bad


def test_signup_creates_user_and_enterprise_then_claim_submit(client, django_capture_on_commit_callbacks):
    response = client.post(reverse("accounts:signup"), signup_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="cfo@new-ai.cn")
    assert user.enterprise.uscc == USCC and user.is_enterprise_manager
    assert user.enterprise.profile_facts["ai_llm_field"] is True
    # profile page
    page = client.get(reverse("applicant:enterprise"))
    assert "广州新智大模型科技有限公司" in page.content.decode()
    # new M6 claim, pre-filled
    new = client.get(reverse("applicant:claim_new", args=["M6"]))
    assert new.status_code == 200
    response = client.post(reverse("applicant:claim_new", args=["M6"]), {
        "title": "产学研合作", "registered_in_tianhe": "yes", "above_scale": "yes", "ai_enterprise": "yes",
        "ai_llm_field": "yes", "paid_to_institutions": "3,800,000.00",
    })
    assert response.status_code == 302, response.content.decode()[:5000]
    claim = Claim.objects.get()
    assert claim.facts["paid_to_institutions"] == "3800000.00"
    detail = client.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "请上传以下必须提交的材料" in detail
    # submit refused while documents are missing
    client.post(reverse("applicant:claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == "draft"
    for code in required_codes(claim.year, "M6"):
        r = client.post(reverse("applicant:document_upload", args=[claim.pk]), {"code": code, "file": pdf_upload(f"{code}.pdf")})
        assert r.status_code == 302
    assert Document.objects.filter(claim=claim).count() == len(required_codes(claim.year, "M6"))
    detail = client.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "预计扶持金额" in detail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicant:claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert ClaimSubmission.objects.filter(claim=claim).count() == 1
    assert Notification.objects.filter(user=user, claim=claim).exists()
    assert any("提交申报" in m.subject for m in mail.outbox)
    assert Enterprise.objects.count() == 1
