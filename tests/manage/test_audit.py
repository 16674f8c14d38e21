"""The audit log records who, when, before and after; nobody can change or delete an entry."""

from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from accounts.models import Role
from administration.services.guidelines import copy_guideline
from applications.models import Award, Claim, ClaimStatus, FactCorrection
from applications.models.ledger import AwardStatus
from applications.services.review import verify_fact
from applications.services.workflow import transition
from subsidies.models import Guideline, ParameterValue
from tests.factories import ClaimFactory, ReviewerFactory


def entries_for(model, pk):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)).order_by("id")


@pytest.fixture
def draft(db):
    return copy_guideline(2026, 2027)


def test_guideline_parameter_change_records_actor_before_after(admin_client, admin_user, draft):
    admin_client.post("/manage/guidelines/2027/items/M6/", {"param-rate": "0.12", "param-annual_cap": "1000000", "enabled": "on"})
    p = ParameterValue.objects.get(guideline=draft, item_id="M6", name="rate")
    entry = entries_for(ParameterValue, p.pk).last()
    assert entry.actor == admin_user
    assert entry.action == LogEntry.Action.UPDATE
    before, after = entry.changes_dict["value"]
    assert Decimal(before) == Decimal("0.10") and Decimal(after) == Decimal("0.12")


def test_claim_state_verified_fact_and_award_are_recorded(db, admin_user):
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=ClaimStatus.SUBMITTED, first_assignee=reviewer)
    with set_actor(reviewer):
        verify_fact(claim, reviewer, "paid_to_institutions", "3000000", "按银行流水核减")
        transition(claim, "return", reviewer, message="请补充合同")
    claim_entries = entries_for(Claim, claim.pk).filter(action=LogEntry.Action.UPDATE)
    status_entry = next(e for e in claim_entries if "status" in e.changes_dict)
    assert status_entry.actor == reviewer
    assert status_entry.changes_dict["status"] == ["submitted", "returned"]
    fact_entry = next(e for e in claim_entries if "verified_facts" in e.changes_dict)
    assert fact_entry.actor == reviewer and "3000000" in fact_entry.changes_dict["verified_facts"][1]
    correction = FactCorrection.objects.get(claim=claim)
    assert entries_for(FactCorrection, correction.pk).get().actor == reviewer

    with set_actor(admin_user):
        award = Award.objects.create(claim=claim, enterprise=claim.enterprise, item_id="M6", year=2025, amount=Decimal("300000"))
        award.status = AwardStatus.COMMITTED
        award.save()
    award_entries = list(entries_for(Award, award.pk))
    assert [e.action for e in award_entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert award_entries[1].changes_dict["status"] == ["reserved", "committed"]
    assert all(e.actor == admin_user for e in award_entries)


def test_role_change_and_deactivation_are_recorded(admin_client, admin_user):
    someone = ReviewerFactory()
    admin_client.post(f"/manage/users/{someone.pk}/role/", {"role": Role.SENIOR_REVIEWER})
    admin_client.post(f"/manage/users/{someone.pk}/active/", {"active": "0"})
    changes = [e.changes_dict for e in entries_for(type(someone), someone.pk) if e.action == LogEntry.Action.UPDATE]
    assert {"role": ["reviewer", "senior_reviewer"]}.items() <= changes[0].items()
    assert changes[1]["is_active"] == ["True", "False"]
    assert all(e.actor == admin_user for e in entries_for(type(someone), someone.pk).filter(action=LogEntry.Action.UPDATE))


def test_freeze_is_recorded(db):
    from subsidies.services import freeze_guideline

    freeze_guideline(2025)
    g = Guideline.objects.get(year=2025)
    assert entries_for(Guideline, g.pk).last().changes_dict["status"] == ["published", "frozen"]


def test_search_by_object_user_and_date(admin_client, admin_user, draft):
    admin_client.post("/manage/guidelines/2027/items/M6/", {"param-rate": "0.12", "param-annual_cap": "1000000", "enabled": "on"})
    p = ParameterValue.objects.get(guideline=draft, item_id="M6", name="rate")
    page = admin_client.get("/manage/audit/", {"object_type": "subsidies.parametervalue", "object_id": p.pk, "user": "admin@thkgx"})
    html = page.content.decode()
    assert page.status_code == 200 and "共 1 条" in html and "0.12" in html
    none = admin_client.get("/manage/audit/", {"object_type": "subsidies.parametervalue", "date_to": "2001-01-01"})
    assert "共 0 条" in none.content.decode()
    api = APIClient()
    api.force_authenticate(admin_user)
    r = api.get("/api/manage/audit/", {"object_type": "subsidies.parametervalue", "object_id": p.pk})
    body = r.json()
    assert body["count"] == 1
    assert body["results"][0]["actor"] == "admin@thkgx.test"
    assert body["results"][0]["changes"][0]["field"] == "value"


def test_search_page_query_count_is_constant(admin_client, draft, django_assert_max_num_queries):
    for rate in ("0.11", "0.12", "0.13", "0.14", "0.15", "0.16"):
        admin_client.post("/manage/guidelines/2027/items/M6/", {"param-rate": rate, "param-annual_cap": "1000000", "enabled": "on"})
    with django_assert_max_num_queries(12):
        assert admin_client.get("/manage/audit/").status_code == 200


# --- Immutability ---------------------------------------------------------------------------


@pytest.fixture
def entry(admin_client, draft):
    admin_client.post("/manage/guidelines/2027/items/M6/", {"param-rate": "0.12", "param-annual_cap": "1000000", "enabled": "on"})
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(ParameterValue)).last()


def test_no_write_through_the_pages(admin_client, entry):
    assert admin_client.post("/manage/audit/", {"id": entry.pk}).status_code == 405
    assert LogEntry.objects.filter(pk=entry.pk, changes=entry.changes).exists()


def test_no_write_through_the_admin(client, entry):
    from tests.factories import AdminFactory

    client.force_login(AdminFactory(is_superuser=True))
    base = f"/admin/auditlog/logentry/{entry.pk}"
    assert client.post(f"{base}/change/", {"object_repr": "forged"}).status_code == 403
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/auditlog/logentry/add/").status_code == 403
    r = client.post("/admin/auditlog/logentry/", {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert r.status_code in (200, 302)
    entry_now = LogEntry.objects.get(pk=entry.pk)
    assert entry_now.object_repr == entry.object_repr


def test_no_write_through_the_api(admin_user, entry):
    api = APIClient()
    api.force_authenticate(admin_user)
    for method in ("post", "put", "patch", "delete"):
        assert getattr(api, method)("/api/manage/audit/", {"id": entry.pk}, format="json").status_code == 405
        assert getattr(api, method)(f"/api/manage/audit/{entry.pk}/", format="json").status_code == 404
    assert LogEntry.objects.filter(pk=entry.pk).exists()
