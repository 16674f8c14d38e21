"""Writes of the guideline editor: parameters, window, item settings, required documents, copy, publish.

Every function refuses a frozen guideline first (``subsidies.services.assert_guideline_editable``,
the same guard the models, the Django admin and the API end in), validates the whole change,
and writes in one transaction: a refused change changes nothing. Each write is a model ``save``,
so django-auditlog records who changed what, before and after.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

import rules
from administration.services.audit import acting_as
from subsidies import services as guideline_services
from subsidies.models import Guideline, ItemSetting, ParameterValue, RequiredDocument
from subsidies.services import GuidelineError, assert_guideline_editable


class GuidelineInputError(GuidelineError):
    """Input refused, with a message per field (``fields``: name → list of Chinese messages)."""

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.fields = fields or {}


def clean_number(raw) -> str:
    """'1,234,567.89 元' → '1234567.89' (the rules refuse separators; people type them)."""
    if raw is None:
        return ""
    text = str(raw).strip().replace(",", "").replace("，", "").replace(" ", "")
    for suffix in ("元", "%"):
        text = text.removesuffix(suffix)
    return text


def _lock(guideline: Guideline) -> Guideline:
    locked = Guideline.objects.select_for_update().get(pk=guideline.pk)
    assert_guideline_editable(locked.pk)
    return locked


def set_item_parameters(guideline: Guideline, item_code: str, values: dict, actor=None) -> list[ParameterValue]:
    """Set every given parameter of one item at once, checked together (so thresholds stay consistent).

    ``values`` maps parameter name → value (string as typed, int or Decimal). Raises
    ``GuidelineInputError`` with a message per parameter when anything is wrong.
    """
    if item_code not in rules.ITEMS:
        raise GuidelineInputError(_("未知的申报事项：%(code)s") % {"code": item_code})
    with transaction.atomic(), acting_as(actor):
        guideline = _lock(guideline)
        rows = {p.name: p for p in ParameterValue.objects.select_for_update().filter(guideline=guideline, item_id=item_code)}
        merged: dict = {name: row.value for name, row in rows.items()}
        unknown = [name for name in values if name not in rows]
        if unknown:
            raise GuidelineInputError(
                _("事项 %(code)s 没有参数：%(names)s") % {"code": item_code, "names": "、".join(unknown)},
                {name: [_("没有这个参数。")] for name in unknown},
            )
        for name, raw in values.items():
            merged[name] = clean_number(raw) if not isinstance(raw, int | Decimal) else raw
        problems = rules.validate_parameters(item_code, merged)
        if problems:
            fields: dict[str, list[str]] = {}
            for problem in problems:
                name = (problem.field or "").partition(".")[2] or (problem.field or item_code)
                fields.setdefault(name, []).append(str(problem))
            raise GuidelineInputError(_("参数有误，未保存：") + "；".join(str(p) for p in problems), fields)
        changed = []
        for name, row in rows.items():
            new = Decimal(str(merged[name]))
            if new != row.value:
                row.value = new
                row.save(update_fields=["value"])
                changed.append(row)
        return changed


def _parse_datetime(value):
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    if hasattr(value, "tzinfo"):
        dt = value
    else:
        dt = parse_datetime(str(value or "").strip())
    if dt is None:
        return None
    if timezone.is_naive(dt):
        dt = timezone.make_aware(dt)
    return dt


def update_guideline(guideline: Guideline, *, actor=None, **changes) -> Guideline:
    """Change the window (``opens_at`` < ``closes_at``), title or notes of a guideline."""
    allowed = {"opens_at", "closes_at", "title", "notes"}
    unknown = set(changes) - allowed
    if unknown:
        raise GuidelineInputError(_("不能修改这些字段：%(names)s") % {"names": "、".join(sorted(unknown))})
    with transaction.atomic(), acting_as(actor):
        guideline = _lock(guideline)
        fields: dict[str, list[str]] = {}
        for name in ("opens_at", "closes_at"):
            if name in changes:
                parsed = _parse_datetime(changes[name])
                if parsed is None:
                    fields[name] = [_("请填写有效的日期时间，例如 2027-03-01 09:00。")]
                else:
                    changes[name] = parsed
        if fields:
            raise GuidelineInputError(_("申报时间有误，未保存。"), fields)
        opens = changes.get("opens_at", guideline.opens_at)
        closes = changes.get("closes_at", guideline.closes_at)
        if opens >= closes:
            raise GuidelineInputError(
                _("申报开始时间应早于截止时间。"), {"closes_at": [_("截止时间应晚于开始时间。")]}
            )
        if "title" in changes and len(changes["title"] or "") > 120:
            raise GuidelineInputError(_("标题过长。"), {"title": [_("标题最多 120 个字。")]})
        for name, value in changes.items():
            setattr(guideline, name, value if value is not None else "")
        guideline.save()
        return guideline


def set_item_setting(guideline: Guideline, item_code: str, *, enabled: bool, notes: str, actor=None) -> ItemSetting:
    if item_code not in rules.ITEMS:
        raise GuidelineInputError(_("没有该申报事项：%(code)s。") % {"code": item_code[:20]}, {"item": [_("未知的申报事项。")]})
    with transaction.atomic(), acting_as(actor):
        guideline = _lock(guideline)
        setting, _created = ItemSetting.objects.get_or_create(guideline=guideline, item_id=item_code)
        setting.enabled = bool(enabled)
        setting.notes = (notes or "").strip()
        setting.save()
        return setting


def _check_document(name: str, description: str) -> dict[str, list[str]]:
    fields = {}
    if not (name or "").strip():
        fields["name"] = [_("请填写材料名称。")]
    elif len(name.strip()) > 80:
        fields["name"] = [_("材料名称最多 80 个字。")]
    if len((description or "").strip()) > 300:
        fields["description"] = [_("说明最多 300 个字。")]
    return fields


def _new_code(guideline: Guideline, item_code: str) -> str:
    existing = set(RequiredDocument.objects.filter(guideline=guideline, item_id=item_code).values_list("code", flat=True))
    n = 1
    while f"doc{n}" in existing:
        n += 1
    return f"doc{n}"


def add_document(
    guideline: Guideline, item_code: str, *, name: str, description: str = "", required: bool = True, actor=None
) -> RequiredDocument:
    if item_code not in rules.ITEMS:
        raise GuidelineInputError(_("未知的申报事项：%(code)s") % {"code": item_code})
    fields = _check_document(name, description)
    with transaction.atomic(), acting_as(actor):
        guideline = _lock(guideline)
        if fields:
            raise GuidelineInputError(_("申报材料有误，未保存。"), fields)
        last = RequiredDocument.objects.filter(guideline=guideline, item_id=item_code).order_by("-order").first()
        return RequiredDocument.objects.create(
            guideline=guideline,
            item_id=item_code,
            code=_new_code(guideline, item_code),
            name=name.strip(),
            description=(description or "").strip(),
            required=bool(required),
            order=(last.order + 1) if last else 0,
        )


def update_document(document: RequiredDocument, *, name: str, description: str = "", required: bool = True, actor=None):
    fields = _check_document(name, description)
    with transaction.atomic(), acting_as(actor):
        _lock(document.guideline)
        if fields:
            raise GuidelineInputError(_("申报材料有误，未保存。"), fields)
        document = RequiredDocument.objects.select_for_update().get(pk=document.pk)
        document.name = name.strip()
        document.description = (description or "").strip()
        document.required = bool(required)
        document.save()
        return document


def remove_document(document: RequiredDocument, actor=None) -> None:
    with transaction.atomic(), acting_as(actor):
        _lock(document.guideline)
        RequiredDocument.objects.filter(pk=document.pk).first().delete()


def copy_guideline(source_year: int, new_year: int, actor=None) -> Guideline:
    """Start ``new_year``'s guideline as a draft copy of ``source_year``'s."""
    if not Guideline.objects.filter(year=source_year).exists():
        raise GuidelineInputError(_("没有 %(year)s 年度的申报指南。") % {"year": source_year})
    try:
        new_year = int(new_year)
    except (TypeError, ValueError):
        raise GuidelineInputError(_("请填写年度。"), {"new_year": [_("请填写四位数年度。")]})
    if not 2000 <= new_year <= 2100:
        raise GuidelineInputError(_("年度应为四位数。"), {"new_year": [_("年度应为四位数。")]})
    with acting_as(actor):
        return guideline_services.copy_guideline(source_year, new_year)


def publish_guideline(guideline: Guideline, actor=None) -> Guideline:
    with acting_as(actor):
        return guideline_services.publish_guideline(guideline)
