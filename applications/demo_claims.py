"""Demo claims of the demo enterprises: drafts, submitted and returned claims with evidence.

Idempotent (a claim is recognised by its enterprise, item and title). The evidence files are
small PDF and PNG files generated here, so the demo needs no fixtures on disk.
"""

import hashlib
import struct
import zlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from applications.models import Claim, ClaimSubmission, Document, Enterprise, Notification
from applications.models.claims import ClaimStatus
from applications.services.documents import required_documents
from applications.services.workflow import record_event, transition


def tiny_pdf(text: str = "Evidence") -> bytes:
    """A valid one-page PDF (ASCII text) with a correct cross-reference table."""
    safe = "".join(c for c in str(text) if 32 <= ord(c) < 127 and c not in "()\\") or "Evidence"
    stream = f"BT /F1 18 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_png(width: int = 24, height: int = 16, rgb=(179, 32, 42)) -> bytes:
    """A valid solid-colour PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


# enterprise USCC prefix (first 17), item, title, facts, final state, return message
DEMO_CLAIMS = [
    (
        "91440106MA5CXXXX",
        "M5",
        "多模态大模型研发（2025年度研发投入）",
        {"registered_in_tianhe": True, "cac_algorithm_filed": True, "rd_investment": "86000000", "prev_rd_investment": "52000000"},
        ClaimStatus.SUBMITTED,
        "",
    ),
    (
        "91440106MA5CXXXX",
        "M8",
        "智算中心算力采购",
        {"registered_in_tianhe": True, "ai_enterprise": True, "compute_transaction_amount": "12500000"},
        ClaimStatus.DRAFT,
        "",
    ),
    (
        "91440106MA5CYYYY",
        "M6",
        "与华南理工大学共建大模型数据实验室",
        {
            "registered_in_tianhe": True, "above_scale": True, "ai_enterprise": True, "ai_llm_field": True,
            "paid_to_institutions": "3800000",
        },
        ClaimStatus.RETURNED,
        "请补充向高校支付款项的银行回单（目前只上传了合同），并核对实到金额是否含税。",
    ),
    (
        "91440106MA5C8K8K",
        "M9A",
        "A轮融资风险投资补贴",
        {"registered_in_tianhe": True, "ai_enterprise": True, "vc_investment_prev_year": "30000000"},
        ClaimStatus.SUBMITTED,
        "",
    ),
]


def _attach(claim: Claim, user, codes=None) -> None:
    for i, req in enumerate(required_documents(claim)):
        if codes is not None and req.code not in codes:
            continue
        if Document.objects.filter(claim=claim, code=req.code).exists():
            continue
        if i % 2:
            content, name, mime = tiny_png(), f"{req.name}.png", "image/png"
        else:
            content, name, mime = tiny_pdf(f"{claim.number} {req.code}"), f"{req.name}.pdf", "application/pdf"
        doc = Document(
            claim=claim, code=req.code, version=1, is_current=True, original_name=name, content_type=mime,
            size=len(content), sha256=hashlib.sha256(content).hexdigest(), uploaded_by=user,
        )
        doc.file.save("demo", ContentFile(content), save=False)
        doc.save()


def _submit(claim: Claim, user) -> None:
    from applications.services.facts import evaluate_claim

    def apply(locked):
        result = evaluate_claim(locked, verified=False)
        locked.result = result.to_dict()
        locked.computed_amount = result.amount
        locked.submitted_at = timezone.now()
        seq = locked.submissions.count() + 1
        ClaimSubmission.objects.create(
            claim=locked, sequence=seq, facts=dict(locked.facts), title=locked.title, project_ref=locked.project_ref,
            estimated_amount=result.amount, submitted_by=user,
        )
        return {"sequence": seq, "estimated_amount": f"{result.amount:f}"}

    transition(claim, "submit", user, apply=apply, notify=False, check_permission=False)


@transaction.atomic
def seed_claims() -> list[Claim]:
    """Give the demo enterprises a few claims (see ``DEMO_CLAIMS``); existing ones are left alone."""
    from subsidies.selectors import current_guideline

    guideline = current_guideline()
    if guideline is None:
        return []
    reviewer = User.objects.filter(role=Role.REVIEWER).order_by("pk").first()
    made = []
    for prefix, code, title, facts, state, message in DEMO_CLAIMS:
        enterprise = Enterprise.objects.filter(uscc__startswith=prefix).first()
        user = User.objects.filter(enterprise=enterprise, role=Role.APPLICANT).order_by("pk").first() if enterprise else None
        if enterprise is None or user is None:
            continue
        if Claim.objects.filter(enterprise=enterprise, item_id=code, title=title).exists():
            continue
        claim = Claim.objects.create(
            enterprise=enterprise, item_id=code, guideline=guideline, year=guideline.year, status=ClaimStatus.DRAFT,
            title=title, facts=facts, created_by=user,
        )
        record_event(claim, "create", user, to_status=ClaimStatus.DRAFT, message="创建申报草稿")
        if state == ClaimStatus.DRAFT:
            _attach(claim, user, codes={"business_licence"})
        else:
            _attach(claim, user)
            _submit(claim, user)
            if state == ClaimStatus.RETURNED and reviewer is not None:
                Claim.objects.filter(pk=claim.pk).update(first_assignee=reviewer)

                def set_message(locked, message=message):
                    locked.return_message = message
                    return None

                transition(claim, "return", reviewer, message=message, apply=set_message, notify=False, check_permission=False)
                Notification.objects.create(
                    user=user, claim=claim, title=f"您的申报 {claim.number}（{claim.item.name}）：退回补正",
                    body=f"当前状态：退回补正。\n{message}", url=reverse("applicant:claim_detail", args=[claim.pk]),
                )
        claim.refresh_from_db()
        made.append(claim)
    return made


__all__ = ["DEMO_CLAIMS", "seed_claims", "tiny_pdf", "tiny_png"]
