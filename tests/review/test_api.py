"""The reviewer actions through the API: same services, same permission module, JSON errors, schema."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from applications.models import ClaimStatus
from tests.review.conftest import make_claim

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_review_path_through_the_api(enterprise, reviewer, senior, admin_user):
    claim = make_claim(enterprise)
    s = api(senior)
    assert s.post("/api/review/assign/", {"claim_ids": [claim.pk], "first_assignee": reviewer.pk}, format="json").json() == {"assigned": 1}
    r = api(reviewer)
    bad = r.post(f"/api/review/claims/{claim.pk}/verify-fact/", {"fact": "paid_to_institutions", "value": "-1", "reason": "x"},
                 format="json")
    assert bad.status_code == 400 and "负数" in bad.json()["detail"]
    ok = r.post(f"/api/review/claims/{claim.pk}/verify-fact/",
                {"fact": "paid_to_institutions", "value": "2500000", "reason": "以发票为准"}, format="json")
    assert ok.status_code == 200 and ok.json()["computed_amount"] == "250000.00"
    detail = r.get(f"/api/review/claims/{claim.pk}/").json()
    fact = next(f for f in detail["facts"] if f["name"] == "paid_to_institutions")
    assert (fact["claimed"], fact["verified"], fact["reason"]) == ("3800000", "2500000", "以发票为准")
    assert detail["result"]["amount"] == "250000.00" and any("三.6" in line for line in detail["explanation"])
    assert detail["actions"]["first_approve"] is True
    assert r.post(f"/api/review/claims/{claim.pk}/approve/", {"message": "通过"}, format="json").json()["status"] == "second_review"
    again = r.post(f"/api/review/claims/{claim.pk}/approve/", {}, format="json")
    assert again.status_code == 403  # a plain reviewer: not the 复审
    out = s.post(f"/api/review/claims/{claim.pk}/approve/", {}, format="json").json()
    assert out["status"] == "approved" and out["awarded_amount"] == "250000.00"
    conflict = s.post(f"/api/review/claims/{claim.pk}/reject/", {"reasons": "x"}, format="json")
    assert conflict.status_code in (403, 409)
    batch = s.post("/api/review/notices/", {"claim_ids": [claim.pk], "days": 5}, format="json")
    assert batch.status_code == 201
    bid = batch.json()["id"]
    early = s.post(f"/api/review/notices/{bid}/decide/", format="json")
    assert early.status_code == 409 and "期满" in early.json()["detail"]
    public = api().post(f"/api/review/public/notices/{bid}/objections/",
                        {"claim": claim.pk, "reasons": "请核实该企业与高校合作的真实性。", "contact_name": "赵六",
                         "contact_phone": "13700000000"}, format="json")
    assert public.status_code == 201
    bad_obj = api().post(f"/api/review/public/notices/{bid}/objections/",
                         {"claim": claim.pk, "reasons": "短", "contact_name": "", "contact_phone": "1"}, format="json")
    assert bad_obj.status_code == 400 and {"reasons", "contact_phone"} <= set(bad_obj.json()["fields"])
    oid = s.get(f"/api/review/notices/{bid}/").json()["objections"][0]["id"]
    res = s.post(f"/api/review/objections/{oid}/resolve/", {"upheld": False, "resolution": "经核实无问题"}, format="json")
    assert res.json()["status"] == "dismissed"
    from applications.models import NoticeBatch

    NoticeBatch.objects.filter(pk=bid).update(starts_on=timezone.localdate() - timedelta(days=9),
                                              ends_on=timezone.localdate() - timedelta(days=5))
    decided = s.post(f"/api/review/notices/{bid}/decide/", format="json")
    assert decided.status_code == 200 and decided.json()["batch"]["status"] == "decided"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.AWARDED
    pay = api(admin_user).post(f"/api/review/claims/{claim.pk}/payments/",
                               {"paid_on": timezone.localdate().isoformat(), "amount": "250001", "voucher_ref": "P1"}, format="json")
    assert pay.status_code == 400 and "amount" in pay.json()["fields"]


def test_return_and_reject_need_text(enterprise, reviewer):
    claim = make_claim(enterprise, first=reviewer)
    r = api(reviewer)
    assert r.post(f"/api/review/claims/{claim.pk}/return/", {"message": ""}, format="json").status_code == 400
    assert r.post(f"/api/review/claims/{claim.pk}/reject/", {}, format="json").status_code == 400
    assert r.post(f"/api/review/claims/{claim.pk}/return/", {"message": "请补充合同"}, format="json").json()["status"] == "returned"


def test_schema_lists_the_review_endpoints(admin_user):
    schema = api(admin_user).get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for p in ["/api/review/queue/", "/api/review/claims/{id}/approve/", "/api/review/claims/{id}/verify-fact/",
              "/api/review/assign/", "/api/review/conflicts/", "/api/review/demo-projects/",
              "/api/review/claims/{id}/m1c-confirm/", "/api/review/preapprovals/{id}/decide/", "/api/review/notices/",
              "/api/review/notices/{id}/decide/", "/api/review/objections/{id}/resolve/", "/api/review/claims/{id}/payments/",
              "/api/review/exports/{kind}.{fmt}", "/api/review/public/notices/{id}/objections/"]:
        assert p in paths, p
