"""Bad input gets a clear Chinese message and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from accounts.uscc import with_check_character
from applications.models import Claim, ClaimEvent, Document, Enterprise
from applications.services.documents import clean_filename
from tests.applicant.conftest import pdf_upload
from tests.applicant.test_flow import signup_data
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

VALID = with_check_character("91440106MA9ABCDE0")
WRONG_CHECK = VALID[:17] + ("0" if VALID[17] != "0" else "1")


def _counts():
    return User.objects.count(), Enterprise.objects.count(), Claim.objects.count(), Document.objects.count()


@pytest.mark.parametrize(
    ("uscc", "message"),
    [
        ("91440106MA9ABCDE", "应为18位，您输入了16位"),
        (VALID + "1", "应为18位，您输入了19位"),
        ("91440106MA9ABCDEI" + "0", "不允许的字符“I”"),
        ("91440106MA9OBCDE" + "00", "不允许的字符“O”"),
        ("91440106MA9SBCDE" + "00", "不允许的字符“S”"),
        ("91440106MA9VBCDE" + "00", "不允许的字符“V”"),
        ("91440106MA9ZBCDE" + "00", "不允许的字符“Z”"),
        (WRONG_CHECK, f"校验位不正确：最后一位应为“{VALID[17]}”"),
    ],
)
def test_invalid_uscc_on_signup(client, uscc, message):
    before = _counts()
    r = client.post(reverse("accounts:signup"), signup_data(uscc=uscc))
    assert r.status_code == 200
    assert message in r.content.decode()
    assert _counts() == before


def test_second_signup_with_same_uscc_is_told_to_ask_for_an_invitation(client):
    assert client.post(reverse("accounts:signup"), signup_data()).status_code == 302
    client.logout()
    before = _counts()
    r = client.post(reverse("accounts:signup"), signup_data(email="other@new-ai.cn"))
    html = r.content.decode()
    assert "已在平台登记" in html and "邀请" in html
    assert _counts() == before


def test_weak_password_and_mismatch(client):
    before = _counts()
    html = client.post(reverse("accounts:signup"), signup_data(password1="12345678", password2="12345678")).content.decode()
    assert "密码" in html and ("太短" in html or "过短" in html or "至少" in html or "常见" in html)
    html = client.post(reverse("accounts:signup"), signup_data(password2="different-Pass-99")).content.decode()
    assert "两次输入的密码不一致" in html
    assert _counts() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [("-100", "不能为负数"), ("十万", "不是有效金额"), ("12.345", "不是有效金额"), ("1e9", "不是有效金额"),
     ("10,000,000,000,000", "金额过大")],
)
def test_bad_amounts_in_claim_form(client_a, value, message):
    before = _counts()
    r = client_a.post(reverse("applicant:claim_new", args=["M6"]), {"paid_to_institutions": value})
    assert r.status_code == 200
    assert message in r.content.decode()
    assert _counts() == before


def test_bad_amount_does_not_change_existing_draft(client_a, applicant_a, guideline_2026):
    claim = ClaimFactory(enterprise=applicant_a.enterprise, year=2026, guideline=guideline_2026)
    facts = dict(claim.facts)
    r = client_a.post(reverse("applicant:claim_edit", args=[claim.pk]), {"paid_to_institutions": "-1", "title": "新标题"})
    assert "不能为负数" in r.content.decode()
    claim.refresh_from_db()
    assert claim.facts == facts and claim.title == ""


@pytest.fixture
def draft(applicant_a, guideline_2026):
    return ClaimFactory(enterprise=applicant_a.enterprise, year=2026, guideline=guideline_2026)


def _upload(client, claim, f, code="business_licence"):
    return client.post(reverse("applicant:document_upload", args=[claim.pk]), {"code": code, "file": f}, follow=True)


def test_exe_renamed_pdf_is_refused(client_a, draft):
    events = ClaimEvent.objects.count()
    exe = SimpleUploadedFile("营业执照.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
                             content_type="application/pdf")
    html = _upload(client_a, draft, exe).content.decode()
    assert "不是 PDF、JPG 或 PNG 文件" in html
    assert Document.objects.count() == 0 and ClaimEvent.objects.count() == events


def test_fake_pdf_header_elsewhere_is_refused(client_a, draft):
    fake = SimpleUploadedFile("a.pdf", b"hello %PDF-1.4 not really", content_type="application/pdf")
    assert "不是 PDF、JPG 或 PNG 文件" in _upload(client_a, draft, fake).content.decode()
    assert Document.objects.count() == 0


def test_25_mb_file_is_refused(client_a, draft, pdf_bytes):
    big = SimpleUploadedFile("big.pdf", pdf_bytes + b"0" * (25 * 1024 * 1024), content_type="application/pdf")
    html = _upload(client_a, draft, big).content.decode()
    assert "超过了 20 MB 的上限" in html
    assert Document.objects.count() == 0


def test_path_in_file_name_is_stripped(client_a, draft):
    _upload(client_a, draft, pdf_upload("../../etc/passwd.pdf"))
    doc = Document.objects.get()
    assert doc.original_name == "passwd.pdf"
    assert ".." not in doc.file.name and "passwd" not in doc.file.name
    assert clean_filename("..\\..\\windows\\evil.png") == "evil.png"
    assert clean_filename("../") == "file"


def test_png_and_jpeg_accepted(client_a, draft, png_bytes):
    _upload(client_a, draft, SimpleUploadedFile("照片.png", png_bytes, content_type="image/png"))
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 100 + b"\xff\xd9"
    _upload(client_a, draft, SimpleUploadedFile("scan.jpg", jpeg, content_type="image/jpeg"), code="commitment")
    assert sorted(Document.objects.values_list("content_type", flat=True)) == ["image/jpeg", "image/png"]


def test_unknown_document_code_is_refused(client_a, draft):
    html = _upload(client_a, draft, pdf_upload(), code="not_in_list").content.decode()
    assert "材料清单中没有此项材料" in html
    assert Document.objects.count() == 0


def test_html_in_text_fields_is_shown_escaped(client_a, applicant_a, draft):
    evil = '<script>alert("x")</script><b>粗</b>'
    r = client_a.post(reverse("applicant:claim_edit", args=[draft.pk]), {
        "title": evil[:120], "ai_llm_field": "yes", "paid_to_institutions": "1000"}, follow=True)
    html = r.content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    _upload(client_a, draft, pdf_upload('<img src=x onerror=alert(1)>.pdf'))
    html = client_a.get(reverse("applicant:claim_detail", args=[draft.pk])).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html
    client_a.post(reverse("applicant:enterprise"), {
        "name": "<i>坏</i>公司", "registered_address": "天河路", "district": "天河区", "contact_person": "<u>x</u>",
        "contact_phone": "13800138000"})
    html = client_a.get(reverse("applicant:enterprise")).content.decode()
    assert "<i>坏</i>" not in html and "&lt;i&gt;坏&lt;/i&gt;" in html


def test_bad_phone_on_profile_changes_nothing(client_a, applicant_a):
    before = applicant_a.enterprise.contact_phone
    r = client_a.post(reverse("applicant:enterprise"), {
        "name": "甲企业", "registered_address": "天河路", "district": "天河区", "contact_person": "张三",
        "contact_phone": "abc"})
    assert "请输入有效的电话号码" in r.content.decode()
    applicant_a.enterprise.refresh_from_db()
    assert applicant_a.enterprise.contact_phone == before
