"""The queue: filters, search, sort, "assigned to me" first, and a constant number of SQL queries
per page whatever the number of claims."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from applications.models import Claim, ClaimStatus
from subsidies.models import Guideline
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def bulk_claims(n, *, assignee=None, status=ClaimStatus.SUBMITTED):
    enterprises = [EnterpriseFactory() for _ in range(min(n, 25))]
    guideline = Guideline.objects.get(year=2025)
    now = timezone.now()
    items = ["M6", "M5", "M9A", "M2"]
    Claim.objects.bulk_create([
        Claim(enterprise=enterprises[i % len(enterprises)], item_id=items[i % 4], guideline=guideline, year=2025,
              status=status, facts={"paid_to_institutions": "3800000", "bulk": "x" * 200},
              submitted_at=now - timedelta(minutes=i), first_assignee=assignee if i % 7 == 0 else None,
              computed_amount=1000 * i)
        for i in range(n)
    ], batch_size=500)


def page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200
    return len(ctx.captured_queries), r


@pytest.mark.parametrize("url", [
    "/review/",
    "/review/?status=submitted&item=M6&year=2025&sort=-amount&page=2",
    "/review/?q=测试&mine=true&sort=enterprise",
])
def test_queue_page_queries_do_not_grow_with_the_number_of_claims(client, reviewer, url):
    client.force_login(reviewer)
    bulk_claims(30, assignee=reviewer)
    small, _r = page_queries(client, url)
    bulk_claims(3000, assignee=reviewer)
    large, r = page_queries(client, url)
    assert small == large, (small, large)
    assert large <= 12


def test_api_queue_queries_constant(reviewer):
    api = APIClient()
    api.force_authenticate(reviewer)
    bulk_claims(30)
    with CaptureQueriesContext(connection) as small:
        assert api.get("/api/review/queue/?page_size=50").status_code == 200
    bulk_claims(3000)
    with CaptureQueriesContext(connection) as large:
        r = api.get("/api/review/queue/?page_size=50&sort=-amount")
    assert r.status_code == 200 and r.json()["count"] == 3030 and len(r.json()["results"]) == 50
    assert len(small.captured_queries) == len(large.captured_queries)


def test_no_large_json_in_the_page_query(client, reviewer):
    client.force_login(reviewer)
    bulk_claims(5)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/review/")
    page_sql = [q["sql"] for q in ctx.captured_queries if "applications_claim" in q["sql"] and "LIMIT" in q["sql"]]
    assert page_sql and all('"facts"' not in s and '"result"' not in s for s in page_sql)
    count_sql = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "applications_claim" in q["sql"]]
    assert count_sql and all("JOIN" not in s.upper().split("WHERE")[0] for s in count_sql)


def test_mine_first_then_filters_and_search(client, reviewer, reviewer2, claim_factory):
    a = EnterpriseFactory(name="广州甲智能有限公司")
    b = EnterpriseFactory(name="广州乙数据有限公司")
    other = claim_factory(a, first=reviewer2)
    mine = claim_factory(b, first=reviewer)
    other.submitted_at = timezone.now()
    other.save()
    client.force_login(reviewer)
    rows = list(client.get("/review/").context["page"].object_list)
    assert rows[0].pk == mine.pk  # assigned to me first although older
    assert [c.pk for c in client.get("/review/?q=甲智能").context["page"].object_list] == [other.pk]
    assert [c.pk for c in client.get(f"/review/?q={b.uscc}").context["page"].object_list] == [mine.pk]
    assert [c.pk for c in client.get(f"/review/?enterprise={a.pk}").context["page"].object_list] == [other.pk]
    assert [c.pk for c in client.get("/review/?mine=true").context["page"].object_list] == [mine.pk]
    assert [c.pk for c in client.get(f"/review/?assignee={reviewer2.pk}").context["page"].object_list] == [other.pk]
    assert client.get("/review/?status=approved").context["page"].paginator.count == 0
    assert client.get("/review/?year=abc&sort=nonsense").status_code == 200  # bad input: ignored, not a 500
    draft = claim_factory(a, status=ClaimStatus.DRAFT)
    assert draft.pk not in [c.pk for c in client.get("/review/").context["page"].object_list]


def test_batch_assign_from_the_queue(client, senior, reviewer, claim_factory):
    e = EnterpriseFactory()
    claims = [claim_factory(e) for _ in range(3)]
    client.force_login(senior)
    r = client.post(reverse("review:queue"), {"claim_ids": [c.pk for c in claims], "first_assignee": reviewer.pk})
    assert r.status_code == 302
    assert {c.first_assignee_id for c in Claim.objects.filter(pk__in=[c.pk for c in claims])} == {reviewer.pk}
    assert all(c.events.filter(action="assign").exists() for c in claims)
