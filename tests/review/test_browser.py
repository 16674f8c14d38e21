"""A reviewer's day in Chromium, with screenshots under test-artifacts/review-*.png:
queue → open a claim → correct a fact → 初审通过; a senior does the 复审 and publishes the 公示;
the public notice page without login."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from applications.models import ClaimStatus, Document
from tests.review.conftest import future_day, make_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base_url, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}])


def evidence_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<html><body style='font-family:\"Noto Sans CJK SC\"'><h1>合作协议（摘要）</h1>"
                       "<p>甲方：广州天河智算科技有限公司　乙方：华南理工大学</p><p>合同金额：人民币叁佰万元整（3,000,000.00 元）</p>"
                       "</body></html>").write_pdf()


def test_a_reviewers_day(browser_page, enterprise, reviewer, senior, artifacts_dir, settings):
    settings.PORTAL_STAFF_REQUIRE_2FA = False
    page, base = browser_page
    claim = make_claim(enterprise, first=reviewer, second=senior, title="与华南理工大学共建大模型联合实验室")
    for _i in range(4):
        make_claim(enterprise, first=None, item="M6")
    doc = Document(claim=claim, code="contract", original_name="合作协议.pdf", content_type="application/pdf",
                   size=0, sha256="0" * 64)
    data = evidence_pdf()
    doc.size = len(data)
    doc.file.save("x", ContentFile(data), save=False)
    doc.save()

    # 1. the queue: my claim first
    login(page, base, reviewer)
    page.goto(f"{base}/review/")
    first_row = page.locator("#queue tbody tr").first
    assert "待我办理" in first_row.inner_text()
    page.screenshot(path=str(artifacts_dir / "review-1-queue.png"), full_page=True)

    # 2. open the claim: facts, trace with clauses, ledger
    first_row.locator("a").first.click()
    page.wait_for_selector("#facts")
    assert "380,000.00 元" in page.locator("#computed-amount").inner_text()
    assert "三.6" in page.locator("#award").inner_text()
    page.screenshot(path=str(artifacts_dir / "review-2-claim.png"), full_page=True)

    # 3. correct a fact with a reason: a wrong value first, then the right one
    row = page.locator("#fact-paid_to_institutions")
    row.locator("summary").click()
    row.locator("input[name=value]").fill("三百万")
    row.locator("input[name=reason]").fill("以合作协议金额为准")
    row.locator("button").click()
    assert "金额" in page.locator(".msg-error").first.inner_text()
    row = page.locator("#fact-paid_to_institutions")
    row.locator("summary").click()
    row.locator("input[name=value]").fill("3,000,000")
    row.locator("input[name=reason]").fill("以合作协议金额为准")
    row.locator("button").click()
    page.wait_for_selector(".msg-success")
    assert "300,000.00 元" in page.locator("#computed-amount").inner_text()
    page.screenshot(path=str(artifacts_dir / "review-3-corrected.png"), full_page=True)

    # 4. 初审通过
    page.fill("#approve-msg", "材料齐全，按协议金额核定。")
    page.click("#btn-approve")
    page.wait_for_selector(".msg-success")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SECOND_REVIEW

    # 5. the senior reviewer does the 复审: the award is reserved
    login(page, base, senior)
    page.goto(f"{base}/review/claims/{claim.pk}/")
    assert "复审通过" in page.locator("#btn-approve").inner_text()
    page.click("#btn-approve")
    page.wait_for_selector(".msg-success")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and str(claim.award.amount) == "300000.00"
    page.screenshot(path=str(artifacts_dir / "review-4-second-review.png"), full_page=True)

    # 6. publish the 公示
    page.goto(f"{base}/review/notices/")
    page.check(f"input[name=claim_ids][value='{claim.pk}']")
    page.screenshot(path=str(artifacts_dir / "review-5-notices.png"), full_page=True)
    page.click("#btn-publish")
    page.wait_for_selector(".msg-success")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLICIZED
    page.screenshot(path=str(artifacts_dir / "review-6-batch.png"), full_page=True)

    # 7. the public page, without login, and an objection
    page.context.clear_cookies()
    page.goto(f"{base}/notices/{claim.notice_batch_id}/")
    table = page.locator("#notice-claims").inner_text()
    assert enterprise.name in table and "300,000.00 元" in table
    page.select_option("#o-claim", str(claim.pk))
    page.fill("#o-reasons", "短")
    page.fill("#o-name", "王小明")
    page.fill("#o-phone", "123")
    page.click("#objection-form button")
    assert page.locator(".errorlist").count() >= 2
    page.fill("#o-reasons", "该企业与高校的合作协议金额与实际付款不符，请核实。")
    page.fill("#o-phone", "13912345678")
    page.click("#objection-form button")
    page.wait_for_selector(".msg-success")
    page.screenshot(path=str(artifacts_dir / "review-7-public-notice.png"), full_page=True)
    assert claim.objections.count() == 1


def test_demo_pages_look_right(browser_page, artifacts_dir, settings):
    """The review demo as staff and the public see it (screenshots review-demo-*.png)."""
    from accounts.models import User
    from applications.demo import seed_demo
    from applications.models import Claim

    settings.PORTAL_STAFF_REQUIRE_2FA = False
    seed_demo()
    page, base = browser_page
    login(page, base, User.objects.get(email="fushen1@demo.thkgx.gov.cn"))
    paid = Claim.objects.get(title__startswith="【演示】", status=ClaimStatus.PAID)
    shots = [("queue", "/review/"), ("paid-claim", f"/review/claims/{paid.pk}/"), ("notices", "/review/notices/"),
             ("demo-projects", "/review/demo-projects/?year=2026"), ("preapprovals", "/review/preapprovals/")]
    for name, url in shots:
        page.goto(base + url)
        page.screenshot(path=str(artifacts_dir / f"review-demo-{name}.png"), full_page=True)
    assert "天财拨〔2025〕0815号" in page.goto(base + f"/review/claims/{paid.pk}/").text()
    m1c = Claim.objects.get(title__startswith="【演示】", item_id="M1C")
    login(page, base, User.objects.get(email="admin@demo.thkgx.gov.cn"))
    page.goto(base + f"/review/claims/{m1c.pk}/")
    assert "待确认" in page.inner_text("#special")
    page.click("#special form button")
    page.wait_for_selector(".msg-success")
    page.screenshot(path=str(artifacts_dir / "review-demo-m1c-confirmed.png"), full_page=True)
    m1c.refresh_from_db()
    assert m1c.m1c_confirmed_by.email == "admin@demo.thkgx.gov.cn"
    login(page, base, User.objects.get(email="office@jinrongcheng-ai.demo"))
    page.goto(base + "/preapprovals/")
    page.fill("#pa-name", "天河大模型开发者沙龙")
    page.select_option("#pa-type", "forum")
    page.fill("#pa-venue", "天河软件园")
    page.fill("#pa-date", future_day(20).isoformat())
    page.fill("#pa-budget", "十二万")
    page.fill("#pa-desc", "面向开发者的技术交流。")
    page.click("form.card button")
    page.screenshot(path=str(artifacts_dir / "review-demo-preapply-errors.png"), full_page=True)
    assert "预算应为金额" in page.inner_text(".errorlist")
    page.context.clear_cookies()
    page.goto(base + "/notices/")
    page.screenshot(path=str(artifacts_dir / "review-demo-public-list.png"), full_page=True)
    assert "公示中" in page.inner_text("table")
