"""Each boundary of the review side, crossed and refused — through the services, the pages and the API."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from applications import permissions
from applications.models import AwardStatus, ClaimStatus, ConflictOfInterest
from applications.services import notices, payments, review
from tests.factories import ApplicantFactory, EnterpriseFactory
from tests.review.conftest import future_day, make_claim

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_an_enterprise_cannot_review_even_its_own_claim(enterprise, applicant, client):
    claim = make_claim(enterprise, first=None)
    with pytest.raises(PermissionDenied, match="申报企业不能"):
        review.first_approve(claim, applicant)
    client.force_login(applicant)
    assert client.get(reverse("review:queue")).status_code == 403
    assert client.post(reverse("review:claim_action", args=[claim.pk, "approve"])).status_code == 403
    assert api(applicant).get("/api/review/queue/").status_code == 403
    r = api(applicant).post(f"/api/review/claims/{claim.pk}/approve/", {}, format="json")
    assert r.status_code == 403 and "detail" in r.json()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_a_reviewer_cannot_act_on_a_claim_not_assigned_to_them(enterprise, reviewer, reviewer2, client):
    claim = make_claim(enterprise, first=reviewer)
    with pytest.raises(PermissionDenied, match="未分配给您"):
        review.first_approve(claim, reviewer2)
    with pytest.raises(PermissionDenied):
        review.verify_fact(claim, reviewer2, "paid_to_institutions", "1", "理由")
    client.force_login(reviewer2)
    # visible (reviewers see the queue) but refused, with the reason
    page = client.get(reverse("review:claim", args=[claim.pk]))
    assert page.status_code == 200 and "btn-approve" not in page.content.decode()
    client.post(reverse("review:claim_action", args=[claim.pk, "approve"]))
    r = api(reviewer2).post(f"/api/review/claims/{claim.pk}/approve/", {}, format="json")
    assert r.status_code == 403 and "未分配给您" in r.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.events.count() == 0


def test_a_conflicted_reviewer_neither_sees_nor_acts(enterprise, reviewer, senior, client):
    claim = make_claim(enterprise, first=reviewer)
    review.declare_conflict(reviewer, enterprise, "近亲属在该企业任职")
    claim.refresh_from_db()
    assert claim.first_assignee is None  # their assignment was removed
    claim.first_assignee = reviewer
    claim.save()  # even if assigned again by mistake
    assert not permissions.visible_claims(reviewer).filter(pk=claim.pk).exists()
    with pytest.raises(PermissionDenied):
        review.first_approve(claim, reviewer)
    client.force_login(reviewer)
    assert client.get(reverse("review:claim", args=[claim.pk])).status_code == 404
    assert enterprise.name not in client.get(reverse("review:queue")).content.decode()
    assert client.post(reverse("review:claim_action", args=[claim.pk, "approve"])).status_code == 404
    assert api(reviewer).get(f"/api/review/claims/{claim.pk}/").status_code == 404
    assert api(reviewer).post(f"/api/review/claims/{claim.pk}/approve/", {}, format="json").status_code == 404
    assert api(reviewer).get("/api/review/queue/").json()["count"] == 0
    # and nobody can assign them to it
    with pytest.raises(Exception, match="利益冲突"):
        review.assign([claim.pk], senior, first_assignee=reviewer)


def test_conflict_through_the_api(enterprise, reviewer):
    r = api(reviewer).post("/api/review/conflicts/", {"enterprise_uscc": enterprise.uscc, "reason": "曾任该企业顾问"},
                           format="json")
    assert r.status_code == 201
    assert ConflictOfInterest.objects.filter(reviewer=reviewer, enterprise=enterprise).exists()
    again = api(reviewer).post("/api/review/conflicts/", {"enterprise_uscc": enterprise.uscc, "reason": "x"}, format="json")
    assert again.status_code == 400


def test_the_first_reviewer_cannot_do_the_second_review(enterprise, senior, senior2, client):
    # a senior reviewer may do 初审 — but then not the 复审 of the same claim
    claim = make_claim(enterprise, first=senior)
    review.first_approve(claim, senior)
    with pytest.raises(PermissionDenied, match="初审人员"):
        review.second_approve(claim, senior)
    r = api(senior).post(f"/api/review/claims/{claim.pk}/approve/", {}, format="json")
    assert r.status_code == 403
    with pytest.raises(Exception, match="初审人员"):
        review.assign([claim.pk], senior2, second_assignee=senior)
    review.second_approve(claim, senior2)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.award.status == AwardStatus.RESERVED


def test_a_plain_reviewer_cannot_do_the_second_review_nor_assign(enterprise, reviewer, reviewer2):
    claim = make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer)
    with pytest.raises(PermissionDenied, match="复审人员"):
        review.second_approve(claim, reviewer2)
    with pytest.raises(PermissionDenied):
        review.assign([claim.pk], reviewer2, first_assignee=reviewer2)
    assert api(reviewer2).post("/api/review/assign/", {"claim_ids": [claim.pk], "first_assignee": reviewer2.pk},
                               format="json").status_code == 403


def test_second_review_assigned_to_another_senior(enterprise, reviewer, senior, senior2):
    claim = make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer,
                       second=senior2)
    with pytest.raises(PermissionDenied, match="未分配给您复审"):
        review.second_approve(claim, senior)


def test_anonymous_sees_only_the_public_notice(enterprise, reviewer, senior, client):
    claim = make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer)
    review.second_approve(claim, senior)
    batch = notices.publish_batch([claim.pk], senior)
    for name, args in [("review:queue", []), ("review:claim", [claim.pk]), ("review:notices", []),
                       ("review:notice_batch", [batch.pk]), ("review:preapprovals", []), ("review:demo_projects", []),
                       ("review:conflicts", [])]:
        r = client.get(reverse(name, args=args))
        assert r.status_code == 302 and "/accounts/login/" in r["Location"], name
    r = client.get(reverse("review:export", args=["queue", "csv"]))
    assert r.status_code == 302
    for url in ["/api/review/queue/", f"/api/review/claims/{claim.pk}/", "/api/review/notices/"]:
        assert api().get(url).status_code in (401, 403), url
    public = client.get(reverse("notices:detail", args=[batch.pk]))
    body = public.content.decode()
    assert public.status_code == 200 and enterprise.name in body and "380,000.00 元" in body
    assert "paid_to_institutions" not in body and enterprise.contact_phone not in body
    assert client.get(reverse("notices:list")).status_code == 200
    pub = api().get(f"/api/review/public/notices/{batch.pk}/").json()
    assert pub["claims"][0]["enterprise"] == enterprise.name and pub["claims"][0]["amount"] == "380000.00"
    assert set(pub["claims"][0]) == {"id", "enterprise", "uscc", "item", "clause", "amount"}


def test_only_an_administrator_records_payments(enterprise, reviewer, senior, admin_user, client):
    claim = make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer)
    review.second_approve(claim, senior)
    batch = notices.publish_batch([claim.pk], senior, starts_on=timezone.localdate() - timedelta(days=10))
    notices.decide_batch(batch, senior)
    today = timezone.localdate()
    for user in (reviewer, senior):
        with pytest.raises(PermissionDenied):
            payments.record_payment(claim, user, paid_on=today, amount="1000", voucher_ref="PZ")
        r = api(user).post(f"/api/review/claims/{claim.pk}/payments/",
                           {"paid_on": today.isoformat(), "amount": "1000", "voucher_ref": "PZ"}, format="json")
        assert r.status_code == 403
    client.force_login(senior)
    client.post(reverse("review:claim_action", args=[claim.pk, "payment"]),
                {"paid_on": today.isoformat(), "amount": "1000", "voucher_ref": "PZ"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.AWARDED and not claim.award.payments.exists()
    r = api(admin_user).post(f"/api/review/claims/{claim.pk}/payments/",
                             {"paid_on": today.isoformat(), "amount": "1000", "voucher_ref": "PZ"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "paid"


def test_applicants_see_only_their_own_preapprovals_and_cannot_decide(enterprise, applicant, reviewer):
    from applications.services import special

    mine = special.request_preapproval(applicant, event_name="天河AI大模型峰会", event_type="summit", venue="天河体育中心",
                                       planned_date=future_day(30), planned_budget="1200000",
                                       description="邀请业界专家交流大模型应用。")
    other = ApplicantFactory(enterprise=EnterpriseFactory())
    assert not permissions.visible_preapprovals(other).filter(pk=mine.pk).exists()
    with pytest.raises(PermissionDenied):
        special.decide_preapproval(mine, applicant, grant=True)
    assert api(applicant).post(f"/api/review/preapprovals/{mine.pk}/decide/", {"grant": True}, format="json").status_code == 403
    assert api(other).get("/api/review/my-preapprovals/").json() == []


def test_documents_inline_for_the_reviewer_and_404_across_a_conflict(enterprise, reviewer, reviewer2, client):
    from django.core.files.base import ContentFile

    from applications.models import Document

    claim = make_claim(enterprise, first=reviewer)
    doc = Document(claim=claim, code="licence", original_name="营业执照.png", content_type="image/png", size=8,
                   sha256="0" * 64)
    doc.file.save("x", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    doc.save()
    client.force_login(reviewer)
    r = client.get(reverse("review:document", args=[doc.pk]))
    assert r.status_code == 200 and r["Content-Disposition"].startswith("inline")
    assert r["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(r.streaming_content) == b"\x89PNG\r\n\x1a\n"
    review.declare_conflict(reviewer2, enterprise, "回避")
    client.force_login(reviewer2)
    assert client.get(reverse("review:document", args=[doc.pk])).status_code == 404
    client.force_login(ApplicantFactory())
    assert client.get(reverse("review:document", args=[doc.pk])).status_code == 403
