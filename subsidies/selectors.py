"""Reads on measures and guidelines, and the bridge from a stored guideline to the rules."""

from django.utils import timezone

import rules
from subsidies.models import Guideline, GuidelineStatus, Measure


def current_guideline(now=None) -> Guideline | None:
    """The published (or frozen) guideline of the current year, else the latest one."""
    now = now or timezone.localtime()
    visible = Guideline.objects.exclude(status=GuidelineStatus.DRAFT)
    return visible.filter(year=now.year).first() or visible.order_by("-year").first()


def measures_with_items():
    return Measure.objects.prefetch_related("items").order_by("number")


def parameter_values(guideline: Guideline) -> dict:
    values: dict = {}
    for p in guideline.parameters.all():
        values.setdefault(p.item_id, {})[p.name] = p.value
    return values


def year_parameters(year: int, overrides=None) -> "rules.YearParameters":
    """The stored guideline of ``year`` as rule parameters; a year without one is a RulesError."""
    guideline = Guideline.objects.filter(year=year).first()
    source = {year: parameter_values(guideline)} if guideline else {}
    return rules.YearParameters.for_year(year, overrides=overrides, source=source)


def _item_rows(guideline: Guideline | None, items) -> list[dict]:
    values = parameter_values(guideline) if guideline else {}
    labels = {}
    rows = []
    for item in items:
        spec = rules.ITEMS[item.code]
        labels = {p.name: p for p in spec.params}
        params = []
        for name, value in values.get(item.code, {}).items():
            p = labels.get(name)
            params.append({"label": p.label_zh if p else name, "value": format_parameter(value, p.kind if p else "")})
        rows.append({"item": item, "spec": spec, "params": params})
    return rows


def format_parameter(value, kind: str) -> str:
    """A parameter as the bureau writes it: rates in %, money in 元 (and 万元), counts plain."""
    if kind == "rate":
        return f"{(value * 100).normalize():f}%"
    if kind == "money":
        return f"{rules.format_yuan(value)}（{rules.format_wan(value)}）"
    return f"{value.normalize():f}"


def home_context(guideline: Guideline | None) -> dict:
    measures = []
    for m in measures_with_items():
        measures.append({"measure": m, "items": _item_rows(guideline, m.items.all())})
    window = guideline.window_state() if guideline else None
    return {"guideline": guideline, "measures": measures, "window": window}


def item_context(code: str, guideline: Guideline | None) -> dict:
    from subsidies.models import Item

    item = Item.objects.select_related("measure").get(code=code)
    documents = guideline.documents.filter(item=item) if guideline else []
    return {"guideline": guideline, "row": _item_rows(guideline, [item])[0], "documents": documents}
