"""Guideline editor: copy, edit with validation, diff, publish; the freeze rule through every door."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from administration.services import guidelines as svc
from subsidies.models import Guideline, GuidelineStatus, ParameterValue, RequiredDocument
from subsidies.services import GuidelineFrozen, freeze_guideline


def rate(year, code="M6", name="rate"):
    return ParameterValue.objects.get(guideline__year=year, item_id=code, name=name).value


@pytest.fixture
def draft_2027(db):
    return svc.copy_guideline(2026, 2027)


def test_copy_makes_a_draft_with_everything(admin_client):
    response = admin_client.post("/manage/guidelines/copy/", {"source_year": "2026", "new_year": "2027"})
    assert response.status_code == 302 and response["Location"] == "/manage/guidelines/2027/"
    g = Guideline.objects.get(year=2027)
    assert g.status == GuidelineStatus.DRAFT
    assert g.parameters.count() == Guideline.objects.get(year=2026).parameters.count()
    assert g.documents.count() == Guideline.objects.get(year=2026).documents.count()
    assert g.opens_at.year == 2027
    again = admin_client.post("/manage/guidelines/copy/", {"source_year": "2026", "new_year": "2027"}, follow=True)
    assert "2027年度申报指南已存在" in again.content.decode()


def test_edit_parameters_with_errors_beside_the_field(admin_client, draft_2027):
    ok = admin_client.post("/manage/guidelines/2027/items/M6/", {"param-rate": "0.12", "param-annual_cap": "1,200,000", "enabled": "on"})
    assert ok.status_code == 302
    assert rate(2027) == Decimal("0.12") and rate(2027, name="annual_cap") == Decimal("1200000")
    bad = admin_client.post("/manage/guidelines/2027/items/M6/", {"param-rate": "1.2", "param-annual_cap": "-5", "enabled": "on"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "应在 0 至 1 之间" in page and "不能为负数" in page
    assert 'value="1.2"' in page  # what was typed is kept
    assert rate(2027) == Decimal("0.12")  # nothing saved
    # thresholds consistent: M4 national cap below the provincial one
    bad = admin_client.post("/manage/guidelines/2027/items/M4/", {"param-cap_national": "100000", "enabled": "on"})
    assert bad.status_code == 400 and "不应低于" in bad.content.decode()


def test_window_must_open_before_it_closes(admin_client, draft_2027):
    bad = admin_client.post("/manage/guidelines/2027/window/", {"opens_at": "2027-05-01T09:00", "closes_at": "2027-04-01T09:00", "title": "x"})
    assert bad.status_code == 400 and "截止时间应晚于开始时间" in bad.content.decode()
    ok = admin_client.post("/manage/guidelines/2027/window/", {"opens_at": "2027-04-01T09:00", "closes_at": "2027-11-30T17:30", "title": "2027年度指南", "notes": ""})
    assert ok.status_code == 302
    g = Guideline.objects.get(year=2027)
    assert (g.opens_at.month, g.closes_at.month, g.title) == (4, 11, "2027年度指南")


def test_documents_add_edit_remove_and_the_diff(admin_client, draft_2027):
    admin_client.post("/manage/guidelines/2027/items/M6/documents/", {"name": "合作成果证明", "description": "联合攻关成果的证明材料", "required": "on"})
    added = RequiredDocument.objects.get(guideline__year=2027, name="合作成果证明")
    commitment = RequiredDocument.objects.get(guideline__year=2027, item_id="M7", code="commitment")
    admin_client.post(f"/manage/guidelines/2027/documents/{commitment.pk}/", {"name": "申报承诺书", "description": "新说明"})
    removed = RequiredDocument.objects.get(guideline__year=2027, item_id="M5", code="commitment")
    admin_client.post(f"/manage/guidelines/2027/documents/{removed.pk}/", {"delete": "1"})
    assert not RequiredDocument.objects.filter(pk=removed.pk).exists()
    empty = admin_client.post("/manage/guidelines/2027/items/M6/documents/", {"name": " "})
    assert empty.status_code == 400 and "请填写材料名称" in empty.content.decode()
    svc.set_item_parameters(Guideline.objects.get(year=2027), "M6", {"rate": "0.12"})
    page = admin_client.get("/manage/guidelines/2027/diff/").content.decode()
    assert "2027 年度相对 2026 年度" in page
    assert "10%" in page and "12%" in page
    assert added.name in page and "新说明" in page
    assert "（可选）" in page  # M7 commitment became optional
    assert "删除" in page


def test_publish(admin_client, draft_2027):
    assert admin_client.post("/manage/guidelines/2027/publish/").status_code == 302
    assert Guideline.objects.get(year=2027).status == GuidelineStatus.PUBLISHED


# --- The freeze rule through every entry point ----------------------------------------------


@pytest.fixture
def frozen_2025(db):
    freeze_guideline(2025)
    return Guideline.objects.get(year=2025)


def test_frozen_editor_says_so_and_refuses(admin_client, frozen_2025):
    page = admin_client.get("/manage/guidelines/2025/").content.decode()
    assert "本指南已冻结，不能修改" in page and "disabled" in page
    before = rate(2025)
    r = admin_client.post("/manage/guidelines/2025/items/M6/", {"param-rate": "0.2", "enabled": "on"}, follow=True)
    assert "已冻结" in r.content.decode()
    doc = frozen_2025.documents.first()
    admin_client.post(f"/manage/guidelines/2025/documents/{doc.pk}/", {"delete": "1"})
    admin_client.post("/manage/guidelines/2025/items/M6/documents/", {"name": "新材料"})
    admin_client.post("/manage/guidelines/2025/window/", {"opens_at": "2025-01-01T09:00", "closes_at": "2025-12-01T09:00"})
    admin_client.post("/manage/guidelines/2025/publish/")
    assert rate(2025) == before
    assert RequiredDocument.objects.filter(pk=doc.pk).exists()
    assert not RequiredDocument.objects.filter(guideline=frozen_2025, name="新材料").exists()
    g = Guideline.objects.get(year=2025)
    assert (g.status, g.opens_at) == (GuidelineStatus.FROZEN, frozen_2025.opens_at)


def test_frozen_refused_by_the_api_with_409(admin_user, frozen_2025):
    api = APIClient()
    api.force_authenticate(admin_user)
    r = api.put("/api/manage/guidelines/2025/items/M6/parameters/", {"values": {"rate": "0.2"}}, format="json")
    assert r.status_code == 409 and "已冻结" in r.json()["detail"]
    assert api.patch("/api/manage/guidelines/2025/", {"title": "x"}, format="json").status_code == 409
    assert api.post("/api/manage/guidelines/2025/items/M6/documents/", {"name": "x"}, format="json").status_code == 409
    doc = frozen_2025.documents.first()
    assert api.delete(f"/api/manage/guidelines/2025/documents/{doc.pk}/").status_code == 409
    assert api.post("/api/manage/guidelines/2025/publish/").status_code == 409
    assert rate(2025) == Decimal("0.10")


def test_frozen_refused_by_the_django_admin(client, frozen_2025):
    from tests.factories import AdminFactory

    su = AdminFactory(is_superuser=True)
    client.force_login(su)
    p = ParameterValue.objects.get(guideline=frozen_2025, item_id="M6", name="rate")
    r = client.post(f"/admin/subsidies/parametervalue/{p.pk}/change/", {"value": "0.3"})
    assert r.status_code == 403
    assert rate(2025) == Decimal("0.10")
    r = client.post(f"/admin/subsidies/parametervalue/{p.pk}/delete/", {"post": "yes"})
    assert r.status_code == 403 and ParameterValue.objects.filter(pk=p.pk).exists()
    r = client.post(f"/admin/subsidies/guideline/{frozen_2025.pk}/delete/", {"post": "yes"})
    assert r.status_code == 403 and Guideline.objects.filter(pk=frozen_2025.pk).exists()


def test_frozen_refused_by_the_models_and_services(frozen_2025):
    p = ParameterValue.objects.get(guideline=frozen_2025, item_id="M6", name="rate")
    p.value = Decimal("0.3")
    with pytest.raises(GuidelineFrozen):
        p.save()
    with pytest.raises(GuidelineFrozen):
        frozen_2025.documents.first().delete()
    with pytest.raises(GuidelineFrozen):
        svc.set_item_parameters(frozen_2025, "M6", {"rate": "0.2"})
    with pytest.raises(GuidelineFrozen):
        svc.add_document(frozen_2025, "M6", name="x")
    assert rate(2025) == Decimal("0.10")


def test_a_decision_freezes_the_year_and_the_editor_shows_it(admin_client):
    """The review colleague's decision service calls freeze_guideline(year); the list shows the state."""
    freeze_guideline(2024)
    page = admin_client.get("/manage/guidelines/").content.decode()
    assert "已冻结" in page
