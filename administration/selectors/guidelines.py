"""Reads of the guideline editor: the list of years, one guideline for editing, the diff of two years."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

import rules
from applications.models.claims import DECIDED_STATUSES
from subsidies.models import Guideline, Item
from subsidies.selectors import format_parameter


def guideline_list():
    """Every year, newest first, with its number of claims (not drafts) and of decisions."""
    return Guideline.objects.annotate(
        claim_count=Count("claims", filter=~Q(claims__status="draft")),
        decision_count=Count("claims", filter=Q(claims__status__in=DECIDED_STATUSES)),
    ).order_by("-year")


def previous_guideline(guideline: Guideline) -> Guideline | None:
    return Guideline.objects.filter(year__lt=guideline.year).order_by("-year").first()


def editor_context(guideline: Guideline) -> list[dict]:
    """Per item (in the policy's order): its rule, parameter rows, setting and documents (4 queries)."""
    items = list(Item.objects.order_by("order"))
    params: dict = {}
    for p in guideline.parameters.all():
        params.setdefault(p.item_id, []).append(p)
    docs: dict = {}
    for d in guideline.documents.all():
        docs.setdefault(d.item_id, []).append(d)
    settings = {s.item_id: s for s in guideline.item_settings.all()}
    out = []
    for item in items:
        spec = rules.ITEMS[item.code]
        kinds = {p.name: p for p in spec.params}
        rows = []
        for p in params.get(item.code, []):
            ps = kinds.get(p.name)
            rows.append({"row": p, "spec": ps, "kind": ps.kind if ps else "", "display": format_parameter(p.value, ps.kind if ps else "")})
        out.append({"item": item, "spec": spec, "params": rows, "setting": settings.get(item.code), "documents": docs.get(item.code, [])})
    return out


@dataclass
class Change:
    item: str
    subject: str
    before: str
    after: str
    kind: str  # "changed", "added", "removed"


@dataclass
class GuidelineDiff:
    old: Guideline
    new: Guideline
    window: list[Change] = field(default_factory=list)
    parameters: list[Change] = field(default_factory=list)
    documents: list[Change] = field(default_factory=list)
    settings: list[Change] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.window or self.parameters or self.documents or self.settings)

    @property
    def count(self) -> int:
        return len(self.window) + len(self.parameters) + len(self.documents) + len(self.settings)


def _fmt_dt(value) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def _doc_text(d) -> str:
    flag = "必须" if d.required else "可选"
    return f"{d.name}（{flag}）" + (f"：{d.description}" if d.description else "")


def guideline_diff(old: Guideline, new: Guideline) -> GuidelineDiff:
    """What changed from ``old`` to ``new``: window (month-day, the year moves), parameters, documents, settings."""
    diff = GuidelineDiff(old=old, new=new)
    shift = new.year - old.year
    for name, label in (("opens_at", "申报开始时间"), ("closes_at", "申报截止时间")):
        before, after = getattr(old, name), getattr(new, name)
        try:
            moved = before.replace(year=before.year + shift)
        except ValueError:  # 29 February
            moved = before
        if moved != after:
            diff.window.append(Change("", label, _fmt_dt(before), _fmt_dt(after), "changed"))
    labels = {code: {p.name: p for p in item.params} for code, item in rules.ITEMS.items()}
    old_p = {(p.item_id, p.name): p.value for p in old.parameters.all()}
    new_p = {(p.item_id, p.name): p.value for p in new.parameters.all()}
    order = {i.code: i.order for i in Item.objects.all()}
    for key in sorted(set(old_p) | set(new_p), key=lambda k: (order.get(k[0], 0), k[1])):
        code, name = key
        spec = labels.get(code, {}).get(name)
        kind = spec.kind if spec else ""
        label = f"{spec.label_zh}（{name}）" if spec else name
        b, a = old_p.get(key), new_p.get(key)
        if b == a:
            continue
        change_kind = "added" if b is None else "removed" if a is None else "changed"
        diff.parameters.append(
            Change(code, label, format_parameter(b, kind) if b is not None else "—", format_parameter(a, kind) if a is not None else "—", change_kind)
        )
    old_d = {(d.item_id, d.code): d for d in old.documents.all()}
    new_d = {(d.item_id, d.code): d for d in new.documents.all()}
    for key in sorted(set(old_d) | set(new_d), key=lambda k: (order.get(k[0], 0), k[1])):
        b, a = old_d.get(key), new_d.get(key)
        if b is None:
            diff.documents.append(Change(key[0], a.name, "—", _doc_text(a), "added"))
        elif a is None:
            diff.documents.append(Change(key[0], b.name, _doc_text(b), "—", "removed"))
        elif (b.name, b.description, b.required) != (a.name, a.description, a.required):
            diff.documents.append(Change(key[0], a.name, _doc_text(b), _doc_text(a), "changed"))
    old_s = {s.item_id: s for s in old.item_settings.all()}
    new_s = {s.item_id: s for s in new.item_settings.all()}
    for code in sorted(set(old_s) | set(new_s), key=lambda c: order.get(c, 0)):
        b, a = old_s.get(code), new_s.get(code)
        if b is None or a is None:
            continue
        if b.enabled != a.enabled:
            diff.settings.append(Change(code, "本年度开放申报", "开放" if b.enabled else "不开放", "开放" if a.enabled else "不开放", "changed"))
        if b.notes != a.notes:
            diff.settings.append(Change(code, "申报说明", b.notes or "—", a.notes or "—", "changed"))
    return diff
