"""Dashboard figures by year and item, aggregated in the database (a constant, small number of queries)."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from administration.models import AnnualBudget
from applications.models import Award, Claim, ClaimStatus
from applications.models.ledger import AwardStatus
from subsidies.models import Item

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
#: Reached 复审 approval or later and not undone (revoked claims are counted apart).
APPROVED_STATUSES = (ClaimStatus.APPROVED, ClaimStatus.PUBLICIZED, ClaimStatus.AWARDED, ClaimStatus.PAID)
AWARDED_STATUSES = (ClaimStatus.AWARDED, ClaimStatus.PAID)
FIGURES = [
    ("filed", "已受理申报", "count"),
    ("approved", "复审通过", "count"),
    ("rejected", "不予扶持", "count"),
    ("awarded", "决定扶持金额", "money"),
    ("reserved", "台账·已预留", "money"),
    ("committed", "台账·已确定", "money"),
    ("paid", "台账·已拨付", "money"),
]


def dashboard_years() -> list[int]:
    from subsidies.models import Guideline

    return list(Guideline.objects.order_by("-year").values_list("year", flat=True))


def dashboard(year: int) -> dict:
    """Per item of ``year``: claims filed (not drafts), approved, rejected; amounts decided and in the ledger.

    Four queries whatever the number of claims: items, one grouped count over claims, one grouped
    sum over the ledger, the budget.
    """
    items = list(Item.objects.order_by("order").values_list("code", "name"))
    claims = (
        Claim.objects.filter(year=year)
        .exclude(status=ClaimStatus.DRAFT)
        .values("item_id")
        .annotate(
            filed=Count("id"),
            approved=Count("id", filter=Q(status__in=APPROVED_STATUSES)),
            rejected=Count("id", filter=Q(status=ClaimStatus.REJECTED)),
            awarded=Sum("awarded_amount", filter=Q(status__in=AWARDED_STATUSES)),
        )
    )
    by_item = {row["item_id"]: row for row in claims}
    ledger: dict = {}
    for row in Award.objects.filter(year=year).values("item_id", "status").annotate(total=Sum("amount")):
        ledger.setdefault(row["item_id"], {})[row["status"]] = row["total"] or ZERO
    budget = AnnualBudget.objects.filter(year=year).first()
    rows = []
    totals = {key: (0 if kind == "count" else ZERO) for key, _label, kind in FIGURES}
    for code, name in items:
        c = by_item.get(code, {})
        led = ledger.get(code, {})
        row = {
            "item": code,
            "name": name,
            "filed": c.get("filed", 0),
            "approved": c.get("approved", 0),
            "rejected": c.get("rejected", 0),
            "awarded": c.get("awarded") or ZERO,
            "reserved": led.get(AwardStatus.RESERVED, ZERO),
            "committed": led.get(AwardStatus.COMMITTED, ZERO),
            "paid": led.get(AwardStatus.PAID, ZERO),
        }
        for key, _label, kind in FIGURES:
            if kind == "money":
                row[key] = Decimal(row[key]).quantize(CENT)
            totals[key] += row[key]
        rows.append(row)
    budget_amount = budget.amount if budget else None
    used = totals["reserved"] + totals["committed"] + totals["paid"]
    return {
        "year": year,
        "rows": rows,
        "totals": totals,
        "budget": budget_amount,
        "budget_used": used,
        "budget_left": (budget_amount - used) if budget_amount else None,
        "budget_share": (used * 100 / budget_amount).quantize(Decimal("0.1")) if budget_amount else None,
    }


def dashboard_json(data: dict) -> dict:
    """The same figures, JSON-safe (amounts as decimal strings), for the API and the charts."""

    def conv(row):
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}

    return {
        "year": data["year"],
        "budget": str(data["budget"]) if data["budget"] is not None else None,
        "budget_used": str(data["budget_used"]),
        "budget_left": str(data["budget_left"]) if data["budget_left"] is not None else None,
        "budget_share": str(data["budget_share"]) if data["budget_share"] is not None else None,
        "items": [conv(r) for r in data["rows"]],
        "totals": conv(data["totals"]),
    }


def dashboard_xlsx(data: dict) -> bytes:
    """The dashboard as an .xlsx workbook: counts and amounts as numbers (元, two decimals)."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"{data['year']}年度"
    ws.append([f"{data['year']}年度 扶持资金执行情况"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["年度预算（元）", float(data["budget"]) if data["budget"] is not None else "未设置"])
    ws.append(["台账已使用（元）", float(data["budget_used"])])
    ws.append([])
    header = ["事项代码", "事项名称"] + [label + ("（元）" if kind == "money" else "") for _k, label, kind in FIGURES]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    money_cols = [i + 3 for i, (_k, _l, kind) in enumerate(FIGURES) if kind == "money"]
    for row in data["rows"] + [{"item": "合计", "name": "", **data["totals"]}]:
        ws.append([row["item"], row["name"]] + [row[key] if kind == "count" else Decimal(row[key]) for key, _l, kind in FIGURES])
    for r in range(6, ws.max_row + 1):
        for c in money_cols:
            ws.cell(row=r, column=c).number_format = "#,##0.00"
    for r in (2, 3):
        ws.cell(row=r, column=2).number_format = "#,##0.00"
    widths = [10, 26] + [16] * len(FIGURES)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[chr(64 + i)].width = w
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
