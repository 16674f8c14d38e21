"""A new enterprise user in a real browser: calculator → sign-up → profile → claim → uploads →
preview → submit → status page. Screenshots go to test-artifacts/applicant-*.png."""

import pytest

from accounts.uscc import with_check_character
from applications.demo_claims import tiny_pdf, tiny_png
from applications.models import Claim, ClaimSubmission
from subsidies.models import RequiredDocument

USCC = with_check_character("91440106MA9BRWXR0")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_new_enterprise_files_a_claim_in_the_browser(browser_page, artifacts_dir, tmp_path):
    page, base = browser_page

    def shot(name):
        page.screenshot(path=str(artifacts_dir / f"applicant-{name}.png"), full_page=True)

    # 1. A visitor tries the calculator.
    page.goto(f"{base}/calculator/")
    page.check("#id_registered_in_tianhe")
    page.check("#id_above_scale")
    page.check("#id_ai_enterprise")
    page.check("#id_ai_llm_field")
    page.fill("#id_paid_to_institutions", "3,800,000.00")
    page.fill("#id_annual_revenue", "-5")
    page.locator("button[name=run]").first.click()
    assert "不能为负数" in page.content()
    shot("01-calculator-error")
    page.fill("#id_annual_revenue", "")
    page.locator("button[name=run]").first.click()
    row = page.locator("[data-item=M6]")
    assert "符合条件" in row.inner_text() and "元" in row.inner_text()
    shot("02-calculator-results")

    # 2. One click: sign up, then continue to the pre-filled claim.
    row.get_by_role("link", name="注册并按此数据申报").click()
    page.fill("#id_email", "finance@browser-ai.cn")
    page.fill("#id_full_name", "陈晓")
    page.fill("#id_password1", "Browser-Test-2026!")
    page.fill("#id_password2", "Browser-Test-2026!")
    page.fill("#id_uscc", USCC[:17] + ("0" if USCC[17] != "0" else "1"))
    page.fill("#id_name", "广州浏览器大模型科技有限公司")
    page.fill("#id_registered_address", "广州市天河区天河北路100号")
    page.check("#id_above_scale")
    page.check("#id_ai_enterprise")
    page.check("#id_ai_llm_field")
    page.fill("#id_contact_person", "陈晓")
    page.fill("#id_contact_phone", "020-38889999")
    shot("03-signup")
    page.get_by_role("button", name="注册并登记企业").click()
    assert "校验位不正确" in page.content()
    shot("04-signup-uscc-error")
    page.fill("#id_uscc", USCC)
    page.fill("#id_password1", "Browser-Test-2026!")
    page.fill("#id_password2", "Browser-Test-2026!")
    page.get_by_role("button", name="注册并登记企业").click()
    page.wait_for_url("**/claims/new/M6/**")
    assert page.input_value("#id_paid_to_institutions") == "3,800,000.00"
    shot("05-claim-form-prefilled")

    # 3. The profile (visited from the header), then back to the claim.
    page.goto(f"{base}/enterprise/")
    assert USCC in page.content()
    shot("06-profile")
    page.goto(f"{base}/claims/new/M6/?from=calculator")
    page.fill("#id_title", "与华南理工大学共建大模型联合实验室")
    page.check("#id_registered_in_tianhe_0")
    page.get_by_role("button", name="保存草稿并预览").click()
    page.wait_for_url("**/claims/*/")
    assert "预计扶持金额" in page.content()
    assert "请上传以下必须提交的材料" in page.content()
    shot("07-draft-preview")

    # 4. Uploads: a PDF and a PNG per required document.
    claim = Claim.objects.get()
    pdf = tmp_path / "合作协议.pdf"
    pdf.write_bytes(tiny_pdf("agreement"))
    png = tmp_path / "银行回单.png"
    png.write_bytes(tiny_png())
    codes = list(RequiredDocument.objects.filter(guideline=claim.guideline, item_id="M6", required=True).values_list("code", flat=True))
    for i, code in enumerate(codes):
        row = page.locator(f"tr[data-doc={code}]")
        row.locator("input[type=file]").set_input_files(str(pdf if i % 2 == 0 else png))
        row.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert "已上传" in page.content()
    assert "数据与材料已齐全" in page.content()
    shot("08-documents-complete")

    # 5. Submit and read the status page.
    page.get_by_role("button", name="提交申报").click()
    page.wait_for_load_state()
    assert "申报已提交" in page.content()
    assert page.inner_text("#claim-status") == "待初审"
    assert "第 1 次" in page.inner_text("#submissions")
    shot("09-status-page")
    claim.refresh_from_db()
    assert claim.status == "submitted" and ClaimSubmission.objects.filter(claim=claim).count() == 1

    page.goto(f"{base}/claims/")
    assert claim.number in page.content()
    shot("10-my-claims")
    page.goto(f"{base}/notifications/")
    assert "提交申报" in page.content()
    shot("11-notifications")
