"""The enterprise API: token, profile, calculator, claims, documents, timeline, notifications."""

import pytest
from rest_framework.test import APIClient

from applications.models import Claim
from tests.applicant.conftest import pdf_upload, required_codes
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

M6 = {"registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True, "ai_llm_field": True,
      "paid_to_institutions": "3,800,000.00"}


@pytest.fixture
def api(applicant_a):
    c = APIClient()
    c.force_authenticate(applicant_a)
    return c


def test_token_with_email_then_token_auth(applicant_a):
    c = APIClient()
    r = c.post("/api/auth/token/", {"email": applicant_a.email, "password": "Correct-Horse-42"}, format="json")
    assert r.status_code == 200, r.json()
    c.credentials(HTTP_AUTHORIZATION=f"Token {r.json()['token']}")
    assert c.get("/api/enterprise/").json()["uscc"] == applicant_a.enterprise.uscc
    bad = APIClient().post("/api/auth/token/", {"email": applicant_a.email, "password": "wrong"}, format="json")
    assert bad.status_code == 400 and "不正确" in bad.json()["detail"]


def test_profile_get_and_patch(api, applicant_a):
    r = api.patch("/api/enterprise/", {"contact_person": "李四", "profile_facts": {"llm_enterprise": True}}, format="json")
    assert r.status_code == 200, r.json()
    applicant_a.enterprise.refresh_from_db()
    assert applicant_a.enterprise.contact_person == "李四"
    assert applicant_a.enterprise.profile_facts["llm_enterprise"] is True
    r = api.patch("/api/enterprise/", {"profile_facts": {"nonsense": True}}, format="json")
    assert r.status_code == 400 and "profile_facts" in r.json()["fields"]


def test_non_manager_cannot_patch_profile(applicant_a):
    colleague = ApplicantFactory(enterprise=applicant_a.enterprise, is_enterprise_manager=False)
    c = APIClient()
    c.force_authenticate(colleague)
    r = c.patch("/api/enterprise/", {"contact_person": "黑客"}, format="json")
    assert r.status_code == 403
    applicant_a.enterprise.refresh_from_db()
    assert applicant_a.enterprise.contact_person != "黑客"


def test_calculator_anonymous():
    r = APIClient().post("/api/calculator/", {"facts": M6}, format="json")
    assert r.status_code == 200, r.json()
    body = r.json()
    assert len(body["items"]) == 14
    m6 = next(i for i in body["items"] if i["item"] == "M6")
    assert m6["eligible"] and m6["amount"] and any("三.6" in line for line in m6["explain"])
    m2 = next(i for i in body["items"] if i["item"] == "M2")
    assert m2["status"] == "incomplete" and "年度营业收入" in m2["missing"]


def test_calculator_bad_input_is_field_error():
    r = APIClient().post("/api/calculator/", {"facts": {"annual_revenue": "-1", "dcmm_level": 9}}, format="json")
    assert r.status_code == 400
    assert "负数" in r.json()["fields"]["annual_revenue"][0]
    assert "dcmm_level" in r.json()["fields"]


def test_claim_lifecycle_through_the_api(api, applicant_a, django_capture_on_commit_callbacks):
    r = api.post("/api/claims/", {"item": "M6", "title": "产学研", "facts": M6}, format="json")
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert r.json()["facts"]["paid_to_institutions"] == "3800000.00"
    # submit refused: documents missing, listed
    r = api.post(f"/api/claims/{pk}/submit/")
    assert r.status_code == 400 and "产学研合作协议" in r.json()["detail"]
    preview = api.get(f"/api/claims/{pk}/preview/").json()
    assert preview["computable"] and preview["result"]["eligible"] and preview["problems"]
    for code in required_codes(2026, "M6"):
        up = api.post(f"/api/claims/{pk}/documents/", {"code": code, "file": pdf_upload()}, format="multipart")
        assert up.status_code == 201, up.json()
    docs = api.get(f"/api/claims/{pk}/documents/").json()
    assert all(row["current"] for row in docs if row["required"])
    dl = api.get(docs[0]["current"]["download_url"])
    assert dl.status_code == 200 and dl["X-Content-Type-Options"] == "nosniff"
    with django_capture_on_commit_callbacks(execute=True):
        r = api.post(f"/api/claims/{pk}/submit/")
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "submitted"
    # no edits once submitted
    r = api.patch(f"/api/claims/{pk}/", {"title": "改"}, format="json")
    assert r.status_code == 409
    timeline = api.get(f"/api/claims/{pk}/timeline/").json()
    assert timeline["status"] == "submitted" and len(timeline["submissions"]) == 1
    notes = api.get("/api/notifications/").json()
    assert notes["count"] >= 1
    nid = notes["results"][0]["id"]
    assert api.post(f"/api/notifications/{nid}/read/").json()["read_at"]
    r = api.post(f"/api/claims/{pk}/withdraw/", {"reason": "不再申报"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    assert api.post(f"/api/claims/{pk}/withdraw/").status_code == 409


def test_patch_merges_facts_and_validates(api):
    pk = api.post("/api/claims/", {"item": "M6", "facts": {"ai_llm_field": True}}, format="json").json()["id"]
    r = api.patch(f"/api/claims/{pk}/", {"facts": {"paid_to_institutions": "1,000"}}, format="json")
    assert r.status_code == 200
    assert r.json()["facts"] == {"ai_llm_field": True, "paid_to_institutions": "1000"}
    before = Claim.objects.get(pk=pk).facts
    for bad in ({"paid_to_institutions": "-3"}, {"paid_to_institutions": "12abc"}, {"paid_to_institutions": "1" * 20},
                {"selected_demonstration": True}, {"unknown_fact": 1}, {"ai_llm_field": "maybe"}):
        r = api.patch(f"/api/claims/{pk}/", {"facts": bad}, format="json")
        assert r.status_code == 400, bad
        assert r.json()["fields"], bad
    assert Claim.objects.get(pk=pk).facts == before


def test_schema_lists_the_applicant_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for p in ("/api/claims/{id}/submit/", "/api/calculator/", "/api/enterprise/", "/api/auth/token/",
              "/api/claims/{id}/documents/", "/api/notifications/"):
        assert p in schema
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower()


def test_query_count_constant_for_claim_list(api, applicant_a, django_assert_max_num_queries):
    from tests.factories import ClaimFactory

    def counted(n):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            r = api.get("/api/claims/")
        assert r.status_code == 200 and r.json()["count"] == n
        return len(ctx.captured_queries)

    for _i in range(3):
        ClaimFactory(enterprise=applicant_a.enterprise)
    few = counted(3)
    for _i in range(27):
        ClaimFactory(enterprise=applicant_a.enterprise)
    many = counted(30)
    assert few == many
    with django_assert_max_num_queries(few):
        api.get("/api/claims/")

