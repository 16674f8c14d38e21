"""/api/manage/: guidelines (read, copy, edit, publish), simulations, in the OpenAPI schema."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from subsidies.models import Guideline, GuidelineStatus, ParameterValue
from tests.factories import ClaimFactory


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def test_guideline_lifecycle_through_the_api(api):
    assert [g["year"] for g in api.get("/api/manage/guidelines/").json()][:3] == [2026, 2025, 2024]
    r = api.post("/api/manage/guidelines/2026/copy/", {"new_year": 2027}, format="json")
    assert r.status_code == 201 and r.json()["status"] == "draft"
    assert api.post("/api/manage/guidelines/2026/copy/", {"new_year": 2027}, format="json").status_code == 409
    bad = api.put("/api/manage/guidelines/2027/items/M6/parameters/", {"values": {"rate": "1.5"}}, format="json")
    assert bad.status_code == 400 and "rate" in bad.json()["fields"]
    ok = api.put("/api/manage/guidelines/2027/items/M6/parameters/", {"values": {"rate": "0.12"}}, format="json")
    assert ok.status_code == 200
    assert ParameterValue.objects.get(guideline__year=2027, item_id="M6", name="rate").value == Decimal("0.12")
    win = api.patch("/api/manage/guidelines/2027/", {"opens_at": "2027-06-01T09:00:00+08:00", "closes_at": "2027-05-01T09:00:00+08:00"}, format="json")
    assert win.status_code == 400 and "closes_at" in win.json()["fields"]
    doc = api.post("/api/manage/guidelines/2027/items/M6/documents/", {"name": "合作协议", "description": "产学研合作协议"}, format="json")
    assert doc.status_code == 201
    diff = api.get("/api/manage/guidelines/2027/diff/").json()
    assert diff["old_year"] == 2026 and diff["parameters"][0]["after"] == "12%"
    assert any(c["subject"] == "合作协议" and c["kind"] == "added" for c in diff["documents"])
    assert api.post("/api/manage/guidelines/2027/publish/").json()["status"] == "published"
    assert Guideline.objects.get(year=2027).status == GuidelineStatus.PUBLISHED


def test_simulation_through_the_api(api):
    ClaimFactory(status="submitted")  # M6, paid 3,800,000 → 380,000 now, 456,000 at 12 %
    r = api.post("/api/manage/simulations/", {"year": 2025, "overrides": {"M6.rate": "0.12"}}, format="json")
    assert r.status_code == 201
    body = api.get(f"/api/manage/simulations/{r.json()['id']}/").json()
    assert body["status"] == "done" and body["progress"] == 1.0
    assert body["result"]["totals"]["difference"] == "76000.00"
    bad = api.post("/api/manage/simulations/", {"year": 2025, "overrides": {"M6.rate": "x"}}, format="json")
    assert bad.status_code == 400 and bad.json()["fields"]["overrides"]


def test_endpoints_are_in_the_openapi_schema(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/api/manage/guidelines/{year}/items/{code}/parameters/", "/api/manage/simulations/{id}/",
                 "/api/manage/dashboard/", "/api/manage/audit/", "/api/manage/guidelines/{year}/publish/"):
        assert path in schema, path
