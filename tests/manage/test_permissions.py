"""Who may reach 年度管理: administrators only (the dashboard: all staff). Each boundary crossed and refused."""

import pytest
from rest_framework.test import APIClient

from tests.factories import AdminFactory, ApplicantFactory, ReviewerFactory, SeniorReviewerFactory

ADMIN_PAGES = [
    "/manage/",
    "/manage/guidelines/",
    "/manage/guidelines/2026/",
    "/manage/guidelines/2026/diff/",
    "/manage/simulations/",
    "/manage/audit/",
    "/manage/users/",
]
ADMIN_POSTS = [
    ("/manage/guidelines/copy/", {"source_year": "2026", "new_year": "2027"}),
    ("/manage/guidelines/2026/items/M6/", {"param-rate": "0.5", "enabled": "on"}),
    ("/manage/guidelines/2026/publish/", {}),
    ("/manage/simulations/", {"year": "2026"}),
    ("/manage/dashboard/budget/", {"year": "2026", "amount": "1"}),
    ("/manage/users/invite/", {"email": "x@example.cn", "role": "admin"}),
]
ADMIN_API = [
    ("get", "/api/manage/guidelines/", None),
    ("get", "/api/manage/guidelines/2026/", None),
    ("put", "/api/manage/guidelines/2026/items/M6/parameters/", {"values": {"rate": "0.5"}}),
    ("post", "/api/manage/guidelines/2026/copy/", {"new_year": 2027}),
    ("post", "/api/manage/guidelines/2026/publish/", None),
    ("post", "/api/manage/simulations/", {"year": 2026}),
    ("get", "/api/manage/audit/", None),
]


@pytest.mark.parametrize("factory", [ApplicantFactory, ReviewerFactory, SeniorReviewerFactory])
def test_non_admins_cannot_reach_admin_pages(client, db, factory):
    from subsidies.models import Guideline, ParameterValue

    client.force_login(factory())
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 403, url
    for url, data in ADMIN_POSTS:
        assert client.post(url, data).status_code == 403, url
    assert not Guideline.objects.filter(year=2027).exists()
    assert ParameterValue.objects.get(guideline__year=2026, item_id="M6", name="rate").value != 0.5


@pytest.mark.parametrize("factory", [ApplicantFactory, ReviewerFactory, SeniorReviewerFactory])
def test_non_admins_cannot_use_the_admin_api(db, factory):
    api = APIClient()
    api.force_authenticate(factory())
    for method, url, data in ADMIN_API:
        r = getattr(api, method)(url, data, format="json")
        assert r.status_code == 403, url
        assert r.json()["detail"]


def test_dashboard_is_for_staff_not_applicants(client, db):
    client.force_login(ApplicantFactory())
    assert client.get("/manage/dashboard/").status_code == 403
    assert client.get("/manage/dashboard/2026.xlsx").status_code == 403
    client.force_login(ReviewerFactory())
    assert client.get("/manage/dashboard/").status_code == 200
    assert client.post("/manage/dashboard/budget/", {"year": "2026", "amount": "5"}).status_code == 403


def test_anonymous_is_sent_to_login_and_refused_by_the_api(client, db):
    r = client.get("/manage/guidelines/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert APIClient().get("/api/manage/guidelines/").status_code in (401, 403)


def test_admin_cannot_change_own_role_or_deactivate_self(client, db):
    admin = AdminFactory()
    client.force_login(admin)
    client.post(f"/manage/users/{admin.pk}/role/", {"role": "reviewer"})
    client.post(f"/manage/users/{admin.pk}/active/", {"active": "0"})
    admin.refresh_from_db()
    assert admin.role == "admin" and admin.is_active
