"""The letter itself: what its PDF says, how it looks, who may download it (pages and API)."""

import hashlib
import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from applications.letters.capitals import amount_in_chinese_capitals
from applications.services.letters import issue_letter, verify_letter
from tests.factories import ApplicantFactory, ReviewerFactory
from tests.letters.conftest import make_decided_claim, pdf_text, pdf_to_png

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf(letter) -> bytes:
    with letter.pdf.open("rb") as fh:
        return fh.read()


def test_award_letter_says_who_what_how_much(awarded_claim, artifacts_dir):
    letter, rendered = issue_letter(awarded_claim.pk)
    assert rendered and letter.reference == "天科工信〔2025〕1号" and letter.kind == "award"
    data = _pdf(letter)
    assert data.startswith(b"%PDF") and letter.size == len(data)
    assert letter.sha256 == hashlib.sha256(data).hexdigest() and verify_letter(letter)
    text = pdf_text(data)
    flat = _flat(text)
    enterprise = awarded_claim.enterprise
    assert "广州市天河区科技工业和信息化局" in flat
    assert enterprise.name in flat and enterprise.uscc in flat
    assert "天科工信〔2025〕1号" in flat
    assert "扶持资金的决定书" in flat
    assert awarded_claim.awarded_amount == Decimal("345678.91")
    assert "345,678.91元" in flat  # figures
    assert "叁拾肆万伍仟陆佰柒拾捌元玖角壹分" in flat  # capitals
    assert amount_in_chinese_capitals(Decimal("345678.91")) in flat
    assert "创新联合体奖励" in flat and "三.6" in flat
    assert "产学研合作" in flat  # the clause quoted
    assert "实到高校、科研机构金额" in flat and "3,456,789.10元" in flat  # a verified fact, labelled in Chinese
    assert "3,456,789.10元×10%" in flat  # the calculation step by step
    assert "本决定后剩余额度654,321.09元" in flat  # the remaining annual cap
    assert "2025年12月3日" in flat and "（印章）" in flat
    assert "第1页共" in flat  # footer in the margin box
    assert "经我局初审、复审和公示" in flat
    png = pdf_to_png(data, artifacts_dir / "letter_award_p1")
    assert png.exists() and png.stat().st_size > 10_000


def test_capped_award_letter_shows_the_cap(db, artifacts_dir):
    claim = make_decided_claim(facts={**_m6(), "paid_to_institutions": "12345678.90"})
    letter, _ = issue_letter(claim.pk)
    flat = _flat(pdf_text(_pdf(letter)))
    assert "1,000,000.00元" in flat and "壹佰万元整" in flat
    assert "本决定后剩余额度0.00元" in flat
    pdf_to_png(_pdf(letter), artifacts_dir / "letter_award_capped_p1")


def _m6():
    from tests.letters.conftest import M6_FACTS

    return dict(M6_FACTS)


def test_rejection_letter_states_the_reasons(rejected_claim, artifacts_dir):
    letter, _ = issue_letter(rejected_claim.pk)
    assert letter.kind == "rejection"
    data = _pdf(letter)
    flat = _flat(pdf_text(data))
    assert "不予扶持的决定书" in flat
    assert rejected_claim.enterprise.name in flat and rejected_claim.enterprise.uscc in flat
    assert letter.reference in flat
    assert "企业上一年度未纳入天河区规模以上企业统计名录" in flat  # the reviewer's reasons
    assert "不满足条件「天河区规模以上企业」" in flat  # the failed condition, with its clause
    assert "经审核核定" in flat  # the corrected fact is marked
    assert "大写" not in flat
    pdf_to_png(data, artifacts_dir / "letter_rejection_p1")


def test_no_line_break_between_chinese_characters(awarded_claim, rejected_claim):
    """A line break between two Chinese characters prints as a space: the template has none."""
    from applications.letters.render import render_html
    from applications.services.letters import take_number

    cjk = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
    for claim in (awarded_claim, rejected_claim):
        html = render_html(claim, take_number(claim.pk))
        body = html[html.index("<body>"):]
        assert not re.search(f"[{cjk}]\\s*\\n\\s*[{cjk}]", body), re.findall(f".{{10}}[{cjk}]\\s*\\n\\s*[{cjk}].{{10}}", body)
        assert not re.search(f"[{cjk}] +[{cjk}]", body)


def test_no_tofu_all_fonts_embedded(awarded_claim):
    letter, _ = issue_letter(awarded_claim.pk)
    out = subprocess.run(["pdffonts", "-"], input=_pdf(letter), capture_output=True, check=False)
    if out.returncode != 0:  # older poppler cannot read stdin
        path = letter.pdf.path
        out = subprocess.run(["pdffonts", path], capture_output=True, check=True)
    lines = out.stdout.decode().splitlines()[2:]
    assert lines, "the letter embeds fonts"
    for line in lines:
        assert " yes yes " in line.replace("  ", " ") or "yes" in line.split()[-5:], line
    assert all(("CJK" in line or "Letter" in line) for line in lines), lines


# --- download --------------------------------------------------------------------------------


def test_enterprise_downloads_its_letter(client, awarded_claim):
    letter, _ = issue_letter(awarded_claim.pk)
    client.force_login(ApplicantFactory(enterprise=awarded_claim.enterprise))
    response = client.get(reverse("letters:download", args=[awarded_claim.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == letter.sha256 == response["X-Content-SHA256"]


def test_other_enterprise_gets_404(client, awarded_claim):
    issue_letter(awarded_claim.pk)
    client.force_login(ApplicantFactory())
    assert client.get(reverse("letters:download", args=[awarded_claim.pk])).status_code == 404
    assert client.get(reverse("api-letter-pdf", args=[awarded_claim.pk])).status_code == 404
    assert client.get(reverse("api-letter", args=[awarded_claim.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, awarded_claim):
    issue_letter(awarded_claim.pk)
    response = client.get(reverse("letters:download", args=[awarded_claim.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get(reverse("api-letter-pdf", args=[awarded_claim.pk])).status_code in (401, 403)


def test_staff_download_but_not_when_conflicted(client, awarded_claim):
    from applications.models import ConflictOfInterest

    issue_letter(awarded_claim.pk)
    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    assert client.get(reverse("letters:download", args=[awarded_claim.pk])).status_code == 200
    ConflictOfInterest.objects.create(reviewer=reviewer, enterprise=awarded_claim.enterprise, reason="亲属任职")
    assert client.get(reverse("letters:download", args=[awarded_claim.pk])).status_code == 404


def test_no_letter_yet_is_404(client, awarded_claim):
    client.force_login(ApplicantFactory(enterprise=awarded_claim.enterprise))
    assert client.get(reverse("letters:download", args=[awarded_claim.pk])).status_code == 404


def test_api_letter_metadata(client, awarded_claim):
    letter, _ = issue_letter(awarded_claim.pk)
    client.force_login(ApplicantFactory(enterprise=awarded_claim.enterprise))
    body = client.get(reverse("api-letter", args=[awarded_claim.pk])).json()
    assert body["reference"] == letter.reference and body["sha256"] == letter.sha256 and body["size"] == letter.size
    pdf = client.get(body["download_url"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_letters_api_in_openapi_schema(client):
    client.force_login(ReviewerFactory())
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for p in ("/api/letters/claims/{claim_pk}/", "/api/letters/claims/{claim_pk}/pdf/", "/api/letters/jobs/",
              "/api/letters/jobs/{id}/", "/api/letters/jobs/{id}/retry/"):
        assert p in paths, p
