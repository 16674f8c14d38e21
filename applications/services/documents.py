"""Evidence: the checklist from the guideline, uploads checked by content, versions kept.

Accepted: PDF, JPEG and PNG, recognised from the bytes (``filetype``; a PDF must also start with
``%PDF``), never from the name; at most ``settings.MAX_DOCUMENT_BYTES``. The original name is kept
for display only (any path removed); the file is stored under a generated name in private
storage and served only by ``views.applicant.document_download`` after ``permissions.can``.
"""

import hashlib
import os
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from applications.models import Claim, Document
from applications.services.workflow import transition
from subsidies.models import RequiredDocument

ACCEPTED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def required_documents(claim: Claim):
    return RequiredDocument.objects.filter(guideline_id=claim.guideline_id, item_id=claim.item_id).order_by("order", "id")


def missing_documents(claim: Claim) -> list[RequiredDocument]:
    have = set(Document.objects.filter(claim=claim, is_current=True).values_list("code", flat=True))
    return [d for d in required_documents(claim) if d.required and d.code not in have]


def clean_filename(name: str) -> str:
    """The name to display: no directories (``../``, ``C:\\``), no control characters, ≤ 150 chars."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"^\.+", "", name).strip()
    if not name:
        name = "file"
    if len(name) > 150:
        stem, ext = os.path.splitext(name)
        name = stem[: 150 - len(ext)] + ext
    return name


def sniff(head: bytes) -> str | None:
    """The accepted content type of these first bytes, or None."""
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime == "application/pdf" and not head.startswith(b"%PDF"):
        return None
    return mime if mime in ACCEPTED else None


def check_upload(uploaded) -> str:
    """Return the content type, or raise ValidationError saying why the file is refused."""
    limit = settings.MAX_DOCUMENT_BYTES
    size = getattr(uploaded, "size", None) or 0
    if size > limit:
        raise ValidationError(
            _("文件“%(name)s”有 %(size).1f MB，超过了 %(limit)d MB 的上限，请压缩或拆分后再上传。")
            % {"name": clean_filename(uploaded.name), "size": size / 1024 / 1024, "limit": limit // (1024 * 1024)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("文件是空的，请重新选择。"), code="empty")
    uploaded.seek(0)
    head = uploaded.read(262)
    uploaded.seek(0)
    mime = sniff(head)
    if mime is None:
        raise ValidationError(
            _("文件“%(name)s”不是 PDF、JPG 或 PNG 文件（系统按文件内容识别，不看扩展名），请转换格式后再上传。")
            % {"name": clean_filename(uploaded.name)},
            code="file_type",
        )
    return mime


def upload_document(user, claim: Claim, code: str, uploaded) -> Document:
    """Add a file (a new version if one exists) to the claim's checklist item ``code``."""
    codes = dict(required_documents(claim).values_list("code", "name"))
    if code not in codes:
        raise ValidationError({"code": [_("本事项的材料清单中没有此项材料。")]})
    mime = check_upload(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    created: dict = {}

    def apply(locked: Claim):
        last = Document.objects.filter(claim=locked, code=code).aggregate(v=Max("version"))["v"] or 0
        Document.objects.filter(claim=locked, code=code, is_current=True).update(is_current=False)
        doc = Document(
            claim=locked,
            code=code,
            version=last + 1,
            is_current=True,
            original_name=clean_filename(uploaded.name),
            content_type=mime,
            size=uploaded.size,
            sha256=digest.hexdigest(),
            uploaded_by=user,
        )
        doc.file.save(f"upload.{ACCEPTED[mime]}", uploaded, save=False)
        try:
            doc.save()
        except Exception:
            doc.file.delete(save=False)
            raise
        created["doc"] = doc
        return {"document": codes[code], "version": doc.version, "name": doc.original_name}

    transition(claim, "upload", user, apply=apply, notify=False, message=_("上传材料：%(name)s") % {"name": codes[code]})
    return created["doc"]
