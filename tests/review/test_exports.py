"""Exports: Chinese headers, amounts as numbers in xlsx, UTF-8 with BOM in csv."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from applications.models import ClaimStatus
from applications.services import notices, review
from tests.review.conftest import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(enterprise, reviewer, senior):
    claim = make_claim(enterprise, status=ClaimStatus.SECOND_REVIEW, first=reviewer, first_reviewed_by=reviewer)
    review.second_approve(claim, senior)
    batch = notices.publish_batch([claim.pk], senior, starts_on=timezone.localdate() - timedelta(days=10))
    notices.decide_batch(batch, senior)
    make_claim(enterprise, first=reviewer)
    return claim


def test_queue_xlsx_has_chinese_headers_and_numeric_amounts(client, senior, decided):
    client.force_login(senior)
    r = client.get("/review/export/queue.xlsx")
    assert r.status_code == 200 and "spreadsheetml" in r["Content-Type"]
    ws = load_workbook(io.BytesIO(r.content)).active
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["申报编号", "年度", "事项代码", "事项名称", "企业名称"] and "核定金额（元）" in headers
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2
    awarded = next(r for r in rows if r[0] == decided.number)
    amount = awarded[headers.index("核定金额（元）")]
    assert isinstance(amount, int | float) and amount == 380000


def test_decisions_csv_is_utf8_with_bom(client, senior, decided):
    client.force_login(senior)
    r = client.get(f"/review/export/decisions.csv?year={decided.year}")
    assert r.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][0] == "申报编号" and "扶持金额（元）" in rows[0]
    assert len(rows) == 2 and rows[1][rows[0].index("扶持金额（元）")] == "380000.00"
    assert rows[1][rows[0].index("决定")] == "已决定予以扶持"


def test_decisions_xlsx_via_api(senior, decided):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(senior)
    r = api.get(f"/api/review/exports/decisions.xlsx?year={decided.year}")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.cell(row=2, column=10).value == 380000
