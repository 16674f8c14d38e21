"""Guidelines: seeded with measures.md's values, copied into a new draft year, frozen by a decision."""

from decimal import Decimal

import pytest
from django.core.management import call_command

import rules
from administration.services.guidelines import set_item_parameters
from subsidies import services
from subsidies.models import Guideline, GuidelineStatus, Item, Measure, ParameterValue, RequiredDocument
from subsidies.selectors import year_parameters

pytestmark = pytest.mark.django_db


def test_seeded_measures_items_and_three_guidelines():
    assert Measure.objects.count() == 10
    assert list(Item.objects.values_list("code", flat=True)) == list(rules.ITEMS)
    assert sorted(Guideline.objects.values_list("year", flat=True)) == [2024, 2025, 2026]
    for g in Guideline.objects.all():
        stored = {(p.item_id, p.name): p.value for p in g.parameters.all()}
        expected = {(c, n): v for c, params in rules.DEFAULT_PARAMETERS.items() for n, v in params.items()}
        assert stored == {k: Decimal(v) for k, v in expected.items()}
        assert all(p.clause == rules.ITEMS[p.item_id].clause for p in g.parameters.all())
        # every item has documents, each with a Chinese name and description
        for code in rules.ITEMS:
            docs = g.documents.filter(item_id=code)
            assert docs.filter(required=True).count() >= 2
            assert all(d.name and d.description for d in docs)


def test_seeding_is_idempotent_and_keeps_edits():
    ParameterValue.objects.filter(guideline__year=2025, item_id="M6", name="rate").update(value=Decimal("0.12"))
    call_command("seed_guidelines")
    services.seed_guidelines()
    assert Guideline.objects.count() == 3
    assert ParameterValue.objects.get(guideline__year=2025, item_id="M6", name="rate").value == Decimal("0.12")


def test_year_parameters_from_the_database():
    ParameterValue.objects.filter(guideline__year=2025, item_id="M6", name="rate").update(value=Decimal("0.2"))
    facts = {"registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True, "ai_llm_field": True,
             "paid_to_institutions": "1000000"}
    assert rules.evaluate("M6", year_parameters(2025), facts).amount == Decimal("200000.00")
    assert rules.evaluate("M6", year_parameters(2024), facts).amount == Decimal("100000.00")
    with pytest.raises(rules.RulesError) as err:
        year_parameters(2023)
    assert "2023" in str(err.value)


def test_copy_a_year_into_a_new_draft():
    g = services.copy_guideline(2026, 2027)
    assert g.status == GuidelineStatus.DRAFT
    assert g.opens_at.year == 2027 and g.closes_at.year == 2027
    assert "2027" in g.title
    assert g.parameters.count() == Guideline.objects.get(year=2026).parameters.count()
    assert g.documents.count() == Guideline.objects.get(year=2026).documents.count()
    with pytest.raises(services.GuidelineError, match="已存在"):
        services.copy_guideline(2026, 2027)


def test_setting_a_parameter_validates_through_the_rules():
    g = Guideline.objects.get(year=2026)
    set_item_parameters(g, "M6", {"rate": Decimal("0.15")})
    assert ParameterValue.objects.get(guideline=g, item_id="M6", name="rate").value == Decimal("0.15")
    with pytest.raises(services.GuidelineError):
        set_item_parameters(g, "M6", {"rate": Decimal("1.5")})
    assert ParameterValue.objects.get(guideline=g, item_id="M6", name="rate").value == Decimal("0.15")


def test_a_frozen_guideline_refuses_every_change_and_says_why():
    services.freeze_guideline(2025)
    g = Guideline.objects.get(year=2025)
    assert g.is_frozen and g.frozen_at is not None
    p = ParameterValue.objects.filter(guideline=g).first()
    p.value = Decimal("1")
    with pytest.raises(services.GuidelineFrozen, match="已冻结"):
        p.save()
    with pytest.raises(services.GuidelineFrozen):
        set_item_parameters(g, "M6", {"rate": Decimal("0.2")})
    with pytest.raises(services.GuidelineFrozen):
        RequiredDocument.objects.filter(guideline=g).first().delete()
    g.notes = "changed"
    with pytest.raises(services.GuidelineFrozen):
        g.save()
    with pytest.raises(services.GuidelineFrozen):
        g.delete()
    with pytest.raises(services.GuidelineFrozen):
        services.publish_guideline(g)
    assert ParameterValue.objects.get(pk=p.pk).value != Decimal("1")
    # other years are unaffected
    set_item_parameters(Guideline.objects.get(year=2026), "M6", {"rate": Decimal("0.2")})


def test_publish_refuses_inconsistent_parameters():
    g = services.copy_guideline(2026, 2027)
    ParameterValue.objects.filter(guideline=g, item_id="M4", name="cap_municipal").update(value=Decimal("2000000"))
    with pytest.raises(services.GuidelineError, match="M4"):
        services.publish_guideline(g)
    assert Guideline.objects.get(pk=g.pk).status == GuidelineStatus.DRAFT
