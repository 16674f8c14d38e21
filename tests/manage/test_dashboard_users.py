"""Dashboard figures (aggregated in the DB, constant queries), budget, xlsx; staff invitations and roles."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from openpyxl import load_workbook
from rest_framework.test import APIClient

from accounts.models import Invitation, Role, User
from administration.models import AnnualBudget
from administration.selectors.dashboard import dashboard
from applications.models import Award, ClaimStatus
from applications.models.ledger import AwardStatus
from tests.factories import ApplicantFactory, ClaimFactory, ReviewerFactory


def make_claims(n):
    for i in range(n):
        status = [ClaimStatus.SUBMITTED, ClaimStatus.AWARDED, ClaimStatus.REJECTED, ClaimStatus.PAID][i % 4]
        claim = ClaimFactory(status=status, awarded_amount=Decimal("100000") if status in (ClaimStatus.AWARDED, ClaimStatus.PAID) else None)
        if status in (ClaimStatus.AWARDED, ClaimStatus.PAID):
            Award.objects.create(
                claim=claim, enterprise=claim.enterprise, item_id="M6", year=2025, amount=Decimal("100000"),
                status=AwardStatus.COMMITTED if status == ClaimStatus.AWARDED else AwardStatus.PAID,
            )
    ClaimFactory(status=ClaimStatus.DRAFT)


def test_figures(db):
    make_claims(8)  # 2 submitted, 2 awarded, 2 rejected, 2 paid (+1 draft, not counted)
    AnnualBudget.objects.create(year=2025, amount=Decimal("1000000"))
    data = dashboard(2025)
    row = next(r for r in data["rows"] if r["item"] == "M6")
    assert (row["filed"], row["approved"], row["rejected"]) == (8, 4, 2)
    assert row["awarded"] == Decimal("400000")
    assert (row["committed"], row["paid"], row["reserved"]) == (Decimal("200000"), Decimal("200000"), Decimal("0"))
    assert data["budget_used"] == Decimal("400000") and data["budget_share"] == Decimal("40.0")


@pytest.mark.parametrize("n", [4, 40])
def test_dashboard_page_queries_do_not_grow(admin_client, n, django_assert_max_num_queries):
    make_claims(n)
    with django_assert_max_num_queries(14):
        r = admin_client.get("/manage/dashboard/?year=2025")
    assert r.status_code == 200 and "chart-4.6.1.umd.min.js" in r.content.decode()


def test_budget_and_xlsx(admin_client):
    make_claims(4)
    r = admin_client.post("/manage/dashboard/budget/", {"year": "2025", "amount": "12,000,000.00"})
    assert r.status_code == 302
    assert AnnualBudget.objects.get(year=2025).amount == Decimal("12000000")
    bad = admin_client.post("/manage/dashboard/budget/", {"year": "2025", "amount": "-3"}, follow=True)
    assert "不小于 0" in bad.content.decode()
    assert AnnualBudget.objects.get(year=2025).amount == Decimal("12000000")
    x = admin_client.get("/manage/dashboard/2025.xlsx")
    assert x["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(x.content)).active
    assert ws["B2"].value == 12000000
    rows = {r[0]: r for r in ws.iter_rows(min_row=6, values_only=True)}
    # columns: code, name, filed, approved, rejected, awarded, reserved, committed, paid
    assert rows["M6"][2] == 4 and rows["M6"][5] == 200000 and rows["M6"][7] == 100000
    assert isinstance(rows["M6"][5], int | float)  # a number, not text


def test_dashboard_api(admin_user):
    make_claims(4)
    api = APIClient()
    api.force_authenticate(admin_user)
    body = api.get("/api/manage/dashboard/", {"year": 2025}).json()
    m6 = next(r for r in body["items"] if r["item"] == "M6")
    assert m6["filed"] == 4 and m6["awarded"] == "200000.00"
    assert api.get("/api/manage/dashboard/").status_code == 400


def test_invite_accept_and_roles(admin_client, django_capture_on_commit_callbacks):
    from django.test import Client

    client = Client()  # the invitee, not logged in
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post("/manage/users/invite/", {"email": "New.Reviewer@thkgx.test", "role": Role.SENIOR_REVIEWER})
    assert r.status_code == 302
    inv = Invitation.objects.get(email="new.reviewer@thkgx.test")
    assert len(mail.outbox) == 1 and inv.token in mail.outbox[0].body
    bad = admin_client.post("/manage/users/invite/", {"email": "x@y.cn", "role": Role.APPLICANT}, follow=True)
    assert "请选择工作人员角色" in bad.content.decode()
    page = client.get(f"/manage/users/accept/{inv.token}/")
    assert page.status_code == 200 and "复审人员" in page.content.decode()
    weak = client.post(f"/manage/users/accept/{inv.token}/", {"full_name": "新复审", "password": "123", "password2": "123"})
    assert weak.status_code == 400 and not User.objects.filter(email="new.reviewer@thkgx.test").exists()
    ok = client.post(f"/manage/users/accept/{inv.token}/", {"full_name": "新复审", "password": "Tianhe-Review-77", "password2": "Tianhe-Review-77"})
    assert ok.status_code == 302 and ok["Location"] == "/accounts/otp/setup/"
    user = User.objects.get(email="new.reviewer@thkgx.test")
    assert user.role == Role.SENIOR_REVIEWER
    assert client.get(f"/manage/users/accept/{inv.token}/").status_code == 404  # used once
    # roles: change, remove, refuse for an enterprise user
    admin_client.post(f"/manage/users/{user.pk}/role/", {"role": Role.REVIEWER})
    assert User.objects.get(pk=user.pk).role == Role.REVIEWER
    admin_client.post(f"/manage/users/{user.pk}/role/", {"role": Role.APPLICANT})
    assert not User.objects.get(pk=user.pk).is_portal_staff
    applicant = ApplicantFactory()
    admin_client.post(f"/manage/users/{applicant.pk}/role/", {"role": Role.ADMIN})
    assert User.objects.get(pk=applicant.pk).role == Role.APPLICANT
    reviewer = ReviewerFactory()
    admin_client.post(f"/manage/users/{reviewer.pk}/active/", {"active": "0"})
    assert not User.objects.get(pk=reviewer.pk).is_active
    listing = admin_client.get("/manage/users/").content.decode()
    assert reviewer.email in listing and "已停用" in listing
