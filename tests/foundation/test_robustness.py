"""Bad input never gets a 500: ids too large for the database, malformed query values, unknown codes.

Found by running schemathesis against the API; each case here failed with a 500 before.
"""

import pytest
from django.urls import reverse

from tests.factories import AdminFactory, ApplicantFactory, SeniorReviewerFactory

pytestmark = pytest.mark.django_db

HUGE = "990311325516442409906101813248"


def test_an_id_too_large_is_simply_not_found_on_pages_and_in_the_api(client):
    client.force_login(ApplicantFactory())
    page = client.get(f"/claims/{HUGE}/")
    assert page.status_code == 404
    assert "页面不存在" in page.content.decode()
    api = client.get(f"/api/claims/{HUGE}/")
    assert api.status_code == 404
    assert api.json()["detail"]


def test_a_number_too_large_in_a_body_is_a_clear_400(client):
    client.force_login(SeniorReviewerFactory())
    response = client.post("/api/review/notices/", {"claim_ids": [int(HUGE)]}, content_type="application/json")
    # SQLite overflows (caught: "超出范围"); PostgreSQL compares it and finds no such claim
    assert response.status_code == 400
    assert response.json()["detail"] in ("输入的数值过大，超出了允许的范围。", "部分申报不存在或您无权查看。")


def test_a_malformed_year_in_a_query_is_a_400_with_a_message(client):
    client.force_login(SeniorReviewerFactory())
    response = client.get("/api/review/demo-projects/", {"year": "null"})
    assert response.status_code == 400
    assert "四位数字" in str(response.json())


def test_an_unknown_item_code_in_the_guideline_api_is_refused_without_a_change(client):
    client.force_login(AdminFactory())
    response = client.put(
        "/api/manage/guidelines/2026/items/XYZ/setting/", {"enabled": False, "notes": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "未知的申报事项" in str(response.json())


def test_error_pages_are_in_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "未找到您要访问的页面" in response.content.decode()
    assert client.get(reverse("home")).status_code == 200
