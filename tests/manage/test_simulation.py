"""政策沙盘 totals against a hand-computed set of 2025 claims.

2025 guideline = measures.md defaults: M6 rate 0.10, annual cap 1,000,000; M7 level 4 = 100,000.
Draft: M6.rate 0.12 (everything else unchanged). Budget 2025: 10,000,000.

claim  item  status     facts                              current                         draft (rate 0.12)
A      M6    submitted  paid 3,800,000                     0.10×3,800,000 = 380,000         0.12×3,800,000 = 456,000
B      M6    approved   paid 9,000,000                     900,000                          1,080,000 → cap 1,000,000
C0     M6    awarded    paid 3,000,000 (ledger: 300,000)   300,000 (own award excluded)     360,000
C      M6    submitted  paid 12,000,000, same firm as C0   min(1,200,000, 1,000,000−300,000) = 700,000
                                                                                            min(1,440,000, 700,000) = 700,000
G      M6    rejected   not above scale                    0 (ineligible)                   0
F      M7    submitted  DCMM level 4                        100,000                          100,000 (not re-evaluated)
D      M6    draft      —  excluded;   E  M6  withdrawn  — excluded

M6: 5 claims, current 380,000+900,000+300,000+700,000+0 = 2,280,000; draft 456,000+1,000,000+360,000
    +700,000+0 = 2,516,000; difference 236,000; budget share 22.80% → 25.16%.
All: 6 claims, current 2,380,000, draft 2,616,000, difference 236,000; shares 23.80% → 26.16%.
Biggest M6 changes: B (+100,000), A (+76,000), C0 (+60,000).
"""

from decimal import Decimal

import pytest

from administration.models import AnnualBudget, Simulation
from administration.services.guidelines import copy_guideline, set_item_parameters
from administration.services.simulation import SimulationError, simulate, start_simulation
from applications.models import Award, ClaimStatus
from applications.models.ledger import AwardStatus
from subsidies.models import Guideline, Item
from tests.factories import ClaimFactory, EnterpriseFactory

M6 = {"registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True, "ai_llm_field": True}


def m6(status, paid, enterprise=None, **extra):
    kwargs = {"enterprise": enterprise} if enterprise else {}
    return ClaimFactory(status=status, facts={**M6, "paid_to_institutions": paid, **extra}, **kwargs)


@pytest.fixture
def claims(db):
    firm = EnterpriseFactory()
    out = {
        "A": m6(ClaimStatus.SUBMITTED, "3800000"),
        "B": m6(ClaimStatus.APPROVED, "9,000,000".replace(",", "")),
        "C0": m6(ClaimStatus.AWARDED, "3000000", firm),
        "C": m6(ClaimStatus.SUBMITTED, "12000000", firm),
        "G": m6(ClaimStatus.REJECTED, "5000000", above_scale=False),
        "F": ClaimFactory(
            status=ClaimStatus.SUBMITTED, item=Item.objects.get(code="M7"),
            facts={"registered_in_tianhe": True, "above_scale": True, "dcmm_level": 4},
        ),
        "D": m6(ClaimStatus.DRAFT, "99000000"),
        "E": m6(ClaimStatus.WITHDRAWN, "99000000"),
    }
    Award.objects.create(
        claim=out["C0"], enterprise=firm, item_id="M6", year=2025, amount=Decimal("300000"), status=AwardStatus.COMMITTED
    )
    AnnualBudget.objects.create(year=2025, amount=Decimal("10000000"))
    return out


def _item(result, code):
    return next(r for r in result["items"] if r["item"] == code)


def test_totals_match_the_hand_computed_claims(claims, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        result = simulate(2025, overrides={"M6.rate": "0.12"})
    m6_row = _item(result, "M6")
    assert m6_row["count"] == 5
    assert Decimal(m6_row["current"]) == Decimal("2280000")
    assert Decimal(m6_row["draft"]) == Decimal("2516000")
    assert Decimal(m6_row["difference"]) == Decimal("236000")
    assert (m6_row["share_current"], m6_row["share_draft"]) == ("22.80", "25.16")
    assert m6_row["changed"] == 3
    assert [c["number"] for c in m6_row["top"]] == [claims[k].number for k in ("B", "A", "C0")]
    assert [Decimal(c["difference"]) for c in m6_row["top"]] == [Decimal("100000"), Decimal("76000"), Decimal("60000")]
    # traces of both parameter sets, citing the clause
    assert any("三.6" in line for line in m6_row["top"][0]["explain_draft"])
    m7_row = _item(result, "M7")
    assert (m7_row["count"], Decimal(m7_row["current"]), Decimal(m7_row["draft"])) == (1, Decimal("100000"), Decimal("100000"))
    t = result["totals"]
    assert t["count"] == 6
    assert (Decimal(t["current"]), Decimal(t["draft"]), Decimal(t["difference"])) == (
        Decimal("2380000"), Decimal("2616000"), Decimal("236000"),
    )
    assert (t["share_current"], t["share_draft"]) == ("23.80", "26.16")
    assert result["changed_parameters"] == [
        {"key": "M6.rate", "item": "M6", "label": result["changed_parameters"][0]["label"], "current": "10%", "draft": "12%"}
    ]


def test_draft_guideline_as_parameter_source_gives_the_same_totals(claims):
    copy_guideline(2025, 2027)
    set_item_parameters(Guideline.objects.get(year=2027), "M6", {"rate": "0.12"})
    result = simulate(2025, draft_year=2027)
    assert Decimal(result["totals"]["draft"]) == Decimal("2616000")


def test_large_runs_go_to_the_worker_and_record_progress(claims, admin_user, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_SIMULATION_INLINE_MAX = 1  # 6 claims > 1: queued (eager Celery in tests)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sim = start_simulation(admin_user, 2025, None, {"M6.rate": "0.12"})
        assert Simulation.objects.get(pk=sim.pk).status == Simulation.Status.PENDING
    assert len(callbacks) == 1
    sim.refresh_from_db()
    assert sim.status == Simulation.Status.DONE
    assert (sim.total, sim.done) == (6, 6)
    assert Decimal(sim.result["totals"]["difference"]) == Decimal("236000")


def test_bad_override_is_refused_and_nothing_recorded(claims, admin_user):
    for overrides in ({"M6.rate": "1.5"}, {"M6.nope": "1"}, {"rate": "0.1"}):
        with pytest.raises(SimulationError):
            start_simulation(admin_user, 2025, None, overrides)
    with pytest.raises(SimulationError):
        start_simulation(admin_user, 2031, None, {})
    assert not Simulation.objects.exists()


def test_claim_with_bad_facts_is_counted_as_error_not_crash(claims):
    ClaimFactory(status=ClaimStatus.SUBMITTED, facts={**M6, "paid_to_institutions": "-5"})
    result = simulate(2025, overrides={"M6.rate": "0.12"})
    row = _item(result, "M6")
    assert row["errors"] == 1 and row["count"] == 6
    assert Decimal(row["current"]) == Decimal("2280000")


def test_simulation_page_shows_per_item_figures(claims, admin_client):
    response = admin_client.post("/manage/simulations/", {"year": "2025", "draft_year": "", "overrides": "M6.rate = 0.12"})
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "2,516,000.00 元" in page and "236,000.00 元" in page and "22.80% → 25.16%" in page
    bad = admin_client.post("/manage/simulations/", {"year": "2025", "overrides": "M6.rate = 2"})
    assert bad.status_code == 400 and "0 至 1" in bad.content.decode()
