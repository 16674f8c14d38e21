"""Claims: window, duplicates, drafts, submission snapshots, return and resubmission, withdraw, versions."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications.models import Claim, ClaimSubmission, Document
from applications.services import claims as svc
from applications.services.documents import upload_document
from applications.services.workflow import transition
from subsidies.models import Guideline, ItemSetting
from tests.applicant.conftest import pdf_upload, required_codes
from tests.factories import ApplicantFactory, ClaimFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

M6 = {"registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True, "ai_llm_field": True,
      "paid_to_institutions": "3800000"}


def complete_claim(user, item="M6", facts=None, **kw):
    claim = svc.start_claim(user, item, facts=facts or M6, **kw)
    for code in required_codes(claim.year, item):
        upload_document(user, claim, code, pdf_upload(f"{code}.pdf"))
    return claim


def _set_window(opens, closes):
    Guideline.objects.filter(year=2026).update(opens_at=opens, closes_at=closes)


def test_window_not_yet_open_says_when(client_a, applicant_a):
    now = timezone.now()
    _set_window(now + timedelta(days=10), now + timedelta(days=60))
    html = client_a.get(reverse("applicant:claim_new", args=["M6"])).content.decode()
    assert "尚未开始" in html and "开放申报" in html
    with pytest.raises(ValidationError, match="尚未开始"):
        svc.start_claim(applicant_a, "M6", facts=M6)
    assert Claim.objects.count() == 0


def test_window_closed_says_closed_and_blocks_submission_of_drafts(client_a, applicant_a):
    claim = complete_claim(applicant_a)
    now = timezone.now()
    _set_window(now - timedelta(days=60), now - timedelta(days=1))
    html = client_a.get(reverse("applicant:claim_new", args=["M6"])).content.decode()
    assert "已于" in html and "截止" in html
    client_a.post(reverse("applicant:claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == "draft"
    assert "截止" in client_a.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()


def test_disabled_item_cannot_be_started(client_a, applicant_a):
    ItemSetting.objects.filter(guideline__year=2026, item_id="M6").update(enabled=False)
    assert "不开放申报" in client_a.get(reverse("applicant:claim_new", args=["M6"])).content.decode()
    with pytest.raises(ValidationError, match="不开放申报"):
        svc.start_claim(applicant_a, "M6", facts=M6)


def test_duplicate_open_claim_refused_but_other_project_allowed(client_a, applicant_a):
    svc.start_claim(applicant_a, "M6", facts=M6)
    r = client_a.post(reverse("applicant:claim_new", args=["M6"]), {"ai_llm_field": "yes"})
    assert "不能重复申报" in r.content.decode()
    assert Claim.objects.count() == 1
    m4 = {"ai_llm_field": True, "basis": "first_version_software", "level": "provincial", "superior_funding": "100000"}
    svc.start_claim(applicant_a, "M4", facts=m4, project_ref="SW-001")
    with pytest.raises(ValidationError, match="不能重复申报同一项目"):
        svc.start_claim(applicant_a, "M4", facts=m4, project_ref=" SW-001 ")
    svc.start_claim(applicant_a, "M4", facts=m4, project_ref="SW-002")
    assert Claim.objects.filter(item_id="M4").count() == 2
    # renaming a draft onto an open project is refused too
    other = Claim.objects.get(item_id="M4", project_ref="SW-002")
    with pytest.raises(ValidationError, match="不能重复申报同一项目"):
        svc.save_claim(applicant_a, other, facts=m4, project_ref="SW-001")
    other.refresh_from_db()
    assert other.project_ref == "SW-002"


def test_withdrawn_claim_no_longer_blocks_a_new_one(applicant_a):
    claim = svc.start_claim(applicant_a, "M6", facts=M6)
    svc.withdraw_claim(applicant_a, claim)
    assert svc.start_claim(applicant_a, "M6", facts=M6).pk != claim.pk


def test_draft_saves_partial_facts_and_preview_names_what_is_missing(client_a, applicant_a):
    r = client_a.post(reverse("applicant:claim_new", args=["M6"]), {"title": "半成品", "ai_llm_field": "yes"})
    assert r.status_code == 302
    claim = Claim.objects.get()
    html = client_a.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "还缺少以下数据" in html and "实到高校、科研机构金额" in html
    client_a.post(reverse("applicant:claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == "draft" and not ClaimSubmission.objects.exists()


def test_return_correct_resubmit_keeps_every_submission(client_a, applicant_a, django_capture_on_commit_callbacks):
    claim = complete_claim(applicant_a)
    svc.submit_claim(applicant_a, claim)
    reviewer = ReviewerFactory()
    Claim.objects.filter(pk=claim.pk).update(first_assignee=reviewer)

    def set_message(locked):
        locked.return_message = "请补充银行回单。"

    with django_capture_on_commit_callbacks(execute=True):
        transition(claim, "return", reviewer, message="请补充银行回单。", apply=set_message)
    html = client_a.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "退回补正" in html and "请补充银行回单。" in html
    assert any("退回补正" in m.subject for m in mail.outbox)
    # correct: new figure and a new version of a document
    r = client_a.post(reverse("applicant:claim_edit", args=[claim.pk]), {
        "registered_in_tianhe": "yes", "above_scale": "yes", "ai_enterprise": "yes", "ai_llm_field": "yes",
        "paid_to_institutions": "4,000,000"})
    assert r.status_code == 302
    code = required_codes(claim.year, "M6")[-1]
    client_a.post(reverse("applicant:document_upload", args=[claim.pk]), {"code": code, "file": pdf_upload("回单.pdf")})
    client_a.post(reverse("applicant:claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == "submitted"
    subs = list(ClaimSubmission.objects.filter(claim=claim).order_by("sequence"))
    assert [s.sequence for s in subs] == [1, 2]
    assert subs[0].facts["paid_to_institutions"] == "3800000"
    assert subs[1].facts["paid_to_institutions"] == "4000000"
    html = client_a.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "第 1 次" in html and "第 2 次" in html


def test_submitted_claim_cannot_be_edited(client_a, applicant_a):
    claim = complete_claim(applicant_a)
    svc.submit_claim(applicant_a, claim)
    r = client_a.post(reverse("applicant:claim_edit", args=[claim.pk]), {"title": "改"}, follow=True)
    assert "不能修改申报内容" in r.content.decode()
    r = client_a.post(reverse("applicant:document_upload", args=[claim.pk]),
                      {"code": "business_licence", "file": pdf_upload()}, follow=True)
    assert "不能执行" in r.content.decode()
    claim.refresh_from_db()
    assert claim.title == "" and Document.objects.filter(claim=claim, version=2).count() == 0


def test_withdraw_before_decision_only(client_a, applicant_a):
    claim = complete_claim(applicant_a)
    svc.submit_claim(applicant_a, claim)
    r = client_a.post(reverse("applicant:claim_withdraw", args=[claim.pk]), follow=True)
    assert "申报已撤回" in r.content.decode()
    claim.refresh_from_db()
    assert claim.status == "withdrawn"
    decided = ClaimFactory(enterprise=applicant_a.enterprise, status="awarded")
    r = client_a.post(reverse("applicant:claim_withdraw", args=[decided.pk]), follow=True)
    assert "不能执行" in r.content.decode()
    decided.refresh_from_db()
    assert decided.status == "awarded"


def test_document_replacement_keeps_earlier_version(client_a, applicant_a):
    claim = svc.start_claim(applicant_a, "M6", facts=M6)
    first = upload_document(applicant_a, claim, "business_licence", pdf_upload("v1.pdf"))
    second = upload_document(applicant_a, claim, "business_licence", pdf_upload("v2.pdf"))
    first.refresh_from_db()
    assert (first.version, first.is_current) == (1, False)
    assert (second.version, second.is_current) == (2, True)
    assert first.file.name != second.file.name
    html = client_a.get(reverse("applicant:claim_detail", args=[claim.pk])).content.decode()
    assert "v2.pdf" in html and "历史版本" in html and "v1.pdf" in html
    r = client_a.get(reverse("applicant:document_download", args=[first.pk]))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("inline;") and "filename*=UTF-8''v1.pdf" in r["Content-Disposition"]


def test_download_name_is_rfc5987_encoded(client_a, applicant_a):
    claim = svc.start_claim(applicant_a, "M6", facts=M6)
    doc = upload_document(applicant_a, claim, "business_licence", pdf_upload("营业执照 副本.pdf"))
    r = client_a.get(reverse("applicant:document_download", args=[doc.pk]))
    assert "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%E5%89%AF%E6%9C%AC.pdf" in r["Content-Disposition"]
    assert b"".join(r.streaming_content).startswith(b"%PDF")


def test_claim_list_page_constant_queries(client_a, applicant_a):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            r = client_a.get(reverse("applicant:claims"))
        assert r.status_code == 200
        return len(ctx.captured_queries)

    for _i in range(3):
        ClaimFactory(enterprise=applicant_a.enterprise)
    few = count()
    for _i in range(27):
        ClaimFactory(enterprise=applicant_a.enterprise)
    assert count() == few


def test_calculator_figures_prefill_the_claim(client):
    client.post(reverse("applicant:calculator"), {"ai_llm_field": "on", "paid_to_institutions": "2,500,000"})
    target = reverse("applicant:claim_new", args=["M6"]) + "?from=calculator"
    from tests.applicant.test_flow import signup_data

    r = client.post(reverse("accounts:signup") + "?next=" + target, signup_data(next=target))
    assert r.status_code == 302 and r["Location"] == target
    html = client.get(target).content.decode()
    assert 'value="2,500,000.00"' in html


def test_m3_m10_m1c_forms_use_the_bureau_records(client_a, applicant_a):
    html = client_a.get(reverse("applicant:claim_new", args=["M3S"])).content.decode()
    assert "重点应用场景示范项目" in html and 'name="selected_demonstration"' not in html
    html = client_a.get(reverse("applicant:claim_new", args=["M10"])).content.decode()
    assert "事前同意" in html and 'name="preapproved"' not in html
    html = client_a.get(reverse("applicant:claim_new", args=["M1C"])).content.decode()
    assert "由审核人员录入" in html and 'name="approved_amount"' not in html
    html = client_a.get(reverse("applicant:claim_new", args=["M4"])).content.decode()
    assert 'name="project_ref"' in html and "依据：三.4" in html


def test_invitation_adds_a_colleague(client_a, applicant_a, client):
    r = client_a.post(reverse("applicant:enterprise_invite"), {"email": "colleague@example.cn"}, follow=True)
    assert "邀请已发送" in r.content.decode()
    body = mail.outbox[-1].body
    assert "邀请您加入" in body
    link = body.split("http://127.0.0.1:8000")[1].split()[0]
    client_a.logout()
    r = client_a.post(link, {"full_name": "小李", "password1": "Colleague-Pass-2026", "password2": "Colleague-Pass-2026"})
    assert r.status_code == 302
    user = User.objects.get(email="colleague@example.cn")
    assert user.enterprise_id == applicant_a.enterprise_id and not user.is_enterprise_manager
    assert client_a.get(link).status_code == 404  # used once


def test_invitation_only_by_the_manager(client, applicant_a):
    colleague = ApplicantFactory(enterprise=applicant_a.enterprise, is_enterprise_manager=False)
    client.force_login(colleague)
    r = client.post(reverse("applicant:enterprise_invite"), {"email": "x@example.cn"}, follow=True)
    assert "只有企业管理员" in r.content.decode()
    assert not mail.outbox


def test_password_reset_by_email_in_chinese(client, applicant_a):
    r = client.post(reverse("accounts:password_reset"), {"email": applicant_a.email})
    assert r.status_code == 302
    message = mail.outbox[-1]
    assert "重设密码" in message.subject and "您好" in message.body
    link = [w for w in message.body.split() if "/accounts/password/reset/" in w][0]
    r = client.get(link, follow=True)
    form_url = r.redirect_chain[-1][0]
    r = client.post(form_url, {"new_password1": "Brand-New-Pass-77", "new_password2": "Brand-New-Pass-77"})
    assert r.status_code == 302
    applicant_a.refresh_from_db()
    assert applicant_a.check_password("Brand-New-Pass-77")


def test_notifications_page_and_mark_read(client_a, applicant_a):
    from applications.models import Notification

    n = Notification.objects.create(user=applicant_a, title="您的申报已提交")
    html = client_a.get(reverse("applicant:notifications")).content.decode()
    assert "您的申报已提交" in html and 'class="badge">1<' in html
    client_a.post(reverse("applicant:notifications_read"), {"id": n.pk})
    n.refresh_from_db()
    assert n.read_at is not None
