"""An administrator, as a new user would: logs in with 2FA, prepares 2027's guideline from 2026's,
edits a rate (a wrong value first), sees the diff, runs the 政策沙盘 on 2026's claims, publishes."""

from decimal import Decimal

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from administration.models import AnnualBudget
from applications.models import Award, ClaimStatus
from applications.models.ledger import AwardStatus
from subsidies.models import Guideline, GuidelineStatus, Item, ParameterValue
from subsidies.services import freeze_guideline
from tests.factories import AdminFactory, ClaimFactory

M6 = {"registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True, "ai_llm_field": True}


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


@pytest.mark.browser
@pytest.mark.staff_2fa
@pytest.mark.django_db(transaction=True)
def test_admin_prepares_simulates_and_publishes_next_year(browser_page, artifacts_dir):
    page, base = browser_page
    shot = lambda name: page.screenshot(path=str(artifacts_dir / f"manage-{name}.png"), full_page=True)  # noqa: E731
    admin = AdminFactory(email="wang.min@thkgx.test", full_name="王敏")
    for paid in ("3800000", "9000000", "2500000"):
        ClaimFactory(year=2026, status=ClaimStatus.SUBMITTED, facts={**M6, "paid_to_institutions": paid})
    decided = ClaimFactory(year=2026, status=ClaimStatus.AWARDED, awarded_amount=Decimal("500000"),
                           facts={**M6, "paid_to_institutions": "5000000"})
    Award.objects.create(claim=decided, enterprise=decided.enterprise, item_id="M6", year=2026,
                         amount=Decimal("500000"), status=AwardStatus.COMMITTED)
    paid = ClaimFactory(year=2026, status=ClaimStatus.PAID, awarded_amount=Decimal("50000"), item=Item.objects.get(code="M7"),
                        facts={"registered_in_tianhe": True, "above_scale": True, "dcmm_level": 3})
    Award.objects.create(claim=paid, enterprise=paid.enterprise, item_id="M7", year=2026,
                         amount=Decimal("50000"), status=AwardStatus.PAID)
    freeze_guideline(2026)  # 2026 has decisions: its guideline is frozen, 2027's is prepared
    AnnualBudget.objects.create(year=2026, amount=Decimal("20000000"))

    page.goto(f"{base}/accounts/login/?next=/manage/")
    page.fill("#id_username", admin.email)
    page.fill("#id_password", "Correct-Horse-42")
    page.click("button.btn")
    page.wait_for_url("**/accounts/otp/setup/**")
    assert page.locator(".qr svg").count() == 1
    shot("01-otp-setup")
    page.fill("#id_code", current_code(admin))
    page.click("text=确认绑定")
    page.wait_for_url(f"{base}/manage/")
    shot("02-home")

    page.click("text=管理申报指南")
    page.wait_for_url("**/manage/guidelines/")
    page.fill("#id_new_year", "2027")
    page.click("text=复制生成草稿")
    page.wait_for_url("**/manage/guidelines/2027/")
    assert "已按2026年度指南生成2027年度指南草稿" in page.content()

    page.fill("#p-M6-rate", "1.5")
    page.click("text=保存 M6 的参数与说明")
    page.locator("#item-M6 .errorlist").wait_for()
    assert "应在 0 至 1 之间" in page.locator("#item-M6").inner_text()
    page.locator("#item-M6").scroll_into_view_if_needed()
    page.locator("#item-M6").screenshot(path=str(artifacts_dir / "manage-03-rate-error.png"))
    page.fill("#p-M6-rate", "0.12")
    page.click("text=保存 M6 的参数与说明")
    page.wait_for_url("**/manage/guidelines/2027/#item-M6")
    assert ParameterValue.objects.get(guideline__year=2027, item_id="M6", name="rate").value == Decimal("0.12")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts_dir / "manage-04-editor.png"))

    page.click("text=与 2026 年度对比")
    page.wait_for_url("**/manage/guidelines/2027/diff/")
    row = page.locator("#diff-parameters tbody tr").first.inner_text()
    assert "M6" in row and "10%" in row and "12%" in row
    shot("05-diff")

    page.click("text=测算这些变化对 2026 年度申报的影响")
    page.wait_for_url("**/manage/simulations/?year=2026&draft_year=2027")
    page.click("#run-simulation")
    page.wait_for_url("**/manage/simulations/*/")
    page.locator("#sim-items").wait_for()
    # M6 at 12 % instead of 10 %: 3,800,000 → +76,000; 9,000,000 → 1,080,000 capped at 1,000,000: +100,000;
    # 2,500,000 → +50,000; the decided 5,000,000 (its own award excluded) → +100,000. M7 unchanged.
    # Total +326,000.
    assert "326,000.00 元" in page.locator("#sim-diff").inner_text()
    page.locator("details summary").first.click()
    shot("06-simulation")

    page.goto(f"{base}/manage/guidelines/2027/")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#publish-btn")
    page.wait_for_url("**/manage/guidelines/2027/")
    assert "已发布" in page.locator(".sticky-bar").inner_text()
    assert Guideline.objects.get(year=2027).status == GuidelineStatus.PUBLISHED
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts_dir / "manage-07-published.png"))
    page.goto(f"{base}/manage/guidelines/2026/")
    assert "本指南已冻结，不能修改" in page.locator("#frozen-banner").inner_text()
    assert page.locator("#p-M6-rate").is_disabled()
    page.screenshot(path=str(artifacts_dir / "manage-07b-frozen.png"))

    page.goto(f"{base}/manage/dashboard/?year=2026")
    page.wait_for_function("document.getElementById('chart-amounts').width > 0")
    shot("08-dashboard")
    page.goto(f"{base}/manage/audit/?object_type=subsidies.parametervalue")
    assert "王敏" in page.locator("#audit-table").inner_text()
    shot("09-audit")
