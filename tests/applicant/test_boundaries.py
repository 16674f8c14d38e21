"""Permission boundaries: enterprise A guessing B's ids or URLs gets 404; anonymous reaches nothing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from applications.models import Claim, ClaimEvent, Document, Notification
from applications.services.documents import upload_document
from tests.applicant.conftest import pdf_upload
from tests.factories import ClaimFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_claim(applicant_b, guideline_2026):
    claim = ClaimFactory(enterprise=applicant_b.enterprise, year=2026, guideline=guideline_2026, title="乙的申报")
    upload_document(applicant_b, claim, "business_licence", pdf_upload("乙营业执照.pdf"))
    return claim


@pytest.fixture
def b_submitted(applicant_b, guideline_2026):
    return ClaimFactory(enterprise=applicant_b.enterprise, year=2025, status="submitted", title="乙已提交")


def _snapshot():
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "status", "title", "facts")),
        Document.objects.count(),
        ClaimEvent.objects.count(),
    )


def test_pages_of_another_enterprise_are_404(client_a, b_claim, b_submitted):
    doc = Document.objects.get(claim=b_claim)
    before = _snapshot()
    for url in (
        reverse("applicant:claim_detail", args=[b_claim.pk]),
        reverse("applicant:claim_edit", args=[b_claim.pk]),
        reverse("applicant:document_download", args=[doc.pk]),
        reverse("applicant:claim_detail", args=[b_submitted.pk]),
    ):
        assert client_a.get(url).status_code == 404, url
    for url, data in (
        (reverse("applicant:claim_edit", args=[b_claim.pk]), {"title": "篡改"}),
        (reverse("applicant:claim_submit", args=[b_claim.pk]), {}),
        (reverse("applicant:claim_withdraw", args=[b_submitted.pk]), {}),
        (reverse("applicant:claim_withdraw", args=[b_claim.pk]), {}),
        (reverse("applicant:document_upload", args=[b_claim.pk]), {"code": "business_licence", "file": pdf_upload()}),
    ):
        assert client_a.post(url, data).status_code == 404, url
    assert _snapshot() == before
    listing = client_a.get(reverse("applicant:claims")).content.decode()
    assert "乙的申报" not in listing and "乙已提交" not in listing


def test_api_of_another_enterprise_is_404(applicant_a, b_claim, b_submitted):
    api = APIClient()
    api.force_authenticate(applicant_a)
    doc = Document.objects.get(claim=b_claim)
    before = _snapshot()
    for url in (f"/api/claims/{b_claim.pk}/", f"/api/claims/{b_claim.pk}/preview/", f"/api/claims/{b_claim.pk}/timeline/",
                f"/api/claims/{b_claim.pk}/documents/", f"/api/documents/{doc.pk}/download/", f"/api/claims/{b_submitted.pk}/"):
        assert api.get(url).status_code == 404, url
    assert api.patch(f"/api/claims/{b_claim.pk}/", {"title": "篡改"}, format="json").status_code == 404
    assert api.post(f"/api/claims/{b_claim.pk}/submit/").status_code == 404
    assert api.post(f"/api/claims/{b_submitted.pk}/withdraw/").status_code == 404
    assert api.post(f"/api/claims/{b_claim.pk}/documents/", {"code": "business_licence", "file": pdf_upload()},
                    format="multipart").status_code == 404
    listed = api.get("/api/claims/").json()
    assert listed["count"] == 0
    assert _snapshot() == before


def test_notifications_of_another_user_are_404(applicant_a, applicant_b):
    n = Notification.objects.create(user=applicant_b, title="乙的通知")
    api = APIClient()
    api.force_authenticate(applicant_a)
    assert api.post(f"/api/notifications/{n.pk}/read/").status_code == 404
    assert api.get("/api/notifications/").json()["count"] == 0
    n.refresh_from_db()
    assert n.read_at is None


def test_anonymous_reaches_nothing_private(client, b_claim):
    doc = Document.objects.get(claim=b_claim)
    for url in (
        reverse("applicant:claims"), reverse("applicant:enterprise"), reverse("applicant:notifications"),
        reverse("applicant:claim_detail", args=[b_claim.pk]), reverse("applicant:claim_new", args=["M6"]),
        reverse("applicant:document_download", args=[doc.pk]),
    ):
        r = client.get(url)
        assert r.status_code == 302 and reverse("accounts:login") in r["Location"], url
    r = client.post(reverse("applicant:claim_submit", args=[b_claim.pk]))
    assert r.status_code == 302 and reverse("accounts:login") in r["Location"]
    api = APIClient()
    for url in ("/api/claims/", f"/api/claims/{b_claim.pk}/", "/api/enterprise/", "/api/notifications/",
                f"/api/documents/{doc.pk}/download/"):
        assert api.get(url).status_code in (401, 403), url
    assert api.post(f"/api/claims/{b_claim.pk}/submit/").status_code in (401, 403)
    assert api.post("/api/claims/", {"item": "M6"}, format="json").status_code in (401, 403)
    assert Claim.objects.count() == 1


def test_staff_cannot_use_the_applicant_pages_or_api(client, b_claim):
    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    assert client.get(reverse("applicant:claims")).status_code == 403
    api = APIClient()
    api.force_authenticate(reviewer)
    assert api.post("/api/claims/", {"item": "M6"}, format="json").status_code == 403


def test_colleague_of_same_enterprise_sees_claims_but_cannot_manage(client, applicant_b, b_claim):
    from tests.factories import ApplicantFactory

    colleague = ApplicantFactory(enterprise=applicant_b.enterprise, is_enterprise_manager=False)
    client.force_login(colleague)
    assert client.get(reverse("applicant:claim_detail", args=[b_claim.pk])).status_code == 200
    r = client.post(reverse("applicant:enterprise"), {"name": "改名"})
    assert r.status_code == 403
    applicant_b.enterprise.refresh_from_db()
    assert applicant_b.enterprise.name == "乙企业"
