"""Writes on measures and guidelines: seeding, copying a year, publishing, freezing, editing.

A guideline that has a decision is frozen: nothing of it may change, and every entry point
(editor, admin, API, model save) ends up in ``assert_guideline_editable``.
"""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import rules
from subsidies.defaults import COMMON_DOCUMENTS, ITEM_DOCUMENTS, OPTIONAL_DOCUMENTS
from subsidies.models import (
    Guideline,
    GuidelineStatus,
    Item,
    ItemSetting,
    Measure,
    ParameterValue,
    RequiredDocument,
)
from subsidies.selectors import parameter_values

SHANGHAI = ZoneInfo("Asia/Shanghai")


class GuidelineError(Exception):
    """A refused change to a guideline; ``str()`` is the message for the user, in Chinese."""


class GuidelineFrozen(GuidelineError):
    def __init__(self, guideline_or_year):
        year = getattr(guideline_or_year, "year", guideline_or_year)
        super().__init__(
            _("%(year)s年度申报指南已有审核决定，已冻结，不能再修改。如需调整，请在下一年度的指南中修改。")
            % {"year": year}
        )


def assert_guideline_editable(guideline_id) -> None:
    if guideline_id and Guideline.objects.filter(pk=guideline_id, status=GuidelineStatus.FROZEN).exists():
        raise GuidelineFrozen(Guideline.objects.get(pk=guideline_id))


def assert_guideline_row_editable(guideline: Guideline) -> None:
    """Model-level guard: a frozen guideline row is never saved again."""
    if guideline.pk and Guideline.objects.filter(pk=guideline.pk, status=GuidelineStatus.FROZEN).exists():
        raise GuidelineFrozen(guideline)


# --- Seeding --------------------------------------------------------------------------------


def _default_window(year: int) -> tuple[datetime, datetime]:
    return (
        datetime(year, 3, 1, 9, 0, tzinfo=SHANGHAI),
        datetime(year, 12, 31, 17, 30, tzinfo=SHANGHAI),
    )


@transaction.atomic
def seed_measures() -> None:
    """Create or update the ten measures and thirteen items from ``rules`` (idempotent)."""
    order = 0
    for measure in rules.MEASURES:
        m, _created = Measure.objects.update_or_create(
            number=measure.number,
            defaults={"clause": measure.clause, "name": measure.name_zh, "clause_text": measure.clause_text},
        )
        for code in measure.items:
            order += 1
            item = rules.ITEMS[code]
            Item.objects.update_or_create(
                code=code,
                defaults={
                    "measure": m,
                    "name": item.name_zh,
                    "clause": item.clause,
                    "clause_text": item.clause_text,
                    "order": order,
                },
            )


def _create_item_rows(guideline: Guideline, values: dict, documents: dict, settings: dict) -> None:
    items = {i.code: i for i in Item.objects.all()}
    params, docs, item_settings = [], [], []
    for code, item in items.items():
        spec = rules.ITEMS[code]
        for p in spec.params:
            params.append(
                ParameterValue(
                    guideline=guideline,
                    item=item,
                    name=p.name,
                    value=Decimal(values[code][p.name]),
                    unit=p.unit,
                    label=p.label_zh,
                    clause=spec.clause,
                )
            )
        for order, (doc_code, name, description, required) in enumerate(documents[code]):
            docs.append(
                RequiredDocument(
                    guideline=guideline,
                    item=item,
                    code=doc_code,
                    name=name,
                    description=description,
                    required=required,
                    order=order,
                )
            )
        enabled, notes = settings.get(code, (True, ""))
        item_settings.append(ItemSetting(guideline=guideline, item=item, enabled=enabled, notes=notes))
    ParameterValue.objects.bulk_create(params)
    RequiredDocument.objects.bulk_create(docs)
    ItemSetting.objects.bulk_create(item_settings)


def _default_documents() -> dict:
    out = {}
    for code in rules.ITEMS:
        rows = [(c, n, d, True) for c, n, d in COMMON_DOCUMENTS]
        rows += [(c, n, d, (code, c) not in OPTIONAL_DOCUMENTS) for c, n, d in ITEM_DOCUMENTS.get(code, [])]
        out[code] = rows
    return out


@transaction.atomic
def seed_guidelines(years=None) -> list[Guideline]:
    """Create the guidelines of measures.md's years with its default values (idempotent).

    An existing guideline is left as it is: an administrator may have edited it.
    """
    seed_measures()
    created = []
    for year in years or rules.GUIDELINE_YEARS:
        if Guideline.objects.filter(year=year).exists():
            continue
        opens, closes = _default_window(year)
        g = Guideline.objects.create(
            year=year,
            title=f"{year}年度天河区人工智能大模型产业扶持资金申报指南",
            status=GuidelineStatus.PUBLISHED,
            opens_at=opens,
            closes_at=closes,
            published_at=opens,
        )
        _create_item_rows(g, rules.DEFAULT_PARAMETERS, _default_documents(), {})
        created.append(g)
    return created


# --- Copy, edit, publish, freeze ------------------------------------------------------------


@transaction.atomic
def copy_guideline(source_year: int, new_year: int) -> Guideline:
    """Start ``new_year``'s guideline as a draft copy of ``source_year``'s (window moved by the years)."""
    source = Guideline.objects.get(year=source_year)
    if Guideline.objects.filter(year=new_year).exists():
        raise GuidelineError(_("%(year)s年度申报指南已存在。") % {"year": new_year})
    shift = new_year - source_year
    values = parameter_values(source)
    documents: dict = {code: [] for code in rules.ITEMS}
    for d in source.documents.order_by("item__order", "order", "id"):
        documents[d.item_id].append((d.code, d.name, d.description, d.required))
    settings = {s.item_id: (s.enabled, s.notes) for s in source.item_settings.all()}
    g = Guideline.objects.create(
        year=new_year,
        title=source.title.replace(str(source_year), str(new_year)) if source.title else "",
        status=GuidelineStatus.DRAFT,
        opens_at=source.opens_at.replace(year=source.opens_at.year + shift),
        closes_at=source.closes_at.replace(year=source.closes_at.year + shift),
        notes=source.notes,
    )
    _create_item_rows(g, values, documents, settings)
    return g


@transaction.atomic
def publish_guideline(guideline: Guideline) -> Guideline:
    guideline = Guideline.objects.select_for_update().get(pk=guideline.pk)
    if guideline.is_frozen:
        raise GuidelineFrozen(guideline)
    problems = parameter_problems(guideline)
    if problems:
        raise GuidelineError(_("参数有误，不能发布：") + "；".join(problems))
    guideline.status = GuidelineStatus.PUBLISHED
    guideline.published_at = timezone.now()
    guideline.save()
    return guideline


@transaction.atomic
def freeze_guideline(year: int) -> None:
    """Called in the transaction of a year's first decision; from then on nothing may change.

    Saved row by row (not ``update()``) so the audit log records the freeze, who and when.
    """
    for guideline in Guideline.objects.select_for_update().filter(year=year).exclude(status=GuidelineStatus.FROZEN):
        guideline.status = GuidelineStatus.FROZEN
        guideline.frozen_at = timezone.now()
        guideline.save(update_fields=["status", "frozen_at", "updated_at"])


def parameter_problems(guideline: Guideline) -> list[str]:
    problems = []
    for code, item_values in parameter_values(guideline).items():
        for problem in rules.validate_parameters(code, item_values):
            problems.append(f"{code}：{problem}")
    return problems
