"""Exports that auditors can use: the queue and a year's decisions, as xlsx and csv.

Chinese headers; in xlsx amounts are numbers (not text) with a 元 number format; csv is UTF-8
with a BOM so that Excel opens the Chinese correctly.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from applications.models import Claim, ClaimStatus

MONEY_FORMAT = '#,##0.00" 元"'


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M") if dt else ""


def queue_columns():
    return [
        (_("申报编号"), "text"), (_("年度"), "int"), (_("事项代码"), "text"), (_("事项名称"), "text"),
        (_("企业名称"), "text"), (_("统一社会信用代码"), "text"), (_("状态"), "text"), (_("初审人"), "text"),
        (_("复审人"), "text"), (_("提交时间"), "text"), (_("测算金额（元）"), "money"), (_("核定金额（元）"), "money"),
    ]


def queue_rows(claims: Iterable[Claim]):
    for c in claims:
        yield [
            c.number, c.year, c.item_id, c.item.name, c.enterprise.name, c.enterprise.uscc, c.get_status_display(),
            c.first_assignee.display_name if c.first_assignee else "", c.second_assignee.display_name if c.second_assignee else "",
            _local(c.submitted_at), c.computed_amount, c.awarded_amount,
        ]


def decision_columns():
    return [
        (_("申报编号"), "text"), (_("年度"), "int"), (_("事项代码"), "text"), (_("事项名称"), "text"), (_("条款"), "text"),
        (_("企业名称"), "text"), (_("统一社会信用代码"), "text"), (_("决定"), "text"), (_("决定时间"), "text"),
        (_("扶持金额（元）"), "money"), (_("已拨付（元）"), "money"), (_("决定书文号"), "text"), (_("理由"), "text"),
    ]


def decisions_queryset(year: int, base):
    return (
        base.filter(year=year, status__in=[ClaimStatus.AWARDED, ClaimStatus.PAID, ClaimStatus.REJECTED, ClaimStatus.REVOKED])
        .select_related("enterprise", "item")
        .prefetch_related("award__payments")
        .defer("facts", "verified_facts", "result")
        .order_by("decided_at", "pk")
    )


def decision_rows(claims: Iterable[Claim]):
    for c in claims:
        award = getattr(c, "award", None) if hasattr(c, "award") else None
        paid = sum((p.amount for p in award.payments.all()), Decimal("0.00")) if award else Decimal("0.00")
        try:
            letter_ref = c.letter.reference
        except Exception:  # noqa: BLE001 - no letter yet
            letter_ref = ""
        yield [
            c.number, c.year, c.item_id, c.item.name, c.item.clause, c.enterprise.name, c.enterprise.uscc,
            c.get_status_display(), _local(c.decided_at),
            c.awarded_amount if c.status in (ClaimStatus.AWARDED, ClaimStatus.PAID) else Decimal("0.00"),
            paid, letter_ref, c.decision_reasons,
        ]


def to_xlsx(title: str, columns, rows) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append([name for name, _kind in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    kinds = [kind for _name, kind in columns]
    for row in rows:
        values = []
        for value, kind in zip(row, kinds, strict=True):
            if kind == "money":
                values.append(float(value) if value is not None else None)
            else:
                values.append(value)
        ws.append(values)
    for idx, kind in enumerate(kinds, start=1):
        letter = ws.cell(row=1, column=idx).column_letter
        ws.column_dimensions[letter].width = 18 if kind != "text" else 22
        if kind == "money":
            for (cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
                cell.number_format = MONEY_FORMAT
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_csv(columns, rows) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([name for name, _kind in columns])
    for row in rows:
        writer.writerow(["" if v is None else (f"{v:.2f}" if isinstance(v, Decimal) else v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
